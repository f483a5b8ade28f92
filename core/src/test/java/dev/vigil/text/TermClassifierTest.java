package dev.vigil.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.Classifier;
import dev.vigil.ClassifierContract;
import dev.vigil.Content;
import dev.vigil.Evidence;
import dev.vigil.Outcome;
import dev.vigil.Signal;
import java.util.List;
import org.junit.jupiter.api.Test;

class TermClassifierTest implements ClassifierContract {
  private final TermClassifier scams = TermClassifier.of("scams", TermMatcher.builder()
      .normalizer(Normalizer.aggressive())
      .add(new Term("dyb", "double your bitcoin", "scam", 0.5, MatchMode.WORD))
      .add(new Term("giveaway", "giveaway", "scam", 0.5, MatchMode.PREFIX))
      .add(new Term("wallet", "wallet", "scam", 1.0, MatchMode.WORD))
      .build());

  @Override
  public Classifier classifier() {
    return scams;
  }

  @Override
  public List<String> samples() {
    return List.of("DOUBLE YOUR B1TC0IN", "giveaways", "g.i.v.e.a.w.a.y", "\u0455end wallet");
  }

  @Test
  void scoreIsTheNoisyOrOfDistinctTermsAndEveryHitIsEvidence() {
    Signal one = scams.classify(Content.of("double your bitcoin, double your bitcoin!"));
    assertEquals(0.5, one.score(), 1e-12);
    assertEquals(2, one.evidenceCount());
    Signal two = scams.classify(Content.builder().field("title", "Giveaway!!")
        .body("d0uble your b1tcoin").build());
    assertEquals(0.75, two.score(), 1e-12);
    assertEquals(List.of(new Evidence("title", 0, 8, "Giveaway", "giveaway", "scam"),
        new Evidence("body", 0, 19, "d0uble your b1tcoin", "dyb", "scam")), two.evidence());
    assertEquals(1.0, scams.classify(Content.of("my wallet")).score());
  }

  @Test
  void outcomes() {
    assertEquals(Outcome.NOT_MATCHED, scams.classify(Content.of("hello")).outcome());
    assertEquals(Outcome.NOT_APPLICABLE, scams.classify(Content.builder().build()).outcome());
    assertEquals("terms(scams)", scams.toString());
  }
}
