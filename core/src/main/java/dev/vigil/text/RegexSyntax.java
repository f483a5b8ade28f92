package dev.vigil.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a pattern in RE2 syntax into a tree, for the analyses that run before (or instead of) RE2/J's
 * own compiler: {@link RegexSize} (how large the compiled program would be) and {@link RegexLiterals}
 * (what every match must hold). One reader, so that both see the same structure.
 *
 * <p>Total: it reads any string, valid or not, and never throws. What it does not understand, or what
 * RE2 reads in a way not worth modelling (an escape such as {@code \x41} or {@code \Q...\E}, a flag
 * group inside the pattern, a quantifier with nothing to repeat, a brace that is no repetition, an
 * unclosed group or class), becomes an {@link Unsupported} node or is marked on its node: the size
 * estimate counts it as one instruction, the literal analysis gives up. RE2/J itself still validates
 * the pattern; this reader only has to agree with it on valid patterns.
 */
final class RegexSyntax {
  /** Counts above this are kept as this (RE2 refuses counts over 1000 anyway). */
  static final long SATURATED = Long.MAX_VALUE / 4;

  /**
   * How deep groups and quantifiers may nest. The reader, the analyses and RE2/J's compiler all
   * recurse along the nesting (RE2/J overflows a 1 MB thread stack near 3,000 levels; the analyses,
   * compiled, near 1,000), and a pattern is compiled on whatever thread loads it; no pattern a person
   * writes comes close.
   */
  static final int MAX_DEPTH = 250;

  /** A node of the tree. */
  sealed interface Node
      permits Literal, AnyChar, Assertion, Perl, CharClass, Group, Flags, Repeat, Unsupported {}

  /** A code point that matches itself (an escaped punctuation char or {@code \n} included). */
  record Literal(int codePoint) implements Node {}

  /** {@code .} */
  record AnyChar() implements Node {}

  /** An empty-width assertion: {@code ^ $ \b \B \A \z}, by that char. */
  record Assertion(char kind) implements Node {}

  /**
   * A class escape outside brackets: {@code \d \D \w \W \s \S}, or {@code \p}/{@code \P} with its name
   * ({@code closed} false when {@code \p{} has no closing brace).
   */
  record Perl(char letter, boolean closed) implements Node {}

  /**
   * A bracketed class. {@code ranges}: its single chars and ranges as (low, high) pairs; {@code perls}:
   * the letters of its class escapes ({@code d}, {@code w}, {@code p}...); {@code named}: whether it
   * holds a POSIX class {@code [:alpha:]}; {@code unsupported}: whether it holds anything else (an
   * escape such as {@code \n} or {@code \x41}, a range to an escape or a bracket, an unclosed
   * {@code [:} or {@code \p{}); {@code closed}: whether its {@code ]} was found.
   */
  record CharClass(boolean negated, List<int[]> ranges, String perls, boolean named,
      boolean unsupported, boolean closed) implements Node {}

  /**
   * A group: {@code prefix} is what follows its {@code (} up to its contents ({@code ""} for a
   * capturing group, {@code "?:"}, {@code "?P<name>"}, {@code "?<name>"}, or flags {@code "?i:"}).
   */
  record Group(Alternation inner, String prefix, boolean closed) implements Node {}

  /** A flag group {@code (?i)} other than at the pattern's start. */
  record Flags(String flags) implements Node {}

  /**
   * {@code node} under a quantifier: {@code op} is {@code * + ?} or <code>{</code> for a counted
   * repetition from {@code min} to {@code max} times ({@code max} -1: unbounded); {@code lazy}: a
   * {@code ?} follows.
   */
  record Repeat(Node node, char op, long min, long max, boolean lazy) implements Node {}

  /** What the analyses do not model; {@code size}: its weight in the estimate (0 for a stray ')'). */
  record Unsupported(String text, int size) implements Node {}

  /** Nodes in a row. */
  record Sequence(List<Node> items) {}

  /** Sequences separated by {@code |} (one when there is no {@code |}). */
  record Alternation(List<Sequence> alternatives) {}

  /**
   * A whole pattern: its leading flag group's flags ({@code "i"} for {@code (?i)abc}, or null), and
   * the alternations it consists of: one, unless a stray {@code )} separates several. When it nests
   * deeper than {@link #MAX_DEPTH} ({@code tooDeep}), the reader stopped there: what follows is one
   * {@link Unsupported} node, and the pattern must be refused.
   */
  record Pattern(String leadingFlags, List<Alternation> parts, boolean tooDeep) {}

  private final String s;
  private int pos;
  private int depth; // of the groups and quantifiers being read
  private boolean tooDeep;

  private RegexSyntax(String s) {
    this.s = s;
  }

  /** Reads {@code pattern}. */
  static Pattern read(String pattern) {
    RegexSyntax r = new RegexSyntax(pattern);
    String flags = null;
    if (pattern.startsWith("(?")) {
      int end = r.flagsEnd(2);
      if (end < pattern.length() && pattern.charAt(end) == ')') {
        flags = pattern.substring(2, end);
        r.pos = end + 1;
      }
    }
    List<Alternation> parts = new ArrayList<>();
    do {
      parts.add(r.alternation());
      if (r.pos < pattern.length()) {
        r.pos++; // a stray ')': RE2/J will reject it; go on reading the rest
      }
    } while (r.pos < pattern.length());
    return new Pattern(flags, List.copyOf(parts), r.tooDeep);
  }

  /** Where the text after {@code (?} at {@code from} reaches a ')', ':' or '>'. */
  private int flagsEnd(int from) {
    int p = from;
    while (p < s.length() && s.charAt(p) != ')' && s.charAt(p) != ':' && s.charAt(p) != '>') {
      p++;
    }
    return p;
  }

  private Alternation alternation() {
    List<Sequence> alternatives = new ArrayList<>();
    alternatives.add(sequence());
    while (pos < s.length() && s.charAt(pos) == '|') {
      pos++;
      alternatives.add(sequence());
    }
    return new Alternation(List.copyOf(alternatives));
  }

  private Sequence sequence() {
    List<Node> items = new ArrayList<>();
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == '|' || c == ')') {
        break;
      }
      items.add(quantified(atom()));
    }
    return new Sequence(List.copyOf(items));
  }

  private Node quantified(Node atom) {
    Node x = atom;
    int chain = 0;
    while (pos < s.length()) {
      char q = s.charAt(pos);
      long min;
      long max;
      if (q == '*' || q == '+' || q == '?') {
        pos++;
        min = q == '+' ? 1 : 0;
        max = q == '?' ? 1 : -1;
      } else if (q == '{') {
        int end = countedRepetitionEnd(pos);
        if (end < 0) {
          break; // RE2 reads the brace as a literal: the next atom
        }
        String body = s.substring(pos + 1, end);
        int comma = body.indexOf(',');
        min = count(comma < 0 ? body : body.substring(0, comma));
        max = comma < 0 ? min : comma == body.length() - 1 ? -1 : count(body.substring(comma + 1));
        pos = end + 1;
      } else {
        break;
      }
      boolean lazy = pos < s.length() && s.charAt(pos) == '?';
      if (lazy) {
        pos++;
      }
      if (depth + ++chain > MAX_DEPTH) {
        return stop();
      }
      x = new Repeat(x, q, min, max, lazy);
    }
    return x;
  }

  /** Past the nesting limit: the rest of the pattern is not read. */
  private Node stop() {
    tooDeep = true;
    Node rest = new Unsupported(s.substring(Math.min(pos, s.length())), 1);
    pos = s.length();
    return rest;
  }

  /** The index of the '}' closing a valid {n}, {n,} or {n,m} at {@code open}, or -1. */
  private int countedRepetitionEnd(int open) {
    int p = open + 1;
    int digits = 0;
    while (p < s.length() && isDigit(s.charAt(p))) {
      p++;
      digits++;
    }
    if (digits == 0) {
      return -1;
    }
    if (p < s.length() && s.charAt(p) == ',') {
      p++;
      while (p < s.length() && isDigit(s.charAt(p))) {
        p++;
      }
    }
    return p < s.length() && s.charAt(p) == '}' ? p : -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static long count(String digits) {
    return digits.length() > 12 ? SATURATED : Long.parseLong(digits);
  }

  private Node atom() {
    char c = s.charAt(pos);
    switch (c) {
      case '(':
        return group();
      case '[':
        return charClass();
      case '.':
        pos++;
        return new AnyChar();
      case '^':
      case '$':
        pos++;
        return new Assertion(c);
      case '\\':
        return escape();
      case '*':
      case '+':
      case '?':
      case '{':
        pos++; // nothing to repeat, or a brace that is no repetition
        return new Unsupported(String.valueOf(c), 1);
      default:
        int cp = s.codePointAt(pos);
        pos += Character.charCount(cp);
        return new Literal(cp);
    }
  }

  private Node group() {
    if (depth >= MAX_DEPTH) {
      return stop();
    }
    int open = pos;
    pos++;
    String prefix = "";
    if (pos < s.length() && s.charAt(pos) == '?') {
      int p = flagsEnd(pos + 1);
      if (p < s.length() && s.charAt(p) == ')') {
        pos = p + 1;
        return new Flags(s.substring(open + 2, p));
      }
      int start = pos;
      pos = Math.min(p + 1, s.length());
      prefix = s.substring(start, pos);
    }
    depth++;
    Alternation inner = alternation();
    depth--;
    boolean closed = pos < s.length() && s.charAt(pos) == ')';
    if (closed) {
      pos++;
    }
    return new Group(inner, prefix, closed);
  }

  /** An escape outside brackets, at {@code pos}. */
  private Node escape() {
    int start = pos;
    if (pos + 1 >= s.length()) {
      pos = s.length();
      return new Unsupported("\\", 1);
    }
    char e = s.charAt(pos + 1);
    pos += 2;
    switch (e) {
      case 'b':
      case 'B':
      case 'A':
      case 'z':
        return new Assertion(e);
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 's':
      case 'S':
        return new Perl(e, true);
      case 'p':
      case 'P':
        return new Perl(e, propertyName());
      case 'n':
        return new Literal('\n');
      case 't':
        return new Literal('\t');
      case 'r':
        return new Literal('\r');
      case 'f':
        return new Literal('\f');
      default:
        if (e < 0x80 && !Character.isLetterOrDigit(e)) {
          return new Literal(e);
        }
        skipEscapeBody(e);
        return new Unsupported(s.substring(start, pos), 1);
    }
  }

  /** Skips the name after {@code \p} ({@code L} or {@code {Greek}}); false if its brace is unclosed. */
  private boolean propertyName() {
    if (pos < s.length() && s.charAt(pos) == '{') {
      int close = s.indexOf('}', pos);
      pos = close < 0 ? s.length() : close + 1;
      return close >= 0;
    }
    if (pos < s.length()) {
      pos++;
    }
    return true;
  }

  /** Skips what follows {@code \x} ({@code {41}}) or {@code \Q} (up to {@code \E}). */
  private void skipEscapeBody(char e) {
    if (e == 'x' && pos < s.length() && s.charAt(pos) == '{') {
      int close = s.indexOf('}', pos);
      pos = close < 0 ? s.length() : close + 1;
    } else if (e == 'Q') {
      int close = s.indexOf("\\E", pos);
      pos = close < 0 ? s.length() : close + 2;
    }
  }

  private Node charClass() {
    pos++;
    boolean negated = pos < s.length() && s.charAt(pos) == '^';
    if (negated) {
      pos++;
    }
    List<int[]> ranges = new ArrayList<>();
    StringBuilder perls = new StringBuilder();
    boolean named = false;
    boolean unsupported = false;
    boolean first = true;
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == ']' && !first) {
        pos++;
        return new CharClass(negated, List.copyOf(ranges), perls.toString(), named, unsupported,
            true);
      }
      first = false;
      if (c == '[' && pos + 1 < s.length() && s.charAt(pos + 1) == ':') {
        int close = s.indexOf(":]", pos + 2);
        if (close < 0) {
          unsupported = true;
          pos++;
        } else {
          named = true;
          pos = close + 2;
        }
        continue;
      }
      int lo;
      if (c == '\\') {
        if (pos + 1 >= s.length()) {
          unsupported = true;
          pos = s.length();
          break;
        }
        char e = s.charAt(pos + 1);
        pos += 2;
        if (e < 0x80 && !Character.isLetterOrDigit(e)) {
          lo = e;
        } else if (e == 'p' || e == 'P') {
          unsupported |= !propertyName();
          perls.append(e);
          continue;
        } else if ("dDwWsS".indexOf(e) >= 0) {
          perls.append(e);
          continue;
        } else {
          skipEscapeBody(e);
          unsupported = true;
          continue;
        }
      } else {
        lo = s.codePointAt(pos);
        pos += Character.charCount(lo);
      }
      int hi = lo;
      if (pos + 1 < s.length() && s.charAt(pos) == '-' && s.charAt(pos + 1) != ']') {
        char h = s.charAt(pos + 1);
        if (h == '\\' || h == '[') {
          unsupported = true; // a range to an escape or a bracket: read on char by char
          ranges.add(new int[] {lo, lo});
          continue;
        }
        hi = s.codePointAt(pos + 1);
        pos += 1 + Character.charCount(hi);
      }
      ranges.add(new int[] {lo, hi});
    }
    return new CharClass(negated, List.copyOf(ranges), perls.toString(), named, true, false);
  }
}
