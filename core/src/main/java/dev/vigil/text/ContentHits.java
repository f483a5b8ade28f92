package dev.vigil.text;

import dev.vigil.Content;
import dev.vigil.Evidence;
import dev.vigil.Signal;
import dev.vigil.internal.PerThread;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The hits of a matcher in every field of a content, and the signal of the terms of one list (or of
 * all): shared by {@link TermClassifier} and {@link TermLists}. One per thread, reused across contents,
 * so that a content without hits allocates nothing. Not thread safe.
 */
final class ContentHits extends PerThread.Reusable implements HitHandler {
  /** The list argument of {@link #signal} that takes every term. */
  static final int ALL = -1;

  /** The content these hits are of, once {@link #scan} completed; for callers that cache. */
  @Nullable Content content;
  private int[] hit = new int[48]; // (term, start, end) triples
  private int hits;
  private int[] fieldEnd = new int[4]; // the hits of field f end at fieldEnd[f]
  private int[] termHits = new int[16];

  @Override
  public void onHit(int term, int start, int end) {
    if (3 * hits + 3 > hit.length) {
      hit = Arrays.copyOf(hit, hit.length * 2);
    }
    hit[3 * hits] = term;
    hit[3 * hits + 1] = start;
    hit[3 * hits + 2] = end;
    hits++;
  }

  /** Scans every field of {@code content} with {@code matcher}, replacing the hits held. */
  void scan(TermMatcher matcher, Content content) {
    int fields = content.fieldCount();
    if (fieldEnd.length < fields) {
      fieldEnd = new int[fields];
    }
    this.content = null; // not valid until complete
    hits = 0;
    for (int f = 0; f < fields; f++) {
      matcher.match(content.fieldText(f), this);
      fieldEnd[f] = hits;
    }
    this.content = content;
  }

  /**
   * The signal of the hits of list {@code group} (or {@link #ALL}): every hit as evidence, in field and
   * hit order, and the noisy-or of the weights of the distinct terms hit.
   */
  Signal signal(TermMatcher matcher, Content content, int group) {
    List<Evidence> evidence = null;
    int total = 0;
    int h = 0;
    for (int f = 0; f < content.fieldCount(); f++) {
      String text = content.fieldText(f);
      for (; h < fieldEnd[f]; h++) {
        int term = hit[3 * h];
        if (group != ALL && matcher.group(term) != group) {
          continue;
        }
        if (total == termHits.length) {
          termHits = Arrays.copyOf(termHits, total * 2);
        }
        termHits[total++] = term;
        if (evidence == null) {
          evidence = new ArrayList<>(Math.min(hits, Signal.MAX_EVIDENCE));
        }
        if (evidence.size() < Signal.MAX_EVIDENCE) {
          Term t = matcher.term(term);
          evidence.add(Evidence.of(content.fieldName(f), text, hit[3 * h + 1], hit[3 * h + 2],
              t.id(), t.category()));
        }
      }
    }
    if (total == 0) {
      return Signal.notMatched();
    }
    Arrays.sort(termHits, 0, total);
    double miss = 1.0;
    for (int i = 0; i < total; i++) {
      if (i == 0 || termHits[i] != termHits[i - 1]) {
        miss *= 1.0 - matcher.term(termHits[i]).weight();
      }
    }
    return Signal.of(1.0 - miss, evidence, total);
  }
}
