package dev.vigil.policy;

import dev.vigil.Condition;
import dev.vigil.policy.Interpreter.Category;
import dev.vigil.policy.SignalSection.SignalDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The most each subject of a rule can reach, from the counted signals' weights and the caps (a signal
 * scores at most 1): the loader refuses a rule whose threshold is above it, at the rule's line, with the
 * arithmetic. {@code Policy.Builder.build()} refuses such rules too, for policies built in code.
 */
final class Reach {
  final Map<String, Double> categories = new LinkedHashMap<>();
  final Map<String, Boolean> capped = new LinkedHashMap<>();
  double total;

  Reach(Map<String, SignalDef> signals, Map<String, Category> declared) {
    Map<String, Double> sums = new LinkedHashMap<>();
    for (SignalDef s : signals.values()) {
      if (s.counted()) {
        // Counter-evidence (a negative weight) is at its least when it does not fire.
        double w = Math.max(0.0, s.weight);
        sums.merge(s.category, w, Double::sum);
        for (String c : s.split) {
          sums.merge(c, w, Double::sum);
        }
      }
    }
    for (Map.Entry<String, Double> e : sums.entrySet()) {
      // A signal in an undeclared category is an error reported elsewhere; count it uncapped here.
      Category category = declared.get(e.getKey());
      double cap = category == null ? Double.POSITIVE_INFINITY : category.cap();
      categories.put(e.getKey(), Math.min(cap, e.getValue()));
      capped.put(e.getKey(), cap < e.getValue());
      total += Math.min(cap, e.getValue());
    }
  }

  /**
   * Whether no value {@code c}'s subject can reach passes it. Sums of weights carry float error, so a
   * {@code >=} threshold within a billionth above the most counts as reachable (as in the builder).
   */
  boolean neverHolds(Condition c) {
    double max = of(c);
    return c.threshold() > max + 1e-9 || (c.isStrict() && c.threshold() >= max - 1e-9);
  }

  double of(Condition c) {
    switch (c.subject()) {
      case TOTAL:
        return total;
      case CATEGORY:
        return categories.getOrDefault(c.name(), 0.0);
      default:
        return 1.0; // a signal's score or a probability
    }
  }

  String explain(Condition c) {
    switch (c.subject()) {
      case TOTAL: {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Double> e : categories.entrySet()) {
          parts.add(e.getKey() + " " + Interpreter.number(round(e.getValue()))
              + (capped.get(e.getKey()) ? " (its cap)" : ""));
        }
        return "the total can reach at most " + Interpreter.number(round(total)) + " ("
            + String.join(" + ", parts) + ")";
      }
      case CATEGORY:
        return "category " + c.name() + " can reach at most " + Interpreter.number(round(of(c)))
            + (capped.getOrDefault(c.name(), false) ? " (its cap)" : " (the sum of its signals' weights)");
      case PROBABILITY:
        return "a probability is at most 1";
      default:
        return "a signal's score is at most 1";
    }
  }

  private static double round(double d) {
    return Math.round(d * 1e6) / 1e6;
  }
}
