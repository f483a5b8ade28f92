package dev.vigil.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.vigil.Content;
import dev.vigil.Evidence;
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
import net.jqwik.api.statistics.Statistics;

/**
 * A regex that is a choice of literal strings is matched without RE2/J ({@link LiteralChoice}), and
 * the classifier's matches are exactly RE2/J's over the whole text: the same count, the same spans in
 * the same order, also where RE2's case folding (KELVIN SIGN, LONG S), its ASCII-only word boundary,
 * overlapping candidates and its order of preference (alternatives in order, greedy and lazy
 * {@code ?}) decide.
 */
class LiteralChoiceProperties {

  private static final List<String> WORDS = List.of("ab", "abc", "b", "k", "s", "kas", "a b", "a.b",
      "_a", "1", "x_", "sk");

  @Provide
  Arbitrary<String> choices() {
    Arbitrary<String> body = body(2);
    return Combinators.combine(Arbitraries.of("", "(?i)"), Arbitraries.of("", "\\b"), body,
        Arbitraries.of("", "\\b")).as((f, a, b, z) -> f + a + b + z);
  }

  private static Arbitrary<String> body(int depth) {
    Arbitrary<String> leaf = Arbitraries.of(WORDS).map(LiteralChoiceProperties::quote);
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<String> inner = body(depth - 1);
    Arbitrary<String> node = Arbitraries.oneOf(leaf, leaf,
        inner.list().ofMinSize(2).ofMaxSize(3).map(l -> "(" + String.join("|", l) + ")"),
        inner.list().ofMinSize(2).ofMaxSize(3).map(l -> "(?:" + String.join("|", l) + ")"),
        Combinators.combine(inner, Arbitraries.of("?", "??")).as((p, q) -> "(?:" + p + ")" + q),
        Combinators.combine(leaf, Arbitraries.of("?", "??")).as((p, q) -> p.length() == 1 ? p + q : p));
    return node.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("", l));
  }

  private static String quote(String w) {
    return w.replace(".", "\\.");
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(WORDS),
        Arbitraries.of(WORDS).map(w -> w.toUpperCase(java.util.Locale.ROOT)),
        Arbitraries.of(" ", ".", "_", "1", "a", "b", "A", "B", "k", "K", "s", "S", "\u212a", "\u017f",
            "\u00e9", "\u0130", "\u0131", "x", "\ud83d\ude00", "\u200b"));
    return piece.list().ofMaxSize(16).map(l -> String.join("", l));
  }

  @Property(tries = 3000)
  void matchesAsRe2OnTheWholeText(@ForAll("choices") String pattern, @ForAll("texts") String text,
      @ForAll boolean caseFlag) {
    RegexClassifier.Builder b = RegexClassifier.builder("r", pattern);
    RegexClassifier c = (caseFlag ? b.caseInsensitive() : b).build();
    int flags = caseFlag ? Pattern.CASE_INSENSITIVE : 0;
    // Most bodies the generator writes are choices; the rest can match the empty string or expand to
    // more than LiteralChoice.MAX_STRINGS strings.
    Statistics.label("a literal choice").collect(c.matchesLiteralChoice());
    Statistics.label("a literal choice").coverage(
        check -> check.check(true).percentage(p -> p > 40));
    if (!c.matchesLiteralChoice()) {
      return;
    }
    List<int[]> expected = new ArrayList<>();
    Matcher m = Pattern.compile(pattern, flags).matcher(text);
    while (m.find()) {
      if (m.end() > m.start()) {
        expected.add(new int[] {m.start(), m.end()});
      }
    }
    Signal s = c.classify(Content.of(text));
    assertEquals(expected.size(), s.evidenceCount(), () -> pattern + " on '" + text + "'");
    List<Evidence> ev = s.evidence();
    for (int i = 0; i < ev.size(); i++) {
      int k = i;
      assertEquals(expected.get(i)[0], ev.get(i).start(), () -> pattern + " on '" + text + "' #" + k);
      assertEquals(expected.get(i)[1], ev.get(i).end(), () -> pattern + " on '" + text + "' #" + k);
    }
  }

  @Example
  void theStringsComeInRe2sOrderOfPreference() {
    LiteralChoice c = LiteralChoice.of(RegexSyntax.read("(?i)\\b(idiot|moron|loser)s?\\b"), 0);
    assertNotNull(c);
    assertEquals(List.of("idiots", "idiot", "morons", "moron", "losers", "loser"), c.strings());
    LiteralChoice lazy = LiteralChoice.of(RegexSyntax.read("ab(?:c)??"), 0);
    assertNotNull(lazy);
    assertEquals(List.of("ab", "abc"), lazy.strings());
    assertEquals(List.of("guaranteed returns", "guaranteed profits", "guaranteed profit",
        "double your money", "double your bitcoin", "double your crypto"), LiteralChoice.of(RegexSyntax.read(
            "(?i)\\b(guaranteed (returns|profits?)|double your (money|bitcoin|crypto))\\b"), 0).strings());
  }

  @Example
  void whatIsNoChoiceIsLeftToRe2() {
    for (String p : new String[] {"\\bidiots*\\b", "[ab]c", "a|b", "(?s)abc", "(?U)abs?", "a\\bb",
        "ab(?i:c)", "a.c", "\\d{3}", "caf\u00e9", "(?:ab)?", "x\\n"}) {
      assertNull(LiteralChoice.of(RegexSyntax.read(p), 0), p);
    }
    assertNull(LiteralChoice.of(RegexSyntax.read("abc"), Pattern.LONGEST_MATCH));
    assertFalse(RegexClassifier.builder("g", "(?P<threat>kill you)|(?P<scam>send money)")
        .categoriesFromGroups().build().matchesLiteralChoice(), "categories come from RE2's groups");
    assertFalse(RegexClassifier.builder("n", "free money").normalizer(Normalizer.standard()).build()
        .matchesLiteralChoice(), "over normalized text RE2/J runs");
    assertTrue(RegexClassifier.builder("i", "(?i)\\b(idiot|moron)s?\\b").build().matchesLiteralChoice());
  }
}
