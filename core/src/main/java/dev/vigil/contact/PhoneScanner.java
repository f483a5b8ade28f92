package dev.vigil.contact;

/**
 * Finds phone numbers: 7 to 15 digits (E.164), in groups joined by spaces, dots or dashes, with an
 * optional leading + or an area code in parentheses. Numbers that look like something else (dates,
 * years, amounts, decimals, times, counting runs such as 1234567) are not reported. Bounded work per
 * candidate (at most 15 digits), so hostile input stays linear. Not API; used by {@link Contacts}.
 */
final class PhoneScanner {
  private PhoneScanner() {}

  private static final int MIN_DIGITS = 7;
  private static final int MAX_DIGITS = 15; // E.164

  static void scan(String s, ContactSink sink) {
    int n = s.length();
    int i = 0;
    while (i < n) {
      // Straight to the next char that may start a number, in a loop without calls (see EmailScanner's
      // scan: with phoneAt called in the same loop, the scan took twice as long).
      i = nextStart(s, i, n);
      if (i == n) {
        return;
      }
      i = tryAt(s, i, sink);
      if (i < 0) {
        return;
      }
    }
  }

  /**
   * Tries a number that starts at {@code i} (a {@code +}, a {@code (} or a digit): returns where to go
   * on (after the number, or after the run of digits it could not start), or -1 when the sink says
   * stop.
   */
  static int tryAt(String s, int i, ContactSink sink) {
    int n = s.length();
    int end = phoneAt(s, i, sink);
    if (end < 0) {
      return -1;
    }
    int next = Math.max(end, i + Character.charCount(s.codePointAt(i)));
    // Go on after the rest of this run of digits, so a failed number is not re-read from inside.
    while (next < n && (Character.isDigit(s.codePointAt(next)) || isLetterDigit(s.charAt(next)))) {
      next += Character.charCount(s.codePointAt(next));
    }
    return next;
  }

  /**
   * The first code point boundary from {@code from} where a number may start ({@code +}, {@code (} or a
   * digit of any script), else {@code n}. Steps by code points, as the scan did: a low surrogate is
   * never a start, and a pair's digit (a mathematical digit) is found at its high surrogate.
   */
  private static int nextStart(String s, int from, int n) {
    int i = from;
    while (i < n) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c >= '0' && c <= '9' || c == '+' || c == '(') {
          return i;
        }
        i++;
      } else {
        int cp = s.codePointAt(i);
        if (Character.isDigit(cp)) {
          return i;
        }
        i += Character.charCount(cp);
      }
    }
    return n;
  }

  /** Tries a phone number at {@code i}; returns where to go on, or -1 when the sink says stop. */
  private static int phoneAt(String s, int i, ContactSink sink) {
    int n = s.length();
    boolean glued = false;
    if (i > 0) {
      int prev = s.codePointBefore(i);
      if (Character.isDigit(prev) || "$£€¥#/\\:.,%_@".indexOf(prev) >= 0) {
        return i + 1;
      }
      glued = Character.isLetter(prev);
    }
    boolean plus = s.charAt(i) == '+';
    int pos = plus ? i + 1 : i;
    if (pos < n && s.charAt(pos) == '(' && pos > i) {
      pos++; // +(44) 20 ...
    } else if (s.charAt(i) == '(') {
      pos = i + 1;
    }
    StringBuilder digits = new StringBuilder(16);
    int[] groups = new int[MAX_DIGITS + 1];
    char[] separators = new char[MAX_DIGITS + 1];
    int groupCount = 0;
    int letters = 0;
    int end = pos;
    boolean mixedSeparators = false;
    char firstSeparator = 0;
    while (true) {
      int size = 0;
      while (pos < n) {
        int cp = s.codePointAt(pos);
        if (Character.isDigit(cp)) {
          digits.append((char) ('0' + Character.digit(cp, 10)));
          pos += Character.charCount(cp);
          size++;
        } else if (isLetterDigit((char) cp) && pos + 1 < n
            && Character.isDigit(s.charAt(pos + 1))) {
          // O for 0, l and I for 1, between digits: 555-O123.
          digits.append(cp == 'O' || cp == 'o' ? '0' : '1');
          letters++;
          pos++;
          size++;
        } else {
          break;
        }
        if (digits.length() > MAX_DIGITS) {
          return skipNumber(s, pos);
        }
      }
      if (size == 0) {
        break;
      }
      groups[groupCount++] = size;
      end = pos;
      if (pos < n && Character.isLetter(s.codePointAt(pos))) {
        glued = true;
        break;
      }
      // Separators: up to three of space, no-break space, hyphens, dot, parentheses.
      int sep = pos;
      while (sep < n && sep - pos < 3 && isPhoneSeparator(s.charAt(sep))) {
        sep++;
      }
      if (sep == pos || sep >= n || !(Character.isDigit(s.codePointAt(sep))
          || isLetterDigit(s.charAt(sep)) && sep + 1 < n && Character.isDigit(s.charAt(sep + 1)))) {
        break;
      }
      char kind = s.charAt(pos);
      if (firstSeparator == 0) {
        firstSeparator = kind;
      } else if (kind != firstSeparator) {
        mixedSeparators = true;
      }
      if (groupCount <= MAX_DIGITS) {
        separators[groupCount - 1] = kind;
      }
      pos = sep;
    }
    int d = digits.length();
    if (d < MIN_DIGITS || groupCount == 0) {
      return end;
    }
    if (end < n && (Character.isDigit(s.codePointAt(end)) || s.charAt(end) == '%')) {
      return end;
    }
    if (glued && !(groupCount == 1 && (plus || digits.charAt(0) == '0') && d >= 10 && d <= 13)) {
      // Digits glued to letters are identifiers (AB12345678), unless they are a whole trunk-prefixed
      // number, as SMS spam writes them: "call09050000327", "08452810075over18's".
      return skipNumber(s, end);
    }
    if (!plus && looksLikeSomethingElse(digits, groups, groupCount, separators, mixedSeparators)) {
      return end;
    }
    int singles = 0;
    for (int k = 0; k < groupCount; k++) {
      singles += groups[k] == 1 ? 1 : 0;
    }
    if (singles == groupCount && isCounting(digits)) {
      return end; // 1 2 3 4 5 6 7 8 9
    }
    boolean obfuscated = letters > 0 || singles >= 4;
    if (letters > 2) {
      return end;
    }
    double confidence = plus || d >= 10 || obfuscated ? 1.0 : 0.7;
    int start = i;
    String value = (plus ? "+" : "") + digits;
    Contact c = new Contact(Contact.Kind.PHONE, start, end, s.substring(start, end), value, "",
        obfuscated, confidence);
    return sink.accept(c) ? end : -1;
  }

  /** Dates, years, amounts, decimals and times that have the digits of a phone number. */
  private static boolean looksLikeSomethingElse(CharSequence digits, int[] groups, int count,
      char[] separators, boolean mixed) {
    if (count == 1) {
      // A bare run of digits: only long ones, or ones with a trunk prefix, are phone numbers.
      return digits.length() < 10 && !(digits.charAt(0) == '0' && digits.length() >= 9);
    }
    if (count >= 3 && (groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2
        || groups[0] <= 2 && groups[1] <= 2 && groups[2] == 4)
        && separators[0] != ' ' && separators[0] == separators[1]) {
      return true; // 2024-01-15, 15.01.2024
    }
    boolean years = true;
    int offset = 0;
    for (int k = 0; k < count; k++) {
      boolean year = groups[k] == 4 && (digits.charAt(offset) == '1' && digits.charAt(offset + 1) == '9'
          || digits.charAt(offset) == '2' && digits.charAt(offset + 1) == '0');
      years &= year;
      offset += groups[k];
    }
    if (years) {
      return true; // 2019 2020 2021
    }
    if (!mixed && digits.charAt(0) != '0' && groups[0] <= 3 && (separators[0] == ' '
        || separators[0] == '.' || separators[0] == '\u00A0')) {
      boolean thousands = true;
      for (int k = 1; k < count; k++) {
        thousands &= groups[k] == 3;
      }
      if (thousands) {
        return true; // 1 000 000, 12.500.000
      }
    }
    if (count == 2 && separators[0] == '.') {
      return true; // 3.14159265
    }
    if (!mixed && separators[0] == '.' && count >= 3) {
      for (int k = 0; k < count; k++) {
        if (groups[k] == 1) {
          return true; // 1.2.3.4567, a version
        }
      }
    }
    boolean pairs = count <= 4;
    for (int k = 0; k < count; k++) {
      pairs &= groups[k] == 2;
    }
    return pairs; // 10.30-11.45
  }

  private static boolean isCounting(CharSequence digits) {
    for (int k = 1; k < digits.length(); k++) {
      if (digits.charAt(k) != digits.charAt(k - 1) + 1) {
        return false;
      }
    }
    return true;
  }

  private static int skipNumber(String s, int pos) {
    while (pos < s.length() && Character.isLetterOrDigit(s.codePointAt(pos))) {
      pos += Character.charCount(s.codePointAt(pos));
    }
    return pos;
  }

  private static boolean isPhoneSeparator(char c) {
    return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '\u00A0' || c == '\u2010'
        || c == '\u2011' || c == '\u2012' || c == '\u2013' || c == '\u2212';
  }

  private static boolean isLetterDigit(char c) {
    return c == 'O' || c == 'o' || c == 'l' || c == 'I';
  }
}
