package dev.vigil.policy;

import dev.vigil.Classifier;
import dev.vigil.Classifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A composite expression, in the syntax that composites print: {@code allOf(scam-phrases,
 * anyOf(links, payment-details))}, {@code atLeast(2, account-age, links)}, {@code not(verified)},
 * {@code max(a, b)}, {@code onField(title, shouting)}, {@code weightedSum(cap 1.0: 0.5*a + 0.3*b)}.
 * Leaves are names of the policy's signals and parts; {@code regex(name)} and {@code terms(name)}, as
 * decisions print those signals, name them too.
 *
 * <pre>
 * expr     = name | call
 * call     = ("allOf" | "anyOf" | "max") "(" expr ("," expr)* ")"
 *          | "atLeast" "(" integer ("," expr)+ ")"
 *          | "not" "(" expr ")"
 *          | "onField" "(" field "," expr ")"
 *          | "weightedSum" "(" "cap" number ":" number "*" expr ("+" number "*" expr)* ")"
 *          | ("regex" | "terms") "(" name ")"
 * </pre>
 */
final class Expression {
  /** Nesting deeper than this is refused (and keeps the recursive parser's stack small). */
  static final int MAX_DEPTH = 64;

  static final List<String> COMPOSITES = List.of("allOf", "anyOf", "max", "atLeast", "not", "onField",
      "weightedSum");
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?");

  static boolean isNumber(String s) {
    return NUMBER.matcher(s).matches();
  }

  /** A node of the parsed expression, with the offset of its first char in the source. */
  abstract static class Expr {
    final int offset;

    Expr(int offset) {
      this.offset = offset;
    }
  }

  /** A signal or part, by name; {@code kind} is "regex" or "terms" when written {@code regex(name)}. */
  static final class Ref extends Expr {
    final String name;
    final @Nullable String kind;

    Ref(int offset, String name, @Nullable String kind) {
      super(offset);
      this.name = name;
      this.kind = kind;
    }
  }

  /** A composite over its children. */
  static final class Call extends Expr {
    final String function;
    final List<Expr> children;
    final int n; // atLeast
    final @Nullable String field; // onField
    final double cap; // weightedSum
    final double[] weights; // weightedSum

    Call(int offset, String function, List<Expr> children, int n, @Nullable String field, double cap,
        double[] weights) {
      super(offset);
      this.function = function;
      this.children = children;
      this.n = n;
      this.field = field;
      this.cap = cap;
      this.weights = weights;
    }
  }

  /** A syntax error at an offset. */
  static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;
    final int offset;

    SyntaxError(int offset, String message) {
      super(message, null, false, false);
      this.offset = offset;
    }
  }

  private final String src;
  private int pos;

  private Expression(String src) {
    this.src = src;
  }

  /** Parses a whole expression. */
  static Expr parse(String src) throws SyntaxError {
    Expression p = new Expression(src);
    Expr e = p.expr(0);
    p.skipSpace();
    if (p.pos < src.length()) {
      throw new SyntaxError(p.pos, "unexpected '" + src.charAt(p.pos) + "' after a complete expression");
    }
    return e;
  }

  private Expr expr(int depth) throws SyntaxError {
    if (depth > MAX_DEPTH) {
      throw new SyntaxError(pos, "the expression nests deeper than " + MAX_DEPTH + " levels");
    }
    skipSpace();
    int start = pos;
    String word = word("a signal name or a composite such as allOf(...)");
    skipSpace();
    if (pos >= src.length() || src.charAt(pos) != '(') {
      if (isNumber(word)) {
        throw new SyntaxError(start, "expected a signal name or a composite but found the number "
            + word);
      }
      return new Ref(start, word, null);
    }
    pos++; // '('
    switch (word) {
      case "allOf":
      case "anyOf":
      case "max": {
        List<Expr> children = new ArrayList<>();
        children.add(expr(depth + 1));
        while (accept(',')) {
          children.add(expr(depth + 1));
        }
        expect(')', word);
        return new Call(start, word, children, 0, null, 0, new double[0]);
      }
      case "atLeast": {
        skipSpace();
        int at = pos;
        String n = word("the number of children that must be high");
        if (!n.matches("\\d{1,6}")) {
          throw new SyntaxError(at, "atLeast needs a whole number first, as in atLeast(2, a, b), but"
              + " found '" + n + "'");
        }
        List<Expr> children = new ArrayList<>();
        expect(',', "atLeast's number");
        children.add(expr(depth + 1));
        while (accept(',')) {
          children.add(expr(depth + 1));
        }
        expect(')', word);
        return new Call(start, word, children, Integer.parseInt(n), null, 0, new double[0]);
      }
      case "not": {
        Expr child = expr(depth + 1);
        expect(')', word);
        return new Call(start, word, List.of(child), 0, null, 0, new double[0]);
      }
      case "onField": {
        skipSpace();
        String field = word("a field name");
        expect(',', "the field name");
        Expr child = expr(depth + 1);
        expect(')', word);
        return new Call(start, word, List.of(child), 0, field, 0, new double[0]);
      }
      case "weightedSum":
        return weightedSum(start, depth);
      case "regex":
      case "terms": {
        skipSpace();
        int at = pos;
        String name = word("the name of a " + word + " signal");
        expect(')', word);
        return new Ref(at, name, word);
      }
      default:
        String close = Suggest.closest(word, COMPOSITES);
        throw new SyntaxError(start, "'" + word + "(' is not a composite" + (close != null
            ? "; did you mean '" + close + "'?"
            : "; composites are " + String.join(", ", COMPOSITES) + ". A built-in classifier as a"
                + " decision prints it (link-count(0.0..3.0)) cannot be written here: give it a name"
                + " under signals and use the name"));
    }
  }

  private Expr weightedSum(int start, int depth) throws SyntaxError {
    skipSpace();
    int at = pos;
    String cap = word("'cap'");
    if (!cap.equals("cap")) {
      throw new SyntaxError(at, "weightedSum starts with its cap, as in weightedSum(cap 1.0: 0.5*a +"
          + " 0.5*b), but found '" + cap + "'");
    }
    double capValue = number("the cap");
    expect(':', "the cap");
    List<Expr> children = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    do {
      weights.add(number("a weight"));
      expect('*', "the weight");
      children.add(expr(depth + 1));
    } while (accept('+'));
    expect(')', "weightedSum");
    double[] w = new double[weights.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = weights.get(i);
    }
    return new Call(start, "weightedSum", children, 0, null, capValue, w);
  }

  private double number(String what) throws SyntaxError {
    skipSpace();
    int at = pos;
    String w = word(what);
    if (!isNumber(w)) {
      throw new SyntaxError(at, "expected " + what + " (a number) but found '" + w + "'");
    }
    return Double.parseDouble(w);
  }

  /** A run of name chars: letters, digits, '_', '.', '-', '+' (for numbers). */
  private String word(String expected) throws SyntaxError {
    int start = pos;
    while (pos < src.length()) {
      int c = src.codePointAt(pos);
      if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-'
          || (c == '+' && pos == start && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))
          || ((c == '+' || c == '-') && pos > start && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E')
              && isNumber(src.substring(start, pos - 1)))) {
        pos += Character.charCount(c);
      } else {
        break;
      }
    }
    if (pos == start) {
      throw new SyntaxError(start, "expected " + expected + " but found "
          + (pos < src.length() ? "'" + src.charAt(pos) + "'" : "the end of the expression"));
    }
    return src.substring(start, pos);
  }

  private void skipSpace() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
  }

  private boolean accept(char c) {
    skipSpace();
    if (pos < src.length() && src.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c, String after) throws SyntaxError {
    skipSpace();
    if (pos < src.length() && src.charAt(pos) == c) {
      pos++;
      return;
    }
    throw new SyntaxError(pos, "expected '" + c + "' after " + after + " but found "
        + (pos < src.length() ? "'" + src.charAt(pos) + "'" : "the end of the expression"));
  }

  /** Every name the expression refers to, in order. */
  static void refs(Expr e, List<Ref> out) {
    if (e instanceof Ref) {
      out.add((Ref) e);
    } else {
      for (Expr c : ((Call) e).children) {
        refs(c, out);
      }
    }
  }

  /** A build failure of one composite (say atLeast's n out of range), at its offset. */
  static final class BuildError extends Exception {
    private static final long serialVersionUID = 1L;
    final int offset;

    BuildError(int offset, String message) {
      super(message, null, false, false);
      this.offset = offset;
    }
  }

  /** Builds the classifier; every name resolves through {@code byName} (checked before). */
  static Classifier build(Expr e, Function<String, Classifier> byName) throws BuildError {
    if (e instanceof Ref) {
      return byName.apply(((Ref) e).name);
    }
    Call c = (Call) e;
    Classifier[] children = new Classifier[c.children.size()];
    for (int i = 0; i < children.length; i++) {
      children[i] = build(c.children.get(i), byName);
    }
    try {
      switch (c.function) {
        case "allOf":
          return Classifiers.allOf(children);
        case "anyOf":
          return Classifiers.anyOf(children);
        case "max":
          return Classifiers.max(children);
        case "atLeast":
          return Classifiers.atLeast(c.n, children);
        case "not":
          return Classifiers.not(children[0]);
        case "onField":
          return Classifiers.onField(c.field, children[0]);
        default: {
          Classifiers.Weighted[] parts = new Classifiers.Weighted[children.length];
          for (int i = 0; i < children.length; i++) {
            parts[i] = Classifiers.weighted(c.weights[i], children[i]);
          }
          return Classifiers.weightedSum(c.cap, parts);
        }
      }
    } catch (IllegalArgumentException ex) {
      throw new BuildError(c.offset, ex.getMessage());
    }
  }

  /** For messages: the names of {@code map}'s keys. */
  static List<String> names(Map<String, ?> map) {
    return new ArrayList<>(map.keySet());
  }
}
