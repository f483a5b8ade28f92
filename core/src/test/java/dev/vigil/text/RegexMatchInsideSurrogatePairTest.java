package dev.vigil.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.Content;
import dev.vigil.Evidence;
import dev.vigil.Signal;
import org.junit.jupiter.api.Test;

/**
 * Fixed bug: after an empty match right before an emoji, RE2/J steps one char on, into the surrogate
 * pair, and can match the pair's second half alone; building evidence for that span threw
 * IllegalArgumentException ("splits a surrogate pair") out of {@code classify}.
 */
class RegexMatchInsideSurrogatePairTest {

  @Test
  void matchesInsideAPairAreNotEvidence() {
    RegexClassifier c = RegexClassifier.builder("p", "(?i)(\\b|(scam|[^x]))").build();
    String text = "scam\ud83d\ude00";
    Signal s = c.classify(Content.of(text)); // threw before the fix
    assertEquals(true, s.evidenceCount() > 0);
    for (Evidence e : s.evidence()) {
      assertEquals(false, e.start() == 5 || e.end() == 5, () -> "span " + e.start() + "-" + e.end());
    }
  }
}
