package dev.vigil.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.Classifier;
import dev.vigil.ClassifierContract;
import dev.vigil.Content;
import dev.vigil.Evidence;
import dev.vigil.Outcome;
import dev.vigil.Signal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A custom classifier checked with core's contract, as users check theirs. */
class ShoutingClassifierTest implements ClassifierContract {
  private final ShoutingClassifier shouting = new ShoutingClassifier("shouting", 12);

  @Override
  public Classifier classifier() {
    return shouting;
  }

  @Override
  public List<String> samples() {
    return List.of("THIS IS SO UNFAIR", "WHY \ud835\udc00\ud835\udc01 ARE YOU LIKE THIS", "ok");
  }

  @Test
  void scoresTheShareOfUpperCaseWithTheLongestUpperCaseStretchAsEvidence() {
    Signal s = shouting.classify(Content.of("STOP DOING THIS now"));
    // 13 upper-case letters of 16: (13/16 - 0.5) / 0.4 = 0.78125
    assertEquals(0.78125, s.score(), 1e-9);
    assertEquals(List.of(new Evidence("body", 0, 15, "STOP DOING THIS", "shouting", "spam")), s.evidence());
  }

  @Test
  void shortOrCalmTextIsNotShouting() {
    assertEquals(Outcome.NOT_MATCHED, shouting.classify(Content.of("OK USA")).outcome());
    assertEquals(Outcome.NOT_MATCHED,
        shouting.classify(Content.of("A perfectly calm sentence")).outcome());
    assertEquals(Outcome.NOT_APPLICABLE, shouting.classify(Content.builder().build()).outcome());
  }
}
