package dev.vigil.eval;

/**
 * How one signal of the policy did, in the spirit of SpamAssassin's hit-frequencies. Counts are items.
 *
 * @param name the signal's name in the policy
 * @param category its policy category
 * @param shadow whether it is a shadow signal (reported, never counted)
 * @param hits items it matched
 * @param harmfulHits harmful items it matched
 * @param harmlessHits harmless items it matched: its false positives
 * @param onlyCatches harmful items flagged on which it was the only counted signal to match: what the
 *     policy would miss without it
 * @param missedHits harmful items it matched that the policy did not flag (for a shadow signal, what
 *     turning it on might add)
 */
public record RuleStats(String name, String category, boolean shadow, long hits, long harmfulHits,
    long harmlessHits, long onlyCatches, long missedHits) {

  /** The signal's own precision: harmful hits / hits; NaN when it never fired. */
  public double precision() {
    return hits == 0 ? Double.NaN : (double) harmfulHits / hits;
  }

  /** Whether it never fired on these items. */
  public boolean neverFired() {
    return hits == 0;
  }
}
