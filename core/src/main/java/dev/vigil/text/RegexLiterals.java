package dev.vigil.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds literal strings of which every match of a regular expression must contain at least one, so
 * that a text containing none of them can be skipped without running the regular expression (the idea
 * of RE2's prefilter).
 *
 * <p>Conservative by construction: it understands a subset of RE2 syntax (literals, escapes, groups,
 * alternation, classes, quantifiers, a leading flag group) and gives up, returning null, on anything
 * else. Each node yields either its finite set of possible strings (when small) or a set of strings one
 * of which must occur; concatenation multiplies or keeps the better side, alternation unites, and
 * anything that can match the empty string imposes nothing.
 */
final class RegexLiterals {
  private static final int MAX_SET = 32;
  private static final int MIN_LENGTH = 3;

  private final String p;
  private int i;
  private boolean failed;

  private RegexLiterals(String pattern, int start) {
    this.p = pattern;
    this.i = start;
  }

  /** What a node can match: its finite strings, or a requirement. Both null: anything. */
  private static final class Info {
    final @Nullable Set<String> exact;
    final @Nullable Set<String> required;
    /** Whether every match contains an ASCII digit (when {@code exact} is null; else read from it). */
    final boolean digit;
    /** The most UTF-16 chars a match can span, or -1 when unbounded or not known. */
    final long max;
    /** The runs of digits every match holds (when {@code exact} is null; else read from it). */
    final Runs runs;

    Info(@Nullable Set<String> exact, @Nullable Set<String> required) {
      this(exact, required, false);
    }

    Info(@Nullable Set<String> exact, @Nullable Set<String> required, boolean digit) {
      this(exact, required, digit, -1, Runs.NONE);
    }

    Info(@Nullable Set<String> exact, @Nullable Set<String> required, boolean digit, Runs runs) {
      this(exact, required, digit, -1, runs);
    }

    Info(@Nullable Set<String> exact, @Nullable Set<String> required, boolean digit, long max,
        Runs runs) {
      this.exact = exact;
      this.required = required;
      this.digit = digit;
      this.max = max;
      this.runs = runs;
    }

    Info withMax(long m) {
      return new Info(exact, required, digit, m, runs);
    }
  }

  /**
   * What every match holds of ASCII digits in a row: a run of at least {@code run} somewhere, at least
   * {@code pre} at its start and {@code suf} at its end, and whether it is all digits ({@code all}, with
   * at least {@code min} of them). Lower bounds: {@link #NONE} claims nothing.
   */
  record Runs(int run, int pre, int suf, boolean all, int min) {
    static final Runs NONE = new Runs(0, 0, 0, false, 0);
    static final Runs EMPTY = new Runs(0, 0, 0, true, 0);
    static final Runs DIGIT = new Runs(1, 1, 1, true, 1);
    /** Beyond this, runs are not worth counting (and stay far from overflow). */
    static final int CAP = 1 << 16;

    static Runs concat(Runs x, Runs y) {
      int pre = x.all ? Math.min(CAP, x.min + y.pre) : x.pre;
      int suf = y.all ? Math.min(CAP, y.min + x.suf) : y.suf;
      int run = Math.max(Math.max(x.run, y.run), Math.min(CAP, x.suf + y.pre));
      return new Runs(run, pre, suf, x.all && y.all, Math.min(CAP, x.min + y.min));
    }

    static Runs either(Runs x, Runs y) {
      return new Runs(Math.min(x.run, y.run), Math.min(x.pre, y.pre), Math.min(x.suf, y.suf),
          x.all && y.all, Math.min(x.min, y.min));
    }

    /** The runs of the literal {@code s}. */
    static Runs of(String s) {
      int run = 0;
      int current = 0;
      int pre = -1;
      for (int k = 0; k < s.length(); k++) {
        char c = s.charAt(k);
        if (c >= '0' && c <= '9') {
          current++;
          run = Math.max(run, current);
        } else {
          pre = pre < 0 ? k : pre;
          current = 0;
        }
      }
      boolean all = pre < 0;
      return new Runs(run, all ? s.length() : pre, current, all, all ? s.length() : 0);
    }
  }

  /** The runs of digits every match of {@code x} holds. */
  private static Runs runs(Info x) {
    if (x.exact == null) {
      return x.runs;
    }
    Runs r = null;
    for (String s : x.exact) {
      r = r == null ? Runs.of(s) : Runs.either(r, Runs.of(s));
    }
    return r == null ? Runs.NONE : r;
  }

  /** A bound on the chars of any one code point a class, {@code .} or escape matches (a pair). */
  private static final long CHAR = 2;
  private static final long TOO_LONG = 1L << 30;

  private static long sum(long a, long b) {
    return a < 0 || b < 0 || a + b > TOO_LONG ? -1 : a + b;
  }

  private static final Info ANY = new Info(null, null);
  private static final Info ANY_DIGIT = new Info(null, null, true, Runs.DIGIT);

  /** Whether every string {@code x} can match contains an ASCII digit. */
  private static boolean needsDigit(Info x) {
    if (x.exact == null) {
      return x.digit;
    }
    for (String s : x.exact) {
      boolean has = false;
      for (int i = 0; i < s.length() && !has; i++) {
        has = s.charAt(i) >= '0' && s.charAt(i) <= '9';
      }
      if (!has) {
        return false;
      }
    }
    return !x.exact.isEmpty();
  }
  private static final Info EMPTY = new Info(Set.of(""), null, false, 0, Runs.EMPTY);

  /**
   * The literals of which every match contains one, and whether they must be looked for without regard
   * to case (lower-cased then).
   *
   * @param strings the literals
   * @param caseInsensitive whether the pattern matches without regard to case (by the caller's flag or
   *     a leading {@code (?i)})
   * @param requiresDigit whether every match contains an ASCII digit (as {@code \\d} and
   *     {@code [0-9]} demand), so a text without one can be skipped even when no literal is known
   * @param digitRun the number of ASCII digits in a row every match holds (at least 1 when
   *     {@code requiresDigit}): {@code \\b\\d{3}[ .-]\\d{4}\\b} holds four
   * @param maxLength the most UTF-16 chars a match can span (an upper bound), or -1 when unbounded
   */
  public record Literals(List<String> strings, boolean caseInsensitive, boolean requiresDigit,
      long maxLength, int digitRun) {}

  /**
   * The literals of which every match contains one (lower-cased when matching is case-insensitive),
   * or null when no useful set is known. Under case-insensitive matching, literals outside ASCII give
   * up too, since their case variants can differ in length.
   */
  public static @Nullable Literals analyze(String pattern, boolean caseInsensitive) {
    int start = 0;
    boolean ci = caseInsensitive;
    if (pattern.startsWith("(?")) {
      int close = pattern.indexOf(')');
      if (close < 0) {
        return null;
      }
      String flags = pattern.substring(2, close);
      if (flags.matches("[imsU]+")) {
        ci |= flags.indexOf('i') >= 0;
        start = close + 1;
      }
    }
    RegexLiterals r = new RegexLiterals(pattern, start);
    Info info = r.alternation();
    if (r.failed || r.i != pattern.length()) {
      return null;
    }
    boolean digit = needsDigit(info);
    int digitRun = Math.max(runs(info).run(), digit ? 1 : 0);
    Set<String> req = requirement(info);
    if (req == null || req.isEmpty()) {
      return digit ? new Literals(List.of(), ci, true, info.max, digitRun) : null;
    }
    List<String> out = new ArrayList<>();
    for (String s : req) {
      if (s.length() < MIN_LENGTH) {
        return digit ? new Literals(List.of(), ci, true, info.max, digitRun) : null;
      }
      if (ci) {
        for (int k = 0; k < s.length(); k++) {
          if (s.charAt(k) >= 0x80) {
            return digit ? new Literals(List.of(), ci, true, info.max, digitRun) : null;
          }
        }
        s = s.toLowerCase(Locale.ROOT);
      }
      if (!out.contains(s)) {
        out.add(s);
      }
    }
    // A text containing "profits" contains "profit": keep only literals no other one is inside of.
    List<String> minimal = new ArrayList<>();
    for (String s : out) {
      boolean redundant = false;
      for (String t : out) {
        redundant |= !t.equals(s) && s.contains(t);
      }
      if (!redundant) {
        minimal.add(s);
      }
    }
    return new Literals(List.copyOf(minimal), ci, digit, info.max, digitRun);
  }

  private static @Nullable Set<String> requirement(Info x) {
    if (x.exact != null) {
      return x.exact.contains("") ? null : x.exact;
    }
    return x.required;
  }

  private static @Nullable Set<String> better(@Nullable Set<String> a, @Nullable Set<String> b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    int ma = minLength(a);
    int mb = minLength(b);
    if (ma != mb) {
      return ma > mb ? a : b;
    }
    return a.size() <= b.size() ? a : b;
  }

  private static int minLength(Set<String> s) {
    int m = Integer.MAX_VALUE;
    for (String x : s) {
      m = Math.min(m, x.length());
    }
    return m;
  }

  private static Info concat(Info x, Info y) {
    if (x.exact != null && y.exact != null && (long) x.exact.size() * y.exact.size() <= MAX_SET) {
      Set<String> cross = new LinkedHashSet<>();
      for (String a : x.exact) {
        for (String b : y.exact) {
          cross.add(a + b);
        }
      }
      return new Info(cross, null);
    }
    return new Info(null, better(requirement(x), requirement(y)), needsDigit(x) || needsDigit(y),
        Runs.concat(runs(x), runs(y)));
  }

  private static Info alternate(Info x, Info y) {
    if (x.exact != null && y.exact != null && x.exact.size() + y.exact.size() <= MAX_SET) {
      Set<String> union = new LinkedHashSet<>(x.exact);
      union.addAll(y.exact);
      return new Info(union, null);
    }
    boolean digit = needsDigit(x) && needsDigit(y);
    Runs runs = Runs.either(runs(x), runs(y));
    Set<String> rx = requirement(x);
    Set<String> ry = requirement(y);
    if (rx == null || ry == null || rx.size() + ry.size() > 2 * MAX_SET) {
      return new Info(null, null, digit, runs);
    }
    Set<String> union = new LinkedHashSet<>(rx);
    union.addAll(ry);
    return new Info(null, union, digit, runs);
  }

  private Info alternation() {
    Info x = sequence();
    long max = x.max;
    while (!failed && i < p.length() && p.charAt(i) == '|') {
      i++;
      Info y = sequence();
      max = max < 0 || y.max < 0 ? -1 : Math.max(max, y.max);
      x = alternate(x, y);
    }
    return x.withMax(max);
  }

  private Info sequence() {
    Info x = EMPTY;
    long max = 0;
    while (!failed && i < p.length() && p.charAt(i) != '|' && p.charAt(i) != ')') {
      Info y = repetition();
      max = sum(max, y.max);
      x = concat(x, y);
    }
    return x.withMax(max);
  }

  private Info repetition() {
    Info x = atom();
    long max = x.max;
    while (!failed && i < p.length()) {
      char c = p.charAt(i);
      if (c == '*') {
        i++;
        x = ANY;
        max = -1;
      } else if (c == '+') {
        i++;
        x = new Info(null, requirement(x), needsDigit(x), runs(x)); // x+ holds a match of x
        max = -1;
      } else if (c == '?') {
        i++;
        x = x.exact != null ? withEmpty(x.exact) : ANY;
      } else if (c == '{') {
        int close = p.indexOf('}', i);
        if (close < 0 || !p.substring(i + 1, close).matches("\\d+(,\\d*)?")) {
          failed = true; // RE2 reads some of these as literals; do not guess
          return ANY;
        }
        String body = p.substring(i + 1, close);
        String[] bounds = body.split(",", -1);
        if (bounds[0].length() > 6 || bounds.length > 1 && bounds[1].length() > 6) {
          failed = true; // RE2 refuses repeat counts over 1000 anyway
          return ANY;
        }
        int min = Integer.parseInt(bounds[0]);
        long most = bounds.length == 1 ? min : bounds[1].isEmpty() ? -1 : Long.parseLong(bounds[1]);
        max = max < 0 || most < 0 || max * most > TOO_LONG ? -1 : max * most;
        i = close + 1;
        // x{min,} holds min matches of x in a row (counting a few is enough for the runs).
        Runs r = runs(x);
        Runs copies = r;
        for (int k = 1; k < Math.min(min, 32); k++) {
          copies = Runs.concat(copies, r);
        }
        x = min == 0 ? ANY : new Info(null, requirement(x), needsDigit(x), copies);
      } else {
        break;
      }
      if (i < p.length() && p.charAt(i) == '?') {
        i++; // lazy: the same strings
      }
    }
    return x.withMax(max);
  }

  private static Info withEmpty(Set<String> exact) {
    Set<String> s = new LinkedHashSet<>(exact);
    s.add("");
    return new Info(s, null);
  }

  private Info atom() {
    char c = p.charAt(i);
    switch (c) {
      case '(':
        return group();
      case '[':
        return charClass().withMax(CHAR);
      case '.':
        i++;
        return ANY.withMax(CHAR);
      case '^':
      case '$':
        i++;
        return EMPTY;
      case '\\':
        Info e = escape();
        return e == EMPTY ? e : e.withMax(CHAR);
      case '*':
      case '+':
      case '?':
      case '{':
        failed = true;
        return ANY;
      default:
        int cp = p.codePointAt(i);
        i += Character.charCount(cp);
        // Case variants of an ASCII letter are single chars (K, the Kelvin sign); others may be pairs.
        return new Info(Set.of(new String(Character.toChars(cp))), null, false,
            cp < 0x80 ? 1 : CHAR, Runs.NONE);
    }
  }

  private Info group() {
    i++;
    if (p.startsWith("?:", i)) {
      i += 2;
    } else if (p.startsWith("?P<", i) || p.startsWith("?<", i)) {
      int close = p.indexOf('>', i);
      if (close < 0) {
        failed = true;
        return ANY;
      }
      i = close + 1;
    } else if (i < p.length() && p.charAt(i) == '?') {
      failed = true; // flags inside the pattern: give up
      return ANY;
    }
    Info inner = alternation();
    if (i >= p.length() || p.charAt(i) != ')') {
      failed = true;
      return ANY;
    }
    i++;
    return inner;
  }

  private Info escape() {
    if (i + 1 >= p.length()) {
      failed = true;
      return ANY;
    }
    char e = p.charAt(i + 1);
    i += 2;
    switch (e) {
      case 'b':
      case 'B':
      case 'A':
      case 'z':
        return EMPTY;
      case 'd':
        return ANY_DIGIT;
      case 'D':
      case 'w':
      case 'W':
      case 's':
      case 'S':
        return ANY;
      case 'p':
      case 'P':
        skipPropertyName();
        return ANY;
      case 'n':
        return literal('\n');
      case 't':
        return literal('\t');
      case 'r':
        return literal('\r');
      case 'f':
        return literal('\f');
      default:
        if (e < 0x80 && !Character.isLetterOrDigit(e)) {
          return literal(e);
        }
        failed = true; // \x, octal, \Q...: not worth the risk
        return ANY;
    }
  }

  /** Skips the name after {@code \\p} or {@code \\P} ({@code L} or {@code {Greek}}); false if unclosed. */
  private boolean skipPropertyName() {
    if (i < p.length() && p.charAt(i) == '{') {
      int close = p.indexOf('}', i);
      if (close < 0) {
        failed = true;
        return false;
      }
      i = close + 1;
    } else {
      i++;
    }
    return true;
  }

  private static Info literal(char c) {
    return new Info(Set.of(String.valueOf(c)), null);
  }

  /** A class of a few literal chars is a small set; anything else is any char. */
  private Info charClass() {
    int start = i;
    i++;
    boolean negated = i < p.length() && p.charAt(i) == '^';
    if (negated) {
      i++;
    }
    Set<String> chars = new LinkedHashSet<>();
    boolean any = negated;
    boolean digitsOnly = !negated;
    boolean first = true;
    while (i < p.length() && (first || p.charAt(i) != ']')) {
      first = false;
      char c = p.charAt(i);
      if (c == '[' && p.startsWith("[:", i)) {
        int close = p.indexOf(":]", i);
        if (close < 0) {
          failed = true;
          return ANY;
        }
        i = close + 2;
        any = true;
        digitsOnly = false;
        continue;
      }
      int lo;
      if (c == '\\') {
        if (i + 1 >= p.length()) {
          failed = true;
          return ANY;
        }
        char e = p.charAt(i + 1);
        i += 2;
        if (e < 0x80 && !Character.isLetterOrDigit(e)) {
          lo = e;
        } else if (e == 'p' || e == 'P') {
          if (!skipPropertyName()) {
            return ANY;
          }
          any = true;
          digitsOnly = false;
          continue;
        } else if ("dDwWsS".indexOf(e) >= 0) {
          any = true;
          digitsOnly &= e == 'd';
          continue;
        } else {
          failed = true;
          return ANY;
        }
      } else {
        lo = p.codePointAt(i);
        i += Character.charCount(lo);
      }
      int hi = lo;
      if (i + 1 < p.length() && p.charAt(i) == '-' && p.charAt(i + 1) != ']') {
        char h = p.charAt(i + 1);
        if (h == '\\' || h == '[') {
          failed = true;
          return ANY;
        }
        hi = p.codePointAt(i + 1);
        i += 1 + Character.charCount(hi);
      }
      digitsOnly &= lo >= '0' && hi <= '9';
      if (hi - lo > 8 || hi < lo) {
        any = true;
        continue;
      }
      for (int x = lo; x <= hi; x++) {
        chars.add(new String(Character.toChars(x)));
      }
    }
    if (i >= p.length()) {
      failed = true;
      i = start;
      return ANY;
    }
    i++; // ']'
    if (any || chars.isEmpty() || chars.size() > 8) {
      return digitsOnly ? ANY_DIGIT : ANY;
    }
    return new Info(chars, null);
  }
}
