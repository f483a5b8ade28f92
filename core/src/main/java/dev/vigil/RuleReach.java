package dev.vigil;

import java.util.List;
import java.util.Map;

/**
 * The most each subject of a policy's rules can reach, computed as evaluation computes it with every
 * counted signal at score 1 (sums of weights rounded by {@link Policy#tidy}, then capped), so that
 * {@link Policy.Builder#build()} can refuse a rule that can never hold and say why. Built once per build.
 */
final class RuleReach {
  private final List<String> categories;
  private final Map<String, Double> caps;
  private final double[] most;
  private final double total;

  RuleReach(List<String> categories, List<SignalOptions> options, Map<String, Double> caps) {
    this.categories = categories;
    this.caps = caps;
    this.most = new double[categories.size()];
    for (SignalOptions o : options) {
      // Counter-evidence (a negative weight) is at its least when it does not fire: the most a
      // category reaches is the sum of its positive weights.
      double w = Math.max(0.0, o.weight());
      if (!o.isShadow()) {
        most[categories.indexOf(o.category())] += w;
        for (String c : o.splitCategories()) {
          most[categories.indexOf(c)] += w;
        }
      }
    }
    double sum = 0.0;
    for (int c = 0; c < most.length; c++) {
      double cap = caps.getOrDefault(categories.get(c), Double.POSITIVE_INFINITY);
      most[c] = Math.min(cap, Policy.tidy(most[c]));
      sum += most[c];
    }
    this.total = Policy.tidy(sum);
  }

  /**
   * Refuses {@code rule} of policy {@code policy} when no value its subject can reach passes it;
   * {@code index} is its category's or signal's (as the builder resolved it).
   *
   * @throws IllegalArgumentException with the rule, the most its subject reaches and why
   */
  void check(Rule rule, int index, String policy) {
    Condition c = rule.condition();
    double reach = c.subject() == Condition.Subject.TOTAL ? total
        : c.subject() == Condition.Subject.CATEGORY ? most[index] : 1.0; // a score or a probability
    if (!c.holds(reach)) {
      throw new IllegalArgumentException("rule '" + rule + "' of policy '" + policy + "' can never hold: "
          + c.subjectText() + " is at most " + Decision.format(reach) + " (" + why(c) + ")");
    }
  }

  private String why(Condition c) {
    switch (c.subject()) {
      case SIGNAL:
        return "a signal scores from 0 to 1";
      case PROBABILITY:
        return "a probability is at most 1";
      case CATEGORY: {
        double cap = caps.getOrDefault(c.name(), Double.POSITIVE_INFINITY);
        return "the sum of its counted signals' weights"
            + (cap < Double.POSITIVE_INFINITY ? ", capped at " + Decision.format(cap) : "");
      }
      default:
        return "the sum of every category's most, categories " + categories;
    }
  }
}
