package dev.vigil.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each list gets the scan plan its documentation promises, and the matcher says which. */
class ScanPlanTest {

  private static TermMatcher build(Normalizer normalizer, MatcherTuning tuning, Term... terms) {
    return TermMatcher.builder().normalizer(normalizer).addAll(List.of(terms)).tuning(tuning).build();
  }

  private static Term term(String text, MatchMode mode) {
    return new Term(text, text, "x", 1.0, mode);
  }

  @Test
  void contextualNormalizersScanThroughTheCursor() {
    TermMatcher m = build(Normalizer.aggressive(), MatcherTuning.DEFAULT, Term.of("cat"));
    assertEquals(ScanPlan.CONTEXTUAL, m.plan());
    assertEquals(List.of("cat"), m.find("c.a.t").stream().map(h -> h.term().id()).toList());
  }

  @Test
  void smallListsOfWholeWordsAreAnchored() {
    TermMatcher m = build(Normalizer.standard(), MatcherTuning.DEFAULT, Term.of("cat"),
        Term.of("dog"));
    assertEquals(ScanPlan.ANCHORED, m.plan());
    assertTrue(m.toString().contains("anchored at word starts"), m.toString());
  }

  @Test
  void wholeWordsWithoutFullRowsGetAWordIndex() {
    TermMatcher m = build(Normalizer.standard(), MatcherTuning.DEFAULT.denseBudget(1),
        Term.of("cat"), Term.of("dog"), Term.of("cow"));
    assertEquals(ScanPlan.WORD_INDEX, m.plan());
    assertTrue(m.toString().contains("3 words indexed"), m.toString());
    assertEquals(ScanPlan.ANCHORED, build(Normalizer.standard(),
        MatcherTuning.DEFAULT.denseBudget(1).wordIndex(0), Term.of("cat")).plan(),
        "no index when it is turned off");
    assertEquals(ScanPlan.ANCHORED, build(Normalizer.standard(),
        MatcherTuning.DEFAULT.denseBudget(1), term("cat", MatchMode.PREFIX)).plan(),
        "no index for words not bound to a word end");
  }

  @Test
  void phrasesBoundToWordStartsEnterAtWordStarts() {
    TermMatcher m = build(Normalizer.standard(), MatcherTuning.DEFAULT, Term.of("cat"),
        Term.of("free money"));
    assertEquals(ScanPlan.WORD_STARTS, m.plan());
    assertTrue(m.toString().contains("entered at word starts"), m.toString());
  }

  @Test
  void wholeWordsAndPhrasesWithoutFullRowsGetAWordIndex() {
    TermMatcher m = build(Normalizer.standard(), MatcherTuning.DEFAULT.denseBudget(1),
        Term.of("cat"), Term.of("free money"), Term.of("free-for-all"));
    assertEquals(ScanPlan.PHRASE_INDEX, m.plan());
    assertTrue(m.toString().contains("phrases from their first word, 2 words indexed"),
        m.toString());
    assertEquals(List.of("cat", "free money", "free-for-all"),
        m.find("a cat, free  money and free-for-all").stream().map(h -> h.term().id()).toList());
    // A phrase's first word that is a term of two lists: where no phrase goes on, both hits still.
    TermMatcher lists = TermMatcher.builder().add(Term.of("free"), 0).add(Term.of("free"), 1)
        .add(Term.of("free money"), 0).tuning(MatcherTuning.DEFAULT.denseBudget(1)).build();
    assertEquals(ScanPlan.PHRASE_INDEX, lists.plan());
    List<Integer> groups = new java.util.ArrayList<>();
    lists.match("a free lunch", (t, start, end) -> groups.add(lists.group(t)));
    groups.sort(null); // hits that end together come in the automaton's order
    assertEquals(List.of(0, 1), groups);
    assertEquals(List.of("free", "free", "free money"),
        lists.find("free money, now").stream().map(h -> h.term().id()).toList());
    // Second words longer than the index's keys, and phrases that go on with other chars than a
    // space, read through the buffer (where the next word is packed already) and straight.
    for (int chunk : new int[] {-1, 64}) {
      TermMatcher longer = build(Normalizer.standard(),
          MatcherTuning.DEFAULT.denseBudget(1).wordIndex(2).scanChunk(chunk),
          Term.of("ab abab"), Term.of("ab-ba"), Term.of("ba"));
      assertEquals(List.of("ab abab", "ba", "ab-ba", "ba"),
          longer.find("x ab abab y, ab ba z; ab-ba end").stream().map(h -> h.term().id()).toList(),
          longer::toString);
    }
    assertEquals(ScanPlan.WORD_STARTS, build(Normalizer.standard(),
        MatcherTuning.DEFAULT.denseBudget(1), Term.of("free money"), term("cat", MatchMode.PREFIX))
        .plan(), "no index for words not bound to a word end");
  }

  @Test
  void otherListsRunTheFullAutomaton() {
    TermMatcher m = build(Normalizer.standard(), MatcherTuning.DEFAULT, Term.of("cat"),
        term("ass", MatchMode.ANYWHERE));
    assertEquals(ScanPlan.AUTOMATON, m.plan());
    assertEquals(List.of("ass"), m.find("classic").stream().map(h -> h.term().id()).toList());
  }
}
