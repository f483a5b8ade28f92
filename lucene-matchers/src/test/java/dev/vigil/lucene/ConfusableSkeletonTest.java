package dev.vigil.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.Content;
import dev.vigil.Evidence;
import dev.vigil.SharedData;
import dev.vigil.Signal;
import dev.vigil.text.Confusables;
import dev.vigil.text.Normalizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code skeleton} analyzer: UTS #39 confusable skeletons through ICU4J. */
class ConfusableSkeletonTest {
  private static final Analyzer SKELETON = RuleAnalyzers.skeleton();

  private static List<String> tokens(Analyzer analyzer, String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream("f", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"paypal", "PayPal", "PAYPAL", "p\u0430yp\u0430l", "paypa1", "pay\u200Bpal",
      "p\u00e1yp\u00e0l", "\u24df\u24d0\u24e8\u24df\u24d0\u24db", "\uff50\uff41\uff59\uff50\uff41\uff4c",
      "\u0440\u0430\u0443\u0440\u0430l", "PayPaI"})
  void lookAlikesOfAWordShareItsSkeleton(String evaded) {
    assertTrue(tokens(SKELETON, evaded).contains("paypal"), () -> evaded + ": " + tokens(SKELETON,
        evaded));
  }

  @Test
  void differentWordsKeepDifferentSkeletons() {
    assertNotEquals(tokens(SKELETON, "paypal"), tokens(SKELETON, "paypai"));
    assertNotEquals(tokens(SKELETON, "kill"), tokens(SKELETON, "kiss"));
    // "rn" and "m" are one skeleton: the price of seeing "rnoney" as "money".
    assertEquals(tokens(SKELETON, "money"), tokens(SKELETON, "rnoney"));
    // A capital I is an l to a skeleton: "IRON" is both "iron" and "lron", so a rule for either matches.
    assertEquals(List.of("iron"), tokens(SKELETON, "iron"));
    assertEquals(List.of("iron", "lron"), tokens(SKELETON, "IRON"));
  }

  @Test
  void aWordMixingScriptsStaysOneWord() {
    assertEquals(1, tokens(SKELETON, "p\u0430ypal").size());
    assertTrue(tokens(RuleAnalyzers.icu(), "p\u0430ypal").size() > 1,
        "the icu analyzer splits at the script change (why skeleton segments as UAX #29 does)");
  }

  @Test
  void rulesMatchLookAlikesWithOffsetsInTheOriginalText() {
    String text = "Verify your P\u0430yP\u0430I account at once: your p\u0430ypa1 login expired";
    try (QueryRules rules = QueryRules.builder("skeleton")
        .add(new QueryRule("brand", "scam", 0.9, "\"paypal login\" OR (verify AND paypal)")).build()) {
      Signal s = QueryRuleClassifier.of("q", rules).classify(Content.of(text));
      List<String> hits = s.evidence().stream().map(Evidence::text).collect(Collectors.toList());
      for (Evidence e : s.evidence()) {
        assertEquals(text.substring(e.start(), e.end()), e.text());
      }
      // (How a phrase reports: each term, then the phrase's span.)
      assertEquals(List.of("Verify", "P\u0430yP\u0430I", "p\u0430ypa1", "p\u0430ypa1 login"), hits);
    }
  }

  /**
   * Against Unicode's confusables.txt: the share of characters confusable with a Latin letter or digit
   * that the analyzer folds as it folds that letter, beside core's {@code aggressive} preset.
   */
  @Test
  void reportsCoverageOfConfusablesWithLatinLettersAndDigits() throws IOException {
    Path conf = SharedData.require("unicode-security-17.0.0/confusables.txt");
    Normalizer aggressive = Normalizer.aggressive();
    Map<String, int[]> byScript = new TreeMap<>();
    int skeleton = 0;
    int core = 0;
    int total = 0;
    for (Confusables.Pair pair : Confusables.toLatinLettersAndDigits(conf)) {
      String source = "x" + Character.toString(pair.source()) + "x";
      String target = "x" + Character.toString(pair.target()) + "x";
      // Folded as the letter when the two share a form: a rule for the letter matches it.
      List<String> forms = tokens(SKELETON, source);
      boolean bySkeleton = tokens(SKELETON, target).stream().anyMatch(forms::contains);
      boolean byCore = aggressive.normalize(source).equals(aggressive.normalize(
          "x" + Character.toString(Character.toLowerCase(pair.target())) + "x"));
      total++;
      skeleton += bySkeleton ? 1 : 0;
      core += byCore ? 1 : 0;
      int[] c = byScript.computeIfAbsent(Character.UnicodeScript.of(pair.source()).toString(),
          k -> new int[3]);
      c[0] += bySkeleton ? 1 : 0;
      c[1] += byCore ? 1 : 0;
      c[2]++;
    }
    StringBuilder report = new StringBuilder(String.format(
        "of %d characters confusable with a Latin letter or digit, the skeleton analyzer folds %d"
            + " (%.1f%%) as it folds that letter, core's aggressive preset %d (%.1f%%)%n"
            + "  %-22s %8s %8s %6s%n",
        total, skeleton, 100.0 * skeleton / total, core, 100.0 * core / total, "script", "skeleton",
        "core", "all"));
    byScript.forEach((script, c) -> report.append(String.format("  %-22s %8d %8d %6d%n", script, c[0],
        c[1], c[2])));
    SharedData.report("skeleton-coverage", report.toString());
    // ICU 74 carries Unicode 15.1's table: what it misses is mostly what Unicode added since.
    assertTrue(skeleton > 0.9 * total, report::toString);
    assertTrue(skeleton > core, report::toString);
  }
}
