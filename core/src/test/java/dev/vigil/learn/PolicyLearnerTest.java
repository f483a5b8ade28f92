package dev.vigil.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.Action;
import dev.vigil.Condition;
import dev.vigil.Policy;
import dev.vigil.SignalOptions;
import dev.vigil.eval.LabeledItem;
import dev.vigil.text.Normalizer;
import dev.vigil.text.TermClassifier;
import dev.vigil.text.TermMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Example tests on small hand-made data whose right weights and terms are known. */
class PolicyLearnerTest {

  static TermClassifier terms(String name, String... words) {
    TermMatcher.Builder b = TermMatcher.builder().normalizer(Normalizer.standard());
    for (String w : words) {
      b.add(w);
    }
    return TermClassifier.of(name, b.build());
  }

  /**
   * "prize" marks spam, "lunch" marks ham, "hello" marks neither; a cap to drop, and a forced rule on a
   * signal, which learning keeps.
   */
  static Policy handWritten() {
    return Policy.builder("toy").version("3")
        .signal(terms("prize", "prize"), SignalOptions.in("spam").weight(0.2))
        .signal(terms("lunch", "lunch"), SignalOptions.in("spam").weight(0.9))
        .signal(terms("hello", "hello"), SignalOptions.in("spam").weight(0.5))
        .shadow(terms("watch", "watch"), "spam")
        .categoryCap("spam", 0.5)
        .forced(Condition.signal("hello").atLeast(1), Action.REVIEW)
        .removeWhen(Condition.total().atLeast(0.4))
        .build();
  }

  static List<LabeledItem> toyData() {
    List<LabeledItem> items = new ArrayList<>();
    int id = 0;
    for (int i = 0; i < 40; i++) {
      items.add(LabeledItem.of("s" + id++, "you won a prize number " + i + " claim it now", true));
      items.add(LabeledItem.of("h" + id++, "hello, lunch at " + i + " today?", false));
      items.add(LabeledItem.of("h" + id++, "see you at " + i + " for the movie", false));
      if (i % 4 == 0) {
        items.add(LabeledItem.of("s" + id++, "hello " + i + " claim it now: free entry", true));
      }
    }
    return items;
  }

  @Test
  void aSignalThatMarksHarmGetsWeightOneThatMarksHarmlessItemsGetsNone() {
    LearnedPolicy learned = PolicyLearner.of(handWritten()).learn(toyData());
    Map<String, Double> w = learned.weights();
    assertTrue(w.get("prize") > 0, w.toString());
    assertEquals(0.0, w.get("lunch"), w.toString());
    assertTrue(learned.unused().contains("lunch"));
    assertFalse(w.containsKey("watch"), "a shadow is not fitted");
    // The shadow stays a shadow.
    Policy p = learned.policy();
    assertTrue(p.signals().stream().anyMatch(m -> m.classifier().name().equals("watch")
        && m.options().isShadow()));
    // The forced rule on a signal's own score is kept (an analyst's override); the rest are replaced.
    assertEquals("forced review when signal(hello) >= 1.0", p.rules().get(0).toString());
    assertTrue(learned.notes().stream().anyMatch(n -> n.startsWith("kept the forced rule")),
        learned.notes().toString());
  }

  @Test
  void theLearnedPolicySeparatesWhatTheSignalsSeparate() {
    List<LabeledItem> data = toyData();
    // Review at recall 0.9 would flag the "hello" items of both classes (a fifth of the harmful items
    // hold nothing else): this test asks for remove at precision 0.99 only.
    LearnedPolicy learned = PolicyLearner.of(handWritten())
        .targets(Map.of(Action.REMOVE, PolicyLearner.Target.precision(0.99))).learn(data);
    int prizeItems = 0;
    for (LabeledItem item : data) {
      String action = learned.policy().evaluate(item.content()).action().name();
      if (item.content().fieldText(0).contains("hello")) {
        assertEquals("review", action, "the kept forced rule: " + item.id());
      } else if (item.content().fieldText(0).contains("prize")) {
        prizeItems++;
        assertEquals("remove", action, item.id());
      } else if (!item.harmful()) {
        assertEquals("allow", action, item.id());
      }
    }
    assertEquals(40, prizeItems);
    assertEquals(1.0, learned.thresholds().get(Action.REMOVE), "the remove threshold is scaled to 1");
  }

  @Test
  void minedTermsCatchWhatTheSignalsMiss() {
    LearnedPolicy learned = PolicyLearner.of(handWritten())
        .minedTerms(TermMiner.builder().build()).learn(toyData());
    List<String> terms = learned.terms().stream().map(t -> t.text()).toList();
    // "claim it now" is in every spam item; the learner keeps a term covering it.
    assertTrue(terms.stream().anyMatch(t -> "claim it now".contains(t)), terms.toString());
    assertFalse(terms.stream().anyMatch(t -> t.contains("lunch") || t.contains("movie")),
        terms.toString());
    for (LabeledItem item : toyData()) {
      String expected = item.content().fieldText(0).contains("hello") ? "review"
          : item.harmful() ? "remove" : "allow";
      assertEquals(expected, learned.policy().evaluate(item.content()).action().name(), item.id());
    }
  }

  @Test
  void repeatedItemsDoNotChangeTheFit() {
    List<LabeledItem> data = toyData();
    List<LabeledItem> repeated = new ArrayList<>(data);
    for (int i = 0; i < 30; i++) {
      repeated.add(data.get(0));
    }
    LearnedPolicy a = PolicyLearner.of(handWritten()).learn(data);
    LearnedPolicy b = PolicyLearner.of(handWritten()).learn(repeated);
    assertEquals(a.weights(), b.weights());
    assertEquals(a.thresholds(), b.thresholds());
    assertEquals(30, b.duplicates());
  }

  @Test
  void learningNeedsBothClasses() {
    List<LabeledItem> onlyHarmful = List.of(LabeledItem.of("a", "prize", true));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PolicyLearner.of(handWritten()).learn(onlyHarmful));
    assertTrue(e.getMessage().contains("1 harmful of 1"), e.getMessage());
  }

  @Test
  void anUnreachableTargetLeavesItsRuleOutAndSaysSo() {
    // Two texts the signals see alike, with opposite labels: no threshold is precise.
    List<LabeledItem> items = List.of(LabeledItem.of("a", "prize today", true),
        LabeledItem.of("b", "prize tomorrow", false), LabeledItem.of("c", "lunch", false));
    LearnedPolicy learned = PolicyLearner.of(handWritten())
        .targets(Map.of(Action.REMOVE, PolicyLearner.Target.precision(0.99))).learn(items);
    assertTrue(learned.thresholds().isEmpty(), learned.thresholds().toString());
    assertTrue(learned.notes().stream().anyMatch(n -> n.contains("no threshold reaches")),
        learned.notes().toString());
  }

  @Test
  void badSettingsNameTheSettingAndTheValue() {
    assertThrows(IllegalArgumentException.class, () -> PolicyLearner.Target.precision(1.5));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PolicyLearner.of(handWritten()).regularization(-1));
    assertTrue(e.getMessage().contains("-1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PolicyLearner.of(handWritten())
        .targets(Map.of(Action.ALLOW, PolicyLearner.Target.recall(0.5))));
    assertTrue(e.getMessage().contains("allow"), e.getMessage());
  }

  @Test
  void thresholdsAreTheShortestDecimalBetweenTheTotals() {
    assertEquals(0.5, Thresholds.shortestAbove(0.42, 0.57));
    assertEquals(0.43, Thresholds.shortestAbove(0.42, 0.433));
    assertEquals(1.0, Thresholds.shortestAbove(0.3, 1.7));
    assertEquals(0.0001, Thresholds.shortestAbove(0, 0.0001));
  }
}
