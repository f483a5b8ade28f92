package dev.vigil.learn;

import dev.vigil.Action;
import dev.vigil.Calibration;
import dev.vigil.Policy;
import dev.vigil.text.Normalizer;
import dev.vigil.text.Term;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@link PolicyLearner#learn} found: the learned policy, ready to evaluate, and each of its parts,
 * to write back into a policy file or to read in a report. Immutable.
 */
public final class LearnedPolicy {
  private final Policy policy;
  private final Map<String, Double> weights;
  private final List<String> unused;
  private final List<Term> terms;
  private final List<Term> harmlessTerms;
  private final @Nullable String termCategory;
  private final @Nullable Normalizer termNormalizer;
  private final Map<Action, Double> thresholds;
  private final Calibration calibration;
  private final List<String> notes;
  private final int items;
  private final int duplicates;
  private final int candidates;
  private final double regularization;
  private final Map<Double, Double> crossValidation;
  private final Map<Action, PolicyLearner.Target> targets;

  LearnedPolicy(Policy policy, Map<String, Double> weights, List<String> unused, List<Term> terms,
      List<Term> harmlessTerms, @Nullable String termCategory, @Nullable Normalizer termNormalizer,
      Map<Action, Double> thresholds, Calibration calibration, List<String> notes, int items,
      int duplicates, int candidates, double regularization, Map<Double, Double> crossValidation,
      Map<Action, PolicyLearner.Target> targets) {
    this.targets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    this.regularization = regularization;
    this.crossValidation = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(crossValidation));
    this.policy = policy;
    this.weights = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    this.unused = List.copyOf(unused);
    this.terms = List.copyOf(terms);
    this.harmlessTerms = List.copyOf(harmlessTerms);
    this.termCategory = termCategory;
    this.termNormalizer = termNormalizer;
    this.thresholds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
    this.calibration = calibration;
    this.notes = List.copyOf(notes);
    this.items = items;
    this.duplicates = duplicates;
    this.candidates = candidates;
  }

  /** The learned policy: the original's signals with the learned weights, no caps, the new rules. */
  public Policy policy() {
    return policy;
  }

  /**
   * Each counted signal's learned weight, in the policy's order, the mined terms' signals last (the
   * counter-evidence's, when there is one, negative).
   */
  public Map<String, Double> weights() {
    return weights;
  }

  /** The counted signals that got weight 0: on these items they marked harmless items as much. */
  public List<String> unused() {
    return unused;
  }

  /** The mined terms kept, with their weights, the strongest first; empty when none were mined. */
  public List<Term> terms() {
    return terms;
  }

  /**
   * The mined terms kept as counter-evidence ({@link PolicyLearner#harmlessTerms}), with their weights
   * in their list, the strongest first; empty unless asked for and fitted. Their list's signal has a
   * negative weight in {@link #weights()}.
   */
  public List<Term> harmlessTerms() {
    return harmlessTerms;
  }

  /** The category of the mined terms' signals, or null when there is none. */
  public @Nullable String termCategory() {
    return termCategory;
  }

  /** The normalizer the mined terms are matched under, or null when none were mined. */
  public @Nullable Normalizer termNormalizer() {
    return termNormalizer;
  }

  /**
   * Each action's threshold on the total, the most severe first; an action whose target no threshold
   * met is absent.
   */
  public Map<Action, Double> thresholds() {
    return thresholds;
  }

  /** The probability of harm as a function of the learned policy's total, fitted on the same items. */
  public Calibration calibration() {
    return calibration;
  }

  /** What the learner dropped or could not do, in words for the analyst. */
  public List<String> notes() {
    return notes;
  }

  /** How many distinct items it learned from. */
  public int items() {
    return items;
  }

  /** How many items were dropped as repeats of an earlier one. */
  public int duplicates() {
    return duplicates;
  }

  /** How many candidate terms the miner proposed to the fit. */
  public int candidates() {
    return candidates;
  }

  /** The targets the thresholds were chosen for, the most severe action first. */
  public Map<Action, PolicyLearner.Target> targets() {
    return targets;
  }

  /** The regularization the final fit used (see {@link PolicyLearner#regularization}). */
  public double regularization() {
    return regularization;
  }

  /**
   * Each regularization tried and its cross-validated log-loss (the mean over items of the log-loss of
   * the model fitted without the item's fold); empty when there was no cross-validation.
   */
  public Map<Double, Double> crossValidation() {
    return crossValidation;
  }

  @Override
  public String toString() {
    return "LearnedPolicy[" + policy.name() + ", weights " + weights + ", " + terms.size()
        + " terms, thresholds " + thresholds + "]";
  }
}
