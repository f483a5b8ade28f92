package dev.vigil.text;

import org.jspecify.annotations.Nullable;

/**
 * One {@link ScanPlan}'s scan: reports every hit of a {@link TermMatcher}'s terms in a text. The
 * matcher builds the one its plan names and calls nothing else. Immutable and thread safe: what a
 * scan writes lives in the {@link ScanScratch} it is given.
 */
abstract class Scan {
  /**
   * Reports every hit in {@code text} to {@code handler}, in the order hits end (with an allow-list,
   * held back in {@code s} and handed over filtered at the end).
   *
   * @param s the calling thread's scratch, its hits cleared; null for a text of at most {@link
   *     MatcherTuning#shortText()} chars without an allow-list, when the scan fetches the thread's
   *     scratch only if it meets a special char
   */
  abstract void scan(String text, HitHandler handler, @Nullable ScanScratch s);
}
