package dev.vigil;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * How a policy uses one classifier: its category, its weight, whether it is a shadow, and what a failure
 * does. Immutable: each method returns a new value.
 *
 * <pre>{@code
 * Policy.Builder dm = Policy.builder("dm")
 *     .signal(links, SignalOptions.in("spam").weight(0.5).failClosed());
 * }</pre>
 */
public final class SignalOptions {
  private final String category;
  private final double weight;
  private final boolean shadow;
  private final FailureMode failureMode;
  private final boolean isolated;
  private final List<String> split;

  private SignalOptions(String category, double weight, boolean shadow, FailureMode failureMode,
      boolean isolated, List<String> split) {
    this.category = category;
    this.weight = weight;
    this.shadow = shadow;
    this.failureMode = failureMode;
    this.isolated = isolated;
    this.split = split;
  }

  /** Options for a signal in {@code category}, with weight 1, counted, failing open. */
  public static SignalOptions in(String category) {
    return new SignalOptions(checkCategory(category), 1.0, false, FailureMode.FAIL_OPEN, false,
        List.of());
  }

  /** The same options in another category. */
  public SignalOptions category(String category) {
    if (split.contains(category)) {
      throw new IllegalArgumentException("category '" + category + "' is also one of the categories"
          + " the signal is split into: " + split);
    }
    return new SignalOptions(checkCategory(category), weight, shadow, failureMode, isolated, split);
  }

  /**
   * The same options with another weight: the signal adds weight x score to its category.
   *
   * <p>A <b>negative weight</b> makes the signal <em>counter-evidence</em>: when it fires, it lowers its
   * category's sum, and so the total, by |weight| x score, never by more than |weight| (a score is at
   * most 1). That is how evidence that an item is harmless (an ordinary conversation's words) takes
   * part, as SpamAssassin's negative-scoring rules do; the price is that an attacker who adds such
   * text to a harmful item lowers its total by up to |weight| (the "good-word attack"), so keep
   * negative weights small against the thresholds, and put what must act whatever else the item holds
   * in forced rules on a signal's own score, which no weight lowers. A category's sum, and the total,
   * may then be below 0.
   *
   * @throws IllegalArgumentException if the weight is NaN or infinite
   */
  public SignalOptions weight(double weight) {
    if (!(Math.abs(weight) < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("weight must be finite but was " + weight);
    }
    return new SignalOptions(category, weight, shadow, failureMode, isolated, split);
  }

  /**
   * The same options as a shadow: evaluated and reported in every decision, but never counted and never
   * acting (not even on failure). For rolling out a new rule safely.
   */
  public SignalOptions shadow() {
    return new SignalOptions(category, weight, true, failureMode, isolated, split);
  }

  /** The same options, failing closed: a failure forces at least {@link Action#REVIEW}. */
  public SignalOptions failClosed() {
    return new SignalOptions(category, weight, shadow, FailureMode.FAIL_CLOSED, isolated, split);
  }

  /** The same options, failing open: a failure is recorded and counts as zero. */
  public SignalOptions failOpen() {
    return new SignalOptions(category, weight, shadow, FailureMode.FAIL_OPEN, isolated, split);
  }

  /**
   * The same options, isolated: the classifier runs on the policy's executor, in parallel with the
   * others, and is abandoned when the evaluation's time budget runs out. For classifiers that may block
   * (remote models, lookups). Needs {@link Policy.Builder#timeBudget}.
   */
  public SignalOptions isolated() {
    return new SignalOptions(category, weight, shadow, failureMode, true, split);
  }

  /**
   * The same options, split by evidence: the signal contributes to each of {@code categories} that its
   * evidence names, and to its own category for the rest, with the same weight, each category under
   * its own cap (see {@link Policy}'s class comment). A term list or rules file with terms in several
   * categories is then weighed per category: a {@code threat} term inside a list counted as {@code scam}
   * counts as a threat. Without it (the default), the whole score goes to the signal's category and
   * evidence categories only label the evidence.
   *
   * @throws IllegalArgumentException if a category is blank, repeated, or the signal's own
   */
  public SignalOptions splitByEvidence(String... categories) {
    requireNonNull(categories, "categories");
    List<String> out = new ArrayList<>(categories.length);
    for (String c : categories) {
      checkCategory(c);
      if (c.equals(category)) {
        throw new IllegalArgumentException("category '" + c + "' is the signal's own category; split"
            + " names the other categories its evidence may count in");
      }
      if (out.contains(c)) {
        throw new IllegalArgumentException("category '" + c + "' is named twice in splitByEvidence");
      }
      out.add(c);
    }
    return new SignalOptions(category, weight, shadow, failureMode, isolated, List.copyOf(out));
  }

  /**
   * The categories the signal's evidence may route its score to besides its own ({@link
   * #splitByEvidence}), in order; empty when the signal is not split.
   */
  public List<String> splitCategories() {
    return split;
  }

  /** Whether the classifier runs isolated. */
  public boolean isIsolated() {
    return isolated;
  }

  /** The category. */
  public String category() {
    return category;
  }

  /** The weight. */
  public double weight() {
    return weight;
  }

  /** Whether the signal is a shadow. */
  public boolean isShadow() {
    return shadow;
  }

  /** What a failure does. */
  public FailureMode failureMode() {
    return failureMode;
  }

  private static String checkCategory(String category) {
    requireNonNull(category, "category");
    if (category.isBlank()) {
      throw new IllegalArgumentException("category must not be blank but was '" + category + "'");
    }
    return category;
  }

  @Override
  public String toString() {
    return "in(" + category + ") weight " + weight + (shadow ? " shadow" : "")
        + (failureMode == FailureMode.FAIL_CLOSED ? " fail-closed" : "") + (isolated ? " isolated" : "")
        + (split.isEmpty() ? "" : " split by evidence into " + split);
  }
}
