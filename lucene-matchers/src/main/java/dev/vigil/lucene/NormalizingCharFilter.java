package dev.vigil.lucene;

import dev.vigil.text.Normalizer;
import java.io.IOException;
import java.io.Reader;
import org.apache.lucene.analysis.charfilter.BaseCharFilter;

/**
 * Applies core's {@link Normalizer} before the tokenizer, with offset corrections, so that tokens are
 * found in normalized text ("f\u200Buck" is one token, "ＦＵＣＫ" is "fuck") while their offsets still
 * point into the original text. Invisible characters would otherwise split tokens.
 */
final class NormalizingCharFilter extends BaseCharFilter {
  private final Normalizer normalizer;
  private String normalized;
  private int position;

  NormalizingCharFilter(Reader in, Normalizer normalizer) {
    super(in);
    this.normalizer = normalizer;
  }

  private void fill() throws IOException {
    StringBuilder original = new StringBuilder();
    char[] buffer = new char[4096];
    int n;
    while ((n = input.read(buffer)) > 0) {
      original.append(buffer, 0, n);
    }
    String text = original.toString();
    StringBuilder out = new StringBuilder(text.length());
    int lastDiff = 0;
    for (Normalizer.Unit u : normalizer.units(text)) {
      int outputOffset = out.length();
      int diff = u.start() - outputOffset;
      if (diff != lastDiff) {
        addOffCorrectMap(outputOffset, diff);
        lastDiff = diff;
      }
      // A run merged by the repeat stage ("fuuuck") is one letter of the normalized text.
      out.appendCodePoint(u.codePoint());
    }
    // Past the last unit, offsets map to the end of the original text.
    int end = out.length();
    if (text.length() - end != lastDiff) {
      addOffCorrectMap(end, text.length() - end);
    }
    normalized = out.toString();
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    if (normalized == null) {
      fill();
    }
    if (position >= normalized.length()) {
      return -1;
    }
    int n = Math.min(len, normalized.length() - position);
    normalized.getChars(position, position + n, cbuf, off);
    position += n;
    return n;
  }
}
