package dev.vigil.text;

/**
 * Receives the hits of a {@link TermMatcher} as primitives, for callers who need raw speed: matching
 * through a handler allocates nothing.
 */
@FunctionalInterface
public interface HitHandler {
  /**
   * Called once per hit, in the order hits end in the text.
   *
   * @param term the term's index in {@link TermMatcher#terms()}
   * @param start where the hit starts in the original text (UTF-16 index)
   * @param end where it ends (exclusive)
   */
  void onHit(int term, int start, int end);
}
