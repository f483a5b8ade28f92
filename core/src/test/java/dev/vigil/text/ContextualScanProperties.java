package dev.vigil.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The contextual scan's two modes (plain stretches read by table, the rest through the cursor, with
 * checkpoints between) find exactly the hits of the naive reference. {@link TermMatcherProperties}
 * draws its texts from single chars, where few stretches are plain; these texts are mostly words, as
 * real text is, with evasions among them, so that the scan goes back and forth between its modes, often
 * inside a hit, and runs past its ring's reach in long words and runs of separators.
 */
class ContextualScanProperties {

  private static final String[] WORDS = {
    "ab", "ba", "abs", "sia", "bass", "class", "classic", "hello", "world", "bo", "oo", "ss", "ssa",
    "assassin", "is", "it", "sit", "tis", "abababababababababababababababababababababababababababababab",
  };

  private static final String[] EVASIONS = {
    "a", "I", "s", "a$$", "4ss", "a s s", "a.s.s", "a-s-s", "aaass", "\u0430ss", "s\u200bs", "1", "l",
    "b1a", "h3llo", "c|ass", "0", "2024", "\u00e1b", "a\u0301b", "\u00df", "\ud835\udc1a", "\ud83d\ude00",
    "\uff41\uff42", "\u4e2d", "a+b", "2024", "1.", "$5", "a2", "2a", "10 a b", "\u0663", "4!", "2!a",
  };

  private static final String[] SEPARATORS = {
    " ", " ", " ", "  ", ", ", ".", "-", "_", "!", "\n", "\t", " . ", "\u00a0",
    "-.-.-.-.-.-.-.-.-.-.-.-.-.-.-.-.-.-.-.-.-.-.-.-.-.-.-.-.-.-.-.-.-.-.-.-.",
  };

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> word = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.of(WORDS)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(EVASIONS)));
    Arbitrary<String> piece = Combinators.combine(word, Arbitraries.of(SEPARATORS))
        .as((w, s) -> w + s);
    return piece.list().ofMaxSize(40).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<Term> terms() {
    Arbitrary<String> text = Arbitraries.of("ass", "bass", "class", "hello world", "sia", "ab",
        "abs ab", "is it", "ss", "oo", "a", "bo bo", "hello", "classic", "s s", "ababab", "b", "ass.");
    return Combinators.combine(text, Arbitraries.of(MatchMode.values()), Arbitraries.of("x", "y"))
        .as((t, m, c) -> new Term(t, t, c, 1.0, m));
  }

  @Provide
  Arbitrary<Normalizer> normalizers() {
    return Arbitraries.of(Normalizer.aggressive(),
        Normalizer.builder().stages(Normalizer.Stage.SEPARATORS).build(),
        Normalizer.builder().stages(Normalizer.Stage.REPEATS, Normalizer.Stage.LEETSPEAK,
            Normalizer.Stage.CASE_FOLDING).build(),
        Normalizer.builder().stages(Normalizer.Stage.WHITESPACE, Normalizer.Stage.SEPARATORS,
            Normalizer.Stage.REPEATS).build());
  }

  @Property(tries = 3000)
  void bothModesTogetherEqualTheNaiveReference(
      @ForAll("normalizers") Normalizer normalizer,
      @ForAll @Size(min = 1, max = 8) List<@From("terms") Term> terms,
      @ForAll @Size(max = 1) List<@From("texts") String> allow,
      @ForAll("texts") String text) {
    NaiveTermMatcher probe = new NaiveTermMatcher(normalizer, List.of(), List.of());
    List<Term> usable = probe.withUnits(terms);
    if (usable.isEmpty()) {
      return;
    }
    List<String> usableAllow = new ArrayList<>();
    for (String a : probe.allowsWithUnits(allow)) {
      usableAllow.add(a.length() > 12 ? a.substring(0, 12) : a);
    }
    TermMatcher.Builder b = TermMatcher.builder().normalizer(normalizer).addAll(usable);
    usableAllow.forEach(b::allow);
    TermMatcher matcher = b.build();
    assertEquals(ScanPlan.CONTEXTUAL, matcher.plan());
    NaiveTermMatcher naive = new NaiveTermMatcher(normalizer, usable, usableAllow);
    List<NaiveTermMatcher.Hit> actual = new ArrayList<>();
    matcher.match(text, (t, s, e) -> actual.add(new NaiveTermMatcher.Hit(t, s, e)));
    actual.sort(null);
    assertEquals(naive.find(text), actual, () -> "normalizer " + normalizer + ", terms " + usable
        + ", allow " + usableAllow + ", text '" + text + "'");
  }

  /** A hit that a checkpoint's rewind would report twice, were the plain mode's hits not held back. */
  @Test
  void aHitBeforeTroubleIsReportedOnce() {
    TermMatcher m = TermMatcher.builder().normalizer(Normalizer.aggressive())
        .add(Term.of("hello")).add(Term.of("wor1d")).build();
    List<TermMatcher.Hit> hits = m.find("say hello wor1d, hello a s s");
    assertEquals(3, hits.size(), hits::toString);
    assertEquals(4, hits.get(0).start());
    assertEquals(10, hits.get(1).start());
    assertEquals(17, hits.get(2).start());
  }

  /** Evasions far from every checkpoint: a long word, then a spaced-out term. */
  @Test
  void evasionsAfterALongWordAreFound() {
    TermMatcher m = TermMatcher.builder().normalizer(Normalizer.aggressive())
        .add(Term.of("scam")).build();
    String longWord = "x".repeat(3) + "yz".repeat(200);
    String text = longWord + " s c a m " + longWord + " sc@@@m.";
    List<TermMatcher.Hit> hits = m.find(text);
    assertEquals(2, hits.size(), hits::toString);
    assertEquals("s c a m", text.substring(hits.get(0).start(), hits.get(0).end()));
    assertEquals("sc@@@m", text.substring(hits.get(1).start(), hits.get(1).end()));
  }
}
