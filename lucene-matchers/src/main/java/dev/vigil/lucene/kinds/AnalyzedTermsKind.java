package dev.vigil.lucene.kinds;

import dev.vigil.Classifier;
import dev.vigil.lucene.AnalyzedTermsClassifier;
import dev.vigil.lucene.RuleAnalyzers;
import dev.vigil.spi.Arguments;
import dev.vigil.spi.NamedTermList;
import dev.vigil.spi.Parameter;
import dev.vigil.spi.Parameter.Type;
import dev.vigil.spi.SignalKind;
import dev.vigil.text.Term;
import java.util.List;

/**
 * {@code kind: lucene.analyzed-terms}: the terms of term lists matched after a Lucene analyzer (so that
 * with {@code english}, "kill" also matches "killing"), as {@link AnalyzedTermsClassifier} does.
 */
public final class AnalyzedTermsKind implements SignalKind {
  /** For {@link java.util.ServiceLoader}. */
  public AnalyzedTermsKind() {}

  @Override
  public String name() {
    return "lucene.analyzed-terms";
  }

  @Override
  public String description() {
    return "The terms of term lists, matched after a Lucene analyzer (stemming, stop words, word"
        + " segmentation); phrases match at consecutive positions. Score 'score' on any match.";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(
        Parameter.of("lists", Type.TERM_LISTS, "the term lists (their preset does not apply: the"
            + " analyzer does the normalizing)").required(),
        Parameter.choice("analyzer", "how terms and text are analyzed",
            RuleAnalyzers.NAMES.toArray(new String[0])).defaultValue("english"),
        Parameter.of("score", Type.NUMBER, "the score of a match").greaterThan(0).atMost(1)
            .defaultValue(1.0));
  }

  @Override
  public Classifier create(Arguments a) {
    AnalyzedTermsClassifier.Builder b = AnalyzedTermsClassifier.builder(a.signal(),
        RuleAnalyzers.byName(a.string("analyzer"))).score(a.number("score"));
    for (NamedTermList l : a.termLists("lists")) {
      for (Term t : l.terms().terms()) {
        b.term(t.id(), t.category(), t.text());
      }
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      a.report("lists", String.valueOf(e.getMessage()));
      throw e;
    }
  }
}
