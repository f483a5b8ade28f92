package dev.vigil.learn;

/**
 * Platt scaling: the probability that an item is harmful given a policy's total, {@code 1 / (1 +
 * exp(-(slope * total + intercept)))}, fitted on labeled items by logistic regression on the total alone.
 * With a positive slope (a fit on totals that rank harmful items higher always gives one) it is
 * monotone: a higher total never means a lower probability.
 *
 * @param slope how fast the probability rises with the total, >= 0
 * @param intercept the log-odds of harm at a total of zero
 */
public record Calibration(double slope, double intercept) {

  /** Checks the values. */
  public Calibration {
    if (!(slope >= 0 && slope < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("slope must be finite and >= 0 but was " + slope);
    }
    if (!Double.isFinite(intercept)) {
      throw new IllegalArgumentException("intercept must be finite but was " + intercept);
    }
  }

  /** The probability of harm at {@code total}. */
  public double probability(double total) {
    return Logistic.sigmoid(slope * total + intercept);
  }

  /**
   * Fits the calibration to totals and labels (a light ridge penalty keeps the slope finite when the
   * totals separate the labels perfectly).
   */
  public static Calibration fit(double[] totals, boolean[] harmful) {
    if (totals.length != harmful.length) {
      throw new IllegalArgumentException("totals and labels differ in length: " + totals.length
          + " and " + harmful.length);
    }
    int n = totals.length;
    int[] start = new int[n + 1];
    int[] col = new int[n];
    for (int i = 0; i < n; i++) {
      start[i + 1] = i + 1;
    }
    Logistic.Fit f = Logistic.fit(new Logistic.Rows(n, 1, start, col, totals.clone()), harmful,
        1.0 / Math.max(n, 1), new double[1]);
    return new Calibration(f.weights()[0], f.intercept());
  }
}
