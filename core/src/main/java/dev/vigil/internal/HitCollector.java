package dev.vigil.internal;

import dev.vigil.Evidence;
import dev.vigil.Signal;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Gathers the hits of a scanning classifier across the fields of one content: how many, the best
 * score, and the first {@link Signal#MAX_EVIDENCE} as evidence (the list is created on the first hit, so
 * content without hits allocates none). One per classification; not thread safe. Scanners' sinks extend
 * it, so a classification allocates one object. Not API.
 */
public class HitCollector {
  /** The field being scanned and its text; set before each field's scan. */
  public String field = "";
  public String text = "";
  private int count;
  private double best;
  private @Nullable List<Evidence> evidence;

  /** Records a hit on {@code [start, end)} of the current field. */
  public void add(int start, int end, String rule, String category, double score) {
    count++;
    best = Math.max(best, score);
    if (evidence == null) {
      evidence = new ArrayList<>(2);
    }
    if (evidence.size() < Signal.MAX_EVIDENCE) {
      evidence.add(Evidence.of(field, text, start, end, rule, category));
    }
  }

  /** How many hits. */
  public int count() {
    return count;
  }

  /** The signal with the given score, or not matched when there was no hit or the score is zero. */
  public Signal signal(double score) {
    return count == 0 || score <= 0 ? Signal.notMatched()
        : Signal.of(score, evidence == null ? List.of() : evidence, count);
  }

  /** The signal scored by the best hit. */
  public Signal signal() {
    return signal(best);
  }
}
