package dev.vigil.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The precomputed tests answer as {@link Character} does, for every code point and a few beyond. */
class CharClassTest {

  @Test
  void everyCodePointAsCharacterAnswers() {
    for (int cp = -2; cp <= Character.MAX_CODE_POINT + 2; cp++) {
      int type = Character.getType(cp);
      boolean mark = type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK;
      if (CharClass.isLetter(cp) != Character.isLetter(cp)
          || CharClass.isLetterOrDigit(cp) != Character.isLetterOrDigit(cp)
          || CharClass.isWhitespace(cp) != Character.isWhitespace(cp)
          || CharClass.isNonSpacingOrEnclosingMark(cp) != mark) {
        assertEquals(Character.isLetter(cp) + " " + Character.isLetterOrDigit(cp) + " "
                + Character.isWhitespace(cp) + " " + mark,
            CharClass.isLetter(cp) + " " + CharClass.isLetterOrDigit(cp) + " "
                + CharClass.isWhitespace(cp) + " " + CharClass.isNonSpacingOrEnclosingMark(cp),
            "U+" + Integer.toHexString(cp));
      }
    }
  }
}
