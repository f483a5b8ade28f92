package dev.vigil.learn;

import dev.vigil.eval.ScoreCurve;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/** Where {@link PolicyLearner} puts a threshold, and how it writes numbers short. */
final class Thresholds {
  private Thresholds() {}

  /**
   * The threshold that meets {@code target} on these totals, written as the shortest decimal between
   * the lowest total it flags and the next total below; infinity when no threshold meets it.
   */
  static double threshold(double[] totals, boolean[] harmful, PolicyLearner.Target target,
      double floor) {
    ScoreCurve curve = ScoreCurve.of(totals, harmful);
    List<ScoreCurve.Point> points = curve.points();
    int chosen = -1;
    if (target.metric() == PolicyLearner.Target.Metric.PRECISION) {
      for (int p = 0; p < points.size(); p++) {
        if (points.get(p).precision() >= target.value() && points.get(p).threshold() > floor) {
          chosen = p; // the lowest threshold that still meets it: the most recall
        }
      }
    } else {
      for (int p = 0; p < points.size(); p++) {
        if (points.get(p).recall() >= target.value() && points.get(p).threshold() > floor) {
          chosen = p; // the first (highest) threshold that meets it
          break;
        }
      }
    }
    if (chosen < 0) {
      return Double.POSITIVE_INFINITY;
    }
    double low = points.get(chosen).threshold();
    double below = chosen + 1 < points.size() ? points.get(chosen + 1).threshold()
        : Math.max(floor, low - 1);
    return shortestAbove(below, low);
  }

  /** The decimal with the fewest digits in {@code (below, atMost]}. */
  static double shortestAbove(double below, double atMost) {
    for (int digits = 0; digits <= 15; digits++) {
      double f = Math.pow(10, digits);
      double d = Math.floor(atMost * f) / f;
      if (d > below && d <= atMost) {
        return d;
      }
    }
    return atMost;
  }

  /** {@code v} to {@code digits} significant digits. */
  static double round(double v, int digits) {
    if (v == 0 || !Double.isFinite(v)) {
      return v;
    }
    return new BigDecimal(v).round(new MathContext(digits)).doubleValue();
  }
}
