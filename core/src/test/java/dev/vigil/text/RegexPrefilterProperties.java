package dev.vigil.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.vigil.Content;
import dev.vigil.Evidence;
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
      "double your", "caf\u00e9", "\u00df", "key");

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
            "b", "c", "\u017f", "K", "\u212a", "\u017fcam", "\u017fCAM", "bitcoin"),
        Arbitraries.strings().alpha().ofMaxLength(3));
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
    Matcher all = Pattern.compile(full).matcher(text);
    while (all.find()) {
      int span = all.end() - all.start();
      assertTrue(analysis.maxLength() < 0 || span <= analysis.maxLength(),
          () -> full + " matched " + span + " chars of '" + text + "', over its bound "
              + analysis.maxLength());
    }
    Matcher m = Pattern.compile(full).matcher(text);
    if (m.find() && analysis.requiresDigit()) {
      assertTrue(text.chars().anyMatch(c -> c >= '0' && c <= '9'),
          () -> full + " matched '" + text + "' without a digit");
    }
    assertDigitRunsHold(full, text, analysis);
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

  /** Every match holds as many ASCII digits in a row as the analysis claims. */
  private static void assertDigitRunsHold(String pattern, String text, RegexLiterals.Literals analysis) {
    Matcher all = Pattern.compile(pattern).matcher(text);
    while (all.find()) {
      String match = text.substring(all.start(), all.end());
      int longest = 0;
      int run = 0;
      for (int k = 0; k < match.length(); k++) {
        run = match.charAt(k) >= '0' && match.charAt(k) <= '9' ? run + 1 : 0;
        longest = Math.max(longest, run);
      }
      int holds = longest;
      assertTrue(holds >= analysis.digitRun(), () -> pattern + " matched '" + match + "' with "
          + holds + " digits in a row, under the claimed " + analysis.digitRun());
    }
  }

  /** Longer texts, with pairs and filler, where the windows around the finds are only parts. */
  @Provide
  Arbitrary<String> longTexts() {
    Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(WORDS),
        Arbitraries.of(WORDS).map(w -> w.toUpperCase(Locale.ROOT)), Arbitraries.of(" ", ".", "1",
            "7", "42", "a", "\u017f", "\u212a", "\ud83d\ude00", "\ud835\udc1a", "\n", "\u017fcam",
            "\u212aey"),
        Arbitraries.of("lorem ipsum dolor ", "sit amet ", "          "));
    return piece.list().ofMinSize(10).ofMaxSize(80).map(l -> String.join("", l));
  }

  @Property(tries = 2000)
  void windowsGiveTheMatchesOfTheWholeText(@ForAll("patterns") String pattern,
      @ForAll("longTexts") String text, @ForAll boolean caseInsensitive) {
    theClassifierReportsTheMatchesOfTheBarePattern(pattern, text, caseInsensitive);
  }

  /** Patterns whose only requirement is a digit, with letters before it: phone and code shapes. */
  @Provide
  Arbitrary<String> digitPatterns() {
    Arbitrary<String> before = Arbitraries.of("", "[a-z]", "[a-z]{2}", "[a-z]{3,5}", "\\b[a-z]{1,4}",
        "(?:ab|x)", "\\w{2}");
    Arbitrary<String> digits = Arbitraries.of("\\d", "\\d{2}", "[0-9]{1,3}", "\\d{3}[ .-]\\d{2,4}",
        "\\d{4}", "[0-9]{2}\\d", "(?:\\d\\d){2}", "\\d{2}(?:[0-9]|x)", "1\\d{2}", "(?:12|345)\\d",
        "\\d?\\d{3}", "(?:\\d{2}|\\d{3})[ -]?\\d{3}");
    Arbitrary<String> after = Arbitraries.of("", "\\b", "[a-z]{0,3}", "x?");
    return net.jqwik.api.Combinators.combine(before, digits, after).as((b, d, a) -> b + d + a);
  }

  @Provide
  Arbitrary<String> digitTexts() {
    Arbitrary<String> piece = Arbitraries.of(" ", "  ", "abc", "x", "zz", "7", "42", "555 0123", ".",
        "1234", "12345", "123", "0",
        "-", "lorem ipsum ", "\ud83d\ude00", "ab12", "q9",
        // Chars outside Latin-1 whose low byte is a digit's (the scan reads low bytes first), digits of
        // other scripts (not \\d in RE2), and long stretches that carry runs across the scan's chunks.
        "\u0130", "\u0f37", "\u2035", "\u0669", "\uff11", "b".repeat(250), " ".repeat(509));
    return piece.list().ofMinSize(5).ofMaxSize(60).map(l -> String.join("", l));
  }

  @Property(tries = 2000)
  void digitWindowsGiveTheMatchesOfTheWholeText(@ForAll("digitPatterns") String pattern,
      @ForAll("digitTexts") String text) {
    RegexLiterals.Literals analysis = RegexLiterals.analyze(pattern, false);
    assertTrue(analysis != null && analysis.requiresDigit() && analysis.maxLength() >= 0,
        () -> pattern + ": " + analysis);
    assertDigitRunsHold(pattern, text, analysis);
    theClassifierReportsTheMatchesOfTheBarePattern(pattern, text, false);
  }

  @Example
  void digitRunsAcrossTheScansChunksAndWords() {
    // Runs ending exactly at a chunk's end (1,024 chars), starting in one chunk and ending in the next,
    // and at the text's end; and a letter whose low byte is '5' inside a run.
    for (int at = 1010; at <= 1030; at++) {
      for (String tail : new String[] {"555 0123", "555.0123 x", "5550123", "55\u01355 0123"}) {
        String text = "q".repeat(at) + tail;
        theClassifierReportsTheMatchesOfTheBarePattern("\\b\\d{3}[ .-]\\d{4}\\b", text, false);
        theClassifierReportsTheMatchesOfTheBarePattern("\\d{4}", text, false);
      }
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
      // Not the matches RE2/J reports inside a surrogate pair after an empty match (see the class).
      if (m.end() > m.start() && !splitsPair(text, m.start()) && !splitsPair(text, m.end())) {
        expected.add(m.start() + "-" + m.end());
      }
    }
    List<String> actual = new ArrayList<>();
    dev.vigil.Signal signal = c.classify(Content.of(text));
    for (Evidence e : signal.evidence()) {
      actual.add(e.start() + "-" + e.end());
    }
    // The evidence list is capped; the count is not.
    assertEquals(expected.subList(0, Math.min(expected.size(), dev.vigil.Signal.MAX_EVIDENCE)),
        actual, full);
    assertEquals(expected.size(), signal.evidenceCount(), full);
  }

  private static boolean splitsPair(String text, int i) {
    return i > 0 && i < text.length() && Character.isHighSurrogate(text.charAt(i - 1))
        && Character.isLowSurrogate(text.charAt(i));
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
        required("(?i)\\b(guaranteed (returns|profits?)|double your (money|bitcoin|crypto))\\b",
            false));
    assertEquals(List.of("idiot", "moron", "loser"),
        required("(?i)\\b(idiot|moron|loser)s?\\b", false));
    assertEquals(List.of("https://", "http://"), required("http[s]?://\\S+", false));
    assertNull(required("\\b\\d{3}[ .-]\\d{4}\\b", false)); // no literal
    assertTrue(RegexLiterals.analyze("\\b\\d{3}[ .-]\\d{4}\\b", false).requiresDigit()); // but digits
    assertTrue(RegexLiterals.analyze("[0-9]+|x\\d", false).requiresDigit());
    assertNull(RegexLiterals.analyze("\\d*x", false)); // may match without a digit
    assertNull(required("(a+)+$", false)); // one char is not worth it
    assertNull(required("caf\u00e9", true)); // non-ASCII under (?i): gives up
    assertNull(required("x(?i)abc", false)); // flags inside: gives up
    assertEquals(List.of("abc"), required("abc|abcd", false));
  }

  /**
   * A window starts one char before the earliest start of a match holding its find: when a match of the
   * longest length would start at the window's first char, \b there must still see the char before.
   */
  @Example
  void windowsKeepOneCharOfContextBeforeTheLongestMatch() {
    theClassifierReportsTheMatchesOfTheBarePattern("\\b[a-z]{1,4}\\d", "zzzzx7", false);
    theClassifierReportsTheMatchesOfTheBarePattern("\\b[a-z]{1,4}\\d", "zzzz 7 zzzz8", false);
    theClassifierReportsTheMatchesOfTheBarePattern("\\bscam\\b", "xscam scamx scam", true);
    theClassifierReportsTheMatchesOfTheBarePattern("\\d[a-z]{1,4}\\b", "7zzzzx 8zzzz", false);
  }

  @Example
  void digitsInARowOfTypicalPatterns() {
    assertEquals(4, RegexLiterals.analyze("\\b\\d{3}[ .-]\\d{4}\\b", false).digitRun());
    assertEquals(3, RegexLiterals.analyze("\\(?\\d{3}\\)?[ -]?\\d{3}", false).digitRun());
    assertEquals(6, RegexLiterals.analyze("\\d{2}\\d{4}", false).digitRun());
    assertEquals(6, RegexLiterals.analyze("(\\d{2}){3}", false).digitRun());
    assertEquals(2, RegexLiterals.analyze("(?:1|22)(?:3|44)", false).digitRun());
    // "a1b" holds one digit; an alternative that may be a letter breaks the run.
    assertEquals(1, RegexLiterals.analyze("a1(?:2|b)|12", false).digitRun());
    assertEquals(1, RegexLiterals.analyze("(?:\\d|x)\\d", false).digitRun());
    assertEquals(1, RegexLiterals.analyze("\\d+", false).digitRun());
  }

  @Example
  void boundsOnTheLengthOfAMatch() {
    // \b is empty; \d and [ .-] count two chars each (a class may match a surrogate pair).
    assertEquals(16, RegexLiterals.analyze("\\b\\d{3}[ .-]\\d{4}\\b", false).maxLength());
    assertEquals(19, RegexLiterals.analyze(
        "(?i)\\b(guaranteed (returns|profits?)|double your (money|bitcoin|crypto))\\b", false)
        .maxLength());
    assertEquals(-1, RegexLiterals.analyze("http[s]?://\\S+", false).maxLength());
    assertEquals(-1, RegexLiterals.analyze("abc\\d{2,}", false).maxLength());
    assertEquals(2 * 4 + 3, RegexLiterals.analyze("(?:ab[0-9]){1,2}xyz", false).maxLength());
  }

  /** The literals {@code RegexLiterals.analyze} finds, or null when none. */
  private static @org.jspecify.annotations.Nullable List<String> required(String pattern,
      boolean caseInsensitive) {
    RegexLiterals.Literals l = RegexLiterals.analyze(pattern, caseInsensitive);
    return l == null || l.strings().isEmpty() ? null : l.strings();
  }
}
