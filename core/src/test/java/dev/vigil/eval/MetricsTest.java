package dev.vigil.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Metrics against small cases computed by hand. */
class MetricsTest {

  @Test
  void confusionRates() {
    Confusion c = new Confusion(3, 1, 4, 2);
    assertEquals(10, c.total());
    assertEquals(0.75, c.precision());
    assertEquals(0.6, c.recall());
    assertEquals(6.0 / 9, c.f1(), 1e-15);
    assertEquals(0.2, c.falsePositiveRate());
    assertEquals(0.7, c.accuracy());
    // Undefined rates are NaN, not zero.
    Confusion nothingFlagged = new Confusion(0, 0, 5, 3);
    assertTrue(Double.isNaN(nothingFlagged.precision()));
    assertEquals(0.0, nothingFlagged.recall());
    assertTrue(Double.isNaN(new Confusion(0, 2, 3, 0).recall()));
    assertThrows(IllegalArgumentException.class, () -> new Confusion(-1, 0, 0, 0));
  }

  /** Scores 0.9 H, 0.8 N, 0.8 H, 0.5 N, 0.2 H, 0.2 N: two ties, one across the classes each. */
  private static ScoreCurve tied() {
    return ScoreCurve.of(new double[] {0.9, 0.8, 0.8, 0.5, 0.2, 0.2},
        new boolean[] {true, false, true, false, true, false});
  }

  @Test
  void curvePointsMoveTiesTogether() {
    List<ScoreCurve.Point> p = tied().points();
    assertEquals(4, p.size());
    assertEquals(List.of(0.9, 0.8, 0.5, 0.2), p.stream().map(ScoreCurve.Point::threshold).toList());
    assertEquals(List.of(1L, 2L, 2L, 3L), p.stream().map(ScoreCurve.Point::tp).toList());
    assertEquals(List.of(0L, 1L, 2L, 3L), p.stream().map(ScoreCurve.Point::fp).toList());
  }

  @Test
  void averagePrecisionIsTheUninterpolatedStepSum() {
    // (1/3)(1) + (1/3)(2/3) + 0 (2/4) + (1/3)(3/6) = 13/18
    assertEquals(13.0 / 18, tied().averagePrecision(), 1e-15);
  }

  @Test
  void rocAucCountsTiesOneHalf() {
    // Pairs (harmful, harmless): 0.9 beats 3; 0.8 ties 0.8 and beats 2; 0.2 ties 0.2: 6 of 9.
    assertEquals(6.0 / 9, tied().rocAuc(), 1e-15);
    // Every score equal: a coin toss.
    assertEquals(0.5, ScoreCurve.of(new double[] {1, 1, 1, 1},
        new boolean[] {true, false, true, false}).rocAuc());
  }

  @Test
  void suggestedThresholds() {
    ScoreCurve c = tied();
    // F1 is 4/6 at 0.8 and at 0.2; the higher threshold wins the tie.
    assertEquals(0.8, c.bestF1().threshold());
    assertEquals(1.0, c.highestRecallAtPrecision(0.95).precision());
    assertEquals(0.9, c.highestRecallAtPrecision(0.95).threshold());
    assertEquals(0.8, c.highestRecallAtPrecision(0.6).threshold());
    assertEquals(0.2, c.highestRecallAtPrecision(0.5).threshold());
    assertNull(ScoreCurve.of(new double[] {0.5}, new boolean[] {false}).highestRecallAtPrecision(0.5));
  }

  @Test
  void emptyClassesAndAllPositiveData() {
    ScoreCurve allHarmful = ScoreCurve.of(new double[] {0.3, 0.1, 0.1}, new boolean[] {true, true, true});
    assertEquals(1.0, allHarmful.averagePrecision());
    assertTrue(Double.isNaN(allHarmful.rocAuc()));
    assertEquals(0.1, allHarmful.bestF1().threshold()); // all flagged: F1 = 1
    ScoreCurve allHarmless = ScoreCurve.of(new double[] {0.3, 0.0}, new boolean[] {false, false});
    assertTrue(Double.isNaN(allHarmless.averagePrecision()));
    assertTrue(Double.isNaN(allHarmless.rocAuc()));
    assertNull(allHarmless.bestF1());
    ScoreCurve none = ScoreCurve.of(new double[0], new boolean[0]);
    assertEquals(List.of(), none.points());
    assertTrue(Double.isNaN(none.averagePrecision()));
    assertThrows(IllegalArgumentException.class,
        () -> ScoreCurve.of(new double[] {Double.NaN}, new boolean[] {true}));
    assertThrows(IllegalArgumentException.class, () -> ScoreCurve.of(new double[1], new boolean[2]));
  }
}
