package dev.vigil.text;

import static java.util.Objects.requireNonNull;

import dev.vigil.Classifier;
import dev.vigil.Content;
import dev.vigil.Signal;
import dev.vigil.internal.PerThread;

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
  private final PerThread<ContentHits> collectors = new PerThread<>(ContentHits::new);

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
    if (content.fieldCount() == 0) {
      return Signal.notApplicable();
    }
    ContentHits c = collectors.acquire();
    try {
      c.scan(matcher, content);
      return c.signal(matcher, content, ContentHits.ALL);
    } finally {
      collectors.release(c);
    }
  }
}
