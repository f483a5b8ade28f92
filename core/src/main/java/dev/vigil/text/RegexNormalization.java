package dev.vigil.text;

import dev.vigil.internal.IntBuffer;
import dev.vigil.internal.PerThread;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link RegexClassifier} reads normalized text: its per-thread reader (the normalized form of the
 * field at hand, shared through {@link NormalizedText#remembered}), and the build-time tests that decide
 * which of the plain path's scans still hold over the normalized form.
 */
final class RegexNormalization {
  private RegexNormalization() {}

  /** The prefilter's finds in the original text, as (start, end) pairs. */
  static final class OriginalHits implements HitHandler {
    final IntBuffer pairs = new IntBuffer(16);

    @Override
    public void onHit(int term, int start, int end) {
      pairs.add(start, end);
    }
  }

  /**
   * Whether {@code reading} turns an ASCII text into the same text lower-cased, whitespace aside (a run
   * may become one space): then a piece of a literal without whitespace occurs in the normalized form of
   * an ASCII text exactly where it occurs in the text, ignoring case.
   */
  static boolean readsAsciiLowerCased(Normalizer reading) {
    if (!reading.isPerCodePoint()) {
      return false;
    }
    FoldTable table = reading.table();
    for (int c = 0; c < 0x80; c++) {
      int f = table.fold(c);
      if (CharClass.isWhitespace(c) ? f != c : f != Character.toLowerCase(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The scan for the longest piece without whitespace of each literal, or null when a literal is not
   * ASCII or has no piece of two chars. Every match holds a literal, so it holds that literal's piece,
   * and the windows around the pieces found hold every match; a field of ASCII chars without any piece
   * has no match.
   */
  static @Nullable AsciiLiteralScan asciiPieces(List<String> literals) {
    List<String> pieces = new ArrayList<>();
    for (String literal : literals) {
      String longest = "";
      int start = 0;
      for (int i = 0; i <= literal.length(); i++) {
        if (i == literal.length() || CharClass.isWhitespace(literal.charAt(i))) {
          if (i - start > longest.length()) {
            longest = literal.substring(start, i);
          }
          start = i + 1;
        }
      }
      if (!pieces.contains(longest)) {
        pieces.add(longest);
      }
    }
    return AsciiLiteralScan.of(pieces, true);
  }

  /**
   * Whether every literal reads the same after normalization: then a literal in the normalized text is
   * a hit of the term matcher with that normalizer on the original. A literal the normalized form can
   * never hold as written (upper case under case folding) drops the prefilter, which stays safe.
   */
  static boolean fixedUnder(Normalizer reading, List<String> literals) {
    for (String literal : literals) {
      if (!reading.normalize(literal).equals(literal)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A thread's reader of normalized text: the cursor, the normalized form of the field at hand and the
   * prefilter's finds in the original.
   */
  static final class Reader extends PerThread.Reusable implements NormalizedText.Filler {
    final Normalizer reading;
    final NormalizingCursor cursor;
    /** The normalized form of the field at hand (after {@link #form}). */
    @Nullable NormalizedText text;
    final OriginalHits hits = new OriginalHits();
    /** For a normalizer of per-code-point stages, its table (folded in one loop); else null. */
    final @Nullable FoldTable table;
    final boolean whitespace;
    final boolean asciiLowerCases;

    Reader(Normalizer reading) {
      this.reading = reading;
      this.cursor = reading.cursor();
      this.table = reading.isPerCodePoint() ? reading.table() : null;
      this.whitespace = reading.foldsWhitespace();
      this.asciiLowerCases = readsAsciiLowerCased(reading);
    }

    /**
     * The normalized form of {@code original}, from the thread's memo when another regex with the same
     * normalizer read the same text (a policy's regexes read each field in turn), else filled now.
     */
    NormalizedText form(String original) {
      NormalizedText form = NormalizedText.remembered(original, reading, this);
      text = form;
      return form;
    }

    @Override
    public void fill(NormalizedText target, String original) {
      if (table != null) {
        target.fillFolded(table, whitespace, asciiLowerCases, original);
      } else {
        target.fill(cursor, original);
      }
    }
  }
}
