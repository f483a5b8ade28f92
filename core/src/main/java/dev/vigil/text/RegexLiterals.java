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
 * <p>Conservative by construction: it walks the tree {@link RegexSyntax} reads, understands a subset of
 * RE2 syntax (literals, escapes, groups, alternation, classes, quantifiers, a leading flag group) and
 * gives up, returning null, on anything else. Each node yields either its finite set of possible
 * strings (when small) or a set of strings one of which must occur; concatenation multiplies or keeps
 * the better side, alternation unites, and anything that can match the empty string imposes nothing.
 */
final class RegexLiterals {
  private static final int MAX_SET = 32;
  private static final int MIN_LENGTH = 3;
  /** Repeat counts RE2 accepts are far below this; a larger one is not worth reasoning about. */
  private static final long MAX_COUNT = 999_999;

  private boolean failed;

  private RegexLiterals() {}

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
    return analyze(RegexSyntax.read(pattern), caseInsensitive);
  }

  /** {@link #analyze(String, boolean)} of a pattern already read. */
  static @Nullable Literals analyze(RegexSyntax.Pattern tree, boolean caseInsensitive) {
    if (tree.tooDeep()) {
      return null;
    }
    boolean ci = caseInsensitive;
    if (tree.leadingFlags() != null) {
      if (!tree.leadingFlags().matches("[imsU]+")) {
        return null;
      }
      ci |= tree.leadingFlags().indexOf('i') >= 0;
    }
    if (tree.parts().size() != 1) {
      return null; // a stray ')'
    }
    RegexLiterals r = new RegexLiterals();
    Info info = r.alternation(tree.parts().get(0));
    if (r.failed) {
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

  private Info alternation(RegexSyntax.Alternation a) {
    Info x = null;
    long max = 0;
    for (RegexSyntax.Sequence seq : a.alternatives()) {
      Info y = sequence(seq);
      if (x == null) {
        x = y;
        max = y.max;
      } else {
        max = max < 0 || y.max < 0 ? -1 : Math.max(max, y.max);
        x = alternate(x, y);
      }
    }
    return x.withMax(max);
  }

  private Info sequence(RegexSyntax.Sequence seq) {
    Info x = EMPTY;
    long max = 0;
    for (RegexSyntax.Node node : seq.items()) {
      Info y = node(node);
      max = sum(max, y.max);
      x = concat(x, y);
    }
    return x.withMax(max);
  }

  private Info node(RegexSyntax.Node node) {
    if (failed) {
      return ANY;
    }
    if (node instanceof RegexSyntax.Literal l) {
      int cp = l.codePoint();
      // Case variants of an ASCII letter are single chars (K, the Kelvin sign); others may be pairs.
      return new Info(Set.of(new String(Character.toChars(cp))), null, false, cp < 0x80 ? 1 : CHAR,
          Runs.NONE);
    }
    if (node instanceof RegexSyntax.AnyChar) {
      return ANY.withMax(CHAR);
    }
    if (node instanceof RegexSyntax.Assertion) {
      return EMPTY;
    }
    if (node instanceof RegexSyntax.Perl p) {
      if (!p.closed()) {
        return giveUp();
      }
      return (p.letter() == 'd' ? ANY_DIGIT : ANY).withMax(CHAR);
    }
    if (node instanceof RegexSyntax.CharClass c) {
      return charClass(c).withMax(CHAR);
    }
    if (node instanceof RegexSyntax.Group g) {
      String prefix = g.prefix();
      boolean named = (prefix.startsWith("?P<") || prefix.startsWith("?<")) && prefix.endsWith(">");
      if (!g.closed() || !(prefix.isEmpty() || prefix.equals("?:") || named)) {
        return giveUp(); // flags inside the pattern, or an unclosed group
      }
      return alternation(g.inner());
    }
    if (node instanceof RegexSyntax.Repeat r) {
      return repeat(r);
    }
    return giveUp(); // Flags inside the pattern, Unsupported
  }

  private Info giveUp() {
    failed = true;
    return ANY;
  }

  private Info repeat(RegexSyntax.Repeat r) {
    Info x = node(r.node());
    long max = x.max;
    switch (r.op()) {
      case '*':
        return ANY;
      case '+':
        return new Info(null, requirement(x), needsDigit(x), runs(x)); // x+ holds a match of x
      case '?':
        return (x.exact != null ? withEmpty(x.exact) : ANY).withMax(max);
      default:
        if (r.min() > MAX_COUNT || r.max() > MAX_COUNT) {
          return giveUp(); // RE2 refuses repeat counts over 1000 anyway
        }
        int min = (int) r.min();
        long most = r.max();
        max = max < 0 || most < 0 || max * most > TOO_LONG ? -1 : max * most;
        // x{min,} holds min matches of x in a row (counting a few is enough for the runs).
        Runs runs = runs(x);
        Runs copies = runs;
        for (int k = 1; k < Math.min(min, 32); k++) {
          copies = Runs.concat(copies, runs);
        }
        return (min == 0 ? ANY : new Info(null, requirement(x), needsDigit(x), copies)).withMax(max);
    }
  }

  private static Info withEmpty(Set<String> exact) {
    Set<String> s = new LinkedHashSet<>(exact);
    s.add("");
    return new Info(s, null);
  }

  /** A class of a few literal chars is a small set; anything else is any char. */
  private Info charClass(RegexSyntax.CharClass c) {
    if (c.unsupported() || !c.closed()) {
      return giveUp();
    }
    boolean any = c.negated() || c.named();
    boolean digitsOnly = !c.negated() && !c.named();
    for (int k = 0; k < c.perls().length(); k++) {
      char e = c.perls().charAt(k);
      any = true;
      digitsOnly &= e == 'd';
    }
    Set<String> chars = new LinkedHashSet<>();
    for (int[] range : c.ranges()) {
      int lo = range[0];
      int hi = range[1];
      digitsOnly &= lo >= '0' && hi <= '9';
      if (hi - lo > 8 || hi < lo) {
        any = true;
        continue;
      }
      for (int x = lo; x <= hi; x++) {
        chars.add(new String(Character.toChars(x)));
      }
    }
    if (any || chars.isEmpty() || chars.size() > 8) {
      return digitsOnly ? ANY_DIGIT : ANY;
    }
    return new Info(chars, null);
  }
}
