package dev.vigil.text;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The normalized form of one text, as chars a regular expression engine can read, with each char's
 * span in the original text. Filled once per field and normalizer by the regexes that run over
 * normalized text, and remembered per thread ({@link #remembered}); it allocates only to grow.
 *
 * <p>Each normalized unit is one code point (one or two chars); both chars of a pair carry the unit's
 * span. A match {@code [s, e)} of the normalized chars covers the original {@code [from(s), to(e - 1))}:
 * whole original characters, so evidence never cuts a character that folded into several
 * ({@code ß}, {@code ﬁ}) or a letter from its stripped accents.
 */
final class NormalizedText implements CharSequence {
  /** Texts up to this long have their normalized forms remembered per thread (see {@link #remembered}). */
  static final int MAX_REMEMBERED_CHARS = 16_384;

  /** Fills a normalized text with the normalized form of a text. */
  interface Filler {
    void fill(NormalizedText target, String original);
  }

  /**
   * The normalized form of {@code original} by {@code reading}, filled by {@code filler} unless this
   * thread filled it for the same text (by identity) and normalizer lately: each of a policy's regexes
   * with one normalizer then reads a field's normalized form without normalizing it again. The form
   * returned is valid until the thread's next call. Texts over {@link #MAX_REMEMBERED_CHARS} chars are
   * not remembered, so a thread never keeps a large text alive.
   */
  static NormalizedText remembered(String original, Normalizer reading, Filler filler) {
    Memo m = MEMO.get();
    for (int i = 0; i < Memo.SIZE; i++) {
      if (m.texts[i] == original && m.readers[i] == reading) {
        return m.forms[i];
      }
    }
    int i = m.next;
    m.next = (i + 1) % Memo.SIZE;
    boolean remember = original.length() <= MAX_REMEMBERED_CHARS;
    m.texts[i] = remember ? original : null;
    m.readers[i] = remember ? reading : null;
    filler.fill(m.forms[i], original);
    return m.forms[i];
  }

  /** The last few normalized forms a thread filled; the oldest is replaced first. */
  private static final class Memo {
    static final int SIZE = 4;
    final String[] texts = new String[SIZE];
    final Normalizer[] readers = new Normalizer[SIZE];
    final NormalizedText[] forms = {new NormalizedText(), new NormalizedText(), new NormalizedText(),
        new NormalizedText()};
    int next;
  }

  private static final ThreadLocal<Memo> MEMO = ThreadLocal.withInitial(Memo::new);

  private char[] chars = new char[256];
  private int[] from = new int[256];
  private int[] to = new int[256];
  private int length;
  /**
   * When the normalized form is the original lower-cased char for char (an ASCII text without runs of
   * whitespace, under a normalizer that only lower-cases ASCII): the original, read through; else null.
   */
  private @Nullable String lowerCased;

  /** While filling: a run of whitespace units not written yet (one space when it ends), or -1. */
  private int runStart = -1;
  private int runEnd;

  /** Fills this with the normalized form of {@code text} read by {@code cursor}. */
  void fill(NormalizingCursor cursor, String text) {
    lowerCased = null;
    cursor.reset(text);
    int n = 0;
    while (cursor.next()) {
      n = append(n, cursor.codePoint(), cursor.start(), cursor.end());
    }
    length = n;
  }

  /**
   * Fills this as {@link #fill} does for a normalizer of per-code-point stages only (see
   * {@link Normalizer#isPerCodePoint()}), folding in one loop instead of through the cursor's queues:
   * the same units (the property tests check it against {@link Normalizer#units}), a few times faster.
   * With {@code asciiLowerCases} (the normalizer folds each ASCII char but whitespace to its lower case,
   * and whitespace to itself), a text that reads as itself lower-cased is not copied at all.
   */
  void fillFolded(FoldTable fold, boolean whitespace, boolean asciiLowerCases, String text) {
    if (asciiLowerCases && readsAsLowerCased(text, whitespace)) {
      // Most texts: nothing to copy, offsets are the original's.
      lowerCased = text;
      length = text.length();
      return;
    }
    lowerCased = null;
    runStart = -1;
    int n = 0;
    int len = text.length();
    int pos = 0;
    while (pos < len) {
      int s = pos;
      int c = text.codePointAt(pos);
      pos += Character.charCount(c);
      int f = fold.fold(c);
      if (f == FoldTable.DROP) {
        continue;
      }
      // Combining marks that fold to nothing extend the unit before them, as in the cursor (none is
      // below U+0300, so most chars skip the test).
      while (pos < len && text.charAt(pos) >= 0x300) {
        int m = text.codePointAt(pos);
        if (fold.fold(m) == FoldTable.DROP && CharClass.isNonSpacingOrEnclosingMark(m)) {
          pos += Character.charCount(m);
        } else {
          break;
        }
      }
      if (f >= 0) {
        n = unit(n, f, s, pos, whitespace);
      } else {
        for (int u : fold.expansion(f)) {
          n = unit(n, u, s, pos, whitespace);
        }
      }
    }
    if (runStart >= 0) {
      n = append(n, ' ', runStart, runEnd);
    }
    length = n;
  }

  /**
   * Writes unit {@code u} of span {@code [start, end)} at char {@code n}, or (with the whitespace stage)
   * adds a whitespace unit to the pending run; the next char's index.
   */
  private int unit(int n, int u, int start, int end, boolean whitespace) {
    if (whitespace && CharClass.isWhitespace(u)) {
      if (runStart < 0) {
        runStart = start;
      }
      runEnd = end;
      return n;
    }
    if (runStart >= 0) {
      n = append(n, ' ', runStart, runEnd);
      runStart = -1;
    }
    return append(n, u, start, end);
  }

  /**
   * Whether {@code text} is ASCII and, with the whitespace stage, its only whitespace is single spaces:
   * then its normalized form (by a normalizer that lower-cases ASCII) is it lower-cased, char for char.
   */
  private static boolean readsAsLowerCased(String text, boolean whitespace) {
    boolean space = false;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c > ' ') { // ASCII whitespace is all at or below the space
        if (c >= 0x80) {
          return false;
        }
        space = false;
      } else if (whitespace && CharClass.isWhitespace(c)) {
        if (c != ' ' || space) {
          return false;
        }
        space = true;
      } else {
        space = false;
      }
    }
    return true;
  }

  /** Whether this is the original lower-cased, char for char, at the same offsets. */
  boolean isLowerCasedView() {
    return lowerCased != null;
  }

  /** Writes unit {@code cp} with span {@code [start, end)} at char {@code n}; the next char's index. */
  private int append(int n, int cp, int start, int end) {
    if (n + 2 > chars.length) {
      grow(n + 2);
    }
    if (Character.isBmpCodePoint(cp)) {
      chars[n] = (char) cp;
      from[n] = start;
      to[n] = end;
      return n + 1;
    }
    chars[n] = Character.highSurrogate(cp);
    chars[n + 1] = Character.lowSurrogate(cp);
    from[n] = from[n + 1] = start;
    to[n] = to[n + 1] = end;
    return n + 2;
  }

  private void grow(int needed) {
    int size = Math.max(needed, chars.length * 2);
    chars = Arrays.copyOf(chars, size);
    from = Arrays.copyOf(from, size);
    to = Arrays.copyOf(to, size);
  }

  /** Where normalized char {@code i} starts in the original text. */
  int from(int i) {
    return lowerCased != null ? i : from[i];
  }

  /** Where normalized char {@code i} ends in the original text (exclusive). */
  int to(int i) {
    return lowerCased != null ? i + 1 : to[i];
  }

  /**
   * The first normalized char that comes from original index {@code offset} or later ({@link #length()}
   * when none): where a span of the original that starts (or ends) at {@code offset} starts (or ends)
   * in the normalized form.
   */
  int indexAt(int offset) {
    if (lowerCased != null) {
      return Math.min(offset, length);
    }
    int lo = 0;
    int hi = length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (from[mid] < offset) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Whether the normalized chars hold {@code k} ASCII digits in a row. */
  boolean hasDigitRun(int k) {
    int run = 0;
    for (int i = 0; i < length; i++) {
      run = (char) (charAt(i) - '0') <= 9 ? run + 1 : 0;
      if (run >= k) {
        return true;
      }
    }
    return false;
  }

  /** Whether normalized index {@code i} falls between the two chars of a surrogate pair. */
  boolean splitsPair(int i) {
    return lowerCased == null && i > 0 && i < length && Character.isHighSurrogate(chars[i - 1])
        && Character.isLowSurrogate(chars[i]);
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public char charAt(int index) {
    String lower = lowerCased;
    if (lower != null) {
      char c = lower.charAt(index);
      return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
    if (index >= length) {
      throw new IndexOutOfBoundsException(index);
    }
    return chars[index];
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return toString().substring(start, end);
  }

  @Override
  public String toString() {
    return lowerCased != null ? lowerCased.toLowerCase(java.util.Locale.ROOT)
        : new String(chars, 0, length);
  }
}
