package dev.vigil.text;

import dev.vigil.Content;
import dev.vigil.Evidence;
import dev.vigil.Signal;
import dev.vigil.internal.IntBuffer;
import dev.vigil.internal.PerThread;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  private final IntBuffer hit = new IntBuffer(48); // (term, start, end) triples
  private int[] fieldEnd = new int[4]; // the hits of field f end at fieldEnd[f] (an index into hit)
  private final IntBuffer termHits = new IntBuffer(16);

  @Override
  public void onHit(int term, int start, int end) {
    hit.add(term, start, end);
  }

  /** Scans every field of {@code content} with {@code matcher}, replacing the hits held. */
  void scan(TermMatcher matcher, Content content) {
    int fields = content.fieldCount();
    if (fieldEnd.length < fields) {
      fieldEnd = new int[fields];
    }
    this.content = null; // not valid until complete
    hit.clear();
    for (int f = 0; f < fields; f++) {
      matcher.match(content.fieldText(f), this);
      fieldEnd[f] = hit.size();
    }
    this.content = content;
  }

  /**
   * The signal of the hits of list {@code group} (or {@link #ALL}): every hit as evidence, in field and
   * hit order, and the noisy-or of the weights of the distinct terms hit.
   */
  Signal signal(TermMatcher matcher, Content content, int group) {
    List<Evidence> evidence = null;
    termHits.clear();
    int h = 0;
    for (int f = 0; f < content.fieldCount(); f++) {
      String text = content.fieldText(f);
      for (; h < fieldEnd[f]; h += 3) {
        int term = hit.get(h);
        if (group != ALL && matcher.group(term) != group) {
          continue;
        }
        termHits.add(term);
        if (evidence == null) {
          evidence = new ArrayList<>(Math.min(hit.size() / 3, Signal.MAX_EVIDENCE));
        }
        if (evidence.size() < Signal.MAX_EVIDENCE) {
          Term t = matcher.term(term);
          evidence.add(Evidence.of(content.fieldName(f), text, hit.get(h + 1), hit.get(h + 2),
              t.id(), t.category()));
        }
      }
    }
    int total = termHits.size();
    if (total == 0) {
      return Signal.notMatched();
    }
    termHits.sort();
    double miss = 1.0;
    String category = null;
    boolean mixed = false;
    for (int i = 0; i < total; i++) {
      if (i == 0 || termHits.get(i) != termHits.get(i - 1)) {
        Term t = matcher.term(termHits.get(i));
        miss *= 1.0 - t.weight();
        mixed |= category != null && !category.equals(t.category());
        category = t.category();
      }
    }
    Signal s = Signal.of(1.0 - miss, evidence, total);
    return mixed ? s.withCategoryScores(categoryScores(matcher)) : s;
  }

  /**
   * The noisy-or of each category's distinct terms hit (of the sorted {@link #termHits}): what a policy
   * that splits the signal by evidence weighs each category by. Only for hits in several categories.
   */
  private Map<String, Double> categoryScores(TermMatcher matcher) {
    Map<String, Double> miss = new LinkedHashMap<>();
    for (int i = 0; i < termHits.size(); i++) {
      if (i == 0 || termHits.get(i) != termHits.get(i - 1)) {
        Term t = matcher.term(termHits.get(i));
        miss.merge(t.category(), 1.0 - t.weight(), (a, b) -> a * b);
      }
    }
    miss.replaceAll((c, m) -> 1.0 - m);
    return miss;
  }
}
