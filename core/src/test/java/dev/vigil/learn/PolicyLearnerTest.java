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
  void counterEvidenceSeparatesWhatTermsOfHarmAloneCannot() {
    // The harmful items' every word is in harmless items too; only "mum" tells them apart, and it
    // marks the harmless side.
    List<LabeledItem> items = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      items.add(LabeledItem.of("s" + i, "claim it now " + i, true));
      items.add(LabeledItem.of("h" + i, "mum: claim it now " + i, false));
      items.add(LabeledItem.of("g" + i, "mum is home at " + i, false));
    }
    PolicyLearner learner = PolicyLearner.of(handWritten())
        .minedTerms(TermMiner.builder().maxHarmlessShare(1).build())
        .targets(Map.of(Action.REMOVE, PolicyLearner.Target.precision(0.95)));
    LearnedPolicy without = learner.learn(items);
    assertTrue(without.harmlessTerms().isEmpty());
    assertFalse(without.weights().containsKey(PolicyLearner.HARMLESS_TERMS_SIGNAL));
    assertEquals(without.policy().evaluate("claim it now 99").total(),
        without.policy().evaluate("mum: claim it now 99").total(), "terms of harm alone cannot tell");

    LearnedPolicy with = learner.harmlessTerms(true).learn(items);
    double w = with.weights().get(PolicyLearner.HARMLESS_TERMS_SIGNAL);
    assertTrue(w < 0, with.weights().toString());
    assertTrue(with.harmlessTerms().stream().anyMatch(t -> t.text().equals("mum")),
        with.harmlessTerms().toString());
    assertEquals(Action.REMOVE, with.policy().evaluate("claim it now 99").action(),
        with.weights() + " " + with.thresholds() + " " + with.notes() + with.terms() + with.harmlessTerms());
    assertEquals(Action.ALLOW, with.policy().evaluate("mum: claim it now 99").action());
    // Bounded: however much of it an item holds, counter-evidence lowers a total by at most |w|.
    double alone = with.policy().evaluate("claim it now 99").total();
    double padded = with.policy().evaluate("claim it now 99 mum is home, mum mum at home").total();
    assertTrue(padded >= alone + w - 1e-9 && padded < alone, alone + " " + padded + " " + w);
    double miss = 1;
    for (var t : with.harmlessTerms()) {
      miss *= 1 - t.weight();
    }
    double most = -w * (1 - miss);
    assertTrue(alone - padded <= most + 1e-3, alone + " " + padded + " " + most);
    String note = with.notes().stream().filter(n -> n.startsWith("counter-evidence: ")).findFirst()
        .orElseThrow();
    double said = Double.parseDouble(note.replaceFirst(".*lowers a total by at most ([0-9.]+).*", "$1"));
    assertEquals(most, said, most * 0.01, note); // three significant digits
    assertTrue(said < -w, "the bound is the list's most, not its weight: " + note);
    assertThrows(IllegalArgumentException.class,
        () -> Policy.builder("p").signal(terms("x", "x"), SignalOptions.in("spam").weight(Double.NaN)));
    // Documented: an item on which only counter-evidence fires is never flagged, even where a target
    // as loose as precision 0.3 (a third of these items are harmful) would take every item.
    LearnedPolicy loose = learner.harmlessTerms(true)
        .targets(Map.of(Action.REVIEW, PolicyLearner.Target.precision(0.3))).learn(items);
    assertEquals(Action.ALLOW, loose.policy().evaluate("mum is home at 99").action(),
        loose.thresholds().toString());
    assertEquals(Action.REVIEW, loose.policy().evaluate("claim it now 99").action());
  }

  @Test
  void aSignalOfNegativeWeightStaysCounterEvidence() {
    // Relearning a policy that has counter-evidence (a learned one, say) keeps its sign: "mum" is
    // fitted at or below zero, never promoted to evidence of harm nor silently dropped to 0.
    Policy original = Policy.builder("relearn").version("2")
        .signal(terms("claim", "claim"), SignalOptions.in("spam").weight(1.0))
        .signal(terms("mum", "mum"), SignalOptions.in("spam").weight(-0.5))
        .removeWhen(Condition.total().atLeast(1.0)).build();
    List<LabeledItem> items = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      items.add(LabeledItem.of("s" + i, "claim it now " + i, true));
      items.add(LabeledItem.of("h" + i, "mum: claim it now " + i, false));
      items.add(LabeledItem.of("g" + i, "mum is home at " + i, false));
    }
    LearnedPolicy learned = PolicyLearner.of(original)
        .targets(Map.of(Action.REMOVE, PolicyLearner.Target.precision(0.95))).learn(items);
    assertTrue(learned.weights().get("claim") > 0, learned.weights().toString());
    assertTrue(learned.weights().get("mum") < 0, learned.weights().toString());
    assertEquals(Action.REMOVE, learned.policy().evaluate("claim it now 99").action(),
        learned.thresholds().toString());
    assertEquals(Action.ALLOW, learned.policy().evaluate("mum: claim it now 99").action());
    assertEquals(Action.ALLOW, learned.policy().evaluate("mum is home").action());
  }

  @Test
  void aListThatAloneSeparatesTheItemsGetsABoundedWeight() {
    // "claim" is in every harmful item and no harmless one: unpenalized, the refit of the list's weight
    // runs off towards infinity (Newton's steps stop only when they no longer help).
    List<LabeledItem> items = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      items.add(LabeledItem.of("s" + i, "claim it now " + i, true));
      items.add(LabeledItem.of("h" + i, "see it now " + i, false));
    }
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      all.add(i);
    }
    TermMiner miner = TermMiner.builder().build();
    boolean[] y = new boolean[items.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = items.get(i).harmful();
    }
    FittedModel model = FittedModel.fit(new double[items.size()][0], y, all,
        FittedModel.candidates(miner, items, all, "spam", false), 1.0, "spam", miner, 100);
    double harmful = model.intercept + model.total(new double[0], items.get(0).content());
    double harmless = model.intercept + model.total(new double[0], items.get(1).content());
    assertTrue(harmful > 0 && harmless < 0, harmful + " " + harmless);
    // The ridge penalty of strength 1 / 80 items keeps the log-odds of a separated item modest.
    assertTrue(harmful - harmless < 20, harmful + " " + harmless);
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
