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
    "a s", "s a", "b o", "_a s", "x_a b", "i t",
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

  /** Row budgets: the default (every state dense), and a few rows, so that sparse states are met. */
  @Provide
  Arbitrary<Long> denseBudgets() {
    return Arbitraries.of(-1L, -1L, 1L, 200L);
  }

  /** Chunks: the default, and short ones, so that plain stretches and their rewinds cross them. */
  @Provide
  Arbitrary<Integer> chunks() {
    return Arbitraries.of(2048, 2048, 1, 7, 16);
  }

  @Property(tries = 3000)
  void bothModesTogetherEqualTheNaiveReference(
      @ForAll("normalizers") Normalizer normalizer,
      @ForAll @Size(min = 1, max = 8) List<@From("terms") Term> terms,
      @ForAll @Size(max = 1) List<@From("texts") String> allow,
      @ForAll("texts") String text,
      @ForAll("denseBudgets") long denseBudget,
      @ForAll("chunks") int chunk) {
    NaiveTermMatcher probe = new NaiveTermMatcher(normalizer, List.of(), List.of());
    List<Term> usable = probe.withUnits(terms);
    if (usable.isEmpty()) {
      return;
    }
    List<String> usableAllow = new ArrayList<>();
    for (String a : probe.allowsWithUnits(allow)) {
      usableAllow.add(a.length() > 12 ? a.substring(0, 12) : a);
    }
    TermMatcher.Builder b = TermMatcher.builder().normalizer(normalizer).addAll(usable)
        .tuning(MatcherTuning.DEFAULT.denseBudget(denseBudget).scanChunk(chunk));
    usableAllow.forEach(b::allow);
    TermMatcher matcher = b.build();
    assertEquals(ScanPlan.CONTEXTUAL, matcher.plan());
    NaiveTermMatcher naive = new NaiveTermMatcher(normalizer, usable, usableAllow);
    List<NaiveTermMatcher.Hit> actual = new ArrayList<>();
    matcher.match(text, (t, s, e) -> actual.add(new NaiveTermMatcher.Hit(t, s, e)));
    actual.sort(null);
    assertEquals(naive.find(text), actual, () -> "normalizer " + normalizer + ", terms " + usable
        + ", allow " + usableAllow + ", rows " + denseBudget + ", chunk " + chunk + ", text '" + text
        + "'");
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

  /**
   * A hit that begins the text and spans a checkpoint, with repeats before it: when the plain mode
   * hands over at trouble after the checkpoint, the units it writes into the ring must be numbered
   * from the text's start, repeats counted as one, or the hit looks for a word before its start in
   * what an earlier text left in the thread's ring.
   */
  @Test
  void unitsBeforeACheckpointCountRepeatsOnce() {
    TermMatcher m = TermMatcher.builder().normalizer(Normalizer.aggressive())
        .add(Term.of("hello world")).build();
    // Fills this thread's ring with word units.
    m.find("abcdefghijklmnopqrstuvwxyz".repeat(4) + " n0 " + "abcdefghijklmnopqrstuvwxyz".repeat(4));
    for (String text : List.of("heelloo w0rld", "hheeelllooo w0rld", "hello   w0rld")) {
      List<TermMatcher.Hit> hits = m.find(text);
      assertEquals(1, hits.size(), () -> text + ": " + hits);
      assertEquals(0, hits.get(0).start(), text);
    }
  }

  /**
   * Spaced-out letters (three or more: the separator stage joins no fewer) where the fast gear reads:
   * after a phrase's first word, after a word char that is no letter, after letters that begin no
   * term, after a repeat; each against the naive reference, in every match mode.
   */
  @Test
  void chainsWhereTheFastGearReadsAreFound() {
    String[][] cases = {
      {"is its", "so far is i t s, ok then"},
      {"hello world", "hello hello w o r l d and more"},
      {"ass", "hello x_a s s hello"},
      {"ass", "hello zz a s s hello"},
      {"xyz", "hello there x y z hello"},
      {"abc", "qq ww a b c cc"},
      {"abc", "qq ww a b cc"},
      {"bo bob", "hello bo b o b hello"},
      {"cool", "soo c o o l"},
      {"is it", "ab", "so is q a b"},
      {"is it", "ab", "so is q a b c"},
      {"is it", "bc", "so it is q b c, ok"},
    };
    for (String[] c : cases) {
      String text = c[c.length - 1];
      for (MatchMode mode : MatchMode.values()) {
        List<Term> terms = new ArrayList<>();
        for (int i = 0; i < c.length - 1; i++) {
          terms.add(new Term(c[i], c[i], "x", 1.0, mode));
        }
        NaiveTermMatcher probe = new NaiveTermMatcher(Normalizer.aggressive(), List.of(), List.of());
        List<Term> usable = probe.withUnits(terms);
        if (usable.isEmpty()) {
          continue;
        }
        TermMatcher m = TermMatcher.builder().normalizer(Normalizer.aggressive()).addAll(usable)
            .build();
        List<NaiveTermMatcher.Hit> actual = new ArrayList<>();
        m.match(text, (t, s, e) -> actual.add(new NaiveTermMatcher.Hit(t, s, e)));
        actual.sort(null);
        NaiveTermMatcher naive = new NaiveTermMatcher(Normalizer.aggressive(), usable, List.of());
        assertEquals(naive.find(text), actual, () -> mode + " " + usable + " in '" + text + "'");
      }
    }
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
