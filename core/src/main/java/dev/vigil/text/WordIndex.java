package dev.vigil.text;

import org.jspecify.annotations.Nullable;

/**
 * A hash map from whole words to what a hit on them reports, for {@link TermMatcher}'s lists of whole
 * words (single, or phrases: the map then also holds each phrase's first word). A word is its symbols
 * packed into a long ({@code bits} bits each, most significant first), exact for words of up to {@link
 * #maxLength()} symbols: every word char's symbol is at least 1, so two different words never share a
 * key and no word's key is 0, the empty slot. Longer words are not in the map; the matcher walks its
 * trie for them.
 *
 * <p>Why a map next to the trie: the trie's walk through a word is a chain of dependent reads, each a
 * likely cache miss in a large dictionary, while a word's key is computed in registers and its lookup
 * does not hold up the next word's, so the processor overlaps the misses of consecutive words.
 *
 * <p>Open addressing over buckets of four slots (one cache line: keys, then values), at most half
 * full. Immutable once built.
 */
final class WordIndex {
  /** What {@link #get} returns for a word that is not in the map. */
  static final long ABSENT = Long.MAX_VALUE;
  /** A value with this bit reports the outputs of a state (its code in the low bits). */
  static final long STATE = Long.MIN_VALUE;
  /**
   * A value with this bit (and not {@link #STATE}) is the first word of a phrase ({@link #phrase}).
   * Every such value is at least {@code PHRASE}; a term's is below it.
   */
  static final long PHRASE = 1L << 62;
  /** The bits of a phrase value's code, and of what it reports of its own (above them). */
  static final int PHRASE_BITS = 31;
  static final int PHRASE_MASK = (1 << PHRASE_BITS) - 1;
  private static final int OWN_BITS = 28;
  /** A phrase value's flag: a phrase goes on from the word with a space and a word longer than keys. */
  static final long LONG_SECOND = 1L << 60;
  /** A phrase value's flag: a phrase goes on from the word with a non-word char other than a space. */
  static final long OTHER_AFTER = 1L << 61;
  /**
   * A phrase value's flag: a phrase goes on from the word with a space and then a non-word char (not a
   * word: "rock &amp; roll").
   */
  static final long OTHER_SECOND = 1L << 59;

  /**
   * The value of a phrase's first word: the code of its state, from which the automaton reads on;
   * {@code own}, what the word reports of its own where the automaton does not (0 nothing, 1 its
   * state's outputs, else its term's index plus 2); and the flags {@link #LONG_SECOND}, {@link
   * #OTHER_AFTER} and {@link #OTHER_SECOND}.
   */
  static long phrase(int code, int own, boolean longSecond, boolean otherAfter,
      boolean otherSecond) {
    if (code < 0 || own < 0 || own >= 1 << OWN_BITS) {
      throw new IllegalArgumentException("phrase value out of range: code " + code + ", own " + own);
    }
    return PHRASE | (longSecond ? LONG_SECOND : 0) | (otherAfter ? OTHER_AFTER : 0)
        | (otherSecond ? OTHER_SECOND : 0) | (long) own << PHRASE_BITS | code;
  }

  /** What the first word of a phrase with value {@code v} reports of its own (see {@link #phrase}). */
  static int own(long v) {
    return (int) (v >>> PHRASE_BITS) & ((1 << OWN_BITS) - 1);
  }

  // Buckets of four slots, each bucket one cache line: four keys, then their four values. A key goes to
  // the first empty slot of its bucket, or of the next bucket with one, so a bucket with an empty last
  // slot ends every search that reaches it. A lookup compares the four keys without a branch each; its
  // branches (found; bucket full) mostly go one way, where linear probing slot by slot branched on
  // every occupied slot (half the first probes of a half-full table).
  private final long[] table;
  private final int shift;
  private final int bucketMask;
  private final int bits;
  private final int maxLength;
  private final int size;
  private final @Nullable PhraseIndex phrases;
  // The words of maxLength + 1 to 2 * maxLength symbols, by two keys: three longs a slot (the symbols
  // before the last maxLength, the last maxLength, the value), linear probing, at most half full; a
  // slot whose second long is 0 is empty. Such words were walked down the trie, a read per char that
  // misses the cache in a large list: some 200 ns each, a tenth of the scan's time on English text.
  private final long[] longTable;
  private final int longMask;
  private final long lastMask;

  /**
   * @param keys the words' keys, none 0, no two equal
   * @param values per key, a term index (or {@code -1 - allow index}) when the word has one pattern,
   *     {@code STATE | code} of the state whose outputs to report, or a {@link #phrase} value
   * @param maxLength the longest word in the map, in symbols: at most {@code 64 / bits}
   */
  WordIndex(long[] keys, long[] values, int n, int bits, int maxLength) {
    this(keys, values, n, bits, maxLength, null, new long[0], new long[0], new long[0]);
  }

  /**
   * As above, for a list with phrases: {@code phrases} holds what their first two words are (or
   * null); and the words of {@code maxLength + 1} to {@code 2 * maxLength} symbols, each by its
   * symbols before the last {@code maxLength} ({@code heads}, packed as keys are), its last {@code
   * maxLength} ({@code lasts}) and its value ({@code longValues}, as {@code values}).
   */
  WordIndex(long[] keys, long[] values, int n, int bits, int maxLength,
      @Nullable PhraseIndex phrases, long[] heads, long[] lasts, long[] longValues) {
    this.phrases = phrases;
    this.bits = bits;
    this.maxLength = maxLength;
    if (maxLength < 1 || maxLength > 64 / bits) {
      throw new IllegalArgumentException("maxLength " + maxLength + " for " + bits + "-bit symbols");
    }
    this.size = n;
    // At most half full, in at least two buckets.
    int capacity = Math.max(8, Integer.highestOneBit(Math.max(2, 2 * n - 1)) * 2);
    if (capacity > (1 << 28)) {
      throw new IllegalArgumentException("too many words for the word index: " + n);
    }
    int buckets = capacity / 4;
    this.table = new long[8 * buckets];
    this.bucketMask = buckets - 1;
    this.shift = 64 - Integer.numberOfTrailingZeros(buckets);
    for (int i = 0; i < n; i++) {
      long key = keys[i];
      if (key == 0) {
        throw new IllegalArgumentException("word key 0");
      }
      for (int b = bucket(key);; b = (b + 1) & bucketMask) {
        int at = b << 3;
        int k = 0;
        while (k < 4 && table[at + k] != 0 && table[at + k] != key) {
          k++;
        }
        if (k < 4) {
          table[at + k] = key;
          table[at + 4 + k] = values[i];
          break;
        }
      }
    }
    int longSlots =
        heads.length == 0 ? 0 : Integer.highestOneBit(Math.max(2, 2 * heads.length - 1)) * 2;
    if (longSlots > (1 << 28)) {
      throw new IllegalArgumentException("too many long words for the word index: " + heads.length);
    }
    this.longTable = new long[3 * longSlots];
    this.longMask = longSlots - 1;
    this.lastMask = bits * maxLength >= 64 ? -1L : (1L << (bits * maxLength)) - 1;
    for (int i = 0; i < heads.length; i++) {
      if (heads[i] == 0 || lasts[i] == 0 || (lasts[i] & ~lastMask) != 0) {
        throw new IllegalArgumentException("long word " + i + ": keys " + heads[i] + ", " + lasts[i]);
      }
      int at = longSlot(lasts[i]);
      while (longTable[3 * at + 1] != 0) {
        at = (at + 1) & longMask;
      }
      longTable[3 * at] = heads[i];
      longTable[3 * at + 1] = lasts[i];
      longTable[3 * at + 2] = longValues[i];
    }
  }

  // By the last symbols alone, so that touch can read a long word's slot before its head is packed;
  // words that end alike share a probe sequence, and the head tells them apart.
  private int longSlot(long last) {
    return (int) ((last * 0x9E3779B97F4A7C15L) >>> 32) & longMask;
  }

  /**
   * The value of the word of {@code maxLength() + 1} to {@code 2 * maxLength()} symbols whose symbols
   * before the last {@code maxLength()} pack to {@code head} and whose last ones pack to {@code last}
   * ({@link #lastMask()} of a key), or {@link #ABSENT}.
   */
  long getLong(long head, long last) {
    final long[] t = longTable;
    if (t.length == 0) {
      return ABSENT;
    }
    for (int at = longSlot(last);; at = (at + 1) & longMask) {
      long l = t[3 * at + 1];
      if (l == last && t[3 * at] == head) {
        return t[3 * at + 2];
      }
      if (l == 0) {
        return ABSENT;
      }
    }
  }

  /** The bits of a key that hold its last {@link #maxLength()} symbols. */
  long lastMask() {
    return lastMask;
  }

  private int bucket(long key) {
    // Fibonacci hashing: the multiply spreads the last symbols, which differ most, into the top bits.
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
  }

  /** 1 when {@code a == b}, else 0, without a branch. */
  private static int same(long a, long b) {
    long d = a ^ b;
    return (int) (((d | -d) >>> 63) ^ 1);
  }

  /**
   * Reads the bucket of each of the first {@code n} keys, or for a word longer than the keys its
   * {@link #getLong} slot ({@code spans} holds the words' lengths in its low halves), and returns what
   * it read combined (for the caller to keep, so that the reads stay). The reads depend on nothing
   * before them and nothing branches on them, so the processor issues them all at once; the lookups
   * that follow then find their buckets in the cache, where a lookup's branch on a bucket still on its
   * way from memory held up the next lookup's read.
   */
  long touch(long[] keys, long[] spans, int n) {
    final long[] t = table;
    final long[] lt = longTable;
    long sum = 0;
    for (int k = 0; k < n; k++) {
      if ((int) spans[k] <= maxLength || lt.length == 0) {
        sum += t[bucket(keys[k]) << 3];
      } else {
        sum += lt[3 * longSlot(keys[k] & lastMask) + 1];
      }
    }
    return sum;
  }

  /** The value of the word with {@code key}, or {@link #ABSENT}. */
  long get(long key) {
    final long[] t = table;
    for (int b = bucket(key);; b = (b + 1) & bucketMask) {
      int at = b << 3;
      long k3 = t[at + 3];
      int z1 = same(t[at + 1], key);
      int z2 = same(t[at + 2], key);
      int z3 = same(k3, key);
      if ((same(t[at], key) | z1 | z2 | z3) != 0) {
        return t[at + 4 + z1 + 2 * z2 + 3 * z3];
      }
      if (k3 == 0) {
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

  /** The phrases' first two words; null for a list of single words. */
  @Nullable PhraseIndex phrases() {
    return phrases;
  }

  /** The number of words. */
  int size() {
    return size;
  }
}
