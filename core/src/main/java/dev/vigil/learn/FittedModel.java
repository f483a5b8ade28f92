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
 * and the mined terms kept as one noisy-or list with its weight, before the weights are scaled and
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
  int candidates;
  final List<String> notes = new ArrayList<>();

  /** The total the policy would compute for an item (before scaling). */
  double total(double[] x, Content content) {
    double f = 0;
    for (int j = 0; j < x.length; j++) {
      f += signalWeights[j] * x[j];
    }
    if (termMatcher != null) {
      double miss = 1;
      for (int t : distinctHits(termMatcher, content)) {
        miss *= 1 - termMatcher.term(t).weight();
      }
      f += termWeight * (1 - miss);
    }
    return f;
  }

  /** Candidate terms mined from some items, and which of all the items hold each. */
  record Candidates(@Nullable TermMatcher matcher, int[][] hits, int count) {}

  /**
   * The candidates {@code miner} (none when null) finds in the items {@code from}, in
   * {@code category}, and which of all {@code train} hold each.
   */
  static Candidates candidates(@Nullable TermMiner miner, List<LabeledItem> train, List<Integer> from,
      String category) {
    int n = train.size();
    int[][] hits = new int[n][];
    if (miner == null) {
      return new Candidates(null, hits, 0);
    }
    List<LabeledItem> subset = new ArrayList<>(from.size());
    for (int i : from) {
      subset.add(train.get(i));
    }
    List<TermMiner.Candidate> mined = miner.mine(subset);
    if (mined.isEmpty()) {
      return new Candidates(null, hits, 0);
    }
    TermMatcher.Builder b = TermMatcher.builder().normalizer(miner.normalizer());
    for (TermMiner.Candidate c : mined) {
      b.add(new Term(c.id(), c.term(), category, 0.5, c.mode()));
    }
    TermMatcher matcher = b.build();
    for (int i = 0; i < n; i++) {
      hits[i] = distinctHits(matcher, train.get(i).content());
    }
    return new Candidates(matcher, hits, mined.size());
  }

  /**
   * Fits signals and candidate terms on the items {@code in} (lasso on the terms), then writes the
   * terms with weight as one noisy-or list and refits the signals with its exact score, at the list's
   * scale that fits best.
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
    Logistic.Fit joint = Logistic.fit(rows(xs, hs, m, k), ys, l2, l1);
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
    Integer[] order = new Integer[k];
    for (int j = 0; j < k; j++) {
      order[j] = j;
    }
    Arrays.sort(order, (a, b) -> {
      int c = Double.compare(beta[b], beta[a]);
      return c != 0 ? c : candidates.term(a).text().compareTo(candidates.term(b).text());
    });
    List<Integer> kept = new ArrayList<>();
    for (int j : order) {
      if (beta[j] > 0 && kept.size() < maxTerms) {
        kept.add(j);
      }
    }
    Logistic.Fit best = null;
    List<Term> bestTerms = List.of();
    for (double scale : SCALES) {
      List<Term> list = new ArrayList<>();
      Map<Integer, Double> weightOf = new HashMap<>();
      for (int j : kept) {
        double w = Math.min(Thresholds.round(1 - Math.exp(-beta[j] / scale), 4), 0.9999);
        if (w > 0) {
          weightOf.put(j, w);
          Term t = candidates.term(j);
          list.add(new Term(t.id(), t.text(), category, w, t.mode()));
        }
      }
      if (list.isEmpty()) {
        continue;
      }
      double[] s = new double[n];
      for (int q = 0; q < n; q++) {
        double miss = 1;
        for (int j : hs[q]) {
          Double w = weightOf.get(j);
          if (w != null) {
            miss *= 1 - w;
          }
        }
        s[q] = 1 - miss;
      }
      // The list's weight is not penalized: its terms were, in the joint fit, and a penalty here
      // would favour the scales at which the noisy-or saturates.
      double[] ridge = new double[m + 1];
      Arrays.fill(ridge, 0, m, l2);
      double[][] dense = new double[n][];
      for (int q = 0; q < n; q++) {
        dense[q] = Arrays.copyOf(xs[q], m + 1);
        dense[q][m] = s[q];
      }
      Logistic.Fit f = Logistic.fitDense(dense, ys, ridge);
      if (best == null || f.objective() < best.objective()) {
        best = f;
        bestTerms = list;
      }
    }
    if (best == null) {
      model.notes.add("no mined term got weight in the fit");
      return model;
    }
    model.intercept = best.intercept();
    model.signalWeights = Arrays.copyOf(best.weights(), m);
    model.termWeight = best.weights()[m];
    model.terms = bestTerms;
    model.termMatcher = TermMatcher.builder().normalizer(termMiner.normalizer()).addAll(bestTerms)
        .build();
    return model;
  }

  /** The indices of the distinct terms of {@code matcher} found in {@code content}, sorted. */
  static int[] distinctHits(TermMatcher matcher, Content content) {
    java.util.BitSet found = new java.util.BitSet();
    for (int f = 0; f < content.fieldCount(); f++) {
      matcher.match(content.fieldText(f), (t, s, e) -> found.set(t));
    }
    return found.stream().toArray();
  }

  /** Sparse rows of the signals' features and, after them, the candidate terms' hits. */
  private static Logistic.Rows rows(double[][] x, int[][] hits, int m, int k) {
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
          vals.add(1.0);
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
