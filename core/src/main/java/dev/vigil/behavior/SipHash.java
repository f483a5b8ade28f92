package dev.vigil.behavior;

/**
 * SipHash-2-4 (Aumasson and Bernstein) over text read as UTF-16 code units, four units to a
 * little-endian 64-bit word, without allocating. {@link #hash64} reads a space's length (two units), the
 * space, then a key, and equals Guava's {@code Hashing.sipHash24} over the same bytes; {@link #hash128}
 * reads one text and is the 128-bit variant of the reference implementation (tests check both, the
 * second against the reference's vectors). An attacker who chooses keys (a link's domain, an author's
 * name) cannot find collisions without the secret key.
 */
final class SipHash {
  private final long k0;
  private final long k1;

  SipHash(long k0, long k1) {
    this.k0 = k0;
    this.k1 = k1;
  }

  /**
   * A thread's state for {@link #hash64}. Hashing is on the scoring path (a distinct count hashes the
   * counted author of every item), and the JIT does not always inline the state's calls, which made it
   * allocate a state per hash.
   */
  private static final ThreadLocal<State> STATES = ThreadLocal.withInitial(State::new);

  /** The 64-bit hash. */
  long hash64(String space, String key) {
    State s = STATES.get().reset(k0, k1, false);
    feed(s, space, key);
    return s.finish64();
  }

  /**
   * The 128-bit hash of {@code text} alone, its units without a length before them, left in
   * {@code into}'s {@code first} and {@code second} (the caller's state, reused: nothing is allocated).
   */
  void hash128(String text, State into) {
    into.reset(k0, k1, true);
    into.chars(text);
    into.finish128();
  }

  private static void feed(State s, String space, String key) {
    s.unit(space.length() & 0xFFFF);
    s.unit(space.length() >>> 16);
    s.chars(space);
    s.chars(key);
  }

  /** The running state, reset for each hash; not thread safe. */
  static final class State {
    long first;
    long second;
    long v0;
    long v1;
    long v2;
    long v3;
    long word;
    int units;

    State reset(long k0, long k1, boolean wide) {
      v0 = k0 ^ 0x736f6d6570736575L;
      v1 = k1 ^ 0x646f72616e646f6dL ^ (wide ? 0xee : 0);
      v2 = k0 ^ 0x6c7967656e657261L;
      v3 = k1 ^ 0x7465646279746573L;
      word = 0;
      units = 0;
      return this;
    }

    void unit(int u) {
      word |= (long) (u & 0xFFFF) << (16 * (units & 3));
      units++;
      if ((units & 3) == 0) {
        compress(word);
        word = 0;
      }
    }

    /** Feeds the units of {@code text}, a word of four at a time where the words line up. */
    void chars(String text) {
      int n = text.length();
      int i = 0;
      while (i < n && (units & 3) != 0) {
        unit(text.charAt(i++));
      }
      for (; i + 4 <= n; i += 4) {
        compress(text.charAt(i) | (long) text.charAt(i + 1) << 16 | (long) text.charAt(i + 2) << 32
            | (long) text.charAt(i + 3) << 48);
        units += 4;
      }
      while (i < n) {
        unit(text.charAt(i++));
      }
    }

    private void compress(long m) {
      v3 ^= m;
      round();
      round();
      v0 ^= m;
    }

    private void round() {
      v0 += v1;
      v1 = Long.rotateLeft(v1, 13);
      v1 ^= v0;
      v0 = Long.rotateLeft(v0, 32);
      v2 += v3;
      v3 = Long.rotateLeft(v3, 16);
      v3 ^= v2;
      v0 += v3;
      v3 = Long.rotateLeft(v3, 21);
      v3 ^= v0;
      v2 += v1;
      v1 = Long.rotateLeft(v1, 17);
      v1 ^= v2;
      v2 = Long.rotateLeft(v2, 32);
    }

    private void last() {
      long bytes = 2L * units;
      compress(word | (bytes << 56));
    }

    long finish64() {
      last();
      v2 ^= 0xff;
      for (int i = 0; i < 4; i++) {
        round();
      }
      return v0 ^ v1 ^ v2 ^ v3;
    }

    void finish128() {
      last();
      v2 ^= 0xee;
      for (int i = 0; i < 4; i++) {
        round();
      }
      first = v0 ^ v1 ^ v2 ^ v3;
      v1 ^= 0xdd;
      for (int i = 0; i < 4; i++) {
        round();
      }
      second = v0 ^ v1 ^ v2 ^ v3;
    }
  }
}
