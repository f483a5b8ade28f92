package dev.vigil.eval;

/**
 * A confusion matrix and the rates computed from it. A rate whose denominator is zero (precision when
 * nothing was flagged, recall when nothing is harmful) is {@link Double#NaN}: undefined, not zero.
 *
 * @param tp harmful and flagged
 * @param fp harmless but flagged
 * @param tn harmless and not flagged
 * @param fn harmful but not flagged
 */
public record Confusion(long tp, long fp, long tn, long fn) {

  /** Checks the counts. */
  public Confusion {
    if (tp < 0 || fp < 0 || tn < 0 || fn < 0) {
      throw new IllegalArgumentException(
          "confusion counts must be >= 0 but were tp=" + tp + " fp=" + fp + " tn=" + tn + " fn=" + fn);
    }
  }

  /** All items. */
  public long total() {
    return tp + fp + tn + fn;
  }

  /** Share of flagged items that are harmful: tp / (tp + fp). */
  public double precision() {
    return ratio(tp, tp + fp);
  }

  /** Share of harmful items flagged: tp / (tp + fn). */
  public double recall() {
    return ratio(tp, tp + fn);
  }

  /** Harmonic mean of precision and recall: 2tp / (2tp + fp + fn). */
  public double f1() {
    return ratio(2 * tp, 2 * tp + fp + fn);
  }

  /** Share of harmless items flagged: fp / (fp + tn). */
  public double falsePositiveRate() {
    return ratio(fp, fp + tn);
  }

  /** Share of items decided right: (tp + tn) / total. */
  public double accuracy() {
    return ratio(tp + tn, total());
  }

  /** This matrix plus one item. */
  Confusion add(boolean harmful, boolean flagged) {
    return new Confusion(tp + (harmful && flagged ? 1 : 0), fp + (!harmful && flagged ? 1 : 0),
        tn + (!harmful && !flagged ? 1 : 0), fn + (harmful && !flagged ? 1 : 0));
  }

  static final Confusion EMPTY = new Confusion(0, 0, 0, 0);

  private static double ratio(long a, long b) {
    return b == 0 ? Double.NaN : (double) a / b;
  }
}
