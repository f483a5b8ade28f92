package dev.vigil.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How a policy's total score separates harmful from harmless items at every threshold: the points of the
 * precision-recall and ROC curves, average precision and ROC AUC, and suggested thresholds.
 *
 * <p>There is one point per distinct score, in decreasing order of threshold; at a point, an item counts
 * as flagged when its score is at least the threshold, so items with equal scores always move together.
 * Immutable.
 */
public final class ScoreCurve {
  private final List<Point> points;
  private final long positives;
  private final long negatives;

  private ScoreCurve(List<Point> points, long positives, long negatives) {
    this.points = Collections.unmodifiableList(points);
    this.positives = positives;
    this.negatives = negatives;
  }

  /**
   * One threshold of the curve.
   *
   * @param threshold items scoring at least this are flagged
   * @param tp harmful items flagged at this threshold
   * @param fp harmless items flagged at this threshold
   * @param positives all harmful items
   * @param negatives all harmless items
   */
  public record Point(double threshold, long tp, long fp, long positives, long negatives) {
    /** tp / (tp + fp). */
    public double precision() {
      return tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
    }

    /** tp / positives (the true-positive rate). */
    public double recall() {
      return positives == 0 ? Double.NaN : (double) tp / positives;
    }

    /** fp / negatives. */
    public double falsePositiveRate() {
      return negatives == 0 ? Double.NaN : (double) fp / negatives;
    }

    /** 2tp / (2tp + fp + fn). */
    public double f1() {
      long fn = positives - tp;
      return 2 * tp + fp + fn == 0 ? Double.NaN : 2.0 * tp / (2 * tp + fp + fn);
    }
  }

  /**
   * The curve of the given scores and truths.
   *
   * @throws IllegalArgumentException if the arrays differ in length or a score is NaN
   */
  public static ScoreCurve of(double[] scores, boolean[] harmful) {
    if (scores.length != harmful.length) {
      throw new IllegalArgumentException(
          scores.length + " scores but " + harmful.length + " labels: they must pair up");
    }
    Integer[] order = new Integer[scores.length];
    long positives = 0;
    for (int i = 0; i < scores.length; i++) {
      if (Double.isNaN(scores[i])) {
        throw new IllegalArgumentException("score of item " + i + " is NaN");
      }
      order[i] = i;
      positives += harmful[i] ? 1 : 0;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    List<Point> points = new ArrayList<>();
    long tp = 0;
    long fp = 0;
    long negatives = scores.length - positives;
    for (int k = 0; k < order.length; k++) {
      int i = order[k];
      if (harmful[i]) {
        tp++;
      } else {
        fp++;
      }
      if (k + 1 == order.length || scores[order[k + 1]] != scores[i]) {
        points.add(new Point(scores[i], tp, fp, positives, negatives));
      }
    }
    return new ScoreCurve(points, positives, negatives);
  }

  /** The points, thresholds decreasing. */
  public List<Point> points() {
    return points;
  }

  /** How many items are harmful. */
  public long positives() {
    return positives;
  }

  /** How many items are harmless. */
  public long negatives() {
    return negatives;
  }

  /**
   * Average precision as scikit-learn computes it: the sum over thresholds of the gain in recall times
   * the precision there, a step function without interpolation. NaN when no item is harmful.
   */
  public double averagePrecision() {
    if (positives == 0) {
      return Double.NaN;
    }
    double sum = 0;
    double previousRecall = 0;
    for (Point p : points) {
      double recall = p.recall();
      sum += (recall - previousRecall) * p.precision();
      previousRecall = recall;
    }
    return sum;
  }

  /**
   * The area under the ROC curve: the probability that a random harmful item scores above a random
   * harmless one, ties counting one half. NaN unless there are items of both kinds.
   */
  public double rocAuc() {
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    // Trapezoids between consecutive points: a tie block adds half its rectangle.
    double area = 0;
    long previousTp = 0;
    long previousFp = 0;
    for (Point p : points) {
      area += (double) (p.fp - previousFp) * (p.tp + previousTp) / 2.0;
      previousTp = p.tp;
      previousFp = p.fp;
    }
    return area / ((double) positives * negatives);
  }

  /** The point with the best F1 (the highest threshold among equals), or null without harmful items. */
  public @Nullable Point bestF1() {
    Point best = null;
    for (Point p : points) {
      if (!Double.isNaN(p.f1()) && (best == null || p.f1() > best.f1())) {
        best = p;
      }
    }
    return positives == 0 ? null : best;
  }

  /**
   * The point of highest recall whose precision is at least {@code minPrecision} (the highest
   * threshold among equals), or null when no threshold reaches that precision.
   */
  public @Nullable Point highestRecallAtPrecision(double minPrecision) {
    Point best = null;
    for (Point p : points) {
      if (p.precision() >= minPrecision && (best == null || p.recall() > best.recall())) {
        best = p;
      }
    }
    return best;
  }
}
