package dev.vigil.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.Classifier;
import dev.vigil.ClassifierContract;
import dev.vigil.Content;
import dev.vigil.Evidence;
import dev.vigil.Outcome;
import dev.vigil.Signal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegexClassifierTest implements ClassifierContract {

  private final RegexClassifier url = RegexClassifier.builder("url", "(?i)https?://[^\\s]+")
      .category("spam").score(0.8).build();

  @Override
  public Classifier classifier() {
    return url;
  }

  @Override
  public List<String> samples() {
    return List.of("http://x.example/win", "HTTPS://\ud83d\ude00.example", "https://a");
  }

  @Test
  void reportsEveryMatchWithOffsetsIntoTheOriginal() {
    Content c = Content.builder().field("title", "see http://a.example")
        .body("\ud83d\ude00 https://b.example and http://c.example").build();
    Signal s = url.classify(c);
    assertEquals(0.8, s.score());
    assertEquals(List.of(
        new Evidence("title", 4, 20, "http://a.example", "url", "spam"),
        new Evidence("body", 3, 20, "https://b.example", "url", "spam"),
        new Evidence("body", 25, 41, "http://c.example", "url", "spam")), s.evidence());
  }

  @Test
  void noFieldsIsNotApplicableAndNoMatchIsNotMatched() {
    assertEquals(Outcome.NOT_APPLICABLE, url.classify(Content.builder().build()).outcome());
    assertEquals(Outcome.NOT_MATCHED, url.classify(Content.of("no links here")).outcome());
  }

  @Test
  void emptyMatchesAreIgnored() {
    RegexClassifier stars = RegexClassifier.builder("a-star", "a*").build();
    Signal s = stars.classify(Content.of("baaab"));
    assertEquals(1, s.evidenceCount());
    assertEquals("aaa", s.evidence().get(0).text());
  }

  @Test
  void catastrophicBacktrackingPatternRunsInLinearTime() {
    // (a+)+$ takes exponential time on backtracking engines for "aaa...a!"; RE2/J is linear.
    RegexClassifier evil = RegexClassifier.builder("evil", "(a+)+$").build();
    String bait = "a".repeat(100_000) + "!";
    Signal s = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> evil.classify(Content.of(bait)));
    assertEquals(Outcome.NOT_MATCHED, s.outcome());
  }

  @Test
  void patternsTooLargeToRunFastAreRejectedBeforeCompiling() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RegexClassifier.builder("huge", "(a{1000}){1000}").build());
    assertTrue(e.getMessage().startsWith("regex 'huge' is too large to run fast"), e.getMessage());
    // One more level would exhaust the heap inside RE2/J's compiler: the estimate must catch it first.
    assertThrows(IllegalArgumentException.class, () -> assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> RegexClassifier.builder("huger", "((a{1000}){1000}){1000}").build()));
    assertThrows(IllegalArgumentException.class,
        () -> RegexClassifier.builder("long", "a".repeat(RegexClassifier.MAX_PATTERN_LENGTH + 1))
            .build());
    RegexClassifier ok = RegexClassifier.builder("bounded", "[a-z]{1,1000}").build();
    assertTrue(ok.programSize() <= RegexClassifier.DEFAULT_MAX_PROGRAM_SIZE);
  }

  @Test
  void unsupportedSyntaxIsRejectedWithTheRuleId() {
    IllegalArgumentException backref = assertThrows(IllegalArgumentException.class,
        () -> RegexClassifier.builder("repeat-word", "(\\w+) \\1").build());
    assertTrue(backref.getMessage().startsWith("regex 'repeat-word' is invalid"),
        backref.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> RegexClassifier.builder("lookahead", "foo(?=bar)").build());
    assertThrows(IllegalArgumentException.class,
        () -> RegexClassifier.builder("r", "x").score(0));
  }

  @Test
  void caseInsensitiveOption() {
    RegexClassifier free = RegexClassifier.builder("free", "free money").caseInsensitive().build();
    assertEquals(Outcome.MATCHED, free.classify(Content.of("FREE Money!")).outcome());
  }
}
