package dev.vigil;

/**
 * The probability that an item is harmful given a policy's total, by Platt scaling: {@code 1 / (1 +
 * exp(-(slope * total + intercept)))}. A policy with a calibration reports the probability in every
 * {@link Decision#probability() decision} and its rules may read it ({@link Condition#probability()}).
 * The slope is never negative, so the probability never falls as the total rises.
 *
 * <p>Fit one to labeled items with {@link #fit}; {@code vigil learn} writes the fit into the learned
 * policy. A calibration holds for the traffic it was fitted on: refit it when the share of harmful
 * items changes. Immutable.
 *
 * @param slope how fast the log-odds of harm rise with the total, finite and >= 0
 * @param intercept the log-odds of harm at a total of zero, finite
 */
public record Calibration(double slope, double intercept) {

  /** Checks the values, naming the bad one. */
  public Calibration {
    if (!(slope >= 0 && slope < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("calibration slope must be finite and >= 0 but was " + slope);
    }
    if (!Double.isFinite(intercept)) {
      throw new IllegalArgumentException("calibration intercept must be finite but was " + intercept);
    }
  }

  /** The probability of harm at {@code total}, in [0, 1]. */
  public double probability(double total) {
    return sigmoid(slope * total + intercept);
  }

  /**
   * Fits the calibration to totals and labels: logistic regression on the total alone, by Newton's
   * method, with a light ridge penalty (1 / n on the slope) that keeps it finite when the totals
   * separate the labels. A fit whose slope would be negative (totals that rank harmless items higher)
   * gets slope 0: the base rate at every total.
   *
   * @throws IllegalArgumentException if the arrays differ in length or are empty
   */
  public static Calibration fit(double[] totals, boolean[] harmful) {
    int n = totals.length;
    if (n != harmful.length || n == 0) {
      throw new IllegalArgumentException("calibration needs as many labels as totals, at least one,"
          + " but got " + n + " totals and " + harmful.length + " labels");
    }
    int positives = 0;
    for (boolean h : harmful) {
      positives += h ? 1 : 0;
    }
    double p0 = (positives + 0.5) / (n + 1.0);
    double a = 0;
    double b = Math.log(p0 / (1 - p0));
    double ridge = 1.0 / n;
    for (int it = 0; it < 100; it++) {
      double ga = ridge * a;
      double gb = 0;
      double haa = ridge;
      double hab = 0;
      double hbb = 1e-12;
      for (int i = 0; i < n; i++) {
        double p = sigmoid(a * totals[i] + b);
        double r = (p - (harmful[i] ? 1 : 0)) / n;
        double w = p * (1 - p) / n;
        ga += r * totals[i];
        gb += r;
        haa += w * totals[i] * totals[i];
        hab += w * totals[i];
        hbb += w;
      }
      double det = haa * hbb - hab * hab;
      if (!(det > 0)) {
        break;
      }
      double da = (hbb * ga - hab * gb) / det;
      double db = (haa * gb - hab * ga) / det;
      a -= da;
      b -= db;
      if (Math.abs(da) + Math.abs(db) < 1e-10 * (1 + Math.abs(a) + Math.abs(b))) {
        break;
      }
    }
    if (!(a >= 0) || !Double.isFinite(a) || !Double.isFinite(b)) {
      return new Calibration(0, Math.log(p0 / (1 - p0)));
    }
    return new Calibration(a, b);
  }

  private static double sigmoid(double v) {
    return v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
  }

  @Override
  public String toString() {
    return "1 / (1 + exp(-(" + slope + " * total + " + intercept + ")))";
  }
}
