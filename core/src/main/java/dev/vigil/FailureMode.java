package dev.vigil;

/** What a policy does when one of its classifiers fails (throws, returns null, times out). */
public enum FailureMode {
  /**
   * The failure is recorded in the decision and the signal counts as zero: the content is judged on
   * the other signals. The default; right for signals that only add confidence.
   */
  FAIL_OPEN,
  /**
   * The failure is recorded and the decision is at least {@link Action#REVIEW}: right for signals the
   * policy cannot judge without (a hash bank for known illegal images, say).
   */
  FAIL_CLOSED
}
