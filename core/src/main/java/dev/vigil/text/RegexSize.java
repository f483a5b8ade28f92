package dev.vigil.text;

/**
 * Estimates the size of the program RE2/J would compile a pattern to, without compiling it.
 *
 * <p>Why: RE2/J compiles {@code ((a{1000}){1000}){1000}} by expanding every counted repetition, which
 * exhausts the heap before any size check can run. Counted repetitions multiply the size of what they
 * repeat, so a one-pass parse that multiplies along the nesting is enough to catch them. The estimate is
 * rough (each literal, class or escape counts one) but never far below the real size for the patterns
 * that matter here; the caller still checks the real size after compiling.
 */
final class RegexSize {
  private static final long SATURATED = Long.MAX_VALUE / 4;

  private final String s;
  private int pos;

  private RegexSize(String s) {
    this.s = s;
  }

  /** The estimated number of instructions, saturating at a very large value. */
  public static long estimate(String pattern) {
    RegexSize p = new RegexSize(pattern);
    long total = 0;
    while (p.pos < p.s.length()) {
      total = add(total, p.alternation());
      if (p.pos < p.s.length()) {
        p.pos++; // an unbalanced ')': RE2/J will reject it; keep estimating the rest
      }
    }
    return total;
  }

  private long alternation() {
    long total = sequence();
    while (pos < s.length() && s.charAt(pos) == '|') {
      pos++;
      total = add(total, add(sequence(), 1));
    }
    return total;
  }

  private long sequence() {
    long total = 0;
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == '|' || c == ')') {
        break;
      }
      long atom = atom();
      while (pos < s.length()) {
        char q = s.charAt(pos);
        if (q == '*' || q == '+' || q == '?') {
          pos++;
          atom = add(atom, 1);
        } else if (q == '{') {
          int end = countedRepetitionEnd(pos);
          if (end < 0) {
            break;
          }
          long times = repetitionTimes(pos + 1, end);
          pos = end + 1;
          atom = add(multiply(atom, Math.max(1, times)), times);
        } else {
          break;
        }
      }
      total = add(total, atom);
    }
    return total;
  }

  private long atom() {
    char c = s.charAt(pos);
    if (c == '(') {
      pos++;
      if (pos < s.length() && s.charAt(pos) == '?') {
        // Flags (?i) or (?i:...), non-capturing (?:...), named (?P<n>...) or (?<n>...).
        int p = pos + 1;
        while (p < s.length() && s.charAt(p) != ')' && s.charAt(p) != ':' && s.charAt(p) != '>') {
          p++;
        }
        if (p < s.length() && s.charAt(p) == ')') {
          pos = p + 1;
          return 0;
        }
        pos = Math.min(p + 1, s.length());
      }
      long inner = alternation();
      if (pos < s.length() && s.charAt(pos) == ')') {
        pos++;
      }
      return add(inner, 2);
    }
    if (c == '[') {
      skipClass();
      return 1;
    }
    if (c == '\\') {
      skipEscape();
      return 1;
    }
    pos++;
    return 1;
  }

  private void skipClass() {
    pos++;
    if (pos < s.length() && s.charAt(pos) == '^') {
      pos++;
    }
    if (pos < s.length() && s.charAt(pos) == ']') {
      pos++;
    }
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == ']') {
        pos++;
        return;
      }
      if (c == '\\') {
        skipEscape();
      } else if (c == '[' && pos + 1 < s.length() && s.charAt(pos + 1) == ':') {
        int close = s.indexOf(":]", pos + 2);
        pos = close < 0 ? pos + 1 : close + 2;
      } else {
        pos++;
      }
    }
  }

  private void skipEscape() {
    pos++; // the backslash
    if (pos >= s.length()) {
      return;
    }
    char c = s.charAt(pos++);
    if ((c == 'p' || c == 'P' || c == 'x') && pos < s.length() && s.charAt(pos) == '{') {
      int close = s.indexOf('}', pos);
      pos = close < 0 ? s.length() : close + 1;
    } else if (c == 'Q') {
      int close = s.indexOf("\\E", pos);
      pos = close < 0 ? s.length() : close + 2;
    }
  }

  /** The index of the '}' closing a valid {n}, {n,} or {n,m} at {@code open}, or -1. */
  private int countedRepetitionEnd(int open) {
    int p = open + 1;
    int digits = 0;
    while (p < s.length() && Character.isDigit(s.charAt(p))) {
      p++;
      digits++;
    }
    if (digits == 0) {
      return -1;
    }
    if (p < s.length() && s.charAt(p) == ',') {
      p++;
      while (p < s.length() && Character.isDigit(s.charAt(p))) {
        p++;
      }
    }
    return p < s.length() && s.charAt(p) == '}' ? p : -1;
  }

  /** The larger bound of {n}, {n,} (taken as n + 1) or {n,m}, for the text between the braces. */
  private long repetitionTimes(int from, int to) {
    String body = s.substring(from, to);
    int comma = body.indexOf(',');
    long n = parse(comma < 0 ? body : body.substring(0, comma));
    if (comma < 0) {
      return n;
    }
    String upper = body.substring(comma + 1);
    return upper.isEmpty() ? add(n, 1) : Math.max(n, parse(upper));
  }

  private static long parse(String digits) {
    return digits.length() > 12 ? SATURATED : Long.parseLong(digits);
  }

  private static long add(long a, long b) {
    long r = a + b;
    return r < 0 || r > SATURATED ? SATURATED : r;
  }

  private static long multiply(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    return a > SATURATED / b ? SATURATED : Math.min(SATURATED, a * b);
  }
}
