package dev.vigil.internal;

/**
 * Short decimals, which most scores, weights and totals are ({@code 0.3}, {@code 0.25}, {@code 1.0}):
 * printed by {@code Decision}'s explanations and by {@code vigil-json} without {@code BigDecimal} or a
 * general double-to-text conversion. Not API (see the package).
 */
public final class Decimals {
  private Decimals() {}

  /**
   * {@code k} when {@code a} is the double nearest to {@code k / 10^4} for a whole {@code k}, in
   * [0.001, 10^7) (where Java and Jackson write doubles without an exponent); otherwise -1. Such a
   * double's shortest decimal is {@code k / 10^4} itself (a shorter one would be another
   * {@code k' / 10^4}, and in this range distinct ones are distinct doubles), and so is its decimal
   * expansion rounded to four places (it lies within an ulp, under 2e-9 here, of {@code k / 10^4}).
   */
  public static long tenThousandths(double a) {
    if (!(a >= 1e-3 && a < 1e7)) {
      return -1;
    }
    double scaled = Math.rint(a * 10_000.0);
    return scaled / 10_000.0 == a ? (long) scaled : -1;
  }
}
