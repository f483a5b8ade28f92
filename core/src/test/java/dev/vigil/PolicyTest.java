package dev.vigil;

import static dev.vigil.Condition.category;
import static dev.vigil.Condition.signal;
import static dev.vigil.Condition.total;
import static dev.vigil.TestClassifiers.constant;
import static dev.vigil.TestClassifiers.finds;
import static dev.vigil.TestClassifiers.throwing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.Decision.SignalReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyTest {

  private static Policy.Builder base() {
    return Policy.builder("test").version("7")
        .signal(finds("pills", "pills", 1.0), SignalOptions.in("spam").weight(0.6))
        .signal(finds("buy", "buy", 1.0), SignalOptions.in("spam").weight(0.6))
        .signal(finds("idiot", "idiot", 1.0), "abuse")
        .categoryCap("spam", 1.0)
        .removeWhen(total().atLeast(1.2))
        .reviewWhen(total().atLeast(0.6));
  }

  @Test
  void categoryScoresAreCappedSumsAndTotalIsTheirSum() {
    Decision d = base().build().evaluate("buy pills, idiot");
    assertEquals(1.0, d.categoryScore("spam"));
    assertEquals(1.0, d.categoryScore("abuse"));
    assertEquals(2.0, d.total());
    assertTrue(d.categories().get(0).capped());
    assertEquals(1.2, d.categories().get(0).uncapped(), 1e-9);
    assertEquals(Action.REMOVE, d.action());
    assertEquals("remove when total >= 1.2 held: total was 2.0", d.reason());
  }

  @Test
  void theFirstRuleThatHoldsChoosesAndNoneMeansAllow() {
    Policy p = base().build();
    Decision review = p.evaluate("buy now");
    assertEquals(Action.REVIEW, review.action());
    assertEquals(Rule.when(total().atLeast(0.6), Action.REVIEW), review.rule());
    Decision allow = p.evaluate("hello there");
    assertEquals(Action.ALLOW, allow.action());
    assertNull(allow.rule());
    assertEquals("no rule held", allow.reason());
  }

  @Test
  void decisionNamesPolicyAndVersion() {
    Decision d = base().build().evaluate("x");
    assertEquals("test", d.policyName());
    assertEquals("7", d.policyVersion());
  }

  @Test
  void forcedRulesWinWhateverTheTotal() {
    Policy p = base()
        .signal(finds("hash", "#bad", 1.0), "csam")
        .forced(signal("hash").atLeast(1.0), Action.REMOVE)
        .build();
    Decision d = p.evaluate("#bad");
    assertEquals(Action.REMOVE, d.action());
    assertTrue(d.rule().isForced());
    assertEquals("forced remove when signal(hash) >= 1.0", d.rule().toString());
    assertEquals(List.of(Rule.forced(signal("hash").atLeast(1.0), Action.REMOVE),
        Rule.when(total().atLeast(1.2), Action.REMOVE), Rule.when(total().atLeast(0.6),
            Action.REVIEW)), p.rules());
  }

  @Test
  void userDefinedActionsCarryTheirSeverity() {
    Action limit = Action.of("limit-reach", 30);
    Decision d = Policy.builder("p").signal(constant("c", 0.4), "spam")
        .when(category("spam").atLeast(0.3), limit).build().evaluate("x");
    assertEquals(limit, d.action());
    assertEquals(30, d.action().severity());
    assertThrows(IllegalArgumentException.class, () -> Action.of("remove", 10));
    assertSame(Action.REVIEW, Action.of("review", 50));
  }

  @Test
  void shadowSignalsAreReportedButNeverCounted() {
    Policy p = base().shadow(finds("new-term", "crypto", 1.0), "scam").build();
    Decision d = p.evaluate("crypto");
    SignalReport shadow = d.signal("new-term");
    assertTrue(shadow.shadow());
    assertEquals(1.0, shadow.score());
    assertEquals(0.0, shadow.contribution());
    assertEquals(0.0, d.total());
    assertEquals(Action.ALLOW, d.action());
    assertEquals(List.of("spam", "abuse"), p.categories());
  }

  @Test
  void failOpenIsRecordedAndCountsZero() {
    Decision d = base().signal(throwing("model"), "abuse").build().evaluate("hello");
    assertEquals(Action.ALLOW, d.action());
    assertEquals(1, d.failures().size());
    assertEquals("model", d.failures().get(0).name());
    assertEquals(Outcome.FAILED, d.signal("model").outcome());
  }

  @Test
  void nullNanAndOutOfRangeResultsAreContainedAsFailures() {
    Decision d = base()
        .signal(TestClassifiers.returningNull("null"), "abuse")
        .signal(TestClassifiers.nan("nan"), "abuse")
        .signal(TestClassifiers.outOfRange("big"), "abuse")
        .build().evaluate("buy pills");
    assertEquals(Action.REVIEW, d.action());
    assertEquals(1.0, d.total());
    assertEquals(List.of("null", "nan", "big"),
        d.failures().stream().map(SignalReport::name).collect(java.util.stream.Collectors.toList()));
    assertTrue(d.signal("nan").signal().failureMessage().contains("but was NaN"));
    assertTrue(d.signal("big").signal().failureMessage().contains("but was 1.5"));
  }

  @Test
  void failClosedForcesReview() {
    Decision d = base().signal(throwing("hash-bank"), SignalOptions.in("csam").failClosed()).build()
        .evaluate("hello");
    assertEquals(Action.REVIEW, d.action());
    assertNull(d.rule());
    assertTrue(d.reason().startsWith("review forced: fail-closed signal 'hash-bank' failed"),
        d.reason());
    Decision removed = base().signal(throwing("hash-bank"), SignalOptions.in("csam").failClosed())
        .build().evaluate("buy pills idiot");
    assertEquals(Action.REMOVE, removed.action());
  }

  @Test
  void shadowFailuresNeverAct() {
    Decision d = base().signal(throwing("hash-bank"), SignalOptions.in("csam").failClosed().shadow())
        .build().evaluate("hello");
    assertEquals(Action.ALLOW, d.action());
    assertEquals(1, d.failures().size());
  }

  @Test
  void nearMissesNameTheRuleTheThresholdAndTheValue() {
    Decision d = base().build().evaluate("buy pills");
    assertEquals(Action.REVIEW, d.action());
    assertEquals(1, d.nearMisses().size());
    assertEquals("remove needs total >= 1.2, was 1.0", d.nearMisses().get(0).toString());
    Decision far = base().nearMissRatio(1.0).build().evaluate("buy pills");
    assertEquals(List.of(), far.nearMisses());
  }

  @Test
  void longFieldsAreTruncatedAndTheDecisionSaysSo() {
    String text = "x".repeat(50) + " pills";
    Decision d = base().maxScanChars(20).build().evaluate(text);
    assertEquals(1, d.truncations().size());
    assertEquals("body scanned 20 of 56 chars", d.truncations().get(0).toString());
    assertEquals(Outcome.NOT_MATCHED, d.signal("pills").outcome());
    Decision perField = base().maxScanChars("title", 5).build()
        .evaluate(Content.builder().field("title", "pills pills").body(text).build());
    assertEquals(1, perField.truncations().size());
    assertEquals("title", perField.truncations().get(0).field());
    assertEquals(2, perField.signal("pills").signal().evidenceCount()); // "pills" once in each field
  }

  @Test
  void badConfigurationIsRefusedWithTheName() {
    assertEquals("policy 'p' has no signals",
        assertThrows(IllegalArgumentException.class, () -> Policy.builder("p").build()).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> base().signal(constant("pills", 1), "x")).getMessage()
        .contains("already has a signal named 'pills'"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> base().reviewWhen(category("spma").atLeast(1)).build()).getMessage()
        .contains("names category 'spma', which no signal is in"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> base().reviewWhen(signal("nope").atLeast(1)).build()).getMessage()
        .contains("names signal 'nope'"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> base().shadow(constant("s", 1), "new").reviewWhen(signal("s").atLeast(1)).build())
        .getMessage().contains("shadow signal 's'"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> base().categoryCap("spam", 2)).getMessage().contains("already set to 1.0"));
    assertThrows(IllegalArgumentException.class, () -> SignalOptions.in("x").weight(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> total().atLeast(-1));
  }

  @Test
  void toBuilderDerivesANewVersion() {
    Policy v7 = base().build();
    Policy v8 = v7.toBuilder().version("8").build();
    assertEquals("8", v8.version());
    assertEquals(v7.evaluate("buy pills").action(), v8.evaluate("buy pills").action());
  }

  @Test
  void explanationShowsSignalsContributionsCapsAndNearMisses() {
    String e = base().shadow(finds("new-term", "pills", 0.5), "scam").build()
        .evaluate("buy pills").explain();
    assertTrue(e.contains("policy test v7: review (severity 50)"), e);
    assertTrue(e.contains("because: review when total >= 0.6 held: total was 1.0"), e);
    assertTrue(e.contains("spam 1.0 (capped at 1.0 from 1.2)"), e);
    assertTrue(e.contains("[spam] pills: score 1.0 x weight 0.6 = 0.6"), e);
    assertTrue(e.contains("body[4, 9) \"pills\" rule pills (test)"), e);
    assertTrue(e.contains("(shadow) [scam] new-term: score 0.5 x weight 1.0, not counted"), e);
    assertTrue(e.contains("remove needs total >= 1.2, was 1.0"), e);
  }
}
