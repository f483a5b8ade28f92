package dev.vigil.internal;

import org.jspecify.annotations.Nullable;

/**
 * Invisible characters (zero-width spaces and joiners, soft hyphens, bidi controls, variation selectors,
 * tags), and texts with them taken out, so that scanners that read structure (links, e-mail addresses,
 * phone numbers) see "paypal\u200B.com" as the reader does. Not API.
 */
public final class Invisibles {
  private Invisibles() {}

  /** Whether {@code cp} is invisible: removed by the normalizers' invisibles stage and by {@link #strip}. */
  public static boolean isInvisible(int cp) {
    if (cp < 0xAD) {
      return false;
    }
    return cp == 0x00AD || cp == 0x034F || cp == 0x061C || cp == 0x115F || cp == 0x1160
        || cp == 0x17B4 || cp == 0x17B5 || (cp >= 0x180B && cp <= 0x180F)
        || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E)
        || (cp >= 0x2060 && cp <= 0x206F) || cp == 0x3164 || (cp >= 0xFE00 && cp <= 0xFE0F)
        || cp == 0xFEFF || cp == 0xFFA0 || (cp >= 0xFFF0 && cp <= 0xFFF8)
        || (cp >= 0x1BCA0 && cp <= 0x1BCA3) || (cp >= 0x1D173 && cp <= 0x1D17A)
        || (cp >= 0xE0000 && cp <= 0xE0FFF);
  }

  /** The index of the first invisible character in {@code text}, or -1: one pass, no allocation. */
  public static int first(String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c < 0xAD) {
        continue;
      }
      int cp = Character.isHighSurrogate(c) ? text.codePointAt(i) : c;
      if (isInvisible(cp)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * {@code text} without its invisible characters and where each remaining char came from, or null when
   * it has none (the common case, which allocates nothing).
   */
  public static @Nullable Stripped strip(String text) {
    int first = first(text);
    if (first < 0) {
      return null;
    }
    StringBuilder sb = new StringBuilder(text.length());
    int[] origin = new int[text.length()];
    sb.append(text, 0, first);
    for (int i = 0; i < first; i++) {
      origin[i] = i;
    }
    int n = first;
    for (int i = first; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int len = Character.charCount(cp);
      if (!isInvisible(cp)) {
        for (int k = 0; k < len; k++) {
          sb.append(text.charAt(i + k));
          origin[n++] = i + k;
        }
      }
      i += len;
    }
    return new Stripped(text, sb.toString(), origin);
  }

  /** A text without its invisible characters. */
  public static final class Stripped {
    private final String original;
    private final String text;
    private final int[] origin;

    private Stripped(String original, String text, int[] origin) {
      this.original = original;
      this.text = text;
      this.origin = origin;
    }

    /** The text without invisible characters. */
    public String text() {
      return text;
    }

    /** Where the span {@code [start, end)} of {@link #text()} starts in the original. */
    public int start(int start) {
      return origin[start];
    }

    /** Where the span ending at {@code end} of {@link #text()} (exclusive) ends in the original. */
    public int end(int end) {
      return end == 0 ? 0 : origin[end - 1] + 1;
    }

    /** Whether invisible characters were removed inside the span {@code [start, end)}. */
    public boolean removedWithin(int start, int end) {
      return end - start != end(end) - start(start);
    }

    /** The original text of the span {@code [start, end)} of {@link #text()}. */
    public String originalText(int start, int end) {
      return original.substring(start(start), end(end));
    }
  }
}
