package dev.vigil.eval;

/**
 * How one rule inside a signal did: a term of a term list, a pattern, a link rule ({@code blocked:evil.net})
 * as reported in evidence. Counts are items on which the rule appeared in the signal's evidence (at most
 * {@value dev.vigil.Signal#MAX_EVIDENCE} evidence items are kept per signal and item, so a rule hidden
 * beyond that cap on one item is not counted there).
 *
 * @param signal the policy signal whose evidence named the rule
 * @param rule the rule, term or pattern id
 * @param harmfulItems harmful items it fired on
 * @param harmlessItems harmless items it fired on: its false positives
 */
public record EvidenceRuleStats(String signal, String rule, long harmfulItems, long harmlessItems) {

  /** All items it fired on. */
  public long items() {
    return harmfulItems + harmlessItems;
  }

  /** harmful / all; NaN never, since a rule is listed only when it fired. */
  public double precision() {
    return (double) harmfulItems / items();
  }
}
