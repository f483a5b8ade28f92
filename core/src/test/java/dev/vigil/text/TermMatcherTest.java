package dev.vigil.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TermMatcherTest {

  private static TermMatcher matcher(Normalizer n, String... terms) {
    TermMatcher.Builder b = TermMatcher.builder().normalizer(n);
    for (String t : terms) {
      b.add(t);
    }
    return b.build();
  }

  /** "term@start-end" for each hit, sorted. */
  private static String hits(TermMatcher m, String text) {
    return m.find(text).stream().map(h -> h.term().id() + "@" + h.start() + "-" + h.end()
        + "=" + text.substring(h.start(), h.end())).sorted().collect(Collectors.joining(" "));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "standard   | FUCK you                    | fuck@0-4=FUCK",
      "standard   | \uff46\uff55\uff43\uff4b    | fuck@0-4=\uff46\uff55\uff43\uff4b",
      "standard   | \ud835\udc1f\ud835\udc2e\ud835\udc1c\ud835\udc24 off | fuck@0-8=\ud835\udc1f\ud835\udc2e\ud835\udc1c\ud835\udc24",
      "standard   | \u24d5\u24e4\u24d2\u24da    | fuck@0-4=\u24d5\u24e4\u24d2\u24da",
      "standard   | f\u00fcck                   | fuck@0-4=f\u00fcck",
      "standard   | fu\u0301ck                  | fuck@0-5=fu\u0301ck",
      "standard   | fu\u200bck                  | fuck@0-5=fu\u200bck",
      "standard   | f\u00adu\u200dc\u2060k     | fuck@0-7=f\u00adu\u200dc\u2060k",
      "standard   | \u0455hit                   | shit@0-4=\u0455hit",
      "standard   | sh\u0456t                   | shit@0-4=sh\u0456t",
      "standard   | \u0455\u04bb\u0456\u0442   | shit@0-4=\u0455\u04bb\u0456\u0442",
      "standard   | f\u03c5ck                   | fuck@0-4=f\u03c5ck",
      "standard   | sh1t                        | ''",
      "aggressive | sh1t                        | shit@0-4=sh1t",
      "aggressive | $h!t                        | shit@0-4=$h!t",
      "aggressive | f.u.c.k                     | fuck@0-7=f.u.c.k",
      "aggressive | f u c k                     | fuck@0-7=f u c k",
      "aggressive | f - u - c - k               | fuck@0-13=f - u - c - k",
      "aggressive | fuuuuuck                    | fuck@0-8=fuuuuuck",
      "aggressive | SHIIIIT                     | shit@0-7=SHIIIIT",
      "aggressive | this hit                    | ''",
      "aggressive | as soon as                  | ''",
      "aggressive | hello!                      | ''",
  })
  void seesThroughEvasions(String preset, String text, String expected) {
    TermMatcher m = matcher(Normalizer.preset(preset), "fuck", "shit", "ass");
    assertEquals(expected, hits(m, text));
  }

  /**
   * The two-chain scan of long texts reports what the one-chain scan does, in the same order: hits on
   * both sides of the cut, words evaded with invisible chars and marks in either half, a surrogate pair.
   */
  @Test
  void dualScanReportsAsTheSingleScan() {
    String half = "ass, f\u200Buck. fu\u0301ck \uD83D\uDE00 ass; scunthorpe ass\u00AD hole fuck";
    String text = half + ". " + half + " " + half + "! " + half;
    List<List<String>> runs = new ArrayList<>();
    for (int dualFrom : new int[] {1, Integer.MAX_VALUE}) {
      for (int chunk : new int[] {3, 16, 4096}) {
        TermMatcher matcher = TermMatcher.builder().add("ass").add("fuck").add("asshole")
            .tuning(MatcherTuning.DEFAULT.scanChunk(chunk).dualScanFrom(dualFrom)).build();
        List<String> hits = new ArrayList<>();
        matcher.match(text, (t, s, e) -> hits.add(t + "@" + s + "-" + e));
        runs.add(hits);
      }
    }
    assertEquals(24, runs.get(5).size(), runs.get(5)::toString);
    for (List<String> run : runs) {
      assertEquals(runs.get(5), run);
    }
  }

  /**
   * The short texts' cut scan: the first half jumps ahead over a run of invisible chars, so it reaches
   * the char before the cut (whose step reports "cat") just as the second half meets its own report;
   * the first half must still take that char.
   */
  @Test
  void shortCutScanFinishesTheFirstHalf() {
    String text = "\u200b\u200b\u200b\u200bcat. ab ";
    for (int dualFrom : new int[] {1, Integer.MAX_VALUE}) {
      TermMatcher matcher = TermMatcher.builder().add("cat").add("ab")
          .tuning(MatcherTuning.DEFAULT.dualScanFrom(dualFrom)).build();
      List<String> hits = new ArrayList<>();
      matcher.match(text, (t, s, e) -> hits.add(text.substring(s, e) + "@" + s));
      assertEquals(List.of("cat@4", "ab@9"), hits, "dualScanFrom " + dualFrom);
    }
  }

  /**
   * The word index reports every pattern of a word: the same word in two lists (two terms at one trie
   * state), next to words with one pattern, a word with a special char and a word longer than keys hold.
   */
  @Test
  void wordIndexReportsEveryPatternOfAWord() {
    String text = "Spam, SCAM and phish\u200Bing, spam";
    List<List<String>> runs = new ArrayList<>();
    for (int index : new int[] {4, 0}) {
      TermMatcher matcher = TermMatcher.builder()
          .add(Term.of("spam"), 0)
          .add(Term.of("spam"), 1)
          .add(Term.of("scam"), 0)
          .add(Term.of("phishing"), 1)
          .tuning(MatcherTuning.DEFAULT.wordIndex(index).scanChunk(8)).build();
      List<String> hits = new ArrayList<>();
      matcher.match(text, (t, s, e) -> hits.add(t + ":" + text.substring(s, e)));
      runs.add(hits);
    }
    assertEquals(runs.get(1), runs.get(0), "with the index as without");
    assertEquals(List.of("0:Spam", "0:spam", "1:Spam", "1:spam", "2:SCAM", "3:phish\u200Bing"),
        runs.get(0).stream().sorted().collect(Collectors.toList()));
  }

  @Test
  void wholeWordAvoidsTheScunthorpeProblem() {
    TermMatcher m = matcher(Normalizer.standard(), "ass", "cunt", "tit");
    assertEquals("", hits(m, "Scunthorpe, assassin, class, title, Sussex"));
    assertEquals("ass@4-7=ass", hits(m, "you ass!"));
  }

  @Test
  void modesAndTheAllowList() {
    TermMatcher m = TermMatcher.builder()
        .add(new Term("cunt", "cunt", "abuse", 1, MatchMode.ANYWHERE))
        .add(new Term("scam", "scam", "scam", 1, MatchMode.PREFIX))
        .add(new Term("phobe", "phobe", "hate", 1, MatchMode.SUFFIX))
        .allow("scunthorpe")
        .build();
    assertEquals("cunt@11-15=cunt", hits(m, "Scunthorpe cunt"));
    assertEquals("scam@0-4=scam", hits(m, "scammers everywhere"));
    assertEquals("", hits(m, "antiscam"));
    assertEquals("phobe@4-9=phobe", hits(m, "xenophobe"));
    assertEquals("", hits(m, "phobes"));
  }

  @Test
  void overlappingHitsAreAllReported() {
    TermMatcher m = TermMatcher.builder().normalizer(Normalizer.standard())
        .add(new Term("he", "he", "c", 1, MatchMode.ANYWHERE))
        .add(new Term("she", "she", "c", 1, MatchMode.ANYWHERE))
        .add(new Term("hers", "hers", "c", 1, MatchMode.ANYWHERE))
        .add(new Term("his", "his", "c", 1, MatchMode.ANYWHERE))
        .build();
    assertEquals("he@1-3=he he@3-5=he hers@3-7=hers she@0-3=she", hits(m, "shehers"));
  }

  @Test
  void phrasesAndSymbolTerms() {
    TermMatcher m = matcher(Normalizer.standard(), "kill yourself", "s&m", "\ud83d\udd2a");
    assertEquals("kill yourself@3-16=kill yourself", hits(m, "go kill yourself"));
    assertEquals("s&m@0-3=s&m", hits(m, "s&m club"));
    assertEquals("\ud83d\udd2a@7-9=\ud83d\udd2a", hits(m, "knife: \ud83d\udd2a!"));
  }

  @Test
  void scriptsWithoutSpacesMatchInsideRuns() {
    TermMatcher m = matcher(Normalizer.standard(), "\u50bb\u74dc", "sex");
    assertEquals("\u50bb\u74dc@2-4=\u50bb\u74dc", hits(m, "\u4f60\u662f\u50bb\u74dc\u5417"));
    assertEquals("sex@3-6=sex", hits(m, "\u6211\u559c\u6b22sex\u5417"));
  }

  @Test
  void duplicatesAreMergedAndEmptyTermsRefusedByName() {
    TermMatcher m = matcher(Normalizer.standard(), "Fuck", "fuck", "FUCK");
    assertEquals(1, m.size());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> matcher(Normalizer.standard(), "ok", "\u200b\u200b"));
    assertTrue(e.getMessage().contains("normalizes to nothing under the standard normalizer"),
        e.getMessage());
  }

  @Test
  void callbackReportsTermIndexAndOffsets() {
    TermMatcher m = matcher(Normalizer.standard(), "alpha", "beta");
    List<String> got = new ArrayList<>();
    m.match("BETA and Alpha", (t, s, e) -> got.add(t + ":" + s + "-" + e));
    assertEquals(List.of("1:0-4", "0:9-14"), got);
  }

  @Test
  void reentrantUseFromAHandlerIsSafe() {
    TermMatcher m = matcher(Normalizer.standard(), "a", "b");
    List<String> got = new ArrayList<>();
    m.match("a b", (t, s, e) -> m.match("b", (t2, s2, e2) -> got.add(t + "/" + t2)));
    assertEquals(List.of("0/1", "1/1"), got);
  }

  @Test
  void listsOfSingleWholeWordsRunAnchoredAtWordStarts() {
    assertTrue(matcher(Normalizer.standard(), "alpha", "beta").toString().contains("anchored"));
    assertTrue(!matcher(Normalizer.standard(), "alpha", "beta gamma").toString()
        .contains("anchored"));
    assertTrue(!matcher(Normalizer.aggressive(), "alpha").toString().contains("anchored"));
    TermMatcher m = matcher(Normalizer.standard(), "cat", "at", "catalog");
    assertEquals("at@4-6=at cat@0-3=cat catalog@7-14=catalog", hits(m, "cat at catalog scat"));
  }
}
