package dev.vigil.text;

/**
 * The table of the {@link ContextualScan}'s plain mode: per UTF-16 char, the symbol of the one unit it
 * becomes where the contextual stages leave it alone, and flags; and the small looks around a char
 * that the plain mode needs (a single letter's neighbours, a leet symbol's, a checkpoint). Static
 * helpers over an {@code int[]} that {@link #of} builds once per matcher.
 */
final class PlainChars {
  /** The char is a letter. */
  static final int LETTER = 1 << 16;
  /** The char is whitespace, merged into one space with the whitespace stage. */
  static final int SPACE = 1 << 17;
  /** The unit's code point is a word char (for boundaries). */
  static final int WORD = 1 << 18;
  /** The plain mode cannot read the char. */
  static final int HOT = 1 << 19;
  /**
   * With HOT: a leet key, which stands for a letter next to one (the plain mode reads it where it
   * does not: then a digit, or a separator).
   */
  static final int KEY = 1 << 22;
  /** With KEY: a key that stands for a letter only between two letters ({@code ! | +}). */
  static final int INNER = 1 << 20;
  /** A digit (a word char, neither letter nor separator). */
  static final int DIGIT = 1 << 23;
  /**
   * Set by the contextual scan, not by {@link #of}: a char its fast gear stops at, and after which it
   * does not shift into it, though the careful loop reads it: a separator that is a word char ({@code
   * _}) or whose symbol letters share (a char of no term is {@link Alphabet#OTHER_WORD} as letters of
   * no term are), so that the states after the separators it reads are those of a word start, and
   * the rows tell a letter from a separator by its symbol.
   */
  static final int STOP = 1 << 24;
  /** A separator that ends a run of them for the separator stage (a line break). */
  static final int BREAK = 1 << 21;
  /** The symbol of the unit (the low 16 bits). */
  static final int SYMBOL = 0xFFFF;

  private PlainChars() {}

  /**
   * What the plain mode makes of each UTF-16 char: {@link #HOT} unless it folds to one code point of
   * the BMP that is a word letter (after an unconditional leet mapping, {@code l} to {@code i}), or a
   * separator that is no leet key, no digit and no mark.
   */
  static int[] of(Normalizer normalizer, Alphabet alphabet) {
    FoldTable fold = normalizer.table();
    int[] leet = normalizer.leetTable();
    boolean whitespace = normalizer.foldsWhitespace();
    int[] table = new int[0x10000];
    int space = alphabet.symbol(' ');
    for (int c = 0; c < table.length; c++) {
      int f = fold.fold(c);
      if (f < 0 || f >= 0x10000 || Character.isSurrogate((char) c)
          || CharClass.isNonSpacingOrEnclosingMark(c) || CharClass.isNonSpacingOrEnclosingMark(f)) {
        table[c] = HOT;
        continue;
      }
      if (leet != null && f < 128 && leet[f] >= 0) {
        if (!CharClass.isLetter(f)) {
          // A digit or symbol that may stand for a letter: it depends on its neighbours.
          boolean inner = f == '!' || f == '|' || f == '+';
          table[c] = HOT | KEY | (inner ? INNER : 0) | (Character.isDigit(f) ? DIGIT : 0)
              | (WordChars.isWord(f) ? WORD : 0) | alphabet.symbol(f);
          continue;
        }
        f = leet[f];
      }
      if (CharClass.isLetter(f)) {
        table[c] = WordChars.isWord(f) ? LETTER | WORD | alphabet.symbol(f) : HOT;
      } else if (CharClass.isLetterOrDigit(f)) {
        table[c] = Character.isDigit(f) && WordChars.isWord(f)
            ? DIGIT | WORD | alphabet.symbol(f) : HOT;
      } else if (whitespace && CharClass.isWhitespace(f)) {
        table[c] = SPACE | space;
      } else {
        table[c] = (WordChars.isWord(f) ? WORD : 0) | alphabet.symbol(f);
      }
      if (f == '\n' || f == '\r') {
        table[c] |= BREAK;
      }
    }
    return table;
  }

  /**
   * Whether the single letter before {@code p} (a separator) may be the first link of a chain that
   * the separator stage joins: whether two more single letters follow it, each after a run of one to
   * three separators (the stage joins chains of three letters or more). It need not look back: the
   * plain mode looks at every single letter it reads, in order, so the link before this one, had
   * there been one, looked already and found too few; and a checkpoint comes after two letters.
   * Conservative: true where a char the plain mode cannot read is in the way.
   */
  static boolean mayChain(String text, int p, int[] table) {
    int next = nextLink(text, p, table);
    return next == MAYBE || next >= 0 && nextLink(text, next, table) != NONE;
  }

  private static final int NONE = -1;
  private static final int MAYBE = -2;

  /**
   * After a single letter, at {@code p}: where the next link of its chain ends (the place after a single
   * letter that a run of one to three separators leads to), {@link #NONE}, or {@link #MAYBE} where a
   * char the plain mode cannot read is in the way.
   */
  private static int nextLink(String text, int p, int[] table) {
    int n = text.length();
    int k = 0;
    while (true) {
      if (p + k >= n) {
        return NONE; // the text ends: no letter follows
      }
      int e = table[text.charAt(p + k)];
      if ((e & HOT) != 0) {
        return MAYBE;
      }
      if ((e & LETTER) != 0) {
        break;
      }
      if ((e & (BREAK | DIGIT)) != 0 || ++k > 3) {
        return NONE; // a line break or a digit, or a run too long to join
      }
    }
    int after = p + k + 1;
    if (after >= n) {
      return after;
    }
    int e = table[text.charAt(after)];
    return (e & HOT) != 0 ? MAYBE : (e & LETTER) == 0 ? after : NONE;
  }

  /**
   * Whether the char at {@code p} may fold to a letter (before the leet stage, which is what a leet key
   * looks at): false at the end and where the table says it does not, true where it does or where the
   * plain mode cannot tell.
   */
  static boolean mayBeLetter(String text, int p, int[] table) {
    if (p >= text.length()) {
      return false;
    }
    int e = table[text.charAt(p)];
    return (e & KEY) == 0 && ((e & HOT) != 0 || (e & LETTER) != 0);
  }

  /** Whether {@code at} is a checkpoint: two plain letters before it and a plain separator there. */
  static boolean isCheckpoint(String text, int at, int[] table) {
    return at >= 2 && at < text.length()
        && (table[text.charAt(at - 2)] & (LETTER | HOT)) == LETTER
        && (table[text.charAt(at - 1)] & (LETTER | HOT)) == LETTER
        && (table[text.charAt(at)] & (LETTER | HOT | DIGIT)) == 0;
  }
}
