package dev.vigil.eval;

import static dev.vigil.Condition.total;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.Content;
import dev.vigil.Policy;
import dev.vigil.SignalOptions;
import dev.vigil.text.RegexClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationTest {

  /** spam words (weight 0.6), links (0.5); review at 0.5, remove at 1.0; a shadow and a dead rule. */
  private static Policy policy(String spamWords) {
    return Policy.builder("test").version("1")
        .signal(RegexClassifier.of("spam-words", "spam", "(?i)\\b(" + spamWords + ")\\b"),
            SignalOptions.in("spam").weight(0.6))
        .signal(RegexClassifier.of("links", "spam", "https?://\\S+"), SignalOptions.in("spam").weight(0.5))
        .signal(RegexClassifier.of("insults", "abuse", "(?i)\\bidiot\\b"), SignalOptions.in("abuse"))
        .signal(RegexClassifier.of("never", "spam", "zzzqqq"), "spam")
        .shadow(RegexClassifier.of("shadow-free", "spam", "(?i)\\bfree\\b"), "spam")
        .removeWhen(total().atLeast(1.0))
        .reviewWhen(total().atLeast(0.5))
        .build();
  }

  private static final List<LabeledItem> ITEMS = List.of(
      new LabeledItem("1", Content.of("win a prize https://x.example/a"), true, "spam"),   // remove
      new LabeledItem("2", Content.of("win it"), true, "spam"),                            // review
      new LabeledItem("3", Content.of("free stuff"), true, "spam"),                        // allow
      new LabeledItem("4", Content.of("you idiot"), true, "abuse"),                        // remove
      new LabeledItem("5", Content.of("did you win the match"), false, null),              // review
      new LabeledItem("6", Content.of("see https://docs.example/x"), false, null),         // review
      new LabeledItem("7", Content.of("free lunch today"), false, null),                   // allow
      new LabeledItem("8", Content.of("hello"), false, null));                             // allow

  @Test
  void confusionAtThePolicysOwnDecisionAndWithRemoveOnly() {
    EvaluationReport r = Evaluation.of(policy("win|prize")).run(ITEMS);
    assertEquals(new Confusion(3, 2, 2, 1), r.confusion());
    assertEquals(List.of("remove", "review", "allow", "remove", "review", "review", "allow", "allow"),
        r.items().stream().map(ItemResult::action).toList());
    EvaluationReport removeOnly = Evaluation.of(policy("win|prize")).flagging("remove").run(ITEMS);
    assertEquals(new Confusion(2, 0, 4, 2), removeOnly.confusion());
    assertEquals(List.of("remove"), removeOnly.flaggingActions());
  }

  @Test
  void perRuleStatistics() {
    EvaluationReport r = Evaluation.of(policy("win|prize")).run(ITEMS);
    Map<String, RuleStats> byName = new java.util.HashMap<>();
    r.rules().forEach(s -> byName.put(s.name(), s));
    RuleStats words = byName.get("spam-words");
    assertEquals(3, words.hits());        // items 1, 2, 5
    assertEquals(2, words.harmfulHits());
    assertEquals(1, words.harmlessHits());
    assertEquals(2.0 / 3, words.precision(), 1e-15);
    assertEquals(1, words.onlyCatches()); // item 2: flagged, only spam-words matched
    RuleStats insults = byName.get("insults");
    assertEquals(1, insults.onlyCatches());
    assertEquals(0, byName.get("links").onlyCatches()); // item 1 has spam-words too
    RuleStats shadow = byName.get("shadow-free");
    assertTrue(shadow.shadow());
    assertEquals(2, shadow.hits());
    assertEquals(1, shadow.missedHits()); // item 3: harmful, not flagged, the shadow saw it
    assertEquals(List.of("never"), r.neverFired());
  }

  @Test
  void evidenceRulesAndTheirFalsePositives() {
    EvaluationReport r = Evaluation.of(Policy.builder("terms")
        .signal(RegexClassifier.of("w", "spam", "(?i)\\bwin\\b"), "spam")
        .signal(RegexClassifier.of("f", "spam", "(?i)\\bfree\\b"), "spam")
        .reviewWhen(total().atLeast(0.5)).build()).run(ITEMS);
    List<EvidenceRuleStats> top = r.topFalsePositiveRules(10);
    assertEquals(2, top.size());
    // Both have one false positive; "f" has fewer true hits, so it comes first.
    assertEquals("f", top.get(0).rule());
    assertEquals(1, top.get(0).harmlessItems());
    assertEquals(1, top.get(0).harmfulItems());
    assertEquals("w", top.get(1).rule());
    assertEquals(2, top.get(1).harmfulItems());
    assertEquals(1, r.topFalsePositiveRules(1).size());
  }

  @Test
  void counterEvidenceIsNoFalsePositive() {
    // "the" fires on harmless items by design: a signal of negative weight lowers their totals.
    EvaluationReport r = Evaluation.of(Policy.builder("terms")
        .signal(RegexClassifier.of("w", "spam", "(?i)\\bwin\\b"), "spam")
        .signal(RegexClassifier.of("chat", "spam", "(?i)\\b(the|hello|lunch)\\b"),
            SignalOptions.in("spam").weight(-0.3))
        .reviewWhen(total().atLeast(0.5)).build()).run(ITEMS);
    assertEquals(List.of("w"), r.topFalsePositiveRules(10).stream().map(EvidenceRuleStats::rule).toList());
    assertTrue(r.evidenceRules().stream().anyMatch(e -> e.signal().equals("chat")
        && e.harmlessItems() == 3), "its statistics are kept: " + r.evidenceRules());
    assertEquals("review", r.items().get(1).action()); // "win it": 1.0
    assertEquals("review", r.items().get(4).action()); // "did you win the match": 1.0 - 0.3
  }

  @Test
  void perCategory() {
    EvaluationReport r = Evaluation.of(policy("win|prize")).run(ITEMS);
    Map<String, Confusion> byLabel = r.byLabelCategory();
    assertEquals(List.of("abuse", "spam"), List.copyOf(byLabel.keySet()));
    // abuse: 1 harmful (flagged) against the 4 harmless (2 flagged)
    assertEquals(new Confusion(1, 2, 2, 0), byLabel.get("abuse"));
    // spam: 3 harmful (2 flagged) against the 4 harmless
    assertEquals(new Confusion(2, 2, 2, 1), byLabel.get("spam"));
    Map<String, Confusion> byPolicy = r.byPolicyCategory();
    // flagged with abuse on top: item 4 only
    assertEquals(new Confusion(1, 0, 4, 3), byPolicy.get("abuse"));
    assertEquals(new Confusion(2, 2, 2, 2), byPolicy.get("spam"));
  }

  @Test
  void diffOfTwoPolicies() {
    EvaluationReport before = Evaluation.of(policy("win|prize")).run(ITEMS);
    EvaluationReport after = Evaluation.of(policy("prize|free")).run(ITEMS);
    PolicyDiff diff = PolicyDiff.between(before, after);
    // item 2 (harmful) review -> allow: broken; item 3 (harmful) allow -> review: fixed;
    // item 5 (harmless) review -> allow: fixed; item 7 (harmless) allow -> review: broken.
    assertEquals(List.of("2:BROKEN", "3:FIXED", "5:FIXED", "7:BROKEN"),
        diff.changes().stream().map(c -> c.id() + ":" + c.verdict()).toList());
    assertEquals(2, diff.fixed());
    assertEquals(2, diff.broken());
    assertEquals(0, diff.neutral());
    EvaluationReport removeAll = Evaluation.of(Policy.builder("strict")
        .signal(RegexClassifier.of("any", "spam", "."), "spam")
        .removeWhen(total().atLeast(0.5)).build()).run(ITEMS);
    PolicyDiff toStrict = PolicyDiff.between(before, removeAll);
    assertTrue(toStrict.neutral() > 0); // review -> remove keeps the flag
    assertThrows(IllegalArgumentException.class,
        () -> PolicyDiff.between(before, Evaluation.of(policy("x")).run(ITEMS.subList(0, 3))));
  }

  @Test
  void progressIsReportedPerItem() {
    List<String> seen = new ArrayList<>();
    Evaluation.of(policy("win")).onProgress((done, all) -> seen.add(done + "/" + all))
        .run(ITEMS.subList(0, 3));
    assertEquals(List.of("1/3", "2/3", "3/3"), seen);
  }

  @Test
  void splitIsDeterministicDeduplicatedAndStable() {
    List<LabeledItem> items = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      items.add(LabeledItem.of("i" + i, "message number " + i, i % 7 == 0));
    }
    items.add(LabeledItem.of("dup", "  MESSAGE   number 5 ", false));
    Split<LabeledItem> a = Split.of(items, 0.3, 42);
    Split<LabeledItem> b = Split.of(items, 0.3, 42);
    assertEquals(a, b);
    assertEquals(1, a.duplicates());
    assertEquals(2000, a.train().size() + a.test().size());
    assertTrue(Math.abs(a.test().size() - 600) < 80, "about 30% in test: " + a.test().size());
    // Another seed, another split.
    assertTrue(!Split.of(items, 0.3, 43).test().equals(a.test()));
    // Growing the data set leaves existing items where they were.
    List<LabeledItem> more = new ArrayList<>(items);
    more.add(0, LabeledItem.of("new", "a brand new message", true));
    Split<LabeledItem> grown = Split.of(more, 0.3, 42);
    assertTrue(grown.test().containsAll(a.test()));
    assertTrue(grown.train().containsAll(a.train()));
    assertThrows(IllegalArgumentException.class, () -> Split.of(items, 1.5, 1));
  }
}
