package dev.vigil.text;

import static java.util.Objects.requireNonNull;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Finds every occurrence of a few ASCII literals in one branch-light pass: each literal is known by its
 * rarest pair of adjacent chars (by English letter frequency). With up to six distinct pairs, the text's
 * bytes are compared eight at a time with each pair (a zero-byte test on longs); with more, the scan
 * hashes each pair of the text to a bit of a 1,024-bit set. Either way the literals whose pair is there
 * are then compared in full. The hash keeps the low five bits of each char and the eight-at-a-time test
 * ors 0x20 into each byte, both of which ignore ASCII case; the branch that finds a pair is nearly always
 * predicted right, so the pass costs about a cycle or two per char, where the automaton's pass waits on
 * a dependent table load per char.
 *
 * <p>Case-insensitive literals match as RE2/J's {@code (?i)} does, which for ASCII letters also accepts
 * two chars outside ASCII: {@code ſ} (U+017F) for s and the Kelvin sign (U+212A) for k. A text holding
 * either is left to the automaton ({@link #find} returns false), so no match of the pattern is ever
 * missed.
 *
 * <p>Immutable and thread safe.
 */
final class AsciiLiteralScan {
  /** Beyond this many literals the set fills up and the automaton costs less. */
  private static final int MAX_LITERALS = 64;

  private final long[] pairs;
  /** For each hash with its bit set: the literals and the offset of their pair's second char. */
  private final int[][] literalIds;
  private final int[][] offsets;
  private final String[] literals;
  private final boolean caseInsensitive;
  /**
   * With at most {@value #MAX_SWAR_PAIRS} distinct pairs (each byte or-ed with 0x20), each pair's first
   * and second byte repeated in a long: the scan then tests eight positions at once against each pair.
   */
  private final long @Nullable [] firsts;
  private final long @Nullable [] seconds;
  private static final int MAX_SWAR_PAIRS = 6;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long LOWER = 0x2020202020202020L;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private AsciiLiteralScan(String[] literals, boolean caseInsensitive, long[] pairs, int[][] literalIds,
      int[][] offsets, long @Nullable [] firsts, long @Nullable [] seconds) {
    this.literals = literals;
    this.caseInsensitive = caseInsensitive;
    this.pairs = pairs;
    this.literalIds = literalIds;
    this.offsets = offsets;
    this.firsts = firsts;
    this.seconds = seconds;
  }

  /**
   * A scan for {@code literals} (term ids are their indexes), or null when one is shorter than two chars
   * or outside ASCII, or when there are more than {@value #MAX_LITERALS}.
   */
  static @Nullable AsciiLiteralScan of(List<String> literals, boolean caseInsensitive) {
    if (literals.isEmpty() || literals.size() > MAX_LITERALS) {
      return null;
    }
    String[] texts = new String[literals.size()];
    for (int id = 0; id < texts.length; id++) {
      String literal = caseInsensitive ? literals.get(id).toLowerCase(Locale.ROOT) : literals.get(id);
      if (literal.length() < 2 || !literal.chars().allMatch(c -> c < 0x80)) {
        return null;
      }
      texts[id] = literal;
    }
    long[] pairs = new long[16];
    int[][] literalIds = new int[1024][];
    int[][] offsets = new int[1024][];
    List<Long> swarPairs = new ArrayList<>();
    List<List<int[]>> byHash = new ArrayList<>();
    for (int h = 0; h < 1024; h++) {
      byHash.add(null);
    }
    for (int id = 0; id < texts.length; id++) {
      String literal = texts[id];
      int best = 1;
      for (int i = 2; i < literal.length(); i++) {
        if (rarity(literal, i) < rarity(literal, best)) {
          best = i;
        }
      }
      int h = hash(literal.charAt(best - 1), literal.charAt(best));
      pairs[h >>> 6] |= 1L << h;
      long pair = (literal.charAt(best - 1) | 0x20) & 0xFF | ((literal.charAt(best) | 0x20) & 0xFF) << 8;
      if (!swarPairs.contains(pair)) {
        swarPairs.add(pair);
      }
      if (byHash.get(h) == null) {
        byHash.set(h, new ArrayList<>());
      }
      byHash.get(h).add(new int[] {id, best});
    }
    long[] firsts = null;
    long[] seconds = null;
    if (swarPairs.size() <= MAX_SWAR_PAIRS) {
      firsts = new long[swarPairs.size()];
      seconds = new long[swarPairs.size()];
      for (int k = 0; k < swarPairs.size(); k++) {
        firsts[k] = (swarPairs.get(k) & 0xFF) * ONES;
        seconds[k] = (swarPairs.get(k) >>> 8) * ONES;
      }
    }
    for (int h = 0; h < 1024; h++) {
      List<int[]> group = byHash.get(h);
      if (group != null) {
        literalIds[h] = group.stream().mapToInt(g -> g[0]).toArray();
        offsets[h] = group.stream().mapToInt(g -> g[1]).toArray();
      }
    }
    return new AsciiLiteralScan(texts, caseInsensitive, pairs, literalIds, offsets, firsts, seconds);
  }

  /** The low five bits of two chars: letters keep their identity whatever their case. */
  private static int hash(char first, char second) {
    return (first & 0x1F) << 5 | second & 0x1F;
  }

  /**
   * Reports every occurrence of every literal in {@code text} to {@code handler}, in the order they
   * end; returns false, reporting nothing, when the text must go to the automaton instead (see the class
   * comment).
   */
  boolean find(String text, char[] buffer, byte[] bytes, HitHandler handler) {
    // bytes must hold buffer.length + 8 (see swarScan)
    if (caseInsensitive && (text.indexOf('\u017F') >= 0 || text.indexOf('\u212A') >= 0)) {
      return false;
    }
    if (firsts != null && buffer.length >= 2) {
      swarScan(text, buffer, bytes, handler);
      return true;
    }
    final long[] set = pairs;
    int n = text.length();
    int previous = 0;
    // Read through a buffer: String.charAt tests the string's coder and bounds at every char, which
    // here cost as much as the rest of the loop.
    for (int base = 0; base < n; base += buffer.length) {
      int len = Math.min(buffer.length, n - base);
      text.getChars(base, base + len, buffer, 0);
      for (int i = 0; i < len; i++) {
        int c = buffer[i] & 0x1F;
        int h = previous << 5 | c;
        previous = c;
        if ((set[h >>> 6] & 1L << h) != 0 && base + i > 0) {
          verify(text, base + i, h, handler);
        }
      }
    }
    return true;
  }

  /**
   * The scan for a few pairs: the text's low bytes (or-ed with 0x20, which ignores ASCII case) are read
   * eight at a time, at each offset and one further, and a byte of {@code (x ^ first) | (y ^ second)} is
   * zero exactly where a pair starts; the classic zero-byte test flags every such byte (and at worst a
   * few others, which {@link #verify} turns down). A chunk overlaps the next by one char, so that every
   * pair is tested once. {@code bytes} must hold {@code buffer.length + 8}.
   */
  private void swarScan(String text, char[] buffer, byte[] bytes, HitHandler handler) {
    // The pairs in locals, unrolled: a loop over the arrays cost a third more. Unused ones are zero,
    // which no byte or-ed with 0x20 equals; beyond three pairs, the loop tests six.
    final long[] a = requireNonNull(firsts);
    final long[] b = requireNonNull(seconds);
    final long a0 = a[0];
    final long b0 = b[0];
    final long a1 = a.length > 1 ? a[1] : 0;
    final long b1 = a.length > 1 ? b[1] : 0;
    final long a2 = a.length > 2 ? a[2] : 0;
    final long b2 = a.length > 2 ? b[2] : 0;
    final long a3 = a.length > 3 ? a[3] : 0;
    final long b3 = a.length > 3 ? b[3] : 0;
    final long a4 = a.length > 4 ? a[4] : 0;
    final long b4 = a.length > 4 ? b[4] : 0;
    final long a5 = a.length > 5 ? a[5] : 0;
    final long b5 = a.length > 5 ? b[5] : 0;
    final boolean six = a.length > 3;
    int n = text.length();
    for (int base = 0; base < n - 1; ) {
      int len = Math.min(buffer.length, n - base);
      lowBytes(text, base, base + len, bytes);
      int pairs = len - 1; // pairs starting at 0 .. len - 2
      for (int p = 0; p < pairs; p += 8) {
        long x = (long) LONGS.get(bytes, p) | LOWER;
        long y = (long) LONGS.get(bytes, p + 1) | LOWER;
        long found = at(x, y, a0, b0) | at(x, y, a1, b1) | at(x, y, a2, b2);
        if (six) {
          found |= at(x, y, a3, b3) | at(x, y, a4, b4) | at(x, y, a5, b5);
        }
        while (found != 0) {
          int q = p + (Long.numberOfTrailingZeros(found) >>> 3);
          found &= found - 1;
          if (q < pairs) {
            int at = base + q + 1; // the pair's second char
            verify(text, at, hash(text.charAt(at - 1), text.charAt(at)), handler);
          }
        }
      }
      base += len - 1;
      if (len == 1) {
        break;
      }
    }
  }

  /** The classic zero-byte test on {@code (x ^ first) | (y ^ second)}: where the pair starts. */
  private static long at(long x, long y, long first, long second) {
    long z = (x ^ first) | (y ^ second);
    return (z - ONES) & ~z & HIGHS;
  }

  /**
   * The low byte of each char of {@code text[from, to)}, at {@code bytes[0..]}: what the deprecated
   * {@link String#getBytes(int, int, byte[], int)} does, which for the usual Latin-1 string is one array
   * copy (the replacement, getChars and a narrowing loop, took a fifth of the scan).
   */
  @SuppressWarnings("deprecation")
  private static void getLowBytes(String text, int from, int to, byte[] bytes) {
    text.getBytes(from, to, bytes, 0);
  }

  /**
   * {@link #getLowBytes}, then eight zero bytes after them ({@code bytes} must hold {@code to - from + 8}),
   * for eight-at-a-time reads (the pair scan's, {@link #mayHoldDigit}).
   */
  static void lowBytes(String text, int from, int to, byte[] bytes) {
    getLowBytes(text, from, to, bytes);
    java.util.Arrays.fill(bytes, to - from, to - from + 8, (byte) 0);
  }

  private static final long ZEROS = 0x3030303030303030L;
  private static final long TENS = 0x0A0A0A0A0A0A0A0AL;

  /**
   * Whether one of the eight bytes from {@code p} is an ASCII digit's ('0' to '9'): xor with '0' maps
   * exactly those bytes below ten, and the classic test for a byte below n flags a word exactly when it
   * holds one (the flag of a byte above the first may be wrong; only whether any is set is used).
   */
  static boolean mayHoldDigit(byte[] bytes, int p) {
    long t = (long) LONGS.get(bytes, p) ^ ZEROS;
    return ((t - TENS) & ~t & HIGHS) != 0;
  }

  /** Checks the literals whose pair hashes to {@code h} against the text, their pair ending at i. */
  private void verify(String text, int i, int h, HitHandler handler) {
    int[] ids = literalIds[h];
    int[] at = offsets[h];
    if (ids == null) {
      return;
    }
    for (int k = 0; k < ids.length; k++) {
      String literal = literals[ids[k]];
      int start = i - at[k];
      if (start >= 0 && start + literal.length() <= text.length() && matchesAt(text, start, literal)) {
        handler.onHit(ids[k], start, start + literal.length());
      }
    }
  }

  private boolean matchesAt(String text, int start, String literal) {
    for (int i = 0; i < literal.length(); i++) {
      char c = text.charAt(start + i);
      char l = literal.charAt(i);
      if (c != l && !(caseInsensitive && l >= 'a' && l <= 'z' && (c ^ 0x20) == l)) {
        return false;
      }
    }
    return true;
  }

  /** How common the pair ending at {@code i} is in English text, roughly: the product of its chars'. */
  private static int rarity(String literal, int i) {
    return frequency(literal.charAt(i - 1)) * frequency(literal.charAt(i));
  }

  /** Rough share of a char in English text, in per mille: letters by frequency, space most common. */
  private static int frequency(char c) {
    char lower = Character.toLowerCase(c);
    if (lower >= 'a' && lower <= 'z') {
      return LETTERS[lower - 'a'];
    }
    return c == ' ' ? 180 : 5;
  }

  private static final int[] LETTERS = {
    82, 15, 28, 43, 127, 22, 20, 61, 70, 2, 8, 40, 24, // a .. m
    67, 75, 19, 1, 60, 63, 91, 28, 10, 24, 2, 20, 1 // n .. z
  };

  @Override
  public String toString() {
    return "AsciiLiteralScan" + List.of(literals);
  }
}
