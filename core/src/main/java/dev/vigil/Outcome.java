package dev.vigil;

/**
 * The four outcomes of a classification, kept distinct so that "found nothing" is never confused with
 * "could not look".
 */
public enum Outcome {
  /** The classifier found what it looks for: the score is above zero. */
  MATCHED,
  /** The classifier looked and found nothing: the score is zero. */
  NOT_MATCHED,
  /** The classifier had nothing to look at (for example, the field it reads is absent). Score zero. */
  NOT_APPLICABLE,
  /** The classifier failed (threw, returned null, ...); the signal carries the cause. Score zero. */
  FAILED;

  /** Whether the classifier actually looked at the content: {@link #MATCHED} or {@link #NOT_MATCHED}. */
  public boolean isApplicable() {
    return this == MATCHED || this == NOT_MATCHED;
  }
}
