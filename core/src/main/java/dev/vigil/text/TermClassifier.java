package dev.vigil.text;

import static java.util.Objects.requireNonNull;

import dev.vigil.Classifier;
import dev.vigil.Content;
import dev.vigil.Evidence;
import dev.vigil.Signal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A classifier over a {@link TermMatcher}: every hit in every field is evidence, and the score combines
 * the weights of the distinct terms hit as a noisy-or, {@code 1 - product of (1 - weight)}: one term of
 * weight 0.5 scores 0.5, two score 0.75, and any term of weight 1 scores 1. Repeating a term does not
 * raise the score.
 *
 * <p>Not applicable when the content has no fields. Allocates nothing when nothing matches.
 * Immutable and thread safe.
 */
public final class TermClassifier implements Classifier {
  private final String name;
  private final TermMatcher matcher;
  private final ThreadLocal<Collector> collectors = ThreadLocal.withInitial(Collector::new);

  private TermClassifier(String name, TermMatcher matcher) {
    this.name = name;
    this.matcher = matcher;
  }

  /** A classifier named {@code name} over {@code matcher}. */
  public static TermClassifier of(String name, TermMatcher matcher) {
    requireNonNull(name, "name");
    requireNonNull(matcher, "matcher");
    if (name.isBlank()) {
      throw new IllegalArgumentException("classifier name must not be blank");
    }
    return new TermClassifier(name, matcher);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String expression() {
    return "terms(" + name + ")";
  }

  @Override
  public String toString() {
    return expression();
  }

  /** The matcher. */
  public TermMatcher matcher() {
    return matcher;
  }

  @Override
  public Signal classify(Content content) {
    int fields = content.fieldCount();
    if (fields == 0) {
      return Signal.notApplicable();
    }
    Collector c = collectors.get();
    if (c.busy) {
      c = new Collector();
    }
    c.busy = true;
    try {
      List<Evidence> evidence = null;
      int total = 0;
      c.terms = 0;
      for (int f = 0; f < fields; f++) {
        String text = content.fieldText(f);
        c.hits = 0;
        matcher.match(text, c);
        if (c.hits == 0) {
          continue;
        }
        if (evidence == null) {
          evidence = new ArrayList<>(Math.min(c.hits, Signal.MAX_EVIDENCE));
        }
        for (int h = 0; h < c.hits; h++) {
          total++;
          if (evidence.size() < Signal.MAX_EVIDENCE) {
            Term t = matcher.term(c.hit[3 * h]);
            evidence.add(Evidence.of(content.fieldName(f), text, c.hit[3 * h + 1],
                c.hit[3 * h + 2], t.id(), t.category()));
          }
        }
      }
      if (total == 0) {
        return Signal.notMatched();
      }
      Arrays.sort(c.termHits, 0, c.terms);
      double miss = 1.0;
      for (int i = 0; i < c.terms; i++) {
        if (i == 0 || c.termHits[i] != c.termHits[i - 1]) {
          miss *= 1.0 - matcher.term(c.termHits[i]).weight();
        }
      }
      return Signal.of(1.0 - miss, evidence, total);
    } finally {
      c.busy = false;
    }
  }

  /** Per-thread hit buffers. */
  private static final class Collector implements HitHandler {
    int[] hit = new int[48];
    int hits;
    int[] termHits = new int[16];
    int terms;
    boolean busy;

    @Override
    public void onHit(int term, int start, int end) {
      if (3 * hits + 3 > hit.length) {
        hit = Arrays.copyOf(hit, hit.length * 2);
      }
      hit[3 * hits] = term;
      hit[3 * hits + 1] = start;
      hit[3 * hits + 2] = end;
      hits++;
      if (terms == termHits.length) {
        termHits = Arrays.copyOf(termHits, terms * 2);
      }
      termHits[terms++] = term;
    }
  }
}
