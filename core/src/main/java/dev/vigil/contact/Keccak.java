package dev.vigil.contact;

/**
 * Keccak-256 as Ethereum uses it (the original Keccak padding, not SHA3-256's), for EIP-55 checksums.
 * The JDK has SHA3-256 but not Keccak-256; the two share the permutation and differ only in the padding
 * byte, which is how the tests check this permutation against the JDK's.
 */
final class Keccak {
  private Keccak() {}

  private static final int RATE_BYTES = 136;
  private static final long[] ROUND_CONSTANTS = roundConstants();
  private static final int[] ROTATIONS = rotations();

  /** Keccak-256 of {@code input}. */
  static byte[] keccak256(byte[] input) {
    return sponge(input, (byte) 0x01);
  }

  /** The 256-bit sponge with the given domain padding byte: 0x01 Keccak, 0x06 SHA3. */
  static byte[] sponge(byte[] input, byte padding) {
    long[] state = new long[25];
    int blocks = input.length / RATE_BYTES + 1;
    byte[] padded = new byte[blocks * RATE_BYTES];
    System.arraycopy(input, 0, padded, 0, input.length);
    padded[input.length] ^= padding;
    padded[padded.length - 1] ^= (byte) 0x80;
    for (int b = 0; b < blocks; b++) {
      for (int lane = 0; lane < RATE_BYTES / 8; lane++) {
        state[lane] ^= littleEndian(padded, b * RATE_BYTES + lane * 8);
      }
      permute(state);
    }
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      out[i] = (byte) (state[i / 8] >>> (8 * (i % 8)));
    }
    return out;
  }

  private static long littleEndian(byte[] b, int off) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[off + i] & 0xFF);
    }
    return v;
  }

  /** Keccak-f[1600]; lane (x, y) is {@code a[x + 5 * y]}. */
  static void permute(long[] a) {
    long[] c = new long[5];
    long[] b = new long[25];
    for (int round = 0; round < 24; round++) {
      for (int x = 0; x < 5; x++) {
        c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
      }
      for (int x = 0; x < 5; x++) {
        long d = c[(x + 4) % 5] ^ Long.rotateLeft(c[(x + 1) % 5], 1);
        for (int y = 0; y < 25; y += 5) {
          a[x + y] ^= d;
        }
      }
      for (int x = 0; x < 5; x++) {
        for (int y = 0; y < 5; y++) {
          // rho and pi: lane (x, y) moves to (y, 2x + 3y)
          b[y + 5 * ((2 * x + 3 * y) % 5)] = Long.rotateLeft(a[x + 5 * y], ROTATIONS[x + 5 * y]);
        }
      }
      for (int y = 0; y < 25; y += 5) {
        for (int x = 0; x < 5; x++) {
          a[x + y] = b[x + y] ^ (~b[(x + 1) % 5 + y] & b[(x + 2) % 5 + y]);
        }
      }
      a[0] ^= ROUND_CONSTANTS[round];
    }
  }

  /** The rho offsets, from the walk in the Keccak reference: (x, y) to (y, 2x + 3y). */
  private static int[] rotations() {
    int[] r = new int[25];
    int x = 1;
    int y = 0;
    for (int t = 0; t < 24; t++) {
      r[x + 5 * y] = ((t + 1) * (t + 2) / 2) % 64;
      int nx = y;
      y = (2 * x + 3 * y) % 5;
      x = nx;
    }
    return r;
  }

  /** The iota constants, from the degree-8 LFSR of the Keccak reference. */
  private static long[] roundConstants() {
    long[] rc = new long[24];
    int lfsr = 1;
    for (int round = 0; round < 24; round++) {
      long constant = 0;
      for (int j = 0; j < 7; j++) {
        if ((lfsr & 1) != 0) {
          constant |= 1L << ((1 << j) - 1);
        }
        lfsr = (lfsr & 0x80) != 0 ? ((lfsr << 1) ^ 0x71) & 0xFF : (lfsr << 1) & 0xFF;
      }
      rc[round] = constant;
    }
    return rc;
  }
}
