package dev.vigil;

import static dev.vigil.Condition.category;
import static dev.vigil.Condition.total;
import static dev.vigil.TestClassifiers.finds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A signal of negative weight is counter-evidence: it lowers its category's sum and the total by
 * |weight| x score, the total may go below 0, and what rules can reach counts only positive weights.
 */
class CounterEvidenceTest {

  private static Policy.Builder base() {
    return Policy.builder("dm").version("1")
        .signal(finds("offer", "free offer", 1.0), SignalOptions.in("spam").weight(0.7))
        .signal(finds("link", "http", 1.0), SignalOptions.in("spam").weight(0.3))
        .signal(finds("chat", "mum", 0.5), SignalOptions.in("spam").weight(-0.4));
  }

  @Test
  void aNegativeWeightLowersTheTotalByWeightTimesScore() {
    Policy p = base().removeWhen(total().atLeast(1.0)).reviewWhen(total().atLeast(0.5)).build();
    assertEquals(Action.REMOVE, p.evaluate("free offer at http://x").action());
    Decision d = p.evaluate("free offer at http://x, love mum");
    assertEquals(0.8, d.total(), 1e-9); // 1.0 - 0.4 x 0.5
    assertEquals(-0.2, d.signal("chat").contribution(), 1e-9);
    assertEquals(Action.REVIEW, d.action());
    assertTrue(d.explain().contains("-0.2"), d.explain());
    assertEquals(-0.2, p.evaluate("hi mum").total(), 1e-9, "a total may be below 0");
    assertEquals(Action.ALLOW, p.evaluate("hi mum").action());
  }

  @Test
  void rulesReachWhatThePositiveWeightsReach() {
    // 0.7 + 0.3 = 1.0: counter-evidence is at its least when it does not fire, so the rule can hold.
    base().removeWhen(total().atLeast(1.0)).removeWhen(category("spam").atLeast(1.0)).build();
    String refusal = assertThrows(IllegalArgumentException.class,
        () -> base().removeWhen(total().atLeast(1.1)).build()).getMessage();
    assertTrue(refusal.contains("total is at most 1.0"), refusal);
  }

  @Test
  void aWeightMustBeFinite() {
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      String m = assertThrows(IllegalArgumentException.class, () -> SignalOptions.in("spam").weight(bad))
          .getMessage();
      assertEquals("weight must be finite but was " + bad, m);
    }
    assertEquals(-2.5, SignalOptions.in("spam").weight(-2.5).weight());
  }
}
