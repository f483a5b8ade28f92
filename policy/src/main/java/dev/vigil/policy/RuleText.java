package dev.vigil.policy;

import dev.vigil.Action;
import dev.vigil.Condition;
import dev.vigil.Rule;
import java.util.Map;

/**
 * Reads a rule as decisions print it: {@code remove when total >= 1.0}, {@code review when
 * category(abuse) >= 0.5}, {@code forced remove when signal(threats) >= 1.0}, with {@code >} for a strict
 * test. What a reviewer reads in a decision can be pasted into a policy file.
 *
 * <pre>
 * rule    = ["forced"] action "when" subject (">=" | ">") number
 * subject = "total" | "probability" | "category(" name ")" | "signal(" name ")"
 * </pre>
 */
final class RuleText {
  private final String src;
  private int pos;

  private RuleText(String src) {
    this.src = src;
  }

  /** Parses a rule whose action is built in or in {@code actions}. */
  static Rule parse(String src, Map<String, Action> actions) throws Expression.SyntaxError {
    RuleText p = new RuleText(src);
    boolean forced = false;
    int at = p.skip();
    String word = p.word("an action (allow, review, remove or one of the policy's own)");
    if (word.equals("forced")) {
      forced = true;
      at = p.skip();
      word = p.word("an action after 'forced'");
    }
    Action action = actions.get(word);
    if (action == null) {
      throw new Expression.SyntaxError(at, "unknown action '" + word + "'"
          + Suggest.hint(word, actions.keySet()) + " (declare your own under 'actions')");
    }
    at = p.skip();
    String when = p.word("'when'");
    if (!when.equals("when")) {
      throw new Expression.SyntaxError(at, "expected 'when' after the action, as in '" + word
          + " when total >= 1.0', but found '" + when + "'");
    }
    at = p.skip();
    String subject = p.word("total, probability, category(name) or signal(name)");
    Condition.Target target;
    if (subject.equals("total")) {
      target = Condition.total();
    } else if (subject.equals("probability")) {
      target = Condition.probability();
    } else if (subject.equals("category") || subject.equals("signal")) {
      p.expect('(', subject);
      p.skip();
      int nameAt = p.pos;
      String name = p.word("a " + subject + " name");
      p.expect(')', "the " + subject + " name");
      if (!Values.isName(name)) {
        throw new Expression.SyntaxError(nameAt, "'" + name + "' is not a valid " + subject + " name");
      }
      target = subject.equals("category") ? Condition.category(name) : Condition.signal(name);
    } else {
      throw new Expression.SyntaxError(at, "a rule tests total, probability, category(name) or"
          + " signal(name), but found '" + subject + "'" + Suggest.hint(subject,
              java.util.List.of("total", "probability", "category", "signal")));
    }
    at = p.skip();
    boolean strict;
    if (src.startsWith(">=", p.pos)) {
      strict = false;
      p.pos += 2;
    } else if (src.startsWith(">", p.pos)) {
      strict = true;
      p.pos += 1;
    } else {
      throw new Expression.SyntaxError(at, "expected '>=' or '>' after " + subject + " but found "
          + p.rest());
    }
    at = p.skip();
    String number = p.word("a threshold");
    if (!Expression.isNumber(number)) {
      throw new Expression.SyntaxError(at, "expected a threshold (a number) but found '" + number + "'");
    }
    double threshold = Double.parseDouble(number);
    if (!(threshold >= 0 && Double.isFinite(threshold))) {
      throw new Expression.SyntaxError(at, "a threshold must be a finite number >= 0 but was " + number);
    }
    at = p.skip();
    if (p.pos < src.length()) {
      throw new Expression.SyntaxError(at, "unexpected " + p.rest() + " after the threshold");
    }
    Condition condition = strict ? target.above(threshold) : target.atLeast(threshold);
    return forced ? Rule.forced(condition, action) : Rule.when(condition, action);
  }

  private int skip() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
    return pos;
  }

  private String rest() {
    return pos < src.length() ? "'" + Interpreter.shorten(src.substring(pos)) + "'" : "the end of the rule";
  }

  private String word(String expected) throws Expression.SyntaxError {
    int start = pos;
    while (pos < src.length()) {
      int c = src.codePointAt(pos);
      if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '+') {
        pos += Character.charCount(c);
      } else {
        break;
      }
    }
    if (pos == start) {
      throw new Expression.SyntaxError(start, "expected " + expected + " but found " + rest());
    }
    return src.substring(start, pos);
  }

  private void expect(char c, String after) throws Expression.SyntaxError {
    skip();
    if (pos < src.length() && src.charAt(pos) == c) {
      pos++;
      return;
    }
    throw new Expression.SyntaxError(pos, "expected '" + c + "' after " + after + " but found " + rest());
  }
}
