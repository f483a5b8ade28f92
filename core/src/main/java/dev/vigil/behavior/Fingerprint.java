package dev.vigil.behavior;

import dev.vigil.Content;
import dev.vigil.text.Normalizer;

/**
 * Fingerprints of a text for near-duplicate detection, computed from its shingles: the text is normalized
 * ({@link Normalizer#aggressive()}: case, accents, lookalikes, invisibles, leetspeak, separators and
 * repeats fold away), reduced to letters and digits with one space for each run of anything else, and cut
 * into overlapping shingles of {@value #SHINGLE} code points, each hashed to 64 bits.
 *
 * <p>Two sketches come from the shingle hashes:
 * <ul>
 *   <li>a MinHash of {@value #SLOTS} slots by one-permutation hashing (a shingle's hash picks its slot and
 *       each slot keeps its least value; empty slots borrow from the next full one, so short texts still
 *       fill every slot). Banded into {@value #BANDS} bands of {@value #ROWS} slots, two texts whose
 *       shingle sets have Jaccard similarity {@code j} share at least one band with probability
 *       {@code 1 - (1 - j^4)^16}: 0.99 at {@code j = 0.7} (a message with a few edits), 0.12 at 0.3,
 *       under 0.03 at 0.2 (unrelated texts sit far below). The choice is measured in
 *       {@code WaveScenarioTest}.
 *   <li>a 64-bit SimHash, for hash banks of text.
 * </ul>
 *
 * <p>Deterministic, no state; fingerprints are hashes and carry no text.
 */
final class Fingerprint {
  static final int SHINGLE = 5;
  static final int BANDS = 16;
  static final int ROWS = 4;
  static final int SLOTS = BANDS * ROWS;

  private static final Normalizer NORMALIZER = Normalizer.standard();
  private static final long SEED = 0x9E3779B97F4A7C15L;

  private Fingerprint() {}

  /** The text of every field of {@code content}, in order, separated so no shingle spans two fields. */
  static String text(Content content) {
    if (content.fieldCount() == 1) {
      return content.fieldText(0);
    }
    StringBuilder sb = new StringBuilder();
    for (int f = 0; f < content.fieldCount(); f++) {
      if (f > 0) {
        sb.append('\n');
      }
      sb.append(content.fieldText(f));
    }
    return sb.toString();
  }

  /**
   * The letters and digits of the normalized text, one space for each run of anything else, without
   * leading or trailing space, as code points.
   */
  static int[] reduce(String text) {
    String n = NORMALIZER.normalize(text);
    int[] out = new int[n.length()];
    int k = 0;
    boolean space = false;
    for (int i = 0; i < n.length(); ) {
      int cp = n.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp)) {
        if (space && k > 0) {
          out[k++] = ' ';
        }
        space = false;
        out[k++] = cp;
      } else {
        space = true;
      }
    }
    return java.util.Arrays.copyOf(out, k);
  }

  /** The hashes of the shingles of reduced text (one shingle for text shorter than one). */
  static long[] shingles(int[] reduced) {
    int n = Math.max(1, reduced.length - SHINGLE + 1);
    long[] out = new long[n];
    for (int s = 0; s < n; s++) {
      long h = SEED;
      for (int i = s; i < Math.min(reduced.length, s + SHINGLE); i++) {
        h = (h ^ reduced[i]) * 0x100000001B3L;
      }
      out[s] = mix(h);
    }
    return out;
  }

  /** The MinHash of shingle hashes by one-permutation hashing with densification. */
  static long[] minHash(long[] shingles) {
    long[] slots = new long[SLOTS];
    java.util.Arrays.fill(slots, Long.MAX_VALUE);
    boolean[] full = new boolean[SLOTS];
    for (long h : shingles) {
      int slot = (int) ((h >>> 32) * SLOTS >>> 32);
      long v = h & 0xFFFFFFFFL;
      if (v <= slots[slot]) {
        slots[slot] = v;
        full[slot] = true;
      }
    }
    // An empty slot borrows the value of a full one that it probes for in an order of its own
    // (optimal densification, Shrivastava 2017): the slots of one band borrow from different slots, so
    // two short texts that share one shingle do not share whole bands of borrowed copies of it.
    long[] out = new long[SLOTS];
    int filled = 0;
    for (boolean f : full) {
      filled += f ? 1 : 0;
    }
    if (filled == 0) {
      return out;
    }
    for (int i = 0; i < SLOTS; i++) {
      int j = i;
      for (long attempt = 1; !full[j]; attempt++) {
        j = (int) ((mix(SEED * (i + 1) + attempt) >>> 32) * SLOTS >>> 32);
      }
      out[i] = slots[j];
    }
    return out;
  }

  /** The hash of band {@code b} of a MinHash: its rows and its index, mixed to 64 bits. */
  static long band(long[] minHash, int b) {
    long h = SEED + b;
    for (int r = 0; r < ROWS; r++) {
      h = mix(h ^ minHash[b * ROWS + r]);
    }
    return h;
  }

  /** A 64-bit SimHash of shingle hashes: bit {@code i} is set when most shingles have it set. */
  static long simHash(long[] shingles) {
    int[] votes = new int[64];
    for (long h : shingles) {
      for (int i = 0; i < 64; i++) {
        votes[i] += (int) ((h >>> i) & 1L) * 2 - 1;
      }
    }
    long out = 0;
    for (int i = 0; i < 64; i++) {
      if (votes[i] > 0) {
        out |= 1L << i;
      }
    }
    return out;
  }

  /** The SimHash of a text's shingles as 16 hex digits. */
  static String simHashHex(String text) {
    String hex = Long.toHexString(simHash(shingles(reduce(text))));
    return "0".repeat(16 - hex.length()) + hex;
  }

  /** A strong 64-bit finalizer (Stafford's variant 13 of MurmurHash3's). */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
