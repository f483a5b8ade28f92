package dev.vigil.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * The matcher finds exactly the hits of the naive reference (normalize, then test every term at every
 * position), for every preset and mode, on random dictionaries and random text.
 */
class TermMatcherProperties {

  /** Pieces of text chosen to exercise every stage: letters, look-alikes, leet, separators, marks. */
  private static final String[] PIECES = {
    "a", "b", "s", "i", "l", "o", "A", "S", "\u0430", "\u03bf", "\u0455", "4", "@", "1", "!", "0",
    "$", "5", ".", "-", " ", "  ", "\t", "\u00a0", " . ", "\u200b", "\u00ad", "\u0301", "\u0301\u0301", "\u00e1", "\u00df",
    "\ud835\udc1a", "\ud83d\ude00", "\uff41", "_", "\n", "\u4e2d", "ss", "aa", "ab", "ba", "\ud83d",
  };

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.of(PIECES).list().ofMaxSize(30).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<Term> terms() {
    Arbitrary<String> text = Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(4)
        .map(l -> String.join("", l))
        .filter(s -> !s.isBlank() || s.contains("\u4e2d"));
    return Combinators.combine(text, Arbitraries.of(MatchMode.values()), Arbitraries.of("x", "y"))
        .as((t, m, c) -> new Term(t, t, c, 1.0, m));
  }

  /** The default read paths, or every text through a buffer of a few chars (chunk boundaries). */
  @Provide
  Arbitrary<Integer> chunks() {
    return Arbitraries.of(-1, 1, 2, 3, 7, 64);
  }

  /** Dense rows for every state, for the root only, or for a few: all paths of the automaton. */
  @Provide
  Arbitrary<Long> denseBudgets() {
    return Arbitraries.of(-1L, 0L, 40L, 200L);
  }

  @Provide
  Arbitrary<Normalizer> normalizers() {
    return Arbitraries.of(Normalizer.none(), Normalizer.standard(), Normalizer.aggressive(),
        Normalizer.builder().stages(Normalizer.Stage.SEPARATORS).build(),
        Normalizer.builder().stages(Normalizer.Stage.REPEATS, Normalizer.Stage.LEETSPEAK).build(),
        Normalizer.builder().stages(Normalizer.Stage.WHITESPACE, Normalizer.Stage.SEPARATORS).build());
  }

  @Property(tries = 5000)
  void matcherEqualsTheNaiveReference(
      @ForAll("normalizers") Normalizer normalizer,
      @ForAll @Size(min = 1, max = 8) List<@From("terms") Term> terms,
      @ForAll @Size(max = 2) List<@From("texts") String> allow,
      @ForAll("texts") String text,
      @ForAll("denseBudgets") long denseBudget,
      @ForAll("chunks") int chunk) {
    NaiveTermMatcher probe = new NaiveTermMatcher(normalizer, List.of(), List.of());
    List<Term> usable = probe.withUnits(terms);
    List<String> usableAllow = probe.allowsWithUnits(allow);
    if (usable.isEmpty()) {
      return;
    }
    TermMatcher.Builder b = TermMatcher.builder().normalizer(normalizer).addAll(usable)
        .tuning(MatcherTuning.DEFAULT.denseBudget(denseBudget).scanChunk(chunk));
    usableAllow.forEach(b::allow);
    TermMatcher matcher = b.build();
    NaiveTermMatcher naive = new NaiveTermMatcher(normalizer, usable, usableAllow);

    List<NaiveTermMatcher.Hit> actual = new ArrayList<>();
    matcher.match(text, (t, s, e) -> actual.add(new NaiveTermMatcher.Hit(t, s, e)));
    actual.sort(null);
    assertEquals(naive.find(text), actual, () -> "normalizer " + normalizer + ", terms " + usable
        + ", allow " + usableAllow + ", text '" + text + "', normalized units "
        + naive.units(text));
  }

  /** Lists of single whole words (the matcher's anchored mode) against the reference. */
  @Property(tries = 3000)
  void singleWordListsEqualTheReference(
      @ForAll("perCodePoint") Normalizer normalizer,
      @ForAll @Size(min = 1, max = 8) List<@From("words") String> words,
      @ForAll("texts") String text,
      @ForAll("denseBudgets") long denseBudget,
      @ForAll("chunks") int chunk,
      @ForAll boolean prefix,
      @ForAll boolean dual) {
    wordListEqualsTheReference(normalizer, words, text, denseBudget, chunk, prefix, dual);
  }

  /**
   * Lists of whole single words, looked up by the word index (also with keys for words of up to one, two
   * or three symbols only, so that longer ones walk the trie), with whole-word allow-lists, against the
   * reference.
   */
  @Property(tries = 3000)
  void indexedWordListsEqualTheReference(
      @ForAll("perCodePoint") Normalizer normalizer,
      @ForAll @Size(min = 1, max = 8) List<@From("words") String> words,
      @ForAll @Size(max = 2) List<@From("words") String> allowWords,
      @ForAll("phraseTexts") String text,
      @ForAll("denseBudgets") long denseBudget,
      @ForAll("chunks") int chunk,
      @ForAll("wordIndexes") int wordIndex,
      @ForAll boolean allowATerm) {
    List<String> allow = new ArrayList<>(allowWords);
    if (allowATerm) {
      allow.add(words.get(words.size() - 1)); // a word whose state has two patterns
    }
    indexedListEqualsTheReference(normalizer, words, allow, text, denseBudget, chunk, wordIndex);
  }

  /**
   * The whole-word terms {@code texts} and allow entries {@code allow}, built with the word index
   * tuning {@code wordIndex}, find the reference's hits in {@code text}; returns the matcher.
   */
  private static TermMatcher indexedListEqualsTheReference(Normalizer normalizer, List<String> texts,
      List<String> allow, String text, long denseBudget, int chunk, int wordIndex) {
    List<Term> terms = new ArrayList<>();
    for (String w : texts) {
      terms.add(new Term(w, w, "x", 1.0, MatchMode.WORD));
    }
    TermMatcher.Builder b = TermMatcher.builder().normalizer(normalizer).addAll(terms)
        .tuning(MatcherTuning.DEFAULT.denseBudget(denseBudget).scanChunk(chunk)
            .wordIndex(wordIndex));
    allow.forEach(a -> b.allow(a, MatchMode.WORD));
    TermMatcher matcher = b.build();
    NaiveTermMatcher naive = new NaiveTermMatcher(normalizer, terms, allow, MatchMode.WORD);
    List<NaiveTermMatcher.Hit> actual = new ArrayList<>();
    matcher.match(text, (t, s, e) -> actual.add(new NaiveTermMatcher.Hit(t, s, e)));
    for (int i = 1; i < actual.size(); i++) {
      int at = i;
      assertTrue(actual.get(at - 1).end() <= actual.get(at).end(),
          () -> "hits out of the order they end: " + actual + " in '" + text + "', " + matcher);
    }
    actual.sort(null);
    assertEquals(naive.find(text), actual, () -> "normalizer " + normalizer + ", terms " + terms
        + ", allow " + allow + ", text '" + text + "', " + matcher);
    return matcher;
  }

  /** The word index: the default (on with the small dense budgets), none, or of words up to 1, 2, 3, 64. */
  @Provide
  Arbitrary<Integer> wordIndexes() {
    return Arbitraries.of(-1, 0, 1, 2, 3, 64);
  }

  /**
   * Each text a whole-word term (or, when {@code prefix}, the even-length ones prefix terms); with
   * {@code dual}, texts of any length are cut in two for the two-chain scan where they can be.
   */
  private static void wordListEqualsTheReference(Normalizer normalizer, List<String> texts,
      String text, long denseBudget, int chunk, boolean prefix, boolean dual) {
    List<Term> terms = new ArrayList<>();
    for (String w : texts) {
      terms.add(new Term(w, w, "x", 1.0, prefix && w.length() % 2 == 0 ? MatchMode.PREFIX
          : MatchMode.WORD));
    }
    TermMatcher matcher = TermMatcher.builder().normalizer(normalizer).addAll(terms)
        .tuning(MatcherTuning.DEFAULT.denseBudget(denseBudget).scanChunk(chunk)
            .dualScanFrom(dual ? 1 : -1))
        .build();
    NaiveTermMatcher naive = new NaiveTermMatcher(normalizer, terms, List.of());
    List<NaiveTermMatcher.Hit> actual = new ArrayList<>();
    matcher.match(text, (t, s, e) -> actual.add(new NaiveTermMatcher.Hit(t, s, e)));
    for (int i = 1; i < actual.size(); i++) {
      int at = i;
      assertTrue(actual.get(at - 1).end() <= actual.get(at).end(),
          () -> "hits out of the order they end: " + actual + " in '" + text + "'");
    }
    actual.sort(null);
    assertEquals(naive.find(text), actual, () -> "normalizer " + normalizer + ", terms " + terms
        + ", text '" + text + "', " + matcher);
  }

  /**
   * Lists where every term starts at a word start and some span several words (the matcher's failure
   * links then lead only to word starts) against the reference.
   */
  @Property(tries = 3000)
  void phraseListsEqualTheReference(
      @ForAll("perCodePoint") Normalizer normalizer,
      @ForAll @Size(min = 1, max = 8) List<@From("phrases") String> phrases,
      @ForAll("textsWithRefs") List<String> pieces,
      @ForAll("denseBudgets") long denseBudget,
      @ForAll("chunks") int chunk,
      @ForAll boolean prefix) {
    wordListEqualsTheReference(normalizer, phrases, resolveRefs(pieces, phrases), denseBudget, chunk,
        prefix, false);
  }

  /**
   * Lists of whole words and phrases of them, looked up by the word index (with keys for words of up to
   * one, two or three symbols only, too, so that longer first words of phrases walk the automaton),
   * with their words and shorter phrases as terms too or not, with whole-word allow-lists, against the
   * reference, hits in the order they end; such lists get an indexed plan where the index is forced.
   */
  @Property(tries = 3000)
  void indexedPhraseListsEqualTheReference(
      @ForAll("perCodePoint") Normalizer normalizer,
      @ForAll @Size(min = 1, max = 8) List<@From("indexedPhrases") String> phrases,
      @ForAll @Size(max = 2) List<@From("phrases") String> allowPhrases,
      @ForAll("textsWithRefs") List<String> pieces,
      @ForAll("denseBudgets") long denseBudget,
      @ForAll("chunks") int chunk,
      @ForAll("wordIndexes") int wordIndex,
      @ForAll boolean wordsToo,
      @ForAll boolean allowAFirstWord) {
    String text = resolveRefs(pieces, phrases);
    List<String> allow = new ArrayList<>(allowPhrases);
    if (allowAFirstWord) {
      allow.add(phrases.get(0).split("[^\\p{L}\\p{N}]", 2)[0]); // its state then has two patterns
    }
    List<String> texts = new ArrayList<>(phrases);
    if (wordsToo) {
      // The phrases' words, and their beginnings up to a space, as terms of their own: hits inside
      // and beside the phrases' hits, and phrases that longer ones go on from.
      for (String p : phrases) {
        for (String w : p.split("[^\\p{L}\\p{N}]+")) {
          if (!w.isEmpty() && !texts.contains(w)) {
            texts.add(w);
          }
        }
        for (int at = p.indexOf(' '); at > 0; at = p.indexOf(' ', at + 1)) {
          String head = p.substring(0, at);
          if (!texts.contains(head) && Character.isLetterOrDigit(head.codePointBefore(head.length()))) {
            texts.add(head);
          }
        }
      }
    }
    TermMatcher matcher = indexedListEqualsTheReference(normalizer, texts, allow, text, denseBudget,
        chunk, wordIndex);
    boolean wholeWords = true;
    for (String p : texts) {
      wholeWords &= !p.endsWith("!") && !p.endsWith("-");
    }
    for (String a : allow) {
      wholeWords &= !a.endsWith("!") && !a.endsWith("-");
    }
    if (wholeWords && wordIndex > 0) {
      assertTrue(matcher.plan() == ScanPlan.PHRASE_INDEX || matcher.plan() == ScanPlan.WORD_INDEX,
          matcher::toString);
    }
  }

  /**
   * The scans that cut a text in two report exactly what the whole-text scan does, in the same order,
   * on texts of words, separators and special chars (where the cut falls, and which half meets what
   * first, varies with the text).
   */
  @Property(tries = 3000)
  void cutScansEqualTheWholeScan(
      @ForAll("perCodePoint") Normalizer normalizer,
      @ForAll @Size(min = 1, max = 6) List<@From("words") String> words,
      @ForAll("cutTexts") String text,
      @ForAll("chunks") int chunk) {
    List<List<NaiveTermMatcher.Hit>> runs = new ArrayList<>();
    for (int dualFrom : new int[] {1, Integer.MAX_VALUE}) {
      TermMatcher.Builder b = TermMatcher.builder().normalizer(normalizer)
          .tuning(MatcherTuning.DEFAULT.scanChunk(chunk).dualScanFrom(dualFrom));
      for (String w : words) {
        b.add(new Term(w, w, "x", 1.0, MatchMode.WORD));
      }
      List<NaiveTermMatcher.Hit> hits = new ArrayList<>();
      b.build().match(text, (t, s, e) -> hits.add(new NaiveTermMatcher.Hit(t, s, e)));
      runs.add(hits);
    }
    assertEquals(runs.get(1), runs.get(0), () -> "words " + words + ", text '" + text + "'");
  }

  @Provide
  Arbitrary<String> cutTexts() {
    Arbitrary<String> glue = Arbitraries.of(" ", ", ", ".", "!", "  ", " \u200b", "\u200b", "\u0301",
        ". \u0301", "\ud83d\ude00", "\u00ad", "-", " . ");
    return Arbitraries.oneOf(words(), words(), glue).list().ofMaxSize(40)
        .map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> phrases() {
    Arbitrary<String> glue = Arbitraries.of(" ", " ", "-", "'", "\u00a0", ". ", "&", " &");
    return Combinators.combine(words().list().ofMinSize(1).ofMaxSize(3), glue.list().ofSize(2),
        Arbitraries.of("", "", "!", "-"))
        .as((ws, gs, tail) -> {
          StringBuilder b = new StringBuilder(ws.get(0));
          for (int i = 1; i < ws.size(); i++) {
            b.append(gs.get(i - 1)).append(ws.get(i));
          }
          return b.append(tail).toString();
        });
  }

  /**
   * Pieces of a text as {@link #phraseTexts} has them, and references ({@code "\u0001"} and a number)
   * to a phrase of the list, to its first word, to the phrase with a space on each side, to the
   * phrase with an invisible char inside its second word, or with a whitespace run for its first space, that {@link #resolveRefs} fills in: random texts rarely hold a random list's phrases otherwise.
   */
  @Provide
  Arbitrary<List<String>> textsWithRefs() {
    Arbitrary<String> refs = Arbitraries.integers().between(0, 79).map(i -> "\u0001" + i);
    return Arbitraries.oneOf(Arbitraries.of(PIECES), words(), phrases(), refs, refs).list()
        .ofMaxSize(12);
  }

  /** The text of {@code pieces}, their references resolved against {@code phrases}. */
  private static String resolveRefs(List<String> pieces, List<String> phrases) {
    StringBuilder b = new StringBuilder();
    for (String piece : pieces) {
      if (!piece.startsWith("\u0001")) {
        b.append(piece);
        continue;
      }
      int k = Integer.parseInt(piece.substring(1));
      String phrase = phrases.get(k % phrases.size());
      switch (k / 16) {
        case 0 -> b.append(phrase);
        case 1 -> b.append(phrase.split("[^\\p{L}\\p{N}]", 2)[0]); // its first word
        case 2 -> b.append(' ').append(phrase).append(' ');
        case 4 -> b.append(phrase.replaceFirst(" ", " \t")); // a whitespace run between its words
        default -> {
          // An invisible char after the second word's first char (none of the list's has one).
          int space = phrase.indexOf(' ');
          b.append(space < 0 || space + 2 > phrase.length() ? phrase
              : phrase.substring(0, space + 2) + "\u00ad" + phrase.substring(space + 2)).append(' ');
        }
      }
    }
    return b.toString();
  }

  /**
   * Phrases as {@link #phrases} makes them, and phrases of two or three short words joined by spaces,
   * whose next word a text often begins with the first one or two letters of another phrase's.
   */
  @Provide
  Arbitrary<String> indexedPhrases() {
    Arbitrary<String> shortWords = Arbitraries.of("a", "b", "s", "ab", "ba", "aa", "A", "\u00e1");
    Arbitrary<String> spaced = shortWords.list().ofMinSize(2).ofMaxSize(3).map(l -> String.join(" ", l));
    return Arbitraries.oneOf(phrases(), spaced);
  }

  @Provide
  Arbitrary<String> phraseTexts() {
    return Arbitraries.oneOf(Arbitraries.of(PIECES), words(), phrases()).list().ofMaxSize(12)
        .map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> words() {
    return Arbitraries.of("a", "b", "s", "i", "A", "\u0430", "\u00e1", "\u00df", "ss", "aa", "ab",
        "ba", "\ud835\udc1a", "\uff41", "0", "5").list().ofMinSize(1).ofMaxSize(4)
        .map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<Normalizer> perCodePoint() {
    return Arbitraries.of(Normalizer.none(), Normalizer.standard(),
        Normalizer.builder().stages(Normalizer.Stage.CASE_FOLDING).build());
  }

  @Property(tries = 1000)
  void normalizerUnitsEqualTheReference(@ForAll("normalizers") Normalizer normalizer,
      @ForAll("texts") String text) {
    NaiveTermMatcher naive = new NaiveTermMatcher(normalizer, List.of(), List.of());
    List<NaiveTermMatcher.U> expected = naive.units(text);
    List<Normalizer.Unit> actual = normalizer.units(text);
    assertEquals(expected.size(), actual.size(), () -> expected + " vs " + actual);
    for (int i = 0; i < expected.size(); i++) {
      NaiveTermMatcher.U e = expected.get(i);
      Normalizer.Unit a = actual.get(i);
      assertEquals(List.of(e.cp(), e.count(), e.start(), e.end()),
          List.of(a.codePoint(), a.count(), a.start(), a.end()), () -> expected + " vs " + actual);
    }
  }
}
