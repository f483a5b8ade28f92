package dev.vigil;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A decision rule of a {@link Policy}: when its condition holds, it chooses its action.
 *
 * <p>A policy checks its <em>forced</em> rules first, in order, then its ordinary rules, in order; the
 * first rule that holds chooses the action. A forced rule therefore wins whatever the total and whatever
 * rule stands before it (a hash-bank match removes even when nothing else fired). Immutable.
 */
public final class Rule {
  private final Action action;
  private final Condition condition;
  private final boolean forced;
  /** Every decision that a rule holds in prints it: formatted once. */
  private final String text;

  private Rule(Action action, Condition condition, boolean forced) {
    this.action = requireNonNull(action, "action");
    this.condition = requireNonNull(condition, "condition");
    this.forced = forced;
    this.text = (forced ? "forced " : "") + action.name() + " when " + condition;
  }

  /** An ordinary rule. */
  public static Rule when(Condition condition, Action action) {
    return new Rule(action, condition, false);
  }

  /** A forced rule: checked before every ordinary rule. */
  public static Rule forced(Condition condition, Action action) {
    return new Rule(action, condition, true);
  }

  /** The action the rule chooses. */
  public Action action() {
    return action;
  }

  /** The condition. */
  public Condition condition() {
    return condition;
  }

  /** Whether the rule is forced. */
  public boolean isForced() {
    return forced;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Rule)) {
      return false;
    }
    Rule r = (Rule) o;
    return action.equals(r.action) && condition.equals(r.condition) && forced == r.forced;
  }

  @Override
  public int hashCode() {
    return Objects.hash(action, condition, forced);
  }

  /** {@code remove when total >= 1.0}, {@code forced remove when signal(hash) > 0.0}. */
  @Override
  public String toString() {
    return text;
  }
}
