package dev.vigil.text;

/**
 * For a {@link WordScan} of a list with phrases: the words that may follow the first word of a phrase
 * after one space, by (the first word's state code, the second word's {@link WordIndex} key), and what
 * the pair is: a whole phrase to report, or the start of longer ones, for the automaton to read on.
 * Second words longer than the index's keys are not here: the scan reads on through the automaton
 * whenever one follows a phrase's first word.
 *
 * <p>Why: a phrase's first word is often among the text's most common ("the", "it", "you"), and most
 * of its occurrences begin no phrase. Reading on through the automaton costs reads of its tables that
 * mostly miss the cache in a large list (the word's row and output record, then a deep state's record
 * for every char of the next word); a lookup here is one read of a small table, after the next word's
 * key is packed from chars the scan has just read, and the two words' own hits come from the word
 * index. Open addressing, at most half full; immutable once built.
 */
final class PhraseIndex {
  /** What {@link #get} returns for a pair that begins no phrase. */
  static final int ABSENT = Integer.MAX_VALUE;
  /** What {@link #get} returns for a pair that the automaton must read on from. */
  static final int READ_ON = Integer.MIN_VALUE;

  // Per slot, two longs: the second word's key (0: empty), then the first word's code (high half)
  // and the value (low half).
  private final long[] table;
  private final int mask;
  /**
   * A bit per pair's hash, 16 bits per pair: most pairs the scan asks about (a common first word and
   * whatever follows it) find their bit clear and are absent without the table's probe, whose branch
   * on an empty slot goes either way in a half-full table. On the benchmark's text (the 127k dictionary
   * with 300 phrases) 88% of the lookups end at the bit, and 3.7% of the absent pairs find theirs set.
   */
  private final long[] filter;
  private final int filterShift;
  /** The phrases' first words longer than the index's keys, by {@link #longWord}; sorted. */
  private final long[] longFirstWords;

  /**
   * An index of the first {@code n} pairs of {@code codes} and {@code words} (no two alike, no word 0),
   * with {@code values}: a term's index (or {@code -1 - index} of an allow entry) for a two-word phrase
   * that nothing longer goes on from, else {@link #READ_ON}; {@code longFirstWords}: the phrases' first
   * words longer than the index's keys, each as {@link #longWord} makes it of the word's packed symbols
   * (the last ones a long holds) and its length.
   */
  PhraseIndex(int[] codes, long[] words, int[] values, int n, long[] longFirstWords) {
    this.longFirstWords = longFirstWords.clone();
    java.util.Arrays.sort(this.longFirstWords);
    int slots = Integer.highestOneBit(Math.max(4, 2 * n - 1)) * 2;
    this.table = new long[2 * slots];
    this.mask = slots - 1;
    int filterBits = (int) Math.min(1L << 30, Long.highestOneBit(Math.max(64L, 16L * n) - 1) * 2);
    this.filter = new long[filterBits >>> 6];
    this.filterShift = 64 - Integer.numberOfTrailingZeros(filterBits);
    for (int i = 0; i < n; i++) {
      if (words[i] == 0 || values[i] == ABSENT) {
        throw new IllegalArgumentException("phrase pair " + i + ": word key " + words[i]
            + ", value " + values[i]);
      }
      int bit = (int) (hash(codes[i], words[i]) >>> filterShift);
      filter[bit >>> 6] |= 1L << bit;
      int at = slot(codes[i], words[i]);
      while (table[2 * at] != 0) {
        at = (at + 1) & mask;
      }
      table[2 * at] = words[i];
      table[2 * at + 1] = (long) codes[i] << 32 | (values[i] & 0xFFFFFFFFL);
    }
  }

  private static long hash(int code, long word) {
    return (word + code) * 0x9E3779B97F4A7C15L;
  }

  private int slot(int code, long word) {
    long h = hash(code, word);
    return (int) ((h ^ (h >>> 32)) & mask);
  }

  /**
   * A word longer than the index's keys, by {@code key} (its symbols packed into a long as the scans
   * pack them: the last ones stay) and {@code length}: two different words may give the same value.
   */
  static long longWord(long key, int length) {
    return (key ^ length) * 0x9E3779B97F4A7C15L;
  }

  /**
   * Whether the word longer than the index's keys with {@link #longWord} value {@code word} may begin
   * a phrase (else it reports only its own patterns). False only where none does.
   */
  boolean mayBeginLong(long word) {
    return longFirstWords.length != 0 && java.util.Arrays.binarySearch(longFirstWords, word) >= 0;
  }

  /**
   * False where {@link #get} of the same pair is {@link #ABSENT} by the filter alone (most pairs the
   * scan asks about); true where the pair may be in the table.
   */
  boolean mayHave(int code, long word) {
    int bit = (int) (hash(code, word) >>> filterShift);
    return (filter[bit >>> 6] & (1L << bit)) != 0;
  }

  /**
   * What the first word of a phrase whose state has {@code code}, a space, and the word with key
   * {@code word} are: {@link #ABSENT}, {@link #READ_ON}, or the term (or allow entry) they are.
   */
  int get(int code, long word) {
    if (!mayHave(code, word)) {
      return ABSENT;
    }
    final long[] t = table;
    for (int at = slot(code, word);; at = (at + 1) & mask) {
      long w = t[2 * at];
      if (w == 0) {
        return ABSENT;
      }
      long cv = t[2 * at + 1];
      if (w == word && (int) (cv >>> 32) == code) {
        return (int) cv;
      }
    }
  }
}
