package dev.vigil.text;

/**
 * Which code points count as word characters for boundary checks: letters, marks, decimal digits and
 * connector punctuation, except letters of scripts written without spaces. Precomputed for planes 0 and
 * 1.
 */
final class WordChars {
  private static final int SIZE = 0x20000;
  private static final long[] WORD = new long[SIZE / 64];
  private static final long[] NO_SPACE = new long[SIZE / 64];

  static {
    for (int cp = 0; cp < SIZE; cp++) {
      if (isNoSpaceScript(cp)) {
        NO_SPACE[cp >>> 6] |= 1L << cp;
      } else if (compute(cp)) {
        WORD[cp >>> 6] |= 1L << cp;
      }
    }
  }

  private WordChars() {}

  /** Whether {@code cp} is a word character for boundary checks. */
  public static boolean isWord(int cp) {
    if (cp < SIZE) {
      return (WORD[cp >>> 6] & (1L << cp)) != 0;
    }
    return !isNoSpaceScript(cp) && compute(cp);
  }

  /** Whether {@code cp} is a letter of a script written without spaces. */
  public static boolean isNoSpace(int cp) {
    if (cp < SIZE) {
      return (NO_SPACE[cp >>> 6] & (1L << cp)) != 0;
    }
    return isNoSpaceScript(cp);
  }

  private static boolean compute(int cp) {
    int type = Character.getType(cp);
    return Character.isLetter(cp) || type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK
        || type == Character.DECIMAL_DIGIT_NUMBER || type == Character.CONNECTOR_PUNCTUATION;
  }

  private static boolean isNoSpaceScript(int cp) {
    if (!Character.isLetter(cp) && Character.getType(cp) != Character.NON_SPACING_MARK
        && Character.getType(cp) != Character.COMBINING_SPACING_MARK) {
      return false;
    }
    Character.UnicodeScript s = Character.UnicodeScript.of(cp);
    return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
        || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.THAI
        || s == Character.UnicodeScript.LAO || s == Character.UnicodeScript.KHMER
        || s == Character.UnicodeScript.MYANMAR || s == Character.UnicodeScript.TIBETAN;
  }
}
