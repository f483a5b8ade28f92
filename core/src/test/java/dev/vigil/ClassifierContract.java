package dev.vigil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The laws every {@link Classifier} obeys, as jqwik properties. A classifier's test class implements
 * this interface and provides the classifier (and, to exercise matches, sample strings it reacts to);
 * the properties then run on random content that mixes those samples with random Unicode text,
 * including lone surrogates and supplementary characters.
 *
 * <p>Shipped in vigil-core's test-jar so that other modules, and users, can check their classifiers.
 */
public interface ClassifierContract {

  /** The classifier under test. */
  Classifier classifier();

  /** Strings the classifier should react to, mixed into the random content. */
  default List<String> samples() {
    return List.of("");
  }

  @Provide
  default Arbitrary<Content> contents() {
    Arbitrary<String> noise = Arbitraries.strings().all().ofMaxLength(40);
    Arbitrary<String> sample = Arbitraries.of(samples());
    Arbitrary<String> text = Combinators.combine(noise, sample, noise).as((a, s, b) -> a + s + b);
    Arbitrary<String> field = Arbitraries.oneOf(text, noise);
    return Combinators.combine(field, field, Arbitraries.integers().between(0, 3))
        .as((body, title, shape) -> {
          switch (shape) {
            case 0:
              return Content.of(body);
            case 1:
              return Content.builder().field("title", title).body(body).build();
            case 2:
              return Content.builder().field("username", title).build();
            default:
              return Content.builder().build();
          }
        });
  }

  @Property(tries = 300)
  default void scoreIsInRangeAndAgreesWithOutcome(@ForAll("contents") Content content) {
    Signal s = Classifiers.classifySafely(classifier(), content);
    assertNotNull(s);
    assertTrue(s.score() >= 0.0 && s.score() <= 1.0, () -> "score out of range: " + s);
    assertEquals(s.outcome() == Outcome.MATCHED, s.score() > 0.0, () -> s.toString());
    assertTrue(s.evidence().size() <= Signal.MAX_EVIDENCE);
    assertTrue(s.evidenceCount() >= s.evidence().size());
  }

  @Property(tries = 300)
  default void neverFailsOnAnyText(@ForAll("contents") Content content) {
    Signal s = Classifiers.classifySafely(classifier(), content);
    assertFalse(s.outcome() == Outcome.FAILED, () -> "failed: " + s.failureMessage());
  }

  @Property(tries = 300)
  default void isDeterministic(@ForAll("contents") Content content) {
    assertEquals(classifier().classify(content), classifier().classify(content));
  }

  @Property(tries = 300)
  default void evidencePointsAtTheOriginalText(@ForAll("contents") Content content) {
    for (Evidence e : classifier().classify(content).evidence()) {
      String original = content.field(e.field());
      assertNotNull(original, () -> "evidence names a field the content lacks: " + e.field());
      assertEquals(original.substring(e.start(), e.end()), e.text());
      assertFalse(Evidence.splitsSurrogatePair(original, e.start()));
      assertFalse(Evidence.splitsSurrogatePair(original, e.end()));
    }
  }

  @Example
  default void hasANameAndAnExpression() {
    assertFalse(classifier().name().isBlank());
    assertFalse(classifier().expression().isBlank());
  }
}
