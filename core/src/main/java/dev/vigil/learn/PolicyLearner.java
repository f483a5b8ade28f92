package dev.vigil.learn;

import static java.util.Objects.requireNonNull;

import dev.vigil.Action;
import dev.vigil.Calibration;
import dev.vigil.Condition;
import dev.vigil.Content;
import dev.vigil.Decision;
import dev.vigil.Policy;
import dev.vigil.Rule;
import dev.vigil.SignalOptions;
import dev.vigil.eval.LabeledItem;
import dev.vigil.eval.Split;
import dev.vigil.text.TermClassifier;
import dev.vigil.text.TermMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Fits a policy's weights and thresholds to labeled items, so that the result is still a policy in its
 * own terms: {@code PolicyLearner.of(policy).minedTerms(TermMiner.builder().build()).learn(train)}.
 *
 * <h2>The model is the policy</h2>
 * A policy's total is {@code sum of weight x contribution-per-unit-weight} over its counted signals
 * when no category is capped. The learner measures each counted signal's contribution at weight 1 on
 * every item, fits a logistic regression on those numbers, and writes its coefficients back as the
 * signals' weights: the learned policy's total is the fitted linear score (without its intercept, which
 * the thresholds absorb), so its decisions are the model's. Therefore:
 * <ul>
 *   <li><b>Caps</b> are removed: a cap would clip the fitted score. The learned policy has none.
 *   <li><b>Composites</b> are signals like any other: their score is a feature; their parts stay parts.
 *   <li><b>Shadow signals</b> stay shadows, with their weight: they are measured, never counted, and
 *       a learner must not promote what an analyst is still watching.
 *   <li><b>Rules</b> are replaced by one rule per {@link #targets target}, on the total. Forced rules
 *       on one signal's own score are kept, first ({@code forced remove when signal(threats) >= 0.9}:
 *       an analyst's override, and no weight changes what it reads), so the decisions are the model's
 *       except where such a rule holds. Other rules (on categories, on the total, ordinary rules on a
 *       signal) are dropped: their thresholds were set for the old weights. The notes say which.
 *   <li><b>Signals' weights are never negative.</b> A signal's learned weight adds evidence of harm
 *       and never subtracts it: with a negative weight an attacker would lower a scam's total by adding
 *       text that fires it ("the good-word attack" on statistical spam filters). A signal that marks
 *       harmless items more than harmful ones gets weight 0; the learned policy lists it in
 *       {@link LearnedPolicy#unused()}. Exceptions: a signal the original policy gives a negative weight
 *       (counter-evidence, {@link SignalOptions#weight}) stays counter-evidence, its weight fitted at
 *       or below zero; and with {@link #harmlessTerms}, mined terms that mark harmless items form a
 *       list of counter-evidence whose weight is negative, bounded by its size (a noisy-or scores at
 *       most 1), and reported.
 * </ul>
 *
 * <h2>Mined terms</h2>
 * With {@link #minedTerms}, candidate terms from {@link TermMiner} become features too (one per term:
 * whether the item holds it, as the policy's own matcher finds it), fitted together with the signals
 * under a lasso penalty so that only useful terms get weight. They become one term-list signal,
 * {@value #TERMS_SIGNAL}, whose score is the noisy-or of its terms' weights ({@link TermClassifier}):
 * a term of fitted log-odds {@code b} gets weight {@code 1 - exp(-b / k)}, so the list scores {@code 1
 * - exp(-(sum of b) / k)}, a monotone image of the terms' fitted sum; {@code k} is chosen among a few
 * values by the fit of the whole policy, and the signals' weights are then fitted once more with the
 * list's exact score as a feature, so the final policy is again exactly its model. (In that refit the
 * list's weight is penalized as the multiplier of its terms' log-odds, weight / k, the same at every
 * scale; unpenalized, it grew without bound where the list alone separated the items.)
 *
 * <p>With {@link #harmlessTerms}, candidates that mark harmless items take part too, each fitted as
 * evidence against harm (its coefficient can only lower the score), and those with weight form a second
 * list, {@value #HARMLESS_TERMS_SIGNAL}, the same way, whose signal gets a negative weight. The
 * {@link TermMiner}'s word pieces ({@link TermMiner.Builder#wordPieces}) come in as terms like any other.
 *
 * <h2>Cross-validation and thresholds</h2>
 * The items are cut into five folds by a hash of their text. For each fold, terms are mined and the
 * model fitted on the other four, and it predicts the fold's items, which it never saw. The
 * {@link #regularization} with the lowest held-out log-loss is chosen (unless set), and each
 * {@link Target} picks its threshold on those held-out predictions: the lowest log-odds whose items at or
 * above it reach the precision, or the highest whose items reach the recall, never one that flags an
 * item on which nothing fired. A model's own training items look better to it than new ones do, so a
 * threshold set on them would miss its target on traffic. The final model, fitted on every item, turns
 * each log-odds into a total (log-odds minus its intercept); weights and thresholds are scaled so that
 * the most severe action's threshold is 1, and rounded to four significant digits. A target no
 * threshold meets, or a threshold above the most the learned total can reach, leaves its action without
 * a rule and a {@link LearnedPolicy#notes() note}. With too few items of a class for five folds, the
 * thresholds are set on the training items, and a note says so.
 *
 * <h2>Determinism</h2>
 * Items are first de-duplicated by {@link Split#textKey}: a message repeated 50 times in the labels
 * counts once, so duplicates do not change the fit at all. Then every step is deterministic: the same
 * items in the same order give the same policy (every fit is a convex problem solved in a fixed order).
 * The five folds of the cross-validation run on threads of their own (up to one per processor),
 * the rest on the calling thread; the result does not depend on the threads.
 *
 * <p>Immutable; {@link #learn} may be called from many threads.
 */
public final class PolicyLearner {
  /** The name of the signal of mined terms. */
  public static final String TERMS_SIGNAL = "learned-terms";

  /** The name of the signal of mined terms that mark harmless items ({@link #harmlessTerms}). */
  public static final String HARMLESS_TERMS_SIGNAL = "learned-harmless-terms";

  private final Policy policy;
  private final @Nullable TermMiner miner;
  private final @Nullable String termCategory;
  private final int maxTerms;
  private final Map<Action, Target> targets;
  private final double regularization;
  private final boolean fixedRegularization;
  private final boolean harmlessTerms;

  private PolicyLearner(Policy policy, @Nullable TermMiner miner, @Nullable String termCategory,
      int maxTerms, Map<Action, Target> targets, double regularization, boolean fixed,
      boolean harmlessTerms) {
    this.harmlessTerms = harmlessTerms;
    this.fixedRegularization = fixed;
    this.policy = policy;
    this.miner = miner;
    this.termCategory = termCategory;
    this.maxTerms = maxTerms;
    this.targets = targets;
    this.regularization = regularization;
  }

  /**
   * A learner for {@code policy}'s weights, with the default targets: remove at precision 0.99 on the
   * training items, review at recall 0.90.
   */
  public static PolicyLearner of(Policy policy) {
    Map<Action, Target> t = new LinkedHashMap<>();
    t.put(Action.REMOVE, Target.precision(0.99));
    t.put(Action.REVIEW, Target.recall(0.90));
    return new PolicyLearner(requireNonNull(policy, "policy"), null, null, 2_000, t, 1.0, false,
        false);
  }

  /** What an action's threshold must reach on the training items. */
  public record Target(Metric metric, double value) {
    /** The measure a target sets. */
    public enum Metric {
      /** The share of flagged items that are harmful. */
      PRECISION,
      /** The share of harmful items flagged. */
      RECALL
    }

    /** Checks the value. */
    public Target {
      requireNonNull(metric, "metric");
      if (!(value > 0 && value <= 1)) {
        throw new IllegalArgumentException(
            metric.name().toLowerCase() + " target must be in (0, 1] but was " + value);
      }
    }

    /** The lowest threshold at which the flagged items are at least this precise. */
    public static Target precision(double value) {
      return new Target(Metric.PRECISION, value);
    }

    /** The highest threshold at which at least this share of harmful items is flagged. */
    public static Target recall(double value) {
      return new Target(Metric.RECALL, value);
    }

    @Override
    public String toString() {
      return metric.name().toLowerCase() + " >= " + value;
    }
  }

  /** This learner, also mining candidate terms with {@code miner} and fitting them. */
  public PolicyLearner minedTerms(TermMiner miner) {
    return new PolicyLearner(policy, requireNonNull(miner, "miner"), termCategory, maxTerms, targets,
        regularization, fixedRegularization, harmlessTerms);
  }

  /**
   * This learner, also mining terms that mark <em>harmless</em> items ({@link TermMiner#mineHarmless})
   * and fitting them as counter-evidence: a second term list, {@value #HARMLESS_TERMS_SIGNAL}, with a
   * negative weight ({@link SignalOptions#weight}), so that an ordinary conversation's words lower a
   * total that a few words of harm ("call", "free", "reply") would raise. Off by default.
   *
   * <p>What it costs: text that fires the list lowers a total, by at most |weight| times the noisy-or
   * of all its terms' weights, also when an attacker adds it to a harmful item (the "good-word attack"
   * on statistical filters). The learner states that bound in a {@link LearnedPolicy#notes() note}, as a
   * share of the most severe threshold; forced rules on a signal's own score are not lowered. An item
   * on which only counter-evidence fires is never flagged. Without {@link #minedTerms} it does nothing.
   */
  public PolicyLearner harmlessTerms(boolean enabled) {
    return new PolicyLearner(policy, miner, termCategory, maxTerms, targets, regularization,
        fixedRegularization, enabled);
  }

  /** The category of the mined terms' signal (default: the policy's first category). */
  public PolicyLearner termCategory(String category) {
    SignalOptions.in(category); // checks it
    return new PolicyLearner(policy, miner, category, maxTerms, targets, regularization,
        fixedRegularization, harmlessTerms);
  }

  /** The most mined terms the learned list keeps, the strongest first (default 2,000). */
  public PolicyLearner maxTerms(int maxTerms) {
    if (maxTerms < 1) {
      throw new IllegalArgumentException("maxTerms must be at least 1 but was " + maxTerms);
    }
    return new PolicyLearner(policy, miner, termCategory, maxTerms, targets, regularization,
        fixedRegularization, harmlessTerms);
  }

  /**
   * The targets, replacing the defaults; each action gets a rule on the total, the most severe
   * checked first.
   *
   * @throws IllegalArgumentException if there is none, or one is for allow
   */
  public PolicyLearner targets(Map<Action, Target> targets) {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("targets must name at least one action");
    }
    Map<Action, Target> t = new LinkedHashMap<>();
    targets.entrySet().stream()
        .sorted((a, b) -> b.getKey().compareTo(a.getKey()))
        .forEach(e -> {
          if (e.getKey().equals(Action.ALLOW)) {
            throw new IllegalArgumentException("allow needs no target: it is what no rule chooses");
          }
          t.put(e.getKey(), requireNonNull(e.getValue(), "target"));
        });
    return new PolicyLearner(policy, miner, termCategory, maxTerms, t, regularization,
        fixedRegularization, harmlessTerms);
  }

  /**
   * How strongly weights are pulled towards zero: the ridge penalty is this over the number of items
   * (1 is scikit-learn's default), and the lasso on mined terms twice that; higher values give smaller
   * weights and fewer terms. Unless set, it is chosen by cross-validation among 0.1, 0.3, 1, 3 and 10
   * (the lowest held-out log-loss).
   */
  public PolicyLearner regularization(double strength) {
    if (!(strength > 0 && strength < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("regularization must be positive and finite but was "
          + strength);
    }
    return new PolicyLearner(policy, miner, termCategory, maxTerms, targets, strength, true,
        harmlessTerms);
  }

  /**
   * Learns from {@code items} (after de-duplication).
   *
   * @throws IllegalArgumentException if the items hold no harmful or no harmless item
   */
  public LearnedPolicy learn(List<LabeledItem> items) {
    requireNonNull(items, "items");
    Split<LabeledItem> unique = Split.of(items, Split::textKey, 0, 0);
    List<LabeledItem> train = unique.train();
    int n = train.size();
    boolean[] y = new boolean[n];
    int positives = 0;
    for (int i = 0; i < n; i++) {
      y[i] = train.get(i).harmful();
      positives += y[i] ? 1 : 0;
    }
    if (positives == 0 || positives == n) {
      throw new IllegalArgumentException("learning needs harmful and harmless items but got "
          + positives + " harmful of " + n + " distinct items");
    }
    List<String> notes = new ArrayList<>();

    // The counted signals' contributions at weight 1 (-1 for counter-evidence, which stays
    // counter-evidence: its fitted coefficient, never negative, then lowers the score), without caps
    // or rules.
    List<String> counted = new ArrayList<>();
    List<Double> signs = new ArrayList<>();
    Policy.Builder probeBuilder = policy.toBuilder().clearCategoryCaps().clearRules().contentHash(null);
    for (Policy.Member m : policy.signals()) {
      if (!m.options().isShadow()) {
        double sign = m.options().weight() < 0 ? -1.0 : 1.0;
        counted.add(m.classifier().name());
        signs.add(sign);
        probeBuilder.weight(m.classifier().name(), sign);
      }
    }
    for (Rule r : policy.rules()) {
      if (keeps(r)) {
        notes.add("kept the forced rule '" + r + "': it reads a signal's own score, which no weight"
            + " changes");
      } else if (r.isForced() || r.condition().subject() != Condition.Subject.TOTAL) {
        notes.add("dropped the rule '" + r + "': its threshold was set for the old weights; a learned"
            + " policy decides on its total");
      }
    }
    Policy probe = probeBuilder.build();
    double[][] x = new double[n][counted.size()];
    for (int i = 0; i < n; i++) {
      features(probe, counted, train.get(i).content(), x[i]);
    }
    String category = termCategory != null ? termCategory
        : policy.categories().isEmpty() ? "harmful" : policy.categories().get(0);

    // Cross-validation: each fold's model is fitted (terms mined too) on the other folds and predicts
    // the fold's items, which it never saw. The regularization with the lowest held-out log-loss wins,
    // and the thresholds are chosen on those held-out predictions, not on the items a model fitted.
    int[] fold = new int[n];
    for (int i = 0; i < n; i++) {
      fold[i] = Math.floorMod(mix(Split.textKey(train.get(i))), FOLDS);
    }
    double[] grid = fixedRegularization ? new double[] {regularization} : REGULARIZATION_GRID;
    double[][] heldOut = new double[grid.length][n]; // log-odds of each item from the model without it
    boolean[][] silent = new boolean[grid.length][n]; // whether nothing of that model fired on it
    boolean crossValidated = n >= 3 * FOLDS && foldsHoldBothClasses(fold, y);
    if (crossValidated) {
      // The folds are independent and write disjoint items: they run at once, one thread each up to
      // the processors there are; each fold's result is the same as on one thread.
      List<Runnable> folds = new ArrayList<>();
      for (int f = 0; f < FOLDS; f++) {
        final int current = f;
        final double[] regularizations = grid;
        folds.add(() -> {
          List<Integer> in = new ArrayList<>();
          List<Integer> out = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            (fold[i] == current ? out : in).add(i);
          }
          FittedModel.Candidates candidates = FittedModel.candidates(miner, train, in, category,
              harmlessTerms);
          for (int g = 0; g < regularizations.length; g++) {
            FittedModel model = FittedModel.fit(x, y, in, candidates, regularizations[g], category,
                miner, maxTerms);
            for (int i : out) {
              heldOut[g][i] = model.intercept + model.total(x[i], train.get(i).content());
              silent[g][i] = model.evidence(x[i], train.get(i).content()) == 0;
            }
          }
        });
      }
      Folds.runAll(folds);
    }
    int chosen = 0;
    double[] losses = new double[grid.length];
    for (int g = 0; g < grid.length; g++) {
      for (int i = 0; i < n; i++) {
        losses[g] += Logistic.softplus(y[i] ? -heldOut[g][i] : heldOut[g][i]) / n;
      }
      if (losses[g] < losses[chosen] - 1e-12) {
        chosen = g;
      }
    }
    if (!crossValidated) {
      notes.add("too few items of each class for " + FOLDS + "-fold cross-validation: thresholds are"
          + " chosen on the training items themselves, so held-out precision will be lower");
    }

    // The final model, on every item.
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(i);
    }
    FittedModel.Candidates candidates = FittedModel.candidates(miner, train, all, category,
        harmlessTerms);
    FittedModel model = FittedModel.fit(x, y, all, candidates, grid[chosen], category, miner,
        maxTerms);
    notes.addAll(model.notes);

    // Thresholds: a log-odds per target, chosen on the held-out predictions (or the training ones),
    // turned into a total: total = log-odds - intercept, scaled so the most severe threshold is 1.
    double[] odds = new double[n];
    double floor = Double.NEGATIVE_INFINITY; // the highest log-odds of an item on which nothing fired
    for (int i = 0; i < n; i++) {
      Content c = train.get(i).content();
      odds[i] = crossValidated ? heldOut[chosen][i] : model.intercept + model.total(x[i], c);
      if (crossValidated ? silent[chosen][i] : model.evidence(x[i], c) == 0) {
        floor = Math.max(floor, odds[i]);
      }
    }
    Map<Action, Double> raw = new LinkedHashMap<>();
    double previous = Double.POSITIVE_INFINITY;
    for (Map.Entry<Action, Target> e : targets.entrySet()) {
      double t = Thresholds.threshold(odds, y, e.getValue(), floor);
      if (!Double.isFinite(t)) {
        notes.add(e.getKey().name() + ": no threshold reaches " + e.getValue()
            + (crossValidated ? " on the cross-validated predictions" : " on the training items")
            + "; no rule for it");
        continue;
      }
      if (t >= previous) {
        notes.add(e.getKey().name() + ": its threshold for " + e.getValue()
            + " is not below the more severe action's; no rule for it");
        continue;
      }
      raw.put(e.getKey(), t - model.intercept);
      previous = t;
    }
    double first = raw.isEmpty() ? 1.0 : raw.values().iterator().next();
    double scale = first > 0 ? first : 1.0;
    // The weights as the policy will hold them: scaled so that the most severe threshold is 1, rounded.
    TermClassifier termSignal = model.terms.isEmpty() ? null : TermClassifier.of(
        signalName(TERMS_SIGNAL), TermMatcher.builder().normalizer(miner.normalizer())
            .addAll(model.terms).build());
    TermClassifier harmlessSignal = model.harmlessTerms.isEmpty() ? null : TermClassifier.of(
        signalName(HARMLESS_TERMS_SIGNAL), TermMatcher.builder().normalizer(miner.normalizer())
            .addAll(model.harmlessTerms).build());
    Map<String, Double> weights = new LinkedHashMap<>();
    List<String> unused = new ArrayList<>();
    for (int j = 0; j < counted.size(); j++) {
      double w = Thresholds.round(model.signalWeights[j] / scale, 4);
      weights.put(counted.get(j), w == 0 ? 0.0 : signs.get(j) * w);
      if (w == 0) {
        unused.add(counted.get(j));
      }
    }
    if (termSignal != null) {
      weights.put(termSignal.name(), Thresholds.round(model.termWeight / scale, 4));
    }
    if (harmlessSignal != null) {
      double w = Thresholds.round(model.harmlessWeight / scale, 4);
      weights.put(harmlessSignal.name(), -w);
      // The list scores at most the noisy-or of all its terms' weights, so that times |w| is the
      // most it can take off a total, whatever text an attacker adds.
      double miss = 1;
      for (dev.vigil.text.Term t : model.harmlessTerms) {
        miss *= 1 - t.weight();
      }
      double most = Thresholds.round(w * (1 - miss), 3);
      notes.add("counter-evidence: '" + harmlessSignal.name() + "' (" + model.harmlessTerms.size()
          + " terms that mark harmless items) has weight " + (-w) + " and lowers a total by at most "
          + most + (raw.isEmpty() ? "" : " (" + Math.round(100 * most) + "% of the most severe"
          + " threshold)") + ", reached when an item holds all of its terms, also when an attacker adds"
          + " them to a harmful item");
    } else if (harmlessTerms && miner != null) {
      notes.add("counter-evidence: no term that marks harmless items got weight in the fit");
    }
    // The most the learned total can reach (every counted signal at score 1), as Policy checks it: a
    // threshold above it (the folds' models can be surer than the final one) would never hold.
    double reach = termSignal == null ? 0 : weights.get(termSignal.name());
    for (Policy.Member mem : policy.signals()) {
      if (!mem.options().isShadow()) {
        reach += Math.max(0.0, weights.get(mem.classifier().name()))
            * (1 + mem.options().splitCategories().size());
      }
    }
    Map<Action, Double> thresholds = new LinkedHashMap<>();
    for (Map.Entry<Action, Double> e : raw.entrySet()) {
      double t = e.getValue() > 0 ? Thresholds.round(e.getValue() / scale, 4) : 0.0001;
      if (t > reach * (1 - 1e-9)) {
        notes.add(e.getKey().name() + ": the threshold for its target, " + t + ", is above the most"
            + " the learned total reaches (" + Thresholds.round(reach, 4) + "); no rule for it");
        continue;
      }
      thresholds.put(e.getKey(), t);
    }
    Policy learned = weighted(weights, termSignal, harmlessSignal, category, thresholds);
    double[] totals = new double[n];
    for (int i = 0; i < n; i++) {
      totals[i] = learned.evaluate(train.get(i).content()).total();
    }
    Map<Double, Double> cv = new LinkedHashMap<>();
    for (int g = 0; g < grid.length && crossValidated; g++) {
      cv.put(grid[g], losses[g]);
    }
    // Rounded as the policy file writes it, so that the file and this policy give the same numbers.
    Calibration fitted = Calibration.fit(totals, y);
    Calibration calibration = new Calibration(Thresholds.round(fitted.slope(), 5),
        Thresholds.round(fitted.intercept(), 5));
    learned = learned.toBuilder().calibration(calibration).build();
    return new LearnedPolicy(learned, weights, unused, model.terms, model.harmlessTerms,
        termSignal == null && harmlessSignal == null ? null : category,
        miner == null ? null : miner.normalizer(), thresholds,
        calibration, notes, n, unique.duplicates(), model.candidates, grid[chosen], cv, targets);
  }

  /**
   * Five folds: each fold's model fits 80% of the items, close to the final model that fits them all,
   * so thresholds chosen on the folds' predictions carry over to it (with three, each fitted two
   * thirds, and the thresholds set for those weaker models were off by a few items at high precision).
   */
  static final int FOLDS = 5;
  private static final double[] REGULARIZATION_GRID = {0.1, 0.3, 1, 3, 10};

  private static boolean foldsHoldBothClasses(int[] fold, boolean[] y) {
    for (int f = 0; f < FOLDS; f++) {
      int pos = 0;
      int neg = 0;
      for (int i = 0; i < y.length; i++) {
        if (fold[i] == f) {
          pos += y[i] ? 1 : 0;
          neg += y[i] ? 0 : 1;
        }
      }
      if (pos == 0 || neg == 0) {
        return false;
      }
    }
    return true;
  }

  /** A 64-bit mix of the text's hash, so that folds do not follow the texts' first letters. */
  private static long mix(String key) {
    long h = key.hashCode() * 0x9E3779B97F4A7C15L;
    h ^= h >>> 31;
    h *= 0xBF58476D1CE4E5B9L;
    return h ^ (h >>> 29);
  }

  /** {@code base}, or with a number when the policy has a signal of that name already. */
  private String signalName(String base) {
    java.util.Set<String> names = new java.util.HashSet<>();
    for (Policy.Member m : policy.signals()) {
      names.add(m.classifier().name());
    }
    String name = base;
    for (int i = 2; names.contains(name); i++) {
      name = base + "-" + i;
    }
    return name;
  }

  /** The original policy with these weights and the lists of mined terms, no caps, and the rules. */
  private Policy weighted(Map<String, Double> weights, @Nullable TermClassifier terms,
      @Nullable TermClassifier harmless, String category, Map<Action, Double> thresholds) {
    Policy.Builder b = policy.toBuilder().clearCategoryCaps().clearRules().contentHash(null);
    weights.forEach((signal, w) -> {
      if ((terms == null || !signal.equals(terms.name()))
          && (harmless == null || !signal.equals(harmless.name()))) {
        b.weight(signal, w);
      }
    });
    if (terms != null) {
      b.signal(terms, SignalOptions.in(category).weight(weights.get(terms.name())));
    }
    if (harmless != null) {
      b.signal(harmless, SignalOptions.in(category).weight(weights.get(harmless.name())));
    }
    for (Rule r : policy.rules()) {
      if (keeps(r)) {
        b.rule(r);
      }
    }
    thresholds.forEach((action, t) -> b.when(Condition.total().atLeast(t), action));
    return b.build();
  }

  /**
   * Whether the learned policy keeps an original rule: a forced rule on one signal's own score (a
   * threat is removed whatever the total), since no learned weight changes what it reads.
   */
  static boolean keeps(Rule rule) {
    return rule.isForced() && rule.condition().subject() == Condition.Subject.SIGNAL;
  }

  /** Each counted signal's contribution to {@code probe}'s decision on {@code content}. */
  static void features(Policy probe, List<String> counted, Content content, double[] out) {
    Decision d = probe.evaluate(content);
    Arrays.fill(out, 0);
    int j = 0;
    for (Decision.SignalReport r : d.signals()) {
      if (r.shadow()) {
        continue;
      }
      // Counted signals report in the policy's order, so the index follows; the name checks it.
      while (j < counted.size() && !counted.get(j).equals(r.name())) {
        j++;
      }
      if (j < counted.size()) {
        out[j] = r.contribution();
      }
    }
  }

  @Override
  public String toString() {
    return "PolicyLearner[" + policy.name() + ", targets " + targets
        + (miner == null ? "" : ", mining " + miner) + "]";
  }
}
