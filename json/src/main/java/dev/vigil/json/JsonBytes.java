package dev.vigil.json;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * UTF-8 JSON written into a byte array that grows: the values a decision is made of, without a
 * generator's state machine between them. The caller writes the punctuation (most of it inside the
 * constant bytes it passes to {@link #raw}), so nothing here checks that the result is well formed;
 * {@code DecisionJsonProperties} does, against Jackson.
 *
 * <p>Strings are escaped as Jackson's generator escapes them: {@code "} and {@code \}, the control
 * characters below U+0020 ({@code \b \t \n \f \r} by letter, the others as
 * <code>&#92;u00XX</code>), nothing else. Other characters are written as UTF-8, a surrogate pair as the
 * four bytes of its code point; a lone surrogate, which has no UTF-8, as its <code>&#92;uXXXX</code>
 * escape, so no character of the input is lost. Not thread safe: one per encoding.
 */
final class JsonBytes {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

  /** What each ASCII char needs: 0 none, a letter for its short escape, 'u' for a {@code u00XX} one. */
  private static final byte[] ESCAPES = new byte[128];

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPES[c] = 'u';
    }
    ESCAPES['\b'] = 'b';
    ESCAPES['\t'] = 't';
    ESCAPES['\n'] = 'n';
    ESCAPES['\f'] = 'f';
    ESCAPES['\r'] = 'r';
    ESCAPES['"'] = '"';
    ESCAPES['\\'] = '\\';
  }

  private byte[] buf;
  private int len;
  private char[] chars = new char[64];

  JsonBytes(int capacity) {
    buf = new byte[capacity];
  }

  /** The largest buffers {@link #reset} keeps: a thread's scratch buffers stay small. */
  static final int KEEP = 64 * 1024;

  /** Empties the buffer for reuse, with small arrays again where one grew past {@link #KEEP}. */
  JsonBytes reset() {
    len = 0;
    if (buf.length > KEEP) {
      buf = new byte[4096];
    }
    if (chars.length > KEEP) {
      chars = new char[64];
    }
    return this;
  }

  /** The bytes written so far, in an array of their own. */
  byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  /** Bytes that are already JSON (punctuation, field names, encoded policy text). */
  JsonBytes raw(byte[] bytes) {
    int n = bytes.length;
    ensure(n);
    System.arraycopy(bytes, 0, buf, len, n);
    len += n;
    return this;
  }

  /** One ASCII char of punctuation. */
  JsonBytes raw(char ascii) {
    ensure(1);
    buf[len++] = (byte) ascii;
    return this;
  }

  /** {@code null}, or the string quoted and escaped. */
  JsonBytes string(@Nullable String s) {
    if (s == null) {
      return raw(NULL);
    }
    int n = s.length();
    // Most strings are ASCII without escapes: one byte per char, and the quotes. The chars are copied
    // out first (a vectorized copy for a Latin-1 string), which makes the check per char cheaper than
    // charAt's.
    ensure(n + 2);
    char[] cs = chars;
    if (cs.length < n) {
      cs = chars = new char[Math.max(n, cs.length * 2)];
    }
    s.getChars(0, n, cs, 0);
    byte[] b = buf;
    int at = len;
    b[at++] = '"';
    int i = 0;
    for (; i < n; i++) {
      char c = cs[i];
      if (c >= 0x80 || c < 0x20 || c == '"' || c == '\\') {
        break;
      }
      b[at++] = (byte) c;
    }
    len = at;
    if (i < n) {
      slowString(s, i);
    }
    ensure(1);
    buf[len++] = '"';
    return this;
  }

  /** The rest of a string from {@code from}, where an escape or a non-ASCII char first appears. */
  private void slowString(String s, int from) {
    int n = s.length();
    for (int i = from; i < n; i++) {
      char c = s.charAt(i);
      // At most six bytes per char (an escape); four for a pair, which takes two chars.
      ensure(6);
      byte[] b = buf;
      int at = len;
      if (c < 0x80) {
        byte e = ESCAPES[c];
        if (e == 0) {
          b[at++] = (byte) c;
        } else if (e == 'u') {
          at = unicodeEscape(b, at, c);
        } else {
          b[at++] = '\\';
          b[at++] = e;
        }
      } else if (c < 0x800) {
        b[at++] = (byte) (0xC0 | c >> 6);
        b[at++] = (byte) (0x80 | c & 0x3F);
      } else if (!Character.isSurrogate(c)) {
        b[at++] = (byte) (0xE0 | c >> 12);
        b[at++] = (byte) (0x80 | c >> 6 & 0x3F);
        b[at++] = (byte) (0x80 | c & 0x3F);
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        b[at++] = (byte) (0xF0 | cp >> 18);
        b[at++] = (byte) (0x80 | cp >> 12 & 0x3F);
        b[at++] = (byte) (0x80 | cp >> 6 & 0x3F);
        b[at++] = (byte) (0x80 | cp & 0x3F);
      } else {
        at = unicodeEscape(b, at, c);
      }
      len = at;
    }
  }

  private static int unicodeEscape(byte[] b, int at, char c) {
    b[at++] = '\\';
    b[at++] = 'u';
    b[at++] = HEX[c >> 12];
    b[at++] = HEX[c >> 8 & 0xF];
    b[at++] = HEX[c >> 4 & 0xF];
    b[at++] = HEX[c & 0xF];
    return at;
  }

  JsonBytes bool(boolean value) {
    return raw(value ? TRUE : FALSE);
  }

  JsonBytes number(long value) {
    ensure(20);
    if (value < 0) {
      if (value == Long.MIN_VALUE) {
        return raw(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
      }
      buf[len++] = '-';
      value = -value;
    }
    int digits = 1;
    while (digits < POWERS_OF_TEN.length && value >= POWERS_OF_TEN[digits]) {
      digits++;
    }
    int end = len + digits;
    if (value <= Integer.MAX_VALUE) {
      // Most numbers (offsets, counts, severities) fit an int, whose division by ten is cheaper.
      int v = (int) value;
      for (int at = end - 1; at >= len; at--) {
        int q = v / 10;
        buf[at] = (byte) ('0' + v - q * 10);
        v = q;
      }
    } else {
      for (int at = end - 1; at >= len; at--) {
        buf[at] = (byte) ('0' + value % 10);
        value /= 10;
      }
    }
    len = end;
    return this;
  }

  /** 10^0 to 10^18. */
  private static final long[] POWERS_OF_TEN = new long[19];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int i = 1; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }
  }

  /**
   * A double as Jackson's fast writer writes it: the shortest decimal that reads back as the same
   * double, NaN and the infinities as strings (Jackson's default). Most of a decision's doubles are
   * zero or short decimals ({@code 0.3}, {@code 0.25}, {@code 1.0}): those are written here directly,
   * see {@link #shortDecimal}.
   */
  JsonBytes number(double value) {
    if (!shortDecimal(value)) {
      String text = NumberOutput.toString(value, true);
      if (Double.isFinite(value)) {
        raw(text.getBytes(StandardCharsets.US_ASCII));
      } else {
        string(text);
      }
    }
    return this;
  }

  /**
   * Writes {@code value} and returns true when it is zero or the double nearest to {@code k / 10^4} for
   * a whole {@code k}, in [0.001, 10^7) (where Java and Jackson write doubles without an exponent);
   * otherwise writes nothing. Such a double's shortest decimal is {@code k / 10^4} itself: a shorter one
   * would be another {@code k' / 10^4}, and in this range distinct ones are distinct doubles.
   */
  boolean shortDecimal(double value) {
    if (value == 0.0) {
      if (Double.doubleToRawLongBits(value) != 0L) {
        return false;
      }
      ensure(3);
      buf[len++] = '0';
      buf[len++] = '.';
      buf[len++] = '0';
      return true;
    }
    if (!(value >= 1e-3 && value < 1e7)) {
      return false;
    }
    double scaled = Math.rint(value * 10_000.0);
    if (scaled / 10_000.0 != value) {
      return false;
    }
    long k = (long) scaled;
    long whole = k / 10_000;
    int fraction = (int) (k - whole * 10_000);
    int digits = 4;
    while (digits > 1 && fraction % 10 == 0) {
      fraction /= 10;
      digits--;
    }
    number(whole);
    ensure(digits + 1);
    buf[len++] = '.';
    // Leading zeros of the fraction included: 0.05 is 5 in two digits.
    for (int at = len + digits - 1; at >= len; at--) {
      int q = fraction / 10;
      buf[at] = (byte) ('0' + fraction - q * 10);
      fraction = q;
    }
    len += digits;
    return true;
  }

  /** A string's JSON text, quoted: for policy text encoded once and written with {@link #raw}. */
  static byte[] quoted(String s) {
    return new JsonBytes(s.length() + 8).string(s).toByteArray();
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }
}
