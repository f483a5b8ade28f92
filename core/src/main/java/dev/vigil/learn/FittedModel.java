package dev.vigil.learn;

import dev.vigil.Content;
import dev.vigil.eval.LabeledItem;
import dev.vigil.text.Term;
import dev.vigil.text.TermMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One fit of {@link PolicyLearner}'s model on some items: the intercept, each counted signal's weight,
 * and the mined terms kept as one noisy-or list with its weight (and, when harmless terms are mined,
 * a second list of counter-evidence with a weight that subtracts), before the weights are scaled and
 * rounded into a policy. The learner makes one per fold and regularization, and the final one; each is
 * written by {@link #fit} and read after, on one thread.
 */
final class FittedModel {
  /** The scales tried for the terms' list: weight {@code 1 - exp(-b / scale)} for fitted log-odds b. */
  private static final double[] SCALES = {0.5, 1, 2, 4, 8, 16, 32, 64};

  double intercept;
  double[] signalWeights = new double[0];
  List<Term> terms = List.of();
  double termWeight;
  @Nullable TermMatcher termMatcher;
  /** The counter-evidence: terms that mark harmless items, and the weight their list subtracts. */
  List<Term> harmlessTerms = List.of();
  double harmlessWeight;
  @Nullable TermMatcher harmlessMatcher;
  int candidates;
  final List<String> notes = new ArrayList<>();

  /** The total the policy would compute for an item (before scaling). */
  double total(double[] x, Content content) {
    double f = 0;
    for (int j = 0; j < x.length; j++) {
      f += signalWeights[j] * x[j];
    }
    return f + termWeight * noisyOr(termMatcher, content)
        - harmlessWeight * noisyOr(harmlessMatcher, content);
  }

  /**
   * The harmful side of {@link #total}: what the signals and the list of harm add; 0 when none fired.
   * (A signal that is counter-evidence has a negative feature: it adds nothing here.)
   */
  double evidence(double[] x, Content content) {
    double f = 0;
    for (int j = 0; j < x.length; j++) {
      f += Math.max(0.0, signalWeights[j] * x[j]);
    }
    return f + termWeight * noisyOr(termMatcher, content);
  }

  /** A list's score on {@code content}, as {@link dev.vigil.text.TermClassifier} computes it. */
  private static double noisyOr(@Nullable TermMatcher list, Content content) {
    if (list == null) {
      return 0;
    }
    double miss = 1;
    for (int t : distinctHits(list, content)) {
      miss *= 1 - list.term(t).weight();
    }
    return 1 - miss;
  }

  /**
   * Candidate terms mined from some items, and which of all the items hold each: the first
   * {@code harmful} mark harmful items, the rest (up to {@code count}) harmless ones.
   */
  record Candidates(@Nullable TermMatcher matcher, int[][] hits, int count, int harmful) {}

  /**
   * The candidates {@code miner} (none when null) finds in the items {@code from}, in
   * {@code category}, with those that mark harmless items when {@code harmless}, and which of all
   * {@code train} hold each.
   */
  static Candidates candidates(@Nullable TermMiner miner, List<LabeledItem> train, List<Integer> from,
      String category, boolean harmless) {
    int n = train.size();
    int[][] hits = new int[n][];
    if (miner == null) {
      return new Candidates(null, hits, 0, 0);
    }
    List<LabeledItem> subset = new ArrayList<>(from.size());
    for (int i : from) {
      subset.add(train.get(i));
    }
    List<TermMiner.Candidate> mined = new ArrayList<>(miner.mine(subset));
    int harmful = mined.size();
    if (harmless) {
      mined.addAll(miner.mineHarmless(subset));
    }
    if (mined.isEmpty()) {
      return new Candidates(null, hits, 0, 0);
    }
    TermMatcher.Builder b = TermMatcher.builder().normalizer(miner.normalizer());
    for (TermMiner.Candidate c : mined) {
      b.add(new Term(c.id(), c.term(), category, 0.5, c.mode()));
    }
    TermMatcher matcher = b.build();
    for (int i = 0; i < n; i++) {
      hits[i] = distinctHits(matcher, train.get(i).content());
    }
    return new Candidates(matcher, hits, mined.size(), harmful);
  }

  /**
   * Fits signals and candidate terms on the items {@code in} (lasso on the terms), then writes the
   * terms with weight as noisy-or lists (one of harm; one of counter-evidence when harmless candidates
   * were mined) and refits the signals with the lists' exact scores, at the lists' scales that fit best.
   *
   * <p>Every coefficient is fitted non-negative; a harmless candidate's feature is negated (-1 when an
   * item holds it), so its weight can only lower the score, and a harmful one's only raise it: a term
   * never changes sides between mining and fitting.
   */
  static FittedModel fit(double[][] x, boolean[] y, List<Integer> in, Candidates cand,
      double strength, String category, @Nullable TermMiner miner, int maxTerms) {
    int m = x.length == 0 ? 0 : x[0].length;
    int k = cand.matcher() == null ? 0 : cand.count();
    int n = in.size();
    double[][] xs = new double[n][];
    int[][] hs = new int[n][];
    boolean[] ys = new boolean[n];
    for (int q = 0; q < n; q++) {
      xs[q] = x[in.get(q)];
      hs[q] = cand.hits()[in.get(q)];
      ys[q] = y[in.get(q)];
    }
    double l2 = strength / n;
    double[] l1 = new double[m + k];
    Arrays.fill(l1, m, m + k, 2 * l2);
    Logistic.Fit joint = Logistic.fit(rows(xs, hs, m, k, cand.harmful()), ys, l2, l1);
    FittedModel model = new FittedModel();
    model.candidates = k;
    model.intercept = joint.intercept();
    model.signalWeights = Arrays.copyOf(joint.weights(), m);
    if (k == 0) {
      if (miner != null) {
        model.notes.add("mined no candidate terms: none met the miner's support and precision");
      }
      return model;
    }
    TermMatcher candidates = cand.matcher();
    final TermMiner termMiner = java.util.Objects.requireNonNull(miner, "miner");
    double[] beta = Arrays.copyOfRange(joint.weights(), m, m + k);
    List<Integer> harmful = strongest(beta, 0, cand.harmful(), candidates, maxTerms);
    List<Integer> harmless = strongest(beta, cand.harmful(), k, candidates, maxTerms);
    if (harmful.isEmpty() && harmless.isEmpty()) {
      model.notes.add("no mined term got weight in the fit");
      return model;
    }
    // Each list's scores at each scale: weight 1 - exp(-b / scale) per term, noisy-or per item.
    double[][] harmScores = new double[SCALES.length][];
    double[][] harmlessScores = new double[SCALES.length][];
    List<List<Term>> harmLists = new ArrayList<>();
    List<List<Term>> harmlessLists = new ArrayList<>();
    for (int sc = 0; sc < SCALES.length; sc++) {
      Scaled harm = list(harmful, beta, SCALES[sc], candidates, category);
      Scaled counter = list(harmless, beta, SCALES[sc], candidates, category);
      harmLists.add(harm.terms());
      harmlessLists.add(counter.terms());
      harmScores[sc] = scores(harm, hs);
      harmlessScores[sc] = scores(counter, hs);
    }
    // The scales: the list of harm's first (the counter-evidence at a middle scale), then the
    // counter-evidence's, then the harm's again; each a few refits of the dense model.
    int harmScale = SCALES.length / 2;
    int harmlessScale = SCALES.length / 2;
    Logistic.Fit best = null;
    for (int round = 0; round < 3; round++) {
      boolean harmRound = round != 1;
      if (harmRound ? harmful.isEmpty() : harmless.isEmpty()) {
        continue;
      }
      if (round == 2 && harmless.isEmpty()) {
        break; // the counter-evidence did not move: the first round's choice stands
      }
      int bestScale = -1;
      for (int sc = 0; sc < SCALES.length; sc++) {
        if ((harmRound ? harmLists : harmlessLists).get(sc).isEmpty()) {
          continue;
        }
        int h = harmRound ? sc : harmScale;
        int g = harmRound ? harmlessScale : sc;
        Logistic.Fit f = refit(xs, ys, l2, harmScores[h], SCALES[h], harmlessScores[g], SCALES[g]);
        if (best == null || f.objective() < best.objective()) {
          best = f;
          bestScale = sc;
        }
      }
      if (bestScale >= 0) {
        if (harmRound) {
          harmScale = bestScale;
        } else {
          harmlessScale = bestScale;
        }
      }
    }
    if (best == null) {
      model.notes.add("no mined term got weight in the fit");
      return model;
    }
    // The fit kept last is the one at the chosen scales (each round starts from the best so far).
    best = refit(xs, ys, l2, harmScores[harmScale], SCALES[harmScale], harmlessScores[harmlessScale],
        SCALES[harmlessScale]);
    model.intercept = best.intercept();
    model.signalWeights = Arrays.copyOf(best.weights(), m);
    model.termWeight = harmLists.get(harmScale).isEmpty() ? 0 : best.weights()[m] * SCALES[harmScale];
    model.harmlessWeight = harmlessLists.get(harmlessScale).isEmpty() ? 0
        : best.weights()[m + 1] * SCALES[harmlessScale];
    if (model.termWeight > 0) {
      model.terms = harmLists.get(harmScale);
      model.termMatcher = TermMatcher.builder().normalizer(termMiner.normalizer())
          .addAll(model.terms).build();
    }
    if (model.harmlessWeight > 0) {
      model.harmlessTerms = harmlessLists.get(harmlessScale);
      model.harmlessMatcher = TermMatcher.builder().normalizer(termMiner.normalizer())
          .addAll(model.harmlessTerms).build();
    }
    return model;
  }

  /** The candidates in {@code [from, to)} with positive fitted weight, the strongest first, at most max. */
  private static List<Integer> strongest(double[] beta, int from, int to, TermMatcher candidates,
      int max) {
    List<Integer> order = new ArrayList<>();
    for (int j = from; j < to; j++) {
      if (beta[j] > 0) {
        order.add(j);
      }
    }
    order.sort((a, b) -> {
      int c = Double.compare(beta[b], beta[a]);
      return c != 0 ? c : candidates.term(a).text().compareTo(candidates.term(b).text());
    });
    return order.size() > max ? order.subList(0, max) : order;
  }

  /** A list at one scale: its terms, and each kept candidate's weight in it. */
  private record Scaled(List<Term> terms, Map<Integer, Double> weightOf) {}

  /**
   * The candidates {@code kept} with weight {@code 1 - exp(-b / scale)}, rounded as the policy file
   * writes them; those that round to 0 are left out.
   */
  private static Scaled list(List<Integer> kept, double[] beta, double scale, TermMatcher candidates,
      String category) {
    List<Term> list = new ArrayList<>();
    Map<Integer, Double> weightOf = new HashMap<>();
    for (int j : kept) {
      double w = Math.min(Thresholds.round(1 - Math.exp(-beta[j] / scale), 4), 0.9999);
      if (w > 0) {
        Term t = candidates.term(j);
        list.add(new Term(t.id(), t.text(), category, w, t.mode()));
        weightOf.put(j, w);
      }
    }
    return new Scaled(list, weightOf);
  }

  /** Each item's noisy-or score of {@code list}. */
  private static double[] scores(Scaled list, int[][] hits) {
    double[] s = new double[hits.length];
    for (int q = 0; q < hits.length; q++) {
      double miss = 1;
      if (hits[q] != null) {
        for (int j : hits[q]) {
          Double w = list.weightOf().get(j);
          if (w != null) {
            miss *= 1 - w;
          }
        }
      }
      s[q] = 1 - miss;
    }
    return s;
  }

  /**
   * The signals and the two lists refitted. A list of scale {@code k} enters as {@code k x score}, so
   * that its coefficient is the multiplier of its terms' fitted log-odds (in the noisy-or's linear
   * range, {@code k x score} is about their sum, whatever k) and the ridge penalty on it means the same
   * at every scale: penalizing the list's weight itself would favour the scales at which the noisy-or
   * saturates, and no penalty at all lets it grow without bound where the list alone separates the
   * items. The counter-evidence's feature is negated, so its non-negative coefficient subtracts.
   * The lists' weights are then {@code coefficient x k}.
   */
  private static Logistic.Fit refit(double[][] xs, boolean[] ys, double l2, double[] harm,
      double harmScale, double[] harmless, double harmlessScale) {
    int n = xs.length;
    int m = n == 0 ? 0 : xs[0].length;
    double[] ridge = new double[m + 2];
    Arrays.fill(ridge, l2);
    double[][] dense = new double[n][];
    for (int q = 0; q < n; q++) {
      dense[q] = Arrays.copyOf(xs[q], m + 2);
      dense[q][m] = harmScale * harm[q];
      dense[q][m + 1] = -harmlessScale * harmless[q];
    }
    return Logistic.fitDense(dense, ys, ridge);
  }

  /** The indices of the distinct terms of {@code matcher} found in {@code content}, sorted. */
  static int[] distinctHits(TermMatcher matcher, Content content) {
    java.util.BitSet found = new java.util.BitSet();
    for (int f = 0; f < content.fieldCount(); f++) {
      matcher.match(content.fieldText(f), (t, s, e) -> found.set(t));
    }
    return found.stream().toArray();
  }

  /**
   * Sparse rows of the signals' features and, after them, the candidate terms' hits: 1 for a term of
   * harm (the first {@code harmful}), -1 for one of counter-evidence.
   */
  private static Logistic.Rows rows(double[][] x, int[][] hits, int m, int k, int harmful) {
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
      if (hits[i] != null) {
        for (int t : hits[i]) {
          cols.add(m + t);
          vals.add(t < harmful ? 1.0 : -1.0);
        }
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
}
