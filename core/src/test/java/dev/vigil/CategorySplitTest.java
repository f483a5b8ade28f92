package dev.vigil;

import static dev.vigil.Condition.category;
import static dev.vigil.Condition.total;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.Decision.SignalReport;
import dev.vigil.text.MatchMode;
import dev.vigil.text.Normalizer;
import dev.vigil.text.RegexClassifier;
import dev.vigil.text.Term;
import dev.vigil.text.TermClassifier;
import dev.vigil.text.TermMatcher;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: a term's or rule's category only labelled its evidence, so a threat rule inside a rule set
 * counted as scam got review instead of its forced removal. A signal split by evidence weighs each
 * category on its own; the old behaviour stays the default.
 */
class CategorySplitTest {

  /** A marketplace's direct-message rule set: scam wording and one threat, in one term list. */
  private static final TermClassifier DM_RULES = TermClassifier.of("dm-rules", TermMatcher.builder()
      .normalizer(Normalizer.standard())
      .add(new Term("gift-card", "gift card", "scam", 0.5, MatchMode.WORD))
      .add(new Term("wire", "wire transfer", "scam", 0.5, MatchMode.WORD))
      .add(new Term("hurt", "i will hurt you", "threat", 1.0, MatchMode.WORD))
      .build());

  private static Policy policy(SignalOptions options) {
    return Policy.builder("dm").version("1")
        .signal(DM_RULES, options)
        .forced(category("threat").atLeast(1.0), Action.REMOVE)
        .reviewWhen(total().atLeast(0.5))
        .build();
  }

  private static final String THREAT = "pay with a gift card or i will hurt you";

  @Test
  void byDefaultTheWholeScoreGoesToTheSignalsCategory() {
    Policy old = Policy.builder("dm").version("1").signal(DM_RULES, "scam")
        .reviewWhen(total().atLeast(0.5)).build();
    Decision d = old.evaluate(THREAT);
    assertEquals(Action.REVIEW, d.action());
    assertEquals(1.0, d.categoryScore("scam"));
    assertFalse(d.signals().get(0).isSplit());
  }

  @Test
  void aThreatInsideAScamRuleSetCountsAsAThreatAndIsRemoved() {
    Decision d = policy(SignalOptions.in("scam").splitByEvidence("threat")).evaluate(THREAT);
    assertEquals(Action.REMOVE, d.action(), d.explain());
    assertEquals(1.0, d.categoryScore("threat"));
    assertEquals(0.5, d.categoryScore("scam"), "scam counts the noisy-or of its own terms only");
    assertEquals(1.5, d.total());
    SignalReport s = d.signals().get(0);
    assertTrue(s.isSplit());
    assertEquals(Map.of("scam", 0.5, "threat", 1.0), s.contributions());
    assertEquals(1.5, s.contribution());
    assertTrue(d.explain().contains("= 1.5 split by evidence: scam 0.5 + threat 1.0"), d.explain());
  }

  @Test
  void scamWordingAloneStaysScam() {
    Decision d = policy(SignalOptions.in("scam").splitByEvidence("threat"))
        .evaluate("a gift card by wire transfer");
    assertEquals(Action.REVIEW, d.action());
    assertEquals(0.75, d.categoryScore("scam"));
    assertEquals(0.0, d.categoryScore("threat"));
    assertFalse(d.signals().get(0).isSplit(), "all of it went to the signal's own category");
  }

  @Test
  void eachCategoryKeepsItsCapAndTheWeightAppliesToEach() {
    Decision d = Policy.builder("dm").version("1")
        .signal(DM_RULES, SignalOptions.in("scam").weight(2).splitByEvidence("threat"))
        .categoryCap("threat", 1.5)
        .removeWhen(total().atLeast(3))
        .build().evaluate(THREAT);
    assertEquals(1.5, d.categoryScore("threat")); // 2 x 1.0, capped
    assertEquals(1.0, d.categoryScore("scam")); // 2 x 0.5
    assertEquals(2.5, d.total());
    double sum = d.categories().stream().mapToDouble(Decision.CategoryScore::score).sum();
    assertEquals(d.total(), sum, 1e-9);
  }

  @Test
  void regexAlternativesNameTheirCategoryThroughNamedGroups() {
    RegexClassifier rules = RegexClassifier.builder("dm-regex",
            "(?P<threat>i will (hurt|find) you)|gift cards?")
        .category("scam").categoriesFromGroups().normalizer(Normalizer.standard()).build();
    Policy p = Policy.builder("dm").version("1")
        .signal(rules, SignalOptions.in("scam").splitByEvidence("threat"))
        .forced(category("threat").atLeast(1.0), Action.REMOVE)
        .reviewWhen(total().atLeast(0.5))
        .build();
    assertEquals(Action.REMOVE, p.evaluate("I will find you").action());
    Decision scam = p.evaluate("gift cards only");
    assertEquals(Action.REVIEW, scam.action());
    assertEquals(0.0, scam.categoryScore("threat"));
  }

  @Test
  void aSplitCategoryIsAPolicyCategoryThatRulesAndCapsMayName() {
    Policy p = Policy.builder("dm").version("1")
        .signal(DM_RULES, SignalOptions.in("scam").splitByEvidence("threat", "abuse"))
        .categoryCap("abuse", 0.5)
        .reviewWhen(category("abuse").atLeast(0.5))
        .build();
    assertEquals(java.util.List.of("scam", "threat", "abuse"), p.categories());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Policy.builder("dm").version("1")
            .signal(DM_RULES, SignalOptions.in("scam").splitByEvidence("threat"))
            .categoryCap("threat", 0.5)
            .removeWhen(category("threat").atLeast(0.6)).build());
    assertTrue(e.getMessage().contains("category(threat) is at most 0.5"), e.getMessage());
  }

  @Test
  void splitOptionsRefuseTheOwnCategoryAndRepeats() {
    assertThrows(IllegalArgumentException.class,
        () -> SignalOptions.in("scam").splitByEvidence("scam"));
    assertThrows(IllegalArgumentException.class,
        () -> SignalOptions.in("scam").splitByEvidence("threat", "threat"));
    assertThrows(IllegalArgumentException.class,
        () -> SignalOptions.in("scam").splitByEvidence("threat").category("threat"));
  }

  @Test
  void aSignalWithoutEvidenceGoesAllToItsOwnCategory() {
    Decision d = Policy.builder("p").version("1")
        .signal(TestClassifiers.constant("c", 0.4), SignalOptions.in("spam").splitByEvidence("scam"))
        .reviewWhen(total().atLeast(0.4)).build().evaluate("x");
    assertEquals(0.4, d.categoryScore("spam"));
    assertEquals(0.0, d.categoryScore("scam"));
  }
}
