package dev.vigil;

import static dev.vigil.Condition.total;
import static dev.vigil.TestClassifiers.constant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Issue 21: totals printed as 0.7999999999999999, and a rule could fail on float noise ("total was 1.0"
 * beside a failed "total >= 1.0"). Category scores and totals are rounded to nine decimals before rules
 * compare them, and a printed value never contradicts its comparison.
 */
class ScoreNoiseTest {

  @Test
  void weightsThatAddUpInDecimalAddUpInTheDecision() {
    Decision d = Policy.builder("noise").version("1")
        .signal(constant("a", 1.0), SignalOptions.in("spam").weight(0.1))
        .signal(constant("b", 1.0), SignalOptions.in("spam").weight(0.2))
        .signal(constant("c", 1.0), SignalOptions.in("scam").weight(0.7))
        .signal(constant("d", 1.0), SignalOptions.in("scam").weight(0.1))
        .removeWhen(total().atLeast(1.1))
        .reviewWhen(Condition.category("spam").atLeast(0.3))
        .build().evaluate("anything");
    assertEquals(0.3, d.categoryScore("spam"));
    assertEquals(0.8, d.categoryScore("scam")); // 0.7 + 0.1 is 0.7999999999999999 in doubles
    assertEquals(1.1, d.total());
    assertEquals(Action.REMOVE, d.action());
    assertEquals("remove when total >= 1.1 held: total was 1.1", d.reason());
  }

  @Test
  void aCategoryLinePrintsWhatItsRuleCompares() {
    Decision d = Policy.builder("close").version("1")
        .signal(constant("a", 0.99996), "spam")
        .signal(constant("b", 0.33), "scam")
        .removeWhen(Condition.category("spam").atLeast(1.0))
        .reviewWhen(total().atLeast(0.5))
        .build().evaluate("anything");
    assertTrue(d.explain().contains("total 1.33 = spam 0.99996 + scam 0.33"), d.explain());
    Decision plain = Policy.builder("plain").version("1")
        .signal(constant("a", 1.0 / 3), "spam")
        .reviewWhen(total().atLeast(0.2))
        .build().evaluate("anything");
    assertTrue(plain.explain().contains("total 0.3333 = spam 0.3333"), plain.explain());
  }

  @Test
  void aPrintedValueNeverContradictsItsComparison() {
    Decision d = Policy.builder("close").version("1")
        .signal(constant("a", 0.99996), "spam")
        .removeWhen(total().atLeast(1.0))
        .reviewWhen(total().atLeast(0.5))
        .build().evaluate("anything");
    assertEquals(Action.REVIEW, d.action());
    assertEquals("remove needs total >= 1.0, was 0.99996", d.nearMisses().get(0).toString());
    // The reason and the total's own line print the total as the near miss beside them does.
    assertEquals("review when total >= 0.5 held: total was 0.99996", d.reason());
    assertTrue(d.explain().contains("total 0.99996 = spam 0.99996"), d.explain());
  }
}
