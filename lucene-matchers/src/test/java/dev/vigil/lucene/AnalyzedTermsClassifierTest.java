package dev.vigil.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.Classifier;
import dev.vigil.ClassifierContract;
import dev.vigil.Content;
import dev.vigil.Evidence;
import dev.vigil.Outcome;
import dev.vigil.Signal;
import java.util.List;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.junit.jupiter.api.Test;

class AnalyzedTermsClassifierTest implements ClassifierContract {

  private final AnalyzedTermsClassifier threats = AnalyzedTermsClassifier
      .builder("threats", new EnglishAnalyzer())
      .term("kill-you", "threat", "kill you")
      .term("hurt", "threat", "hurt")
      .build();

  @Override
  public Classifier classifier() {
    return threats;
  }

  @Override
  public List<String> samples() {
    return List.of("killing you", "Hurting", "KILLED \ud83d\ude00 you");
  }

  @Test
  void stemmingMatchesInflectionsWithOffsetsIntoTheOriginal() {
    String text = "I'm Killing you, it hurts";
    Signal s = threats.classify(Content.of(text));
    assertEquals(Outcome.MATCHED, s.outcome());
    assertEquals(List.of(new Evidence("body", 4, 15, "Killing you", "kill-you", "threat"),
        new Evidence("body", 20, 25, "hurts", "hurt", "threat")), s.evidence());
  }

  @Test
  void phrasesNeedConsecutivePositions() {
    assertEquals(Outcome.NOT_MATCHED, threats.classify(Content.of("kill all of you")).outcome());
    // A stop word between the tokens leaves a position gap, as in a Lucene phrase query.
    assertEquals(Outcome.NOT_MATCHED, threats.classify(Content.of("kill the you")).outcome());
  }

  @Test
  void termsThatAnalyzeToNothingAreRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AnalyzedTermsClassifier.builder("x", new EnglishAnalyzer()).term("t1", "c", "the")
            .build());
    assertTrue(e.getMessage().contains("term 'the' (id t1)"), e.getMessage());
  }
}
