package dev.vigil.text;

/**
 * What {@link TextFeatures}' features ask of a char, by tables built once from {@code Character}'s
 * answers for every char of the Basic Multilingual Plane: its case ({@link #CASES}) and its classes
 * ({@link #CLASSES}, bits such as {@link #LETTER} and {@link #DIGIT}); code points outside the plane are
 * asked through {@link #caseOf} and {@link #classesOf}. The tables are read on the scoring path and
 * never written after they are built.
 */
final class FeatureChars {
  private FeatureChars() {}

  static final byte UPPER = 1;
  static final byte LOWER = 2;
  /**
   * Per char of the Basic Multilingual Plane: {@link #UPPER} (upper or title case), {@link #LOWER},
   * or 0, as {@link #caseOf}. Why a table: shouting reads every char of every post, and through
   * {@code Character}'s three tests per char its speed hung on the compiler inlining them; in about
   * one JVM in four it did not, and a whole policy ran at half its speed (and allocated 48 bytes more
   * per call), which is what the runs of {@code vigil bench} on one policy showed.
   */
  static final byte[] CASES = cases();

  private static byte[] cases() {
    byte[] t = new byte[0x10000];
    for (int c = 0; c < t.length; c++) {
      t[c] = caseOf(c);
    }
    return t;
  }

  /** The case of a code point: upper (or title), lower, or neither, by {@code Character}. */
  static byte caseOf(int cp) {
    if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
      return UPPER;
    }
    return Character.isLowerCase(cp) ? LOWER : 0;
  }

  /** The case of a char by the table {@code TextFeature.shouting} reads (for the test that checks it). */
  static byte tableCase(char c) {
    return CASES[c];
  }

  // What the other features ask of a char, as bits of CLASSES.
  static final int LETTER = 1;
  static final int MARK = 2; // a non-spacing mark
  static final int INVISIBLE = 4; // as the normalizers' invisibles stage
  static final int LATIN = 8; // a letter of the Latin script
  static final int LOOKALIKE = 16; // a letter of a script with Latin look-alikes
  static final int DIGIT = 32;
  static final int SPACE = 64; // Character.isWhitespace

  /**
   * Per char of the Basic Multilingual Plane: its {@link #classesOf} bits. Why a table: the features
   * read every char of every post, and through {@code Character} they cost 5 to 30 ns a char (a
   * script is a binary search over Unicode's ranges), several times a whole policy's scan; and, as
   * for {@link #CASES}, their speed hung on what the compiler inlined.
   */
  static final byte[] CLASSES = classTable();

  private static byte[] classTable() {
    byte[] t = new byte[0x10000];
    for (int c = 0; c < t.length; c++) {
      t[c] = (byte) classesOf(c);
    }
    return t;
  }

  /** The {@link #CLASSES} bits of a code point, by {@code Character} and the invisibles' list. */
  static int classesOf(int cp) {
    int k = 0;
    if (Character.isLetter(cp)) {
      k |= LETTER;
      Character.UnicodeScript s = Character.UnicodeScript.of(cp);
      k |= s == Character.UnicodeScript.LATIN ? LATIN : 0;
      k |= s == Character.UnicodeScript.CYRILLIC || s == Character.UnicodeScript.GREEK
          || s == Character.UnicodeScript.ARMENIAN || s == Character.UnicodeScript.CHEROKEE
          ? LOOKALIKE : 0;
    }
    k |= Character.getType(cp) == Character.NON_SPACING_MARK ? MARK : 0;
    k |= FoldTable.isInvisible(cp) ? INVISIBLE : 0;
    k |= Character.isDigit(cp) ? DIGIT : 0;
    k |= Character.isWhitespace(cp) ? SPACE : 0;
    return k;
  }

  /** The classes of a char by the table the features read (for the test that checks it). */
  static int tableClasses(char c) {
    return CLASSES[c];
  }

  /** Pictographic emoji: the main emoji blocks and the dingbats and symbols that render as emoji. */
  static boolean isEmoji(int cp) {
    return cp >= 0x1F300 && cp <= 0x1FAFF || cp >= 0x1F000 && cp <= 0x1F2FF
        || cp >= 0x2600 && cp <= 0x27BF || cp >= 0x2B00 && cp <= 0x2BFF;
  }
}
