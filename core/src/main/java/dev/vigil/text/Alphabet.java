package dev.vigil.text;

import java.util.Arrays;

/**
 * The symbols of a {@link TermMatcher}: its automaton's transitions are on symbols, not code points, so
 * that a state's row is as long as the number of distinct code points the normalized terms use, plus
 * two. Symbol {@link #OTHER} stands for every code point of no term that is not a word char, {@link
 * #OTHER_WORD} for the word chars of no term (so that a scan knows, from the symbol alone, whether a
 * whole-word term may end before it); the terms' code points get 2, 3, ... in code point order.
 *
 * <p>Immutable; built once per matcher by {@link PatternSet}.
 */
final class Alphabet {
  /** The symbol of every code point of no term that is not a word char. */
  static final int OTHER = 0;
  /** The symbol of every word char of no term. */
  static final int OTHER_WORD = 1;

  private final char[] bmpSymbol = new char[0x10000];
  private final int[] supplementaryCodePoints; // sorted
  private final int[] supplementarySymbols;
  private final boolean[] isWord;

  /** {@code codePoints}: the distinct normalized code points of the terms, sorted. */
  Alphabet(int[] codePoints) {
    if (codePoints.length + 2 > 0xFFFF) {
      throw new IllegalArgumentException("the terms use " + codePoints.length
          + " distinct normalized characters; at most 65533 are supported");
    }
    isWord = new boolean[codePoints.length + 2];
    isWord[OTHER_WORD] = true;
    int supplementary = 0;
    for (int i = 0; i < codePoints.length; i++) {
      isWord[i + 2] = WordChars.isWord(codePoints[i]);
      if (codePoints[i] < 0x10000) {
        bmpSymbol[codePoints[i]] = (char) (i + 2);
      } else {
        supplementary++;
      }
    }
    supplementaryCodePoints = new int[supplementary];
    supplementarySymbols = new int[supplementary];
    int k = 0;
    for (int i = 0; i < codePoints.length; i++) {
      if (codePoints[i] >= 0x10000) {
        supplementaryCodePoints[k] = codePoints[i];
        supplementarySymbols[k++] = i + 2;
      }
    }
  }

  /** The number of symbols: the terms' code points and the two of other chars. */
  int size() {
    return isWord.length;
  }

  /** The symbol of a normalized code point. */
  int symbol(int cp) {
    int sym;
    if (cp < 0x10000) {
      sym = bmpSymbol[cp];
    } else {
      int k = Arrays.binarySearch(supplementaryCodePoints, cp);
      sym = k >= 0 ? supplementarySymbols[k] : OTHER;
    }
    return sym == OTHER && WordChars.isWord(cp) ? OTHER_WORD : sym;
  }

  /** Whether {@code symbol} stands for word chars. */
  boolean isWord(int symbol) {
    return isWord[symbol];
  }

  /**
   * The word flags by symbol, for the scans' inner loops, which index it directly; the caller must not
   * write to it.
   */
  boolean[] wordFlags() {
    return isWord;
  }
}
