package dev.vigil;

import static dev.vigil.TestClassifiers.absent;
import static dev.vigil.TestClassifiers.constant;
import static dev.vigil.TestClassifiers.finds;
import static dev.vigil.TestClassifiers.nan;
import static dev.vigil.TestClassifiers.outOfRange;
import static dev.vigil.TestClassifiers.returningNull;
import static dev.vigil.TestClassifiers.throwing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The composition laws, checked on random classifier trees over random content. */
class ClassifierProperties {

  @Provide
  Arbitrary<Classifier> trees() {
    return Arbitraries.recursive(ClassifierProperties::leaves, ClassifierProperties::composites, 0, 4);
  }

  private static Arbitrary<Classifier> leaves() {
    Arbitrary<Double> score = Arbitraries.of(0.0, 0.25, 0.5, 1.0);
    return Arbitraries.oneOf(
        score.map(s -> finds("a", "a", s == 0.0 ? 1.0 : s)),
        score.map(s -> finds("xy", "xy", s == 0.0 ? 0.5 : s)),
        score.map(s -> constant("c" + s, s)),
        Arbitraries.just(absent("absent")),
        Arbitraries.of(throwing("throws"), returningNull("null"), nan("nan"), outOfRange("big")));
  }

  private static Arbitrary<Classifier> composites(Arbitrary<Classifier> child) {
    Arbitrary<List<Classifier>> children = child.list().ofMinSize(1).ofMaxSize(3);
    return Arbitraries.oneOf(
        children.map(Classifiers::allOf),
        children.map(Classifiers::anyOf),
        children.map(c -> Classifiers.max(c.toArray(new Classifier[0]))),
        children.flatMap(c -> Arbitraries.integers().between(1, c.size())
            .map(n -> Classifiers.atLeast(n, c.toArray(new Classifier[0])))),
        child.map(Classifiers::not),
        Combinators.combine(children, Arbitraries.of(0.0, 0.5, 1.0, 2.0), Arbitraries.of(0.5, 1.0))
            .as((c, w, cap) -> Classifiers.weightedSum(cap,
                c.stream().map(x -> Classifiers.weighted(w, x)).toArray(Classifiers.Weighted[]::new))),
        child.map(c -> c.onField("title")),
        child.map(c -> c.named("named")));
  }

  @Provide
  Arbitrary<Content> contents() {
    Arbitrary<String> text = Arbitraries.strings()
        .withChars("axy b\u0430")
        .withCharRange('\ud83d', '\ud83d') // lone high surrogates
        .withChars("\ud83d\ude00")
        .ofMaxLength(12);
    return Combinators.combine(text, text, Arbitraries.integers().between(0, 3)).as((a, b, shape) -> {
      switch (shape) {
        case 0:
          return Content.of(a);
        case 1:
          return Content.builder().field("title", b).body(a).build();
        case 2:
          return Content.builder().field("username", a).build();
        default:
          return Content.builder().build();
      }
    });
  }

  @Property(tries = 10_000)
  void randomTreesKeepTheLaws(@ForAll("trees") Classifier tree, @ForAll("contents") Content content) {
    Signal s = Classifiers.classifySafely(tree, content);

    // Scores in range, agreeing with the outcome.
    assertTrue(s.score() >= 0.0 && s.score() <= 1.0, s::toString);
    assertEquals(s.outcome() == Outcome.MATCHED, s.score() > 0.0, s::toString);

    // Deterministic.
    assertEquals(s, Classifiers.classifySafely(tree, content));

    // Evidence points at the original text.
    for (Evidence e : s.evidence()) {
      String original = content.field(e.field());
      assertEquals(original.substring(e.start(), e.end()), e.text());
      assertFalse(Evidence.splitsSurrogatePair(original, e.start()));
    }

    // not(not(x)) behaves as x; not(x) is 1 - x where x answers.
    assertSameBehaviour(s, Classifiers.classifySafely(tree.not().not(), content));
    Signal negated = Classifiers.classifySafely(tree.not(), content);
    if (s.outcome().isApplicable()) {
      assertEquals(1.0 - s.score(), negated.score(), 1e-12);
    } else {
      assertEquals(s.outcome(), negated.outcome());
    }

    // One-child composites behave as the child.
    assertSameBehaviour(s, Classifiers.classifySafely(Classifiers.allOf(tree), content));
    assertSameBehaviour(s, Classifiers.classifySafely(Classifiers.anyOf(tree), content));
    assertSameBehaviour(s, Classifiers.classifySafely(Classifiers.max(tree), content));
    assertSameBehaviour(s, Classifiers.classifySafely(Classifiers.atLeast(1, tree), content));
    assertSameBehaviour(s, Classifiers.classifySafely(
        Classifiers.weightedSum(1.0, Classifiers.weighted(1.0, tree)), content));
  }

  @Property(tries = 2_000)
  void allOfNeverExceedsAnyOfAndAtLeastOneIsAnyOf(
      @ForAll("trees") Classifier a, @ForAll("trees") Classifier b, @ForAll("contents") Content content) {
    Signal all = Classifiers.classifySafely(Classifiers.allOf(a, b), content);
    Signal any = Classifiers.classifySafely(Classifiers.anyOf(a, b), content);
    Signal one = Classifiers.classifySafely(Classifiers.atLeast(1, a, b), content);
    assertTrue(all.score() <= any.score(), () -> all + " vs " + any);
    assertEquals(all.outcome().isApplicable(), any.outcome().isApplicable());
    assertEquals(any.score(), one.score());
    assertEquals(any.outcome(), one.outcome());
  }

  private static void assertSameBehaviour(Signal expected, Signal actual) {
    assertEquals(expected.outcome(), actual.outcome(), () -> expected + " vs " + actual);
    assertEquals(expected.score(), actual.score(), 1e-12);
    assertEquals(expected.evidence(), actual.evidence());
    assertEquals(expected.evidenceCount(), actual.evidenceCount());
  }
}
