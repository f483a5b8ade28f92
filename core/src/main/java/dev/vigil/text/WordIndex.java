package dev.vigil.text;

/**
 * A hash map from whole words to what a hit on them reports, for {@link TermMatcher}'s lists of single
 * whole words. A word is its symbols packed into a long ({@code bits} bits each, most significant
 * first), exact for words of up to {@link #maxLength()} symbols: every word char's symbol is at least 1,
 * so two different words never share a key and no word's key is 0, the empty slot. Longer words are
 * not in the map; the matcher walks its trie for them.
 *
 * <p>Why a map next to the trie: the trie's walk through a word is a chain of dependent reads, each a
 * likely cache miss in a large dictionary, while a word's key is computed in registers and its lookup
 * does not hold up the next word's, so the processor overlaps the misses of consecutive words.
 *
 * <p>Open addressing with linear probing, at most half full; keys and values side by side, so that a
 * hit reads one cache line. Immutable once built.
 */
final class WordIndex {
  /** What {@link #get} returns for a word that is not in the map. */
  static final long ABSENT = Long.MAX_VALUE;
  /** A value with this bit reports the outputs of a state (its code in the low bits). */
  static final long STATE = Long.MIN_VALUE;

  private final long[] slots; // key, value, key, value...
  private final int shift;
  private final int mask;
  private final int bits;
  private final int maxLength;
  private final int size;

  /**
   * @param keys the words' keys, none 0
   * @param values per key, a term index (or {@code -1 - allow index}) when the word has one pattern,
   *     or {@code STATE | code} of the state whose outputs to report
   * @param maxLength the longest word in the map, in symbols: at most {@code 64 / bits}
   */
  WordIndex(long[] keys, long[] values, int n, int bits, int maxLength) {
    this.bits = bits;
    this.maxLength = maxLength;
    if (maxLength < 1 || maxLength > 64 / bits) {
      throw new IllegalArgumentException("maxLength " + maxLength + " for " + bits + "-bit symbols");
    }
    this.size = n;
    int capacity = Integer.highestOneBit(Math.max(2, 2 * n - 1)) * 2;
    if (capacity <= 0 || capacity > (1 << 29)) {
      throw new IllegalArgumentException("too many words for the word index: " + n);
    }
    this.slots = new long[2 * capacity];
    this.mask = capacity - 1;
    this.shift = 64 - Integer.numberOfTrailingZeros(capacity);
    for (int i = 0; i < n; i++) {
      long key = keys[i];
      if (key == 0) {
        throw new IllegalArgumentException("word key 0");
      }
      int s = slot(key);
      while (slots[2 * s] != 0 && slots[2 * s] != key) {
        s = (s + 1) & mask;
      }
      slots[2 * s] = key;
      slots[2 * s + 1] = values[i];
    }
  }

  private int slot(long key) {
    // Fibonacci hashing: the multiply spreads the last symbols, which differ most, into the top bits.
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
  }

  /**
   * Reads the first slot of each of the first {@code n} keys, and returns them combined (for the caller
   * to keep, so that the reads stay). The reads depend on nothing before them and nothing branches on
   * them, so the processor issues them all at once; the lookups that follow then find their slots in
   * the cache, where a lookup's branch on a slot that is still on its way from memory held up the next
   * lookup's read.
   */
  long touch(long[] keys, int n) {
    final long[] s = slots;
    long sum = 0;
    for (int k = 0; k < n; k++) {
      sum += s[2 * slot(keys[k])];
    }
    return sum;
  }

  /** The value of the word with {@code key}, or {@link #ABSENT}. */
  long get(long key) {
    final long[] s = slots;
    for (int i = slot(key);; i = (i + 1) & mask) {
      long k = s[2 * i];
      if (k == key) {
        return s[2 * i + 1];
      }
      if (k == 0) {
        return ABSENT;
      }
    }
  }

  /** Bits per symbol in a key. */
  int bits() {
    return bits;
  }

  /** The longest word, in symbols, that has an exact key. */
  int maxLength() {
    return maxLength;
  }

  /** The number of words. */
  int size() {
    return size;
  }
}
