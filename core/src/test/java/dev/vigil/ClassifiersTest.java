package dev.vigil;

import static dev.vigil.TestClassifiers.absent;
import static dev.vigil.TestClassifiers.constant;
import static dev.vigil.TestClassifiers.finds;
import static dev.vigil.TestClassifiers.nan;
import static dev.vigil.TestClassifiers.returningNull;
import static dev.vigil.TestClassifiers.throwing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.vigil.text.RegexClassifier;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifiersTest {
  private final Content content = Content.builder().field("title", "cheap pills").body("buy now")
      .build();

  private static Signal run(Classifier c, Content content) {
    return Classifiers.classifySafely(c, content);
  }

  @Test
  void allOfIsTheMinimumAndAnyOfTheMaximum() {
    Classifier a = constant("a", 0.25);
    Classifier b = constant("b", 0.75);
    assertEquals(0.25, run(Classifiers.allOf(a, b), content).score());
    assertEquals(0.75, run(Classifiers.anyOf(a, b), content).score());
    assertEquals(0.75, run(Classifiers.max(a, b), content).score());
    assertEquals(0.25, run(a.and(b), content).score());
    assertEquals(0.75, run(a.or(b), content).score());
  }

  @Test
  void notIsOneMinusAndCancelsItself() {
    Classifier a = constant("a", 0.25);
    assertEquals(0.75, run(a.not(), content).score());
    assertSame(a, a.not().not());
    assertEquals(Outcome.NOT_APPLICABLE, run(absent("x").not(), content).outcome());
  }

  @Test
  void atLeastIsTheNthLargest() {
    Classifier c = Classifiers.atLeast(2, constant("a", 0.9), constant("b", 0.4), constant("c", 0.1));
    assertEquals(0.4, run(c, content).score());
    assertEquals(0.1, run(Classifiers.atLeast(3, constant("a", 0.9), constant("b", 0.4),
        constant("c", 0.1)), content).score());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Classifiers.atLeast(3, constant("a", 1), constant("b", 1)));
    assertEquals("atLeast needs n in [1, 2] (the number of children) but n was 3", e.getMessage());
  }

  @Test
  void atLeastWithTooFewAnswersIsZeroAndSaysWhy() {
    Signal s = run(Classifiers.atLeast(2, constant("a", 1.0), absent("b")), content);
    assertEquals(Outcome.NOT_MATCHED, s.outcome());
    assertTrue(s.notes().contains("atLeast(2): only 1 of 2 children answered"), s.notes()::toString);
  }

  @Test
  void weightedSumIsCapped() {
    Classifier sum = Classifiers.weightedSum(0.8,
        Classifiers.weighted(0.5, constant("a", 1.0)),
        Classifiers.weighted(0.5, constant("b", 0.5)));
    assertEquals(0.75, run(sum, content).score());
    Classifier capped = Classifiers.weightedSum(0.8,
        Classifiers.weighted(1.0, constant("a", 1.0)),
        Classifiers.weighted(1.0, constant("b", 0.5)));
    assertEquals(0.8, run(capped, content).score());
    assertThrows(IllegalArgumentException.class,
        () -> Classifiers.weighted(-1, constant("a", 1)));
    assertThrows(IllegalArgumentException.class,
        () -> Classifiers.weightedSum(1.5, Classifiers.weighted(1, constant("a", 1))));
  }

  @Test
  void skippedChildrenAreNamedInTheNotes() {
    Signal s = run(Classifiers.allOf(constant("a", 0.5), absent("gone"), throwing("model")), content);
    assertEquals(0.5, s.score());
    assertEquals(List.of("skipped gone: not applicable",
        "skipped model: failed (java.lang.IllegalStateException: model endpoint down)"), s.notes());
  }

  @Test
  void allSkippedIsNotApplicableOrFailed() {
    assertEquals(Outcome.NOT_APPLICABLE, run(Classifiers.anyOf(absent("a"), absent("b")), content)
        .outcome());
    Signal failed = run(Classifiers.anyOf(absent("a"), throwing("b")), content);
    assertEquals(Outcome.FAILED, failed.outcome());
    assertEquals("model endpoint down", failed.failure().getMessage());
  }

  @Test
  void faultyChildrenAreContained() {
    assertEquals(Outcome.FAILED, run(throwing("t"), content).outcome());
    Signal nul = run(returningNull("n"), content);
    assertEquals(Outcome.FAILED, nul.outcome());
    assertTrue(nul.failureMessage().contains("returned null"));
    Signal nan = run(nan("nan"), content);
    assertEquals(Outcome.FAILED, nan.outcome());
    assertTrue(nan.failureMessage().contains("score must be in [0, 1] but was NaN"));
    assertEquals(0.5, run(Classifiers.anyOf(nan("nan"), constant("ok", 0.5)), content).score());
  }

  @Test
  void onFieldRestrictsTheContent() {
    Classifier pills = finds("pills", "pills", 1.0);
    Signal title = run(pills.onField("title"), content);
    assertEquals(1.0, title.score());
    assertEquals("title", title.evidence().get(0).field());
    assertEquals(6, title.evidence().get(0).start());
    assertEquals(Outcome.NOT_MATCHED, run(pills.onField("body"), content).outcome());
    assertEquals(Outcome.NOT_APPLICABLE, run(pills.onField("username"), content).outcome());
  }

  @Test
  void compositesCarryTheEvidenceOfMatchingChildren() {
    Signal s = run(finds("pills", "pills", 1.0).or(finds("buy", "buy", 0.5)), content);
    assertEquals(2, s.evidence().size());
    assertEquals("pills", s.evidence().get(0).text());
    assertEquals("buy", s.evidence().get(1).text());
    assertEquals(List.of(), run(finds("pills", "pills", 1.0).not(), content).evidence());
  }

  @Test
  void toStringPrintsTheExpression() {
    Classifier url = finds("url", "http", 1.0);
    Classifier verified = constant("verified", 0);
    Classifier spammy = url.or(finds("pills", "pills", 1)).named("spammy");
    assertEquals("allOf(url, not(verified))", url.and(verified.not()).toString());
    assertEquals("allOf(url, verified, spammy)", url.and(verified).and(spammy).toString());
    assertEquals("spammy = anyOf(url, pills)", spammy.toString());
    assertEquals("atLeast(2, url, verified, onField(title, url))",
        Classifiers.atLeast(2, url, verified, url.onField("title")).toString());
    assertEquals("weightedSum(cap 1.0: 0.5*url + 1.0*verified)", Classifiers.weightedSum(1.0,
        Classifiers.weighted(0.5, url), Classifiers.weighted(1, verified)).toString());
    assertEquals("max(url, verified)", Classifiers.max(url, verified).name());
    assertEquals("regex(r)", RegexClassifier.of("r", "spam", "x").toString());
  }

  @Test
  void emptyOrNullChildrenAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Classifiers::allOf);
    assertEquals("allOf needs at least one child", e.getMessage());
    assertThrows(NullPointerException.class, () -> Classifiers.anyOf(constant("a", 1), null));
  }
}
