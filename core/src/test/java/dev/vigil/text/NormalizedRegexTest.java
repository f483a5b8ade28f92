package dev.vigil.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.Content;
import dev.vigil.Evidence;
import dev.vigil.Signal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 21: regexes over normalized text see through the evasions term lists see through. */
class NormalizedRegexTest {

  private static RegexClassifier giftCards(Normalizer n) {
    return RegexClassifier.builder("gift-cards", "pay me with gift cards?").category("scam")
        .normalizer(n).build();
  }

  private static List<String> evidenceTexts(Signal s) {
    return s.evidence().stream().map(Evidence::text).toList();
  }

  @Test
  void aZeroWidthSpaceInsideTheWordsIsSeenThroughAndKeptInTheEvidence() {
    String text = "ok, pay me with gift\u200B cards today";
    assertFalse(giftCards(Normalizer.none()).classify(Content.of(text)).matched(),
        "without a normalizer the pattern sees the text as written");
    Signal s = giftCards(Normalizer.standard()).classify(Content.of(text));
    assertTrue(s.matched());
    Evidence e = s.evidence().get(0);
    assertEquals(4, e.start());
    assertEquals(text.indexOf(" today"), e.end());
    assertEquals("pay me with gift\u200B cards", e.text());
    assertEquals("scam", e.category());
  }

  @Test
  void aCyrillicLookAlikeAndUpperCaseAreTheLatinLetters() {
    // U+0456: Cyrillic small letter byelorussian-ukrainian i.
    Signal s = giftCards(Normalizer.standard()).classify(Content.of("PAY ME WITH G\u0456FT CARDS"));
    assertEquals(List.of("PAY ME WITH G\u0456FT CARDS"), evidenceTexts(s));
  }

  @Test
  void fullwidthLettersAndWideSpacesAreCompatibilityForms() {
    String text = "\uff50\uff41\uff59\u3000me with gift card";
    assertEquals(List.of(text), evidenceTexts(giftCards(Normalizer.standard()).classify(Content.of(text))));
  }

  @Test
  void spacedOutLettersJoinUnderAggressiveOnly() {
    RegexClassifier pay = RegexClassifier.builder("pay", "\\bpay (me|us)\\b")
        .normalizer(Normalizer.aggressive()).build();
    assertEquals(List.of("p a y me"), evidenceTexts(pay.classify(Content.of("just p a y me now"))));
    assertEquals(List.of("p.a.y us"), evidenceTexts(pay.classify(Content.of("p.a.y us"))));
    RegexClassifier standard = RegexClassifier.builder("pay", "\\bpay (me|us)\\b")
        .normalizer(Normalizer.standard()).build();
    assertFalse(standard.classify(Content.of("just p a y me now")).matched());
  }

  @Test
  void aRunOfLettersStaysARunSoPatternsSayPlus() {
    RegexClassifier free = RegexClassifier.builder("free", "\\bfre+\\b")
        .normalizer(Normalizer.aggressive()).build();
    assertEquals(List.of("FREEEE"), evidenceTexts(free.classify(Content.of("totally FREEEE!"))));
  }

  @Test
  void leetspeakDigitsNextToLettersAreLettersAndNumbersStayNumbers() {
    RegexClassifier r = RegexClassifier.builder("r", "gift card|\\d{3}-\\d{4}")
        .normalizer(Normalizer.aggressive()).build();
    assertEquals(List.of("g1ft c4rd", "555-0199"),
        evidenceTexts(r.classify(Content.of("g1ft c4rd: call 555-0199"))));
  }

  @Test
  void evidenceCoversWholeCharactersThatFoldIntoSeveral() {
    RegexClassifier r = RegexClassifier.builder("r", "strasse").normalizer(Normalizer.standard())
        .build();
    Signal s = r.classify(Content.of("Hauptstra\u00dfe 5"));
    assertEquals(List.of("stra\u00dfe"), evidenceTexts(s));
    RegexClassifier half = RegexClassifier.builder("r", "s$").normalizer(Normalizer.standard()).build();
    // The second s of the folded sharp s: the evidence is the whole sharp s.
    assertEquals(List.of("\u00df"), evidenceTexts(half.classify(Content.of("Stra\u00df"))));
  }

  @Test
  void thePrefilterStaysAndSkipsFieldsWithoutItsLiteralsInNormalizedForm() {
    RegexClassifier r = giftCards(Normalizer.standard());
    assertEquals(List.of("pay me with gift card"), r.prefilterLiterals());
    assertFalse(r.classify(Content.of("nothing to see")).matched());
    // The literal is found through the normalizer, so the evasion is not skipped.
    assertTrue(r.classify(Content.of("p\u0430y me with gift card")).matched());
  }

  @Test
  void anUpperCaseLiteralUnderCaseFoldingDropsThePrefilterAndNeverMatches() {
    RegexClassifier r = RegexClassifier.builder("r", "Gift").normalizer(Normalizer.standard()).build();
    assertEquals(List.of(), r.prefilterLiterals());
    assertFalse(r.classify(Content.of("Gift")).matched(), "the normalized text is lower case");
  }

  @Test
  void namedGroupsGiveTheirMatchesTheirCategory() {
    RegexClassifier r = RegexClassifier.builder("dm-rules",
            "(?P<scam>gift cards?)|(?P<threat>i will (hurt|find) you)|wire transfer")
        .category("scam").categoriesFromGroups().normalizer(Normalizer.standard()).build();
    Signal s = r.classify(Content.of("send gift cards or I will find you, by wire transfer"));
    assertEquals(List.of("scam", "threat", "scam"),
        s.evidence().stream().map(Evidence::category).toList());
    assertEquals(List.of("scam", "threat"), r.evidenceCategories());
    RegexClassifier plain = RegexClassifier.builder("dm-rules", "(?P<threat>kill you)")
        .category("scam").build();
    assertEquals("scam", plain.classify(Content.of("kill you")).evidence().get(0).category(),
        "without categoriesFromGroups a group is only a group");
  }

  @Test
  void theNormalizerIsReported() {
    assertEquals(Normalizer.none(), RegexClassifier.of("r", "c", "x").normalizer());
    assertEquals(Normalizer.standard(), giftCards(Normalizer.standard()).normalizer());
  }
}
