package dev.vigil.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A regular expression that is a choice among a few literal strings, optionally between word
 * boundaries, such as {@code (?i)\b(idiot|moron|loser)s?\b} or {@code \bdouble your (money|bitcoin)\b},
 * matched without RE2/J and with RE2's results: the same matches, in the same places.
 *
 * <p>Why: RE2/J runs an NFA, about 30 ns per char and 250 ns per call on this kind of pattern, so
 * confirming a prefilter's find in a 20-char window costs as much as scanning a 280-char post for
 * every literal. Here a window costs a few comparisons.
 *
 * <p>What it takes (anything else gives null, and RE2/J runs as before): no flags but case
 * insensitivity; a top level of {@code \b}? body {@code \b}?, where the body is made of printable
 * ASCII literals, groups (capturing or not, no flag groups), alternation and the quantifier
 * {@code ?} (greedy or lazy); at most {@link #MAX_STRINGS} strings, none empty.
 *
 * <p>How it agrees with RE2: RE2 reports the leftmost match, and among matches starting there the
 * first in its order of preference (leftmost-first, as Perl): alternatives in order, a greedy
 * {@code ?} taking before skipping, a lazy one skipping first. The strings are expanded in that order,
 * so the match at a position is the first string that matches there with its boundaries. Case
 * insensitivity is RE2's simple case folding, which for ASCII letters adds exactly two other chars:
 * KELVIN SIGN (U+212A) to k and LATIN SMALL LETTER LONG S (U+017F) to s. {@code \b} is RE2's: between
 * an ASCII word char ({@code [0-9A-Za-z_]}) and anything else or an end of the text.
 *
 * <p>Immutable and thread safe.
 */
final class LiteralChoice {
  /** More strings than this, and the choice is left to RE2/J (its cost grows slower with them). */
  static final int MAX_STRINGS = 64;

  /** The strings in RE2's order of preference. */
  private final char[][] strings;
  private final boolean caseInsensitive;
  private final boolean boundaryBefore;
  private final boolean boundaryAfter;
  /** Which ASCII chars (folded when case-insensitive) can start a string. */
  private final boolean[] firsts = new boolean[128];
  /** Whether a string starts with k or s under case folding (U+212A, U+017F may start a match). */
  private final boolean foldedFirsts;

  private LiteralChoice(List<String> strings, boolean caseInsensitive, boolean boundaryBefore,
      boolean boundaryAfter) {
    this.strings = new char[strings.size()][];
    boolean folded = false;
    for (int i = 0; i < strings.size(); i++) {
      char[] s = strings.get(i).toCharArray();
      this.strings[i] = s;
      char c = s[0];
      firsts[c] = true;
      if (caseInsensitive && isAsciiLetter(c)) {
        firsts[c | 0x20] = true;
        firsts[c & ~0x20] = true;
        folded |= (c | 0x20) == 'k' || (c | 0x20) == 's';
      }
    }
    this.foldedFirsts = folded;
    this.caseInsensitive = caseInsensitive;
    this.boundaryBefore = boundaryBefore;
    this.boundaryAfter = boundaryAfter;
  }

  /**
   * The choice {@code tree} is, under RE2/J's compile {@code flags} (only
   * {@link com.google.re2j.Pattern#CASE_INSENSITIVE} is allowed), or null when it is not one.
   */
  static @Nullable LiteralChoice of(RegexSyntax.Pattern tree, int flags) {
    if (tree.tooDeep() || tree.parts().size() != 1
        || (flags & ~com.google.re2j.Pattern.CASE_INSENSITIVE) != 0) {
      return null;
    }
    boolean ci = (flags & com.google.re2j.Pattern.CASE_INSENSITIVE) != 0;
    if (tree.leadingFlags() != null) {
      if (!tree.leadingFlags().equals("i")) {
        return null; // U (ungreedy) would turn the order of preference; m and s are not worth it
      }
      ci = true;
    }
    List<RegexSyntax.Sequence> top = tree.parts().get(0).alternatives();
    if (top.size() != 1) {
      return null;
    }
    List<RegexSyntax.Node> items = new ArrayList<>(top.get(0).items());
    boolean before = !items.isEmpty() && isWordBoundary(items.get(0));
    if (before) {
      items.remove(0);
    }
    boolean after = !items.isEmpty() && isWordBoundary(items.get(items.size() - 1));
    if (after) {
      items.remove(items.size() - 1);
    }
    List<String> strings = sequence(items);
    if (strings == null || strings.isEmpty()) {
      return null;
    }
    // A string met again later in the order can never be chosen there: the first one was.
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(strings));
    for (String s : distinct) {
      if (s.isEmpty()) {
        return null; // empty matches follow RE2's own stepping rules; not modelled
      }
    }
    return new LiteralChoice(distinct, ci, before, after);
  }

  private static boolean isWordBoundary(RegexSyntax.Node n) {
    return n instanceof RegexSyntax.Assertion a && a.kind() == 'b';
  }

  /** The strings {@code items} match one after another, in order of preference; null: not a choice. */
  private static @Nullable List<String> sequence(List<RegexSyntax.Node> items) {
    List<String> out = List.of("");
    for (RegexSyntax.Node n : items) {
      List<String> next = node(n);
      if (next == null || (long) out.size() * next.size() > MAX_STRINGS) {
        return null;
      }
      List<String> joined = new ArrayList<>(out.size() * next.size());
      for (String a : out) {
        for (String b : next) {
          joined.add(a + b);
        }
      }
      out = joined;
    }
    return out;
  }

  private static @Nullable List<String> node(RegexSyntax.Node n) {
    if (n instanceof RegexSyntax.Literal l) {
      int c = l.codePoint();
      return c >= 0x20 && c < 0x7F ? List.of(String.valueOf((char) c)) : null;
    }
    if (n instanceof RegexSyntax.Group g) {
      String p = g.prefix();
      boolean plain = p.isEmpty() || p.equals("?:") || p.startsWith("?P<") || p.startsWith("?<");
      return g.closed() && plain ? alternation(g.inner()) : null;
    }
    if (n instanceof RegexSyntax.Repeat r && r.op() == '?') {
      List<String> inner = node(r.node());
      if (inner == null || inner.size() + 1 > MAX_STRINGS) {
        return null;
      }
      List<String> out = new ArrayList<>(inner.size() + 1);
      if (r.lazy()) {
        out.add("");
      }
      out.addAll(inner);
      if (!r.lazy()) {
        out.add("");
      }
      return out;
    }
    return null;
  }

  private static @Nullable List<String> alternation(RegexSyntax.Alternation a) {
    List<String> out = new ArrayList<>();
    for (RegexSyntax.Sequence s : a.alternatives()) {
      List<String> one = sequence(s.items());
      if (one == null || out.size() + one.size() > MAX_STRINGS) {
        return null;
      }
      out.addAll(one);
    }
    return out;
  }

  /** The strings, in order of preference (for tests and diagnostics). */
  List<String> strings() {
    List<String> out = new ArrayList<>(strings.length);
    for (char[] s : strings) {
      out.add(new String(s));
    }
    return out;
  }

  /**
   * The end of the match RE2 would report starting at {@code p} of {@code text}, or -1 when none
   * starts there. Boundaries read the whole text, beyond any window.
   */
  int matchAt(String text, int p) {
    int n = text.length();
    char c = text.charAt(p);
    if (c < 128 ? !firsts[c] : !(foldedFirsts && (c == KELVIN || c == LONG_S))) {
      return -1;
    }
    if (boundaryBefore && !boundary(text, p)) {
      return -1;
    }
    for (char[] s : strings) {
      int end = p + s.length;
      if (end <= n && matches(text, p, s) && (!boundaryAfter || boundary(text, end))) {
        return end;
      }
    }
    return -1;
  }

  private static final char KELVIN = '\u212A';
  private static final char LONG_S = '\u017F';

  private boolean matches(String text, int p, char[] s) {
    for (int i = 0; i < s.length; i++) {
      char t = text.charAt(p + i);
      char c = s[i];
      if (t == c) {
        continue;
      }
      if (!caseInsensitive || !isAsciiLetter(c)) {
        return false;
      }
      char lower = (char) (c | 0x20);
      if (!(t < 128 ? (t | 0x20) == lower
          : lower == 'k' && t == KELVIN || lower == 's' && t == LONG_S)) {
        return false;
      }
    }
    return true;
  }

  /** RE2's {@code \b} at {@code i}: an ASCII word char on exactly one side (an end counts as none). */
  private static boolean boundary(String text, int i) {
    boolean left = i > 0 && isWord(text.charAt(i - 1));
    boolean right = i < text.length() && isWord(text.charAt(i));
    return left != right;
  }

  private static boolean isWord(char c) {
    return c < 128 && (isAsciiLetter(c) || c >= '0' && c <= '9' || c == '_');
  }

  private static boolean isAsciiLetter(char c) {
    return (char) ((c | 0x20) - 'a') < 26;
  }

  @Override
  public String toString() {
    return "LiteralChoice" + strings() + (caseInsensitive ? " ignoring case" : "")
        + (boundaryBefore ? ", \\b before" : "") + (boundaryAfter ? ", \\b after" : "");
  }
}
