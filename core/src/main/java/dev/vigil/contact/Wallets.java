package dev.vigil.contact;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Checksum validation of cryptocurrency addresses: a random string of the right length and alphabet is
 * not a wallet. Each method takes the address alone (no surrounding text) and never throws on bad input.
 *
 * <ul>
 *   <li>{@link #base58Coin}: Base58Check (double SHA-256 checksum) addresses of Bitcoin
 *       ({@code 1...}, {@code 3...}, testnet {@code m n 2}), Litecoin ({@code L M}), Dogecoin
 *       ({@code D}) and Tron ({@code T}).
 *   <li>{@link #isSegwitAddress}: Bech32 (BIP-173, witness version 0) and Bech32m (BIP-350, versions 1
 *       to 16) addresses: {@code bc1...}, {@code tb1...}, {@code ltc1...}.
 *   <li>{@link #isEthereumAddress}: {@code 0x} and 40 hex digits; in mixed case the EIP-55 checksum
 *       (Keccak-256) must hold. {@link #hasEip55Checksum} tells whether the address carried one.
 * </ul>
 */
public final class Wallets {
  private Wallets() {}

  private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int[] BECH32_GENERATOR =
      {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
  private static final int BECH32M_CONSTANT = 0x2bc830a3;

  /**
   * The coin of a valid Base58Check address ({@code "bitcoin"}, {@code "bitcoin-testnet"},
   * {@code "litecoin"}, {@code "dogecoin"}, {@code "tron"}), or null when the string is not one: wrong
   * alphabet, length, version byte or checksum.
   */
  public static @Nullable String base58Coin(String address) {
    requireNonNull(address, "address");
    if (address.length() < 26 || address.length() > 35) {
      return null;
    }
    byte[] bytes = base58Decode(address);
    if (bytes == null || bytes.length != 25) {
      return null;
    }
    byte[] payload = Arrays.copyOf(bytes, 21);
    byte[] check = sha256(sha256(payload));
    for (int i = 0; i < 4; i++) {
      if (check[i] != bytes[21 + i]) {
        return null;
      }
    }
    switch (bytes[0] & 0xFF) {
      case 0x00:
      case 0x05:
        return "bitcoin";
      case 0x6F:
      case 0xC4:
        return "bitcoin-testnet";
      case 0x30:
      case 0x32:
        return "litecoin";
      case 0x1E:
      case 0x16:
        return "dogecoin";
      case 0x41:
        return "tron";
      default:
        return null;
    }
  }

  /** Decodes Base58 (leading '1's are zero bytes), or null on a character outside the alphabet. */
  static byte @Nullable [] base58Decode(String s) {
    byte[] number = new byte[s.length()];
    int length = 0;
    for (int i = 0; i < s.length(); i++) {
      int digit = BASE58.indexOf(s.charAt(i));
      if (digit < 0) {
        return null;
      }
      int carry = digit;
      for (int j = 0; j < length; j++) {
        carry += (number[j] & 0xFF) * 58;
        number[j] = (byte) carry;
        carry >>>= 8;
      }
      while (carry > 0) {
        number[length++] = (byte) carry;
        carry >>>= 8;
      }
    }
    int zeros = 0;
    while (zeros < s.length() && s.charAt(zeros) == '1') {
      zeros++;
    }
    byte[] out = new byte[zeros + length];
    for (int j = 0; j < length; j++) {
      out[out.length - 1 - j] = number[j];
    }
    return out;
  }

  /**
   * Whether {@code address} is a valid SegWit address for Bitcoin ({@code bc}, testnet {@code tb}) or
   * Litecoin ({@code ltc}): Bech32 for witness version 0 with a 20- or 32-byte program, Bech32m for
   * versions 1 to 16 with a 2- to 40-byte program, all in one case.
   */
  public static boolean isSegwitAddress(String address) {
    requireNonNull(address, "address");
    int[] decoded = bech32Decode(address);
    if (decoded == null) {
      return false;
    }
    String hrp = address.substring(0, address.lastIndexOf('1')).toLowerCase(Locale.ROOT);
    if (!hrp.equals("bc") && !hrp.equals("tb") && !hrp.equals("ltc")) {
      return false;
    }
    int constant = decoded[0];
    int dataLength = decoded.length - 1 - 6;
    if (dataLength < 1) {
      return false;
    }
    int version = decoded[1];
    if (version > 16) {
      return false;
    }
    byte[] program = convertBits(decoded, 2, dataLength - 1);
    if (program == null || program.length < 2 || program.length > 40) {
      return false;
    }
    if (version == 0) {
      return constant == 1 && (program.length == 20 || program.length == 32);
    }
    return constant == BECH32M_CONSTANT;
  }

  /**
   * Checks the Bech32 string format and checksum. Returns {checksum constant, data values...} (the data
   * including the six checksum values), or null when invalid.
   */
  static int @Nullable [] bech32Decode(String s) {
    if (s.length() < 8 || s.length() > 90) {
      return null;
    }
    boolean lower = false;
    boolean upper = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 33 || c > 126) {
        return null;
      }
      lower |= c >= 'a' && c <= 'z';
      upper |= c >= 'A' && c <= 'Z';
    }
    if (lower && upper) {
      return null;
    }
    String t = s.toLowerCase(Locale.ROOT);
    int separator = t.lastIndexOf('1');
    if (separator < 1 || separator + 7 > t.length()) {
      return null;
    }
    int[] values = new int[t.length() - separator - 1];
    for (int i = 0; i < values.length; i++) {
      int v = BECH32.indexOf(t.charAt(separator + 1 + i));
      if (v < 0) {
        return null;
      }
      values[i] = v;
    }
    int check = polymod(t.substring(0, separator), values);
    if (check != 1 && check != BECH32M_CONSTANT) {
      return null;
    }
    int[] out = new int[values.length + 1];
    out[0] = check;
    System.arraycopy(values, 0, out, 1, values.length);
    return out;
  }

  private static int polymod(String hrp, int[] values) {
    int chk = 1;
    for (int i = 0; i < hrp.length(); i++) {
      chk = polymodStep(chk, hrp.charAt(i) >> 5);
    }
    chk = polymodStep(chk, 0);
    for (int i = 0; i < hrp.length(); i++) {
      chk = polymodStep(chk, hrp.charAt(i) & 31);
    }
    for (int v : values) {
      chk = polymodStep(chk, v);
    }
    return chk;
  }

  private static int polymodStep(int chk, int value) {
    int top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ value;
    for (int i = 0; i < 5; i++) {
      if (((top >>> i) & 1) != 0) {
        chk ^= BECH32_GENERATOR[i];
      }
    }
    return chk;
  }

  /** 5-bit groups {@code values[from, from + count)} to bytes, refusing bad padding; null if invalid. */
  private static byte @Nullable [] convertBits(int[] values, int from, int count) {
    int acc = 0;
    int bits = 0;
    byte[] out = new byte[count * 5 / 8];
    int n = 0;
    for (int i = from; i < from + count; i++) {
      acc = (acc << 5) | values[i];
      bits += 5;
      while (bits >= 8) {
        bits -= 8;
        out[n++] = (byte) (acc >>> bits);
      }
      acc &= (1 << bits) - 1;
    }
    if (bits >= 5 || acc != 0) {
      return null;
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * Whether {@code address} is an Ethereum address: {@code 0x} (or {@code 0X}) and 40 hex digits, either
   * all in one case (no checksum) or in the mixed case of a valid EIP-55 checksum.
   */
  public static boolean isEthereumAddress(String address) {
    requireNonNull(address, "address");
    if (address.length() != 42 || address.charAt(0) != '0'
        || (address.charAt(1) != 'x' && address.charAt(1) != 'X')) {
      return false;
    }
    boolean lower = false;
    boolean upper = false;
    for (int i = 2; i < 42; i++) {
      char c = address.charAt(i);
      if (c >= 'a' && c <= 'f') {
        lower = true;
      } else if (c >= 'A' && c <= 'F') {
        upper = true;
      } else if (c < '0' || c > '9') {
        return false;
      }
    }
    return !(lower && upper) || eip55Holds(address);
  }

  /** Whether {@code address} is a valid Ethereum address written in EIP-55 mixed case. */
  public static boolean hasEip55Checksum(String address) {
    return isEthereumAddress(address) && !address.substring(2).equals(
        address.substring(2).toLowerCase(Locale.ROOT))
        && !address.substring(2).equals(address.substring(2).toUpperCase(Locale.ROOT));
  }

  private static boolean eip55Holds(String address) {
    String hex = address.substring(2).toLowerCase(Locale.ROOT);
    byte[] hash = Keccak.keccak256(hex.getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < 40; i++) {
      char c = address.charAt(2 + i);
      if (Character.isLetter(c)) {
        int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xF;
        if ((nibble >= 8) != Character.isUpperCase(c)) {
          return false;
        }
      }
    }
    return true;
  }

  private static byte[] sha256(byte[] in) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(in);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
