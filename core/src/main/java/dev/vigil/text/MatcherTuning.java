package dev.vigil.text;

/**
 * The sizes and thresholds of a {@link TermMatcher}'s build and scans, in one place with the reasons
 * for their defaults. Package-private: users get {@link #DEFAULT}; the tests set small values so that
 * short random inputs reach every path (chunk boundaries, sparse states, the dual scans, the word
 * index's long-word walk), which the defaults reach only with large lists and long texts.
 *
 * @param denseBudget row entries the trie may use for its shallow states, or -1 for the default
 *     budget ({@link Trie})
 * @param chunk chars a long text is read through the per-thread buffer at a time
 * @param shortText texts up to this many chars are scanned straight from the string, without buffers
 *     (fetching the buffer costs more than its array reads save on a chat message); -1 for none
 * @param dualFrom texts read through the buffer from this many chars on are scanned in two halves at
 *     once by a fully dense anchored automaton ({@link AnchoredScan})
 * @param shortDualFrom short texts from this many chars on are cut in two likewise
 * @param wordIndex -1 for the default word index (large lists of whole single words), 0 for none, or
 *     an index of words up to this many symbols whatever the list's size
 */
record MatcherTuning(long denseBudget, int chunk, int shortText, int dualFrom, int shortDualFrom,
    int wordIndex) {
  /**
   * The defaults: the budget by list size; 2,048-char chunks; texts up to 256 chars straight from the
   * string; the dual scan from 4,096 chars on through the buffer, and from 16 straight from the string;
   * the word index for large lists only.
   */
  static final MatcherTuning DEFAULT = new MatcherTuning(-1, 2048, 256, 4096, 16, -1);

  MatcherTuning {
    if (chunk < 1) {
      throw new IllegalArgumentException("chunk must be at least 1 char, got " + chunk);
    }
    if (dualFrom < 1 || shortDualFrom < 1) {
      throw new IllegalArgumentException("dual scans need texts of at least 1 char, got "
          + dualFrom + " and " + shortDualFrom);
    }
    if (wordIndex < -1) {
      throw new IllegalArgumentException("wordIndex must be -1, 0 or a length, got " + wordIndex);
    }
  }

  /** With {@code entries} row entries for the shallow states (-1: the default budget). */
  MatcherTuning denseBudget(long entries) {
    return new MatcherTuning(entries, chunk, shortText, dualFrom, shortDualFrom, wordIndex);
  }

  /** Every text read through a buffer of {@code chars} chars (-1: the default paths). */
  MatcherTuning scanChunk(int chars) {
    return chars < 0
        ? new MatcherTuning(denseBudget, DEFAULT.chunk, DEFAULT.shortText, dualFrom, shortDualFrom,
            wordIndex)
        : new MatcherTuning(denseBudget, chars, -1, dualFrom, shortDualFrom, wordIndex);
  }

  /** Texts of {@code chars} chars or more, buffered or not, cut in two (-1: the defaults). */
  MatcherTuning dualScanFrom(int chars) {
    return chars < 0
        ? new MatcherTuning(denseBudget, chunk, shortText, DEFAULT.dualFrom, DEFAULT.shortDualFrom,
            wordIndex)
        : new MatcherTuning(denseBudget, chunk, shortText, chars, chars, wordIndex);
  }

  /** The word index: -1 for the default, 0 for none, else of words up to {@code maxLength} symbols. */
  MatcherTuning wordIndex(int maxLength) {
    return new MatcherTuning(denseBudget, chunk, shortText, dualFrom, shortDualFrom, maxLength);
  }
}
