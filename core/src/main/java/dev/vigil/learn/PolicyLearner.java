package dev.vigil.learn;

import static java.util.Objects.requireNonNull;

import dev.vigil.Action;
import dev.vigil.Condition;
import dev.vigil.Content;
import dev.vigil.Decision;
import dev.vigil.Policy;
import dev.vigil.SignalOptions;
import dev.vigil.eval.LabeledItem;
import dev.vigil.eval.ScoreCurve;
import dev.vigil.eval.Split;
import dev.vigil.text.MatchMode;
import dev.vigil.text.Term;
import dev.vigil.text.TermClassifier;
import dev.vigil.text.TermMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
 *   <li><b>Rules</b> are replaced by one rule per {@link #targets target}, on the total; forced rules and
 *       rules on categories or signals are dropped (the learned policy's notes say which), since they
 *       are decisions the model does not make.
 *   <li><b>Weights are never negative.</b> A Vigil weight adds evidence of harm and never subtracts it:
 *       with a negative weight an attacker would lower a scam's total by adding text that looks
 *       harmless ("the good-word attack" on statistical spam filters). A signal that marks harmless
 *       items more than harmful ones gets weight 0; the learned policy lists it in
 *       {@link LearnedPolicy#unused()}.
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
 * list's exact score as a feature, so the final policy is again exactly its model.
 *
 * <h2>Thresholds</h2>
 * Each {@link Target} picks a threshold on the training items' totals: the lowest total whose items at
 * or above it reach the precision, or the highest whose items reach the recall. The threshold written is
 * the shortest decimal between the last total flagged and the next below it. Weights are scaled so that
 * the most severe action's threshold is 1 (when it has one) and rounded to four significant digits
 * before thresholds are chosen, so the rounding is part of the model.
 *
 * <h2>Determinism</h2>
 * Items are first de-duplicated by {@link Split#textKey}: a message repeated 50 times in the labels
 * counts once, so duplicates do not change the fit at all. Then every step is deterministic: the same
 * items in the same order give the same policy. Items are evaluated on the calling thread.
 *
 * <p>Immutable; {@link #learn} may be called from many threads.
 */
public final class PolicyLearner {
  /** The name of the signal of mined terms. */
  public static final String TERMS_SIGNAL = "learned-terms";

  private static final double[] SCALES = {0.5, 1, 2, 4, 8, 16};

  private final Policy policy;
  private final @Nullable TermMiner miner;
  private final @Nullable String termCategory;
  private final int maxTerms;
  private final Map<Action, Target> targets;
  private final double regularization;

  private PolicyLearner(Policy policy, @Nullable TermMiner miner, @Nullable String termCategory,
      int maxTerms, Map<Action, Target> targets, double regularization) {
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
    return new PolicyLearner(requireNonNull(policy, "policy"), null, null, 2_000, t, 1.0);
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
        regularization);
  }

  /** The category of the mined terms' signal (default: the policy's first category). */
  public PolicyLearner termCategory(String category) {
    SignalOptions.in(category); // checks it
    return new PolicyLearner(policy, miner, category, maxTerms, targets, regularization);
  }

  /** The most mined terms the learned list keeps, the strongest first (default 2,000). */
  public PolicyLearner maxTerms(int maxTerms) {
    if (maxTerms < 1) {
      throw new IllegalArgumentException("maxTerms must be at least 1 but was " + maxTerms);
    }
    return new PolicyLearner(policy, miner, termCategory, maxTerms, targets, regularization);
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
    return new PolicyLearner(policy, miner, termCategory, maxTerms, t, regularization);
  }

  /**
   * How strongly weights are pulled towards zero, relative to the default (1): the ridge penalty is
   * this over the number of items, as in scikit-learn's default, and the lasso on mined terms is twice
   * that. Higher values give smaller weights and fewer terms.
   */
  public PolicyLearner regularization(double strength) {
    if (!(strength > 0 && strength < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("regularization must be positive and finite but was "
          + strength);
    }
    return new PolicyLearner(policy, miner, termCategory, maxTerms, targets, strength);
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

    // 1. The counted signals' contributions at weight 1, without caps or rules.
    List<Policy.Member> members = policy.signals();
    List<String> counted = new ArrayList<>();
    Policy.Builder probeBuilder = policy.toBuilder().clearCategoryCaps().clearRules().contentHash(null);
    for (Policy.Member m : members) {
      if (!m.options().isShadow()) {
        counted.add(m.classifier().name());
        probeBuilder.weight(m.classifier().name(), 1.0);
      }
    }
    for (var r : policy.rules()) {
      if (r.isForced() || r.condition().subject() != Condition.Subject.TOTAL) {
        notes.add("dropped the rule '" + r + "': a learned policy decides on its total only");
      }
    }
    Policy probe = probeBuilder.build();
    int m = counted.size();
    double[][] x = new double[n][m];
    for (int i = 0; i < n; i++) {
      features(probe, counted, train.get(i).content(), x[i]);
    }

    // 2. Candidate terms and which items hold them.
    String category = termCategory != null ? termCategory
        : policy.categories().isEmpty() ? "harmful" : policy.categories().get(0);
    TermMatcher candidates = null;
    int[][] hits = new int[n][];
    if (miner != null) {
      List<TermMiner.Candidate> mined = miner.mine(train);
      if (!mined.isEmpty()) {
        TermMatcher.Builder b = TermMatcher.builder().normalizer(miner.normalizer());
        for (TermMiner.Candidate c : mined) {
          b.add(new Term(c.term(), c.term(), category, 0.5, MatchMode.WORD));
        }
        candidates = b.build();
        for (int i = 0; i < n; i++) {
          hits[i] = distinctHits(candidates, train.get(i).content());
        }
      } else {
        notes.add("mined no candidate terms: none met the miner's support and precision");
      }
    }
    int k = candidates == null ? 0 : candidates.size();

    // 3. One fit of signals and candidate terms together.
    double l2 = regularization / n;
    double[] l1 = new double[m + k];
    Arrays.fill(l1, m, m + k, 2 * l2);
    Logistic.Fit joint = Logistic.fit(rows(x, hits, null, m, k), y, l2, l1);

    // 4. The terms with weight become one list; choose its scale by the fit of the whole policy.
    List<Term> terms = new ArrayList<>();
    double[] signalWeights = Arrays.copyOf(joint.weights(), m);
    double termSignalWeight = 0;
    double intercept = joint.intercept();
    if (k > 0) {
      final TermMatcher cand = candidates;
      Integer[] order = new Integer[k];
      for (int j = 0; j < k; j++) {
        order[j] = j;
      }
      double[] beta = Arrays.copyOfRange(joint.weights(), m, m + k);
      Arrays.sort(order, (a, b) -> {
        int c = Double.compare(beta[b], beta[a]);
        return c != 0 ? c : cand.term(a).text().compareTo(cand.term(b).text());
      });
      List<Integer> kept = new ArrayList<>();
      for (int j : order) {
        if (beta[j] > 0 && kept.size() < maxTerms) {
          kept.add(j);
        }
      }
      Logistic.Fit best = null;
      List<Term> bestTerms = List.of();
      double[] bestScores = null;
      for (double scale : SCALES) {
        List<Term> list = new ArrayList<>();
        Map<Integer, Double> weightOf = new HashMap<>();
        for (int j : kept) {
          double w = round(1 - Math.exp(-beta[j] / scale), 4);
          if (w > 0) {
            w = Math.min(w, 0.9999);
            weightOf.put(j, w);
            Term t = cand.term(j);
            list.add(new Term(t.id(), t.text(), category, w, MatchMode.WORD));
          }
        }
        if (list.isEmpty()) {
          continue;
        }
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
          double miss = 1;
          for (int j : hits[i]) {
            Double w = weightOf.get(j);
            if (w != null) {
              miss *= 1 - w;
            }
          }
          s[i] = 1 - miss;
        }
        Logistic.Fit f = Logistic.fit(rows(x, null, s, m, 1), y, l2, new double[m + 1]);
        if (best == null || f.objective() < best.objective()) {
          best = f;
          bestTerms = list;
          bestScores = s;
        }
      }
      if (best != null) {
        terms = bestTerms;
        signalWeights = Arrays.copyOf(best.weights(), m);
        termSignalWeight = best.weights()[m];
        intercept = best.intercept();
      } else {
        notes.add("no mined term got weight in the fit");
      }
      assert bestScores != null || best == null;
    }

    // 5. Scale so that the most severe action's threshold is 1, round, then choose the thresholds on
    // the rounded policy's own totals.
    TermClassifier termSignal = terms.isEmpty() ? null
        : TermClassifier.of(termSignalName(), TermMatcher.builder().normalizer(miner.normalizer())
            .addAll(terms).build());
    Policy raw = weighted(counted, signalWeights, termSignal, termSignalWeight, category, 1.0, List.of());
    double[] rawTotals = totals(raw, train);
    Map.Entry<Action, Target> first = targets.entrySet().iterator().next();
    double firstThreshold = threshold(rawTotals, y, first.getValue());
    double scale = firstThreshold > 0 && Double.isFinite(firstThreshold) ? firstThreshold : 1.0;
    Policy scaled = weighted(counted, signalWeights, termSignal, termSignalWeight, category, scale,
        List.of());
    double[] totals = totals(scaled, train);
    Map<Action, Double> thresholds = new LinkedHashMap<>();
    double previous = Double.POSITIVE_INFINITY;
    for (Map.Entry<Action, Target> e : targets.entrySet()) {
      double t = threshold(totals, y, e.getValue());
      if (!Double.isFinite(t)) {
        notes.add(e.getKey().name() + ": no threshold reaches " + e.getValue()
            + " on the training items; no rule for it");
        continue;
      }
      if (t >= previous) {
        notes.add(e.getKey().name() + ": its threshold for " + e.getValue() + " (" + t
            + ") is not below the more severe action's; no rule for it");
        continue;
      }
      thresholds.put(e.getKey(), t);
      previous = t;
    }
    List<Map.Entry<Action, Double>> rules = new ArrayList<>(thresholds.entrySet());
    Policy learned = weighted(counted, signalWeights, termSignal, termSignalWeight, category, scale,
        rules);
    Map<String, Double> weights = new LinkedHashMap<>();
    List<String> unused = new ArrayList<>();
    for (int j = 0; j < m; j++) {
      double w = round(signalWeights[j] / scale, 4);
      weights.put(counted.get(j), w);
      if (w == 0) {
        unused.add(counted.get(j));
      }
    }
    double termWeight = round(termSignalWeight / scale, 4);
    if (termSignal != null) {
      weights.put(termSignal.name(), termWeight);
    }
    Calibration calibration = Calibration.fit(totals, y);
    return new LearnedPolicy(learned, weights, unused, terms, termSignal == null ? null : category,
        miner == null ? null : miner.normalizer(), thresholds, calibration, notes, n,
        unique.duplicates(), k);
  }

  /** {@value #TERMS_SIGNAL}, or with a number when the policy has a signal of that name already. */
  private String termSignalName() {
    java.util.Set<String> names = new java.util.HashSet<>();
    for (Policy.Member m : policy.signals()) {
      names.add(m.classifier().name());
    }
    String name = TERMS_SIGNAL;
    for (int i = 2; names.contains(name); i++) {
      name = TERMS_SIGNAL + "-" + i;
    }
    return name;
  }

  /** The policy with these weights, divided by {@code scale} and rounded, and rules on the total. */
  private Policy weighted(List<String> counted, double[] weights, @Nullable TermClassifier terms,
      double termWeight, String category, double scale, List<Map.Entry<Action, Double>> rules) {
    Policy.Builder b = policy.toBuilder().clearCategoryCaps().clearRules().contentHash(null);
    for (int j = 0; j < counted.size(); j++) {
      b.weight(counted.get(j), round(weights[j] / scale, 4));
    }
    if (terms != null) {
      b.signal(terms, SignalOptions.in(category).weight(round(termWeight / scale, 4)));
    }
    for (Map.Entry<Action, Double> r : rules) {
      b.when(Condition.total().atLeast(r.getValue()), r.getKey());
    }
    return b.build();
  }

  private static double[] totals(Policy p, List<LabeledItem> items) {
    double[] t = new double[items.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = p.evaluate(items.get(i).content()).total();
    }
    return t;
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

  /** The indices of the distinct terms of {@code matcher} found in {@code content}, sorted. */
  static int[] distinctHits(TermMatcher matcher, Content content) {
    java.util.BitSet found = new java.util.BitSet();
    for (int f = 0; f < content.fieldCount(); f++) {
      matcher.match(content.fieldText(f), (t, s, e) -> found.set(t));
    }
    return found.stream().toArray();
  }

  private static Logistic.Rows rows(double[][] x, int @Nullable [][] hits, double @Nullable [] extra,
      int m, int k) {
    int n = x.length;
    int[] start = new int[n + 1];
    List<Integer> cols = new ArrayList<>();
    List<Double> vals = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        if (x[i][j] != 0) {
          cols.add(j);
          vals.add(x[i][j]);
        }
      }
      if (hits != null && hits[i] != null) {
        for (int t : hits[i]) {
          cols.add(m + t);
          vals.add(1.0);
        }
      }
      if (extra != null && extra[i] != 0) {
        cols.add(m);
        vals.add(extra[i]);
      }
      start[i + 1] = cols.size();
    }
    int[] col = new int[cols.size()];
    double[] val = new double[cols.size()];
    for (int q = 0; q < col.length; q++) {
      col[q] = cols.get(q);
      val[q] = vals.get(q);
    }
    return new Logistic.Rows(n, m + k, start, col, val);
  }

  /**
   * The threshold that meets {@code target} on these totals, written as the shortest decimal between
   * the lowest total it flags and the next total below; infinity when no threshold meets it.
   */
  static double threshold(double[] totals, boolean[] harmful, Target target) {
    ScoreCurve curve = ScoreCurve.of(totals, harmful);
    List<ScoreCurve.Point> points = curve.points();
    int chosen = -1;
    if (target.metric() == Target.Metric.PRECISION) {
      for (int p = 0; p < points.size(); p++) {
        if (points.get(p).precision() >= target.value() && points.get(p).threshold() > 0) {
          chosen = p; // the lowest threshold that still meets it: the most recall
        }
      }
    } else {
      for (int p = 0; p < points.size(); p++) {
        if (points.get(p).recall() >= target.value() && points.get(p).threshold() > 0) {
          chosen = p; // the first (highest) threshold that meets it
          break;
        }
      }
    }
    if (chosen < 0) {
      return Double.POSITIVE_INFINITY;
    }
    double low = points.get(chosen).threshold();
    double below = chosen + 1 < points.size() ? points.get(chosen + 1).threshold() : 0;
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
    return new java.math.BigDecimal(v).round(new java.math.MathContext(digits)).doubleValue();
  }

  @Override
  public String toString() {
    return "PolicyLearner[" + policy.name() + ", targets " + targets
        + (miner == null ? "" : ", mining " + miner) + "]";
  }
}
