package dev.vigil.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.Classifier;
import dev.vigil.Content;
import dev.vigil.Signal;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Each list of a group gives the signal a classifier over that list alone gives. */
class TermListsProperties {

  private static final String[] WORDS = {"ab", "ba", "a", "b", "aa", "a b", "ab ba", "b-a", "a\u00e1",
      "\u0430b", "AB"};

  @Provide
  Arbitrary<List<Term>> lists() {
    Arbitrary<Term> term = Combinators.combine(Arbitraries.of(WORDS),
            Arbitraries.of(MatchMode.values()), Arbitraries.of(0.2, 0.5, 1.0), Arbitraries.of("x", "y"))
        .as((w, m, weight, id) -> new Term(id + w, w, "c" + id, weight, m));
    return term.list().ofMinSize(1).ofMaxSize(5);
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.of("ab", " ", "ba", "a", "b", "-", "\u00e1", "\u0430", ".", "AB", "  ")
        .list().ofMaxSize(20).map(l -> String.join("", l));
  }

  @Property(tries = 2000)
  void eachListGivesTheSignalOfAClassifierOverItAlone(
      @ForAll @Size(min = 1, max = 3) List<@net.jqwik.api.From("lists") List<Term>> lists,
      @ForAll @Size(min = 1, max = 2) List<@net.jqwik.api.From("texts") String> fields,
      @ForAll boolean allow, @ForAll boolean standard) {
    Normalizer normalizer = standard ? Normalizer.standard() : Normalizer.none();
    TermLists.Builder b = TermLists.builder().normalizer(normalizer);
    for (int i = 0; i < lists.size(); i++) {
      b.list("list" + i, lists.get(i));
    }
    if (allow) {
      b.allow("aba");
    }
    TermLists group = b.build();
    Content.Builder cb = Content.builder();
    for (int f = 0; f < fields.size(); f++) {
      cb.field("f" + f, fields.get(f));
    }
    Content content = cb.build();
    // In reverse order too: whichever list sees the content first scans it for all.
    for (int round = 0; round < 2; round++) {
      for (int k = 0; k < lists.size(); k++) {
        int i = round == 0 ? k : lists.size() - 1 - k;
        TermMatcher.Builder alone = TermMatcher.builder().normalizer(normalizer).addAll(lists.get(i));
        if (allow) {
          alone.allow("aba");
        }
        Signal expected = TermClassifier.of("list" + i, alone.build()).classify(content);
        Signal actual = group.classifier("list" + i).classify(content);
        assertEquals(expected, actual, () -> "list " + lists + " text " + fields);
      }
    }
  }

  @Example
  void aTermOnTwoListsCountsOnBoth() {
    TermLists lists = TermLists.builder()
        .list("slurs", List.of(new Term("s1", "idiot", "abuse", 0.5, MatchMode.WORD)))
        .list("insults", List.of(new Term("i1", "Idiot", "abuse", 0.9, MatchMode.WORD)))
        .build();
    Content c = Content.of("what an idiot");
    assertEquals(0.5, lists.classifier("slurs").classify(c).score(), 1e-9);
    assertEquals(0.9, lists.classifier("insults").classify(c).score(), 1e-9);
    assertEquals("i1", lists.classifier("insults").classify(c).evidence().get(0).rule());
  }

  @Example
  void theCacheFollowsTheContent() {
    TermLists lists = TermLists.builder()
        .list("a", List.of(Term.of("spam")))
        .list("b", List.of(Term.of("scam")))
        .build();
    Classifier a = lists.classifier("a");
    Classifier b = lists.classifier("b");
    List<Double> scores = new ArrayList<>();
    for (String text : new String[] {"spam here", "scam here", "spam and scam", "nothing"}) {
      Content c = Content.of(text);
      scores.add(a.classify(c).score());
      scores.add(b.classify(c).score());
      scores.add(a.classify(c).score());
    }
    assertEquals(List.of(1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0), scores);
    // Equal but distinct contents are scanned again, with the same result.
    assertEquals(1.0, b.classify(Content.of("scam")).score());
  }

  @Example
  void badListsAreRefusedWithTheirName() {
    TermLists.Builder b = TermLists.builder().list("a", List.of(Term.of("x")));
    assertThrows(IllegalArgumentException.class, () -> b.list("a", List.of(Term.of("y"))));
    assertThrows(IllegalArgumentException.class, () -> b.list("empty", List.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> b.build().classifier("nope"));
    assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("[a]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TermLists.builder().build());
  }
}
