package dev.vigil;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A threshold test in a policy rule, on the total score, a category's score or one signal's score:
 * {@code Condition.total().atLeast(1.0)}, {@code Condition.category("spam").atLeast(0.6)},
 * {@code Condition.signal("hash-bank").above(0)}.
 *
 * <p>Being structured (not an arbitrary predicate) is what lets a decision explain a near miss:
 * "review needs total >= 0.60, was 0.55". Immutable.
 */
public final class Condition {
  /** What a condition tests. */
  public enum Subject {
    /** The policy's total: the sum of the category scores. */
    TOTAL,
    /** One category's score, after its cap. */
    CATEGORY,
    /** One signal's own score in [0, 1], before its weight. */
    SIGNAL,
    /** The probability of harm, the policy's {@link Calibration} of its total. */
    PROBABILITY
  }

  private final Subject subject;
  private final @Nullable String name;
  private final double threshold;
  private final boolean strict;

  private Condition(Subject subject, @Nullable String name, double threshold, boolean strict) {
    this.subject = subject;
    this.name = name;
    this.threshold = threshold;
    this.strict = strict;
  }

  /** A condition on the total score. */
  public static Target total() {
    return new Target(Subject.TOTAL, null);
  }

  /** A condition on a category's score. */
  public static Target category(String category) {
    return new Target(Subject.CATEGORY, checkName(category, "category"));
  }

  /** A condition on one signal's score (by classifier name). */
  public static Target signal(String signal) {
    return new Target(Subject.SIGNAL, checkName(signal, "signal"));
  }

  /**
   * The probability of harm, from the policy's {@link Calibration} of its total: a policy with a rule
   * on it must have one ({@link Policy.Builder#calibration}).
   */
  public static Target probability() {
    return new Target(Subject.PROBABILITY, null);
  }

  private static String checkName(String name, String what) {
    requireNonNull(name, what);
    if (name.isBlank()) {
      throw new IllegalArgumentException(what + " name must not be blank but was '" + name + "'");
    }
    return name;
  }

  /** What the condition tests. */
  public Subject subject() {
    return subject;
  }

  /** The category or signal name; null for {@link Subject#TOTAL}. */
  public @Nullable String name() {
    return name;
  }

  /** The threshold. */
  public double threshold() {
    return threshold;
  }

  /** Whether the test is {@code >} rather than {@code >=}. */
  public boolean isStrict() {
    return strict;
  }

  /** Whether a value passes the test. */
  public boolean holds(double value) {
    return strict ? value > threshold : value >= threshold;
  }

  /** The subject as it prints: {@code total}, {@code category(spam)}, {@code signal(links)}. */
  public String subjectText() {
    switch (subject) {
      case TOTAL:
        return "total";
      case CATEGORY:
        return "category(" + name + ")";
      case PROBABILITY:
        return "probability";
      default:
        return "signal(" + name + ")";
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Condition)) {
      return false;
    }
    Condition c = (Condition) o;
    return subject == c.subject && Objects.equals(name, c.name)
        && Double.compare(threshold, c.threshold) == 0 && strict == c.strict;
  }

  @Override
  public int hashCode() {
    return Objects.hash(subject, name, threshold, strict);
  }

  /** {@code total >= 1.0}, {@code category(spam) > 0.5}. */
  @Override
  public String toString() {
    return subjectText() + (strict ? " > " : " >= ") + threshold;
  }

  /** The left-hand side of a condition, waiting for its threshold. */
  public static final class Target {
    private final Subject subject;
    private final @Nullable String name;

    private Target(Subject subject, @Nullable String name) {
      this.subject = subject;
      this.name = name;
    }

    /** Holds when the score is at least {@code threshold}. */
    public Condition atLeast(double threshold) {
      return new Condition(subject, name, check(threshold), false);
    }

    /** Holds when the score is strictly above {@code threshold}. */
    public Condition above(double threshold) {
      return new Condition(subject, name, check(threshold), true);
    }

    private static double check(double threshold) {
      if (!(threshold >= 0.0 && threshold < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("threshold must be finite and >= 0 but was " + threshold);
      }
      return threshold;
    }
  }
}
