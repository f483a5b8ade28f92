package dev.vigil.text;

/**
 * {@link Character}'s letter, letter-or-digit, whitespace and mark tests, precomputed for the Basic
 * Multilingual Plane: the normalizing cursor asks them several times per char, and through {@code
 * Character} each goes through {@code CharacterData.of} and a property lookup (about two fifths of the
 * {@code aggressive} scan's time when profiled). Same answers as {@code Character} for every code point
 * (beyond the BMP it asks {@code Character}).
 */
final class CharClass {
  private static final int LETTER = 1;
  private static final int LETTER_OR_DIGIT = 2;
  private static final int WHITESPACE = 4;
  private static final int MARK = 8; // non-spacing or enclosing mark
  private static final byte[] BMP = new byte[0x10000];

  static {
    for (int c = 0; c < BMP.length; c++) {
      int type = Character.getType(c);
      BMP[c] = (byte) ((Character.isLetter(c) ? LETTER : 0)
          | (Character.isLetterOrDigit(c) ? LETTER_OR_DIGIT : 0)
          | (Character.isWhitespace(c) ? WHITESPACE : 0)
          | (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK ? MARK : 0));
    }
  }

  private CharClass() {}

  /** {@link Character#isLetter(int)}. */
  public static boolean isLetter(int cp) {
    return cp >= 0 && cp < 0x10000 ? (BMP[cp] & LETTER) != 0 : Character.isLetter(cp);
  }

  /** {@link Character#isLetterOrDigit(int)}. */
  public static boolean isLetterOrDigit(int cp) {
    return cp >= 0 && cp < 0x10000 ? (BMP[cp] & LETTER_OR_DIGIT) != 0 : Character.isLetterOrDigit(cp);
  }

  /** {@link Character#isWhitespace(int)}. */
  public static boolean isWhitespace(int cp) {
    return cp >= 0 && cp < 0x10000 ? (BMP[cp] & WHITESPACE) != 0 : Character.isWhitespace(cp);
  }

  /** Whether {@link Character#getType(int)} is a non-spacing or an enclosing mark. */
  public static boolean isNonSpacingOrEnclosingMark(int cp) {
    if (cp >= 0 && cp < 0x10000) {
      return (BMP[cp] & MARK) != 0;
    }
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK;
  }
}
