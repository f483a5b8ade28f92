package dev.vigil;

import java.util.List;

/**
 * How a policy's signal split by evidence ({@link SignalOptions#splitByEvidence}) spreads its score over
 * categories: each split category its evidence names gets the signal's score for that category
 * ({@link Signal#categoryScore}); its own category gets the highest such score of the evidence naming
 * any other category, or the whole score when the signal has no evidence at all. Categories the
 * classifier scored but whose evidence the signal's cap dropped count too. Immutable.
 */
final class EvidenceSplit {
  private final int own;
  private final String[] names;
  private final int[] to;

  /**
   * The split of a signal in category {@code own} (an index into {@code categories}) into
   * {@code split}, all of them among the policy's {@code categories}.
   */
  EvidenceSplit(int own, List<String> split, List<String> categories) {
    this.own = own;
    this.names = split.toArray(new String[0]);
    this.to = split.stream().mapToInt(categories::indexOf).toArray();
  }

  /** The score {@code s} gives each of {@code count} categories, by index (zero for the others). */
  double[] scores(Signal s, int count) {
    double[] parts = new double[count];
    for (Evidence e : s.evidence()) {
      route(s, e.category(), parts);
    }
    for (String c : s.categoryScores().keySet()) {
      route(s, c, parts);
    }
    if (s.evidence().isEmpty() && s.categoryScores().isEmpty()) {
      parts[own] = s.score();
    }
    return parts;
  }

  /** Gives {@code category}'s score to its split category, or to the signal's own (the highest). */
  private void route(Signal s, String category, double[] parts) {
    int target = own;
    for (int k = 0; k < names.length; k++) {
      if (names[k].equals(category)) {
        target = to[k];
        break;
      }
    }
    parts[target] = Math.max(parts[target], s.categoryScore(category));
  }
}
