package dev.vigil.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.Classifier;
import dev.vigil.ClassifierContract;
import dev.vigil.Content;
import dev.vigil.Outcome;
import org.junit.jupiter.api.Test;

/** A custom classifier checked with core's contract, as users check theirs. */
class AccountAgeClassifierTest implements ClassifierContract {
  private final AccountAgeClassifier age = new AccountAgeClassifier("new-account", 31);

  @Override
  public Classifier classifier() {
    return age;
  }

  private static Content aged(String days) {
    return Content.builder().body("hi").attribute(AccountAgeClassifier.ATTRIBUTE, days).build();
  }

  @Test
  void newerAccountsScoreHigher() {
    assertEquals(1.0, age.classify(aged("0.5")).score());
    assertEquals(0.5, age.classify(aged("16")).score(), 1e-9);
    assertEquals(Outcome.NOT_MATCHED, age.classify(aged("400")).outcome());
    assertEquals(Outcome.NOT_APPLICABLE, age.classify(Content.of("hi")).outcome());
  }

  @Test
  void badValuesFailTheClassifierNotTheCaller() {
    assertThrows(NumberFormatException.class, () -> age.classify(aged("new")));
    assertThrows(IllegalArgumentException.class, () -> age.classify(aged("-3")));
    assertThrows(IllegalArgumentException.class, () -> new AccountAgeClassifier("x", 0.5));
  }
}
