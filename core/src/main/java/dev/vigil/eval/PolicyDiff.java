package dev.vigil.eval;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * How two policies' decisions differ on the same items: which items change action, and whether each
 * change is right. Build it from two reports of the same items in the same order (two runs of
 * {@link Evaluation} on one list).
 *
 * @param changes every item whose action changed, in item order
 * @param fixed changes that made a wrong decision right (flagged now and harmful, or cleared and harmless)
 * @param broken changes that made a right decision wrong
 * @param neutral changes of action that leave the flagged status as it was (review to remove)
 */
public record PolicyDiff(List<Change> changes, long fixed, long broken, long neutral) {

  /** Whether a change moved the decision toward the truth. */
  public enum Verdict {
    /** Wrong before, right after. */
    FIXED,
    /** Right before, wrong after. */
    BROKEN,
    /** Flagged status unchanged; only the action differs. */
    NEUTRAL
  }

  /**
   * One item whose action changed.
   *
   * @param id the item
   * @param harmful its true label
   * @param before the action under the first policy
   * @param after the action under the second policy
   * @param scoreBefore the first policy's total score
   * @param scoreAfter the second policy's total score
   * @param verdict whether the change is right
   */
  public record Change(String id, boolean harmful, String before, String after, double scoreBefore,
      double scoreAfter, Verdict verdict) {}

  /** Copies the list. */
  public PolicyDiff {
    changes = List.copyOf(changes);
  }

  /**
   * The diff from {@code before} to {@code after}.
   *
   * @throws IllegalArgumentException if the reports are not of the same items in the same order
   */
  public static PolicyDiff between(EvaluationReport before, EvaluationReport after) {
    requireNonNull(before, "before");
    requireNonNull(after, "after");
    List<ItemResult> a = before.items();
    List<ItemResult> b = after.items();
    if (a.size() != b.size()) {
      throw new IllegalArgumentException("reports have " + a.size() + " and " + b.size()
          + " items: a diff needs the same items in the same order");
    }
    List<Change> changes = new ArrayList<>();
    long fixed = 0;
    long broken = 0;
    long neutral = 0;
    for (int i = 0; i < a.size(); i++) {
      ItemResult x = a.get(i);
      ItemResult y = b.get(i);
      if (!x.id().equals(y.id()) || x.harmful() != y.harmful()) {
        throw new IllegalArgumentException("item " + i + " is '" + x.id() + "' in one report and '"
            + y.id() + "' in the other: a diff needs the same items in the same order");
      }
      if (x.action().equals(y.action())) {
        continue;
      }
      Verdict v = x.flagged() == y.flagged() ? Verdict.NEUTRAL
          : y.correct() ? Verdict.FIXED : Verdict.BROKEN;
      fixed += v == Verdict.FIXED ? 1 : 0;
      broken += v == Verdict.BROKEN ? 1 : 0;
      neutral += v == Verdict.NEUTRAL ? 1 : 0;
      changes.add(new Change(x.id(), x.harmful(), x.action(), y.action(), x.score(), y.score(), v));
    }
    return new PolicyDiff(changes, fixed, broken, neutral);
  }
}
