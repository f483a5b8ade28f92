package dev.vigil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.text.TermClassifier;
import dev.vigil.text.TermMatcher;
import org.junit.jupiter.api.Test;

/** A calibrated policy reports the probability of harm and its rules may read it. */
class CalibrationTest {
  static final Classifier PRIZE = TermClassifier.of("prize",
      TermMatcher.builder().add("prize").add("winner").build());

  @Test
  void aCalibratedPolicyReportsTheProbabilityAndDecidesOnIt() {
    Calibration c = new Calibration(4, -2); // total 1 -> logistic(2) = 0.881
    Classifier urgent = TermClassifier.of("urgent", TermMatcher.builder().add("urgent").build());
    Policy p = Policy.builder("calibrated").signal(PRIZE, SignalOptions.in("spam"))
        .signal(urgent, SignalOptions.in("spam"))
        .calibration(c)
        .removeWhen(Condition.probability().atLeast(0.95))
        .reviewWhen(Condition.probability().atLeast(0.8))
        .build();
    Decision one = p.evaluate("a prize");
    assertEquals(c.probability(one.total()), one.probability().getAsDouble(), 0);
    assertEquals("review", one.action().name());
    assertTrue(one.reason().contains("probability was 0.8808"), one.reason());
    assertTrue(one.explain().contains("probability of harm 0.8808"), one.explain());
    assertEquals("remove", p.evaluate("urgent: a prize").action().name(), "total 2: 0.9975");
    assertEquals("allow", p.evaluate("hello").action().name());
    assertEquals(c.probability(0), p.evaluate("hello").probability().getAsDouble(), 0);
    // Near misses name the probability as a subject.
    Policy strict = p.toBuilder().clearRules().removeWhen(Condition.probability().atLeast(0.99)).build();
    assertEquals("probability", strict.evaluate("a prize").nearMisses().get(0).rule().condition()
        .subjectText());
  }

  @Test
  void withoutCalibrationThereIsNoProbabilityAndNoRuleMayReadOne() {
    Policy p = Policy.builder("plain").signal(PRIZE, "spam").build();
    assertFalse(p.evaluate("a prize").probability().isPresent());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        Policy.builder("plain").signal(PRIZE, "spam").removeWhen(Condition.probability().atLeast(0.9))
            .build());
    assertTrue(e.getMessage().contains("probability >= 0.9") && e.getMessage().contains("no calibration"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Policy.builder("p").signal(PRIZE, "spam")
        .calibration(new Calibration(1, 0)).removeWhen(Condition.probability().above(1.0)).build());
    assertTrue(e.getMessage().contains("a probability is at most 1"), e.getMessage());
  }

  @Test
  void badValuesAreRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Calibration(-1, 0));
    assertTrue(e.getMessage().contains("slope") && e.getMessage().contains("-1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Calibration(1, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Calibration.fit(new double[0], new boolean[0]));
    assertThrows(IllegalArgumentException.class, () -> Calibration.fit(new double[2], new boolean[1]));
  }

  @Test
  void aFitFollowsTheLabels() {
    double[] totals = new double[100];
    boolean[] harmful = new boolean[100];
    for (int i = 0; i < 100; i++) {
      // Per ten: four at 0 harmless; three at 1, one harmless; three at 2 harmful.
      int k = i % 10;
      totals[i] = k < 4 ? 0 : k < 7 ? 1 : 2;
      harmful[i] = k >= 5;
    }
    Calibration c = Calibration.fit(totals, harmful);
    assertTrue(c.slope() > 0, c.toString());
    assertTrue(c.probability(0) < 0.2 && c.probability(2) > 0.8, c.toString());
    // Near the empirical rate at 1 (2 of 3), as a logistic can come.
    assertEquals(2.0 / 3, c.probability(1), 0.15);
    // Totals that rank harmless items higher get no slope: the base rate everywhere.
    Calibration flat = Calibration.fit(new double[] {0, 1, 2}, new boolean[] {true, false, false});
    assertEquals(0, flat.slope());
    // One class only: a finite fit.
    Calibration one = Calibration.fit(new double[] {0, 1}, new boolean[] {false, false});
    assertTrue(one.probability(1) < 0.5, one.toString());
  }
}
