package dev.vigil;

import static dev.vigil.Condition.total;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.contact.Contacts;
import dev.vigil.links.DomainList;
import dev.vigil.links.Links;
import dev.vigil.text.MatchMode;
import dev.vigil.text.Normalizer;
import dev.vigil.text.RegexClassifier;
import dev.vigil.text.Term;
import dev.vigil.text.TermClassifier;
import dev.vigil.text.TermMatcher;
import dev.vigil.text.TextFeatures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Input written by attackers: naughty strings and pathological texts never break an evaluation. */
class HostileInputTest {

  /**
   * 100,000 generated six-letter words and a few real ones: large enough for the matcher's word index,
   * so that its scan (and its hand-over to the trie at special chars) meets the hostile texts too.
   */
  private static final TermMatcher DICTIONARY = dictionary();

  private static TermMatcher dictionary() {
    TermMatcher.Builder b = TermMatcher.builder().add("fuck").add("ass");
    long x = 1;
    for (int i = 0; i < 100_000; i++) {
      x = (x * 6364136223846793005L + 1442695040888963407L);
      char[] w = new char[6];
      long v = x >>> 16;
      for (int k = 0; k < w.length; k++) {
        w[k] = (char) ('a' + (int) Long.remainderUnsigned(v, 26));
        v = Long.divideUnsigned(v, 26);
      }
      b.add(new String(w));
    }
    TermMatcher m = b.build();
    assertTrue(m.toString().contains("words indexed"), m::toString);
    return m;
  }

  /** Every built-in classifier, composed, under every preset. */
  private static Policy everything(int maxScanChars) {
    Policy.Builder b = Policy.builder("hostile").maxScanChars(maxScanChars);
    for (Normalizer n : List.of(Normalizer.none(), Normalizer.standard(), Normalizer.aggressive())) {
      TermMatcher m = TermMatcher.builder().normalizer(n)
          .add("fuck").add("ass").add(new Term("kys", "kill yourself", "threat", 0.9, MatchMode.WORD))
          .add(new Term("cunt", "cunt", "abuse", 1.0, MatchMode.ANYWHERE)).add("\u50bb\u74dc")
          .allow("scunthorpe").build();
      b.signal(TermClassifier.of("terms-" + n, m), "abuse");
    }
    b.signal(TermClassifier.of("dictionary", DICTIONARY), "abuse");
    Classifier links = RegexClassifier.of("links", "spam", "(?i)https?://\\S+");
    b.signal(links, "spam")
        .signal(RegexClassifier.of("evil", "test", "(a+)+$"), "test")
        .signal(TextFeatures.shouting(), "spam")
        .signal(TextFeatures.repeatedCharacters(), "spam")
        .signal(TextFeatures.emojiDensity(), "spam")
        .signal(TextFeatures.mixedScripts(), "evasion")
        .signal(TextFeatures.invisibles(), "evasion")
        .signal(TextFeatures.digitShare(), "spam")
        .signal(Links.count(), "spam")
        .signal(Links.blocked(DomainList.of("evil.net", "a.com")), "spam")
        .signal(Links.shorteners(), "spam")
        .signal(Links.ipHosts(), "spam")
        .signal(Links.obfuscated(), "spam")
        .signal(Links.lookalikes(DomainList.of("paypal.com", "aaaa.com")), "scam")
        .signal(Contacts.phoneNumbers(), "spam")
        .signal(Contacts.emailAddresses(), "spam")
        .signal(Contacts.cryptoAddresses(), "scam")
        .signal(Contacts.paymentHandles(), "scam")
        .signal(Classifiers.atLeast(2, links, TextFeatures.shouting(), TextFeatures.invisibles())
            .named("combo"), "spam")
        .removeWhen(total().atLeast(3))
        .reviewWhen(total().atLeast(1));
    return b.build();
  }

  private static void assertValid(Decision d, Content content) {
    assertNotNull(d.action());
    assertTrue(d.total() >= 0 && !Double.isNaN(d.total()));
    for (Decision.SignalReport r : d.signals()) {
      assertFalse(r.outcome() == Outcome.FAILED, () -> r.name() + ": " + r.signal().failureMessage());
      for (Evidence e : r.signal().evidence()) {
        String original = content.field(e.field());
        assertEquals(original.substring(e.start(), e.end()), e.text());
        assertFalse(Evidence.splitsSurrogatePair(original, e.start()));
        assertFalse(Evidence.splitsSurrogatePair(original, e.end()));
      }
    }
  }

  /** Our own naughty strings: what breaks text code, beyond the shared list. */
  static List<String> ourNaughtyStrings() {
    return List.of("", " ", "\u0000", "\ud800", "\udfff", "a\ud800b", "\udfff\ud800", "\ufeffbom",
        "\u202eevil\u202c", "\u200b\u200b\u200b", "a" + "\u0301".repeat(500), "\u0301start",
        "f\u200bu\u200bc\u200bk", "\ud83d\ude00".repeat(200), "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67",
        "x".repeat(10_000), "!".repeat(5000), ". ".repeat(3000), "\r\n\r\n", "\t\u000b\u000c",
        "\u00df\u00df\u00df", "\ufb01\ufb02", "\u0130stanbul", "\u03a3\u03c2", "\ud835\udc1f\ud835\udc2e",
        "\u4e2d\u6587\u50bb\u74dc", "a\u0000ss", "scunthorpe\u0000cunt", "\uffff\ufffe\ufffd");
  }

  @Test
  void naughtyStringsPassThroughEveryClassifierAndTheNormalizers() throws IOException {
    List<String> strings = new ArrayList<>(ourNaughtyStrings());
    java.nio.file.Path blns = SharedData.root().resolve("blns/blns.txt");
    if (Files.exists(blns)) {
      for (String line : Files.readAllLines(blns, StandardCharsets.UTF_8)) {
        if (!line.startsWith("#")) {
          strings.add(line);
        }
      }
    } else {
      System.out.println("blns/blns.txt absent: only Vigil's own naughty strings are used");
    }
    Policy policy = everything(Policy.DEFAULT_MAX_SCAN_CHARS);
    for (String s : strings) {
      Content c = Content.builder().field("title", s).body("x " + s + " y").build();
      assertValid(policy.evaluate(c), c);
      for (Normalizer n : List.of(Normalizer.none(), Normalizer.standard(), Normalizer.aggressive())) {
        assertNotNull(n.normalize(s));
        for (Normalizer.Unit u : n.units(s)) {
          assertTrue(0 <= u.start() && u.start() <= u.end() && u.end() <= s.length());
        }
      }
    }
    assertTrue(strings.size() > 25);
  }

  /** Pathological texts, with the default scan limit (truncated) and above their size. */
  @Test
  void pathologicalTextsFinishInBoundedTime() {
    List<String> texts = List.of(
        "\u200b".repeat(1_000_000),
        "a" + "\u0301".repeat(1_000_000),
        "\ud800".repeat(1_000_000),
        "\udc00a".repeat(500_000),
        "x".repeat(10_000_000),
        "a ".repeat(1_000_000),
        "\ud83d\ude00".repeat(500_000),
        // Bait for the link and contact scanners: endless host chains, numbers, at-signs, schemes.
        "a.".repeat(1_000_000),
        "a[.]".repeat(500_000),
        "a dot ".repeat(400_000),
        "1 ".repeat(1_000_000),
        "1-".repeat(1_000_000),
        "a@".repeat(1_000_000),
        "a@b.".repeat(500_000),
        "x at ".repeat(400_000),
        "http://".repeat(300_000),
        "http://a".repeat(300_000),
        "$a ".repeat(700_000),
        "venmo @".repeat(300_000),
        "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa ".repeat(60_000),
        "0x" + "a".repeat(2_000_000));
    for (int limit : new int[] {Policy.DEFAULT_MAX_SCAN_CHARS, 20_000_000}) {
      Policy policy = everything(limit);
      for (String t : texts) {
        Content c = Content.of(t);
        Decision d = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> policy.evaluate(c));
        assertValid(d, c);
        assertEquals(t.length() > limit ? 1 : 0, d.truncations().size());
      }
    }
  }

  @Test
  void oneHundredMegabytesOfOneSeparator() {
    String separator = ".".repeat(100_000_000);
    Policy policy = everything(200_000_000);
    Decision d = assertTimeoutPreemptively(Duration.ofSeconds(120),
        () -> policy.evaluate(separator));
    assertEquals(List.of(), d.truncations());
    assertTrue(d.signal("repeated-characters").signal().matched()); // rightly: a run of 100M dots
    Decision cut = everything(Policy.DEFAULT_MAX_SCAN_CHARS).evaluate(separator);
    assertEquals(1, cut.truncations().size());
  }
}
