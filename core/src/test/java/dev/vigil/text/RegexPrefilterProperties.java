package dev.vigil.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.vigil.Content;
import dev.vigil.Evidence;
import dev.vigil.internal.RegexLiterals;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The regex prefilter never changes a result: whenever RE2/J finds a match, the text contains one of the
 * literals the analysis required, and the classifier with its prefilter reports exactly the matches of
 * the bare pattern.
 */
class RegexPrefilterProperties {

  private static final List<String> WORDS = List.of("scam", "win", "Bitcoin", "free", "ab", "x",
      "double your", "caf\u00e9", "\u00df");

  @Provide
  Arbitrary<String> patterns() {
    return pattern(3);
  }

  private static Arbitrary<String> pattern(int depth) {
    Arbitrary<String> leaf = Arbitraries.oneOf(Arbitraries.of(WORDS), Arbitraries.of("[abc]",
        "[a-z]", "[^x]", "[0-9]", "[0-3]", "1", "42", "\\d", ".", "\\b", "^", "$", "\\.", "\\s+",
        "[sS]", "\\w*"));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<String> inner = pattern(depth - 1);
    Arbitrary<String> node = Arbitraries.oneOf(leaf, leaf,
        inner.list().ofMinSize(2).ofMaxSize(3).map(l -> "(" + String.join("|", l) + ")"),
        inner.list().ofMinSize(1).ofMaxSize(3).map(l -> "(?:" + String.join("", l) + ")"),
        net.jqwik.api.Combinators.combine(inner,
                Arbitraries.of("?", "*", "+", "{1,3}", "{0,2}", "{2}", "+?"))
            .as((p, q) -> "(?:" + p + ")" + q));
    return node.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(WORDS),
        Arbitraries.of(WORDS).map(w -> w.toUpperCase(Locale.ROOT)), Arbitraries.of(" ", ".", "1", "7", "42", "a",
            "b", "c", "\u017f", "K", "\u212a"), Arbitraries.strings().alpha().ofMaxLength(3));
    return piece.list().ofMaxSize(12).map(l -> String.join("", l));
  }

  @Property(tries = 3000)
  void everyMatchContainsARequiredLiteral(@ForAll("patterns") String pattern,
      @ForAll("texts") String text, @ForAll boolean caseInsensitive) {
    String full = (caseInsensitive ? "(?i)" : "") + pattern;
    RegexLiterals.Literals analysis = RegexLiterals.analyze(full, false);
    if (analysis == null) {
      return;
    }
    Matcher m = Pattern.compile(full).matcher(text);
    if (m.find() && analysis.requiresDigit()) {
      assertTrue(text.chars().anyMatch(c -> c >= '0' && c <= '9'),
          () -> full + " matched '" + text + "' without a digit");
    }
    List<String> literals = analysis.strings().isEmpty() ? null : analysis.strings();
    if (literals == null) {
      return;
    }
    m = Pattern.compile(full).matcher(text);
    if (m.find()) {
      String haystack = caseInsensitive ? fold(text) : text;
      boolean contains = false;
      for (String l : literals) {
        contains |= haystack.contains(caseInsensitive ? fold(l) : l);
      }
      assertTrue(contains, () -> full + " matched '" + text + "' without any of " + literals);
    }
  }

  @Property(tries = 3000)
  void theClassifierReportsTheMatchesOfTheBarePattern(@ForAll("patterns") String pattern,
      @ForAll("texts") String text, @ForAll boolean caseInsensitive) {
    String full = (caseInsensitive ? "(?i)" : "") + pattern;
    RegexClassifier c = RegexClassifier.builder("p", full).build();
    List<String> expected = new ArrayList<>();
    Matcher m = Pattern.compile(full).matcher(text);
    while (m.find()) {
      if (m.end() > m.start()) {
        expected.add(m.start() + "-" + m.end());
      }
    }
    List<String> actual = new ArrayList<>();
    for (Evidence e : c.classify(Content.of(text)).evidence()) {
      actual.add(e.start() + "-" + e.end());
    }
    assertEquals(expected, actual, full);
  }

  /** The same folding the prefilter applies (full case folding), for the law above. */
  private static String fold(String s) {
    return Normalizer.builder().stages(Normalizer.Stage.CASE_FOLDING).build().normalize(s);
  }

  @Example
  void literalsOfTypicalPatterns() {
    // "guaranteed profits" contains "guaranteed profit": the shorter one suffices.
    assertEquals(List.of("guaranteed returns", "guaranteed profit", "double your money",
            "double your bitcoin", "double your crypto"),
        RegexLiterals.required("(?i)\\b(guaranteed (returns|profits?)|double your (money|bitcoin|crypto))\\b",
            false));
    assertEquals(List.of("idiot", "moron", "loser"),
        RegexLiterals.required("(?i)\\b(idiot|moron|loser)s?\\b", false));
    assertEquals(List.of("https://", "http://"), RegexLiterals.required("http[s]?://\\S+", false));
    assertNull(RegexLiterals.required("\\b\\d{3}[ .-]\\d{4}\\b", false)); // no literal
    assertTrue(RegexLiterals.analyze("\\b\\d{3}[ .-]\\d{4}\\b", false).requiresDigit()); // but digits
    assertTrue(RegexLiterals.analyze("[0-9]+|x\\d", false).requiresDigit());
    assertNull(RegexLiterals.analyze("\\d*x", false)); // may match without a digit
    assertNull(RegexLiterals.required("(a+)+$", false)); // one char is not worth it
    assertNull(RegexLiterals.required("caf\u00e9", true)); // non-ASCII under (?i): gives up
    assertNull(RegexLiterals.required("x(?i)abc", false)); // flags inside: gives up
    assertEquals(List.of("abc"), RegexLiterals.required("abc|abcd", false));
  }
}
