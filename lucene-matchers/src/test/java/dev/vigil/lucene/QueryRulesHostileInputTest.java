package dev.vigil.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.Content;
import dev.vigil.Evidence;
import dev.vigil.Outcome;
import dev.vigil.SharedData;
import dev.vigil.Signal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Naughty strings and pathological texts through query rules under every analyzer. */
class QueryRulesHostileInputTest {

  private static List<String> strings() throws IOException {
    List<String> out = new ArrayList<>(List.of("", " ", "\u0000", "\ud800", "\udfff", "a\ud800b",
        "\ufeffbom", "\u202eevil\u202c", "\u200b\u200b", "a" + "\u0301".repeat(500),
        "\ud83d\ude00".repeat(200), "kill\u200byourself", "\u4e2d\u6587\u8a50\u6b3a", "x".repeat(10_000),
        "\"kill yourself\"~3 AND (", "*:*", "\\", "title:free"));
    Path blns = SharedData.root().resolve("blns/blns.txt");
    if (Files.exists(blns)) {
      for (String line : Files.readAllLines(blns, StandardCharsets.UTF_8)) {
        if (!line.startsWith("#")) {
          out.add(line);
        }
      }
    } else {
      System.out.println("blns/blns.txt absent: only Vigil's own naughty strings are used");
    }
    return out;
  }

  @Test
  void naughtyStringsUnderEveryAnalyzer() throws IOException {
    List<String> texts = strings();
    for (String analyzer : RuleAnalyzers.NAMES) {
      try (QueryRules rules = QueryRules.builder(analyzer)
          .add(new QueryRule("kys", "threat", 1, "\"kill yourself\"~2"))
          .add(new QueryRule("fuzzy", "abuse", 0.5, "idiot~1"))
          .add(new QueryRule("wild", "scam", 0.5, "scam*"))
          .add(new QueryRule("title", "spam", 0.5, "title:free"))
          .add(new QueryRule("cjk", "scam", 0.5, "\u8a50\u6b3a")).build()) {
        QueryRuleClassifier c = QueryRuleClassifier.of("q", rules);
        for (String s : texts) {
          Content content = Content.builder().field("title", s).body("x " + s + " y").build();
          Signal signal = c.classify(content);
          assertNotEquals(Outcome.FAILED, signal.outcome(), () -> analyzer + ": " + s);
          assertTrue(signal.notes().isEmpty(), () -> analyzer + ": " + signal.notes());
          for (Evidence e : signal.evidence()) {
            String original = content.field(e.field());
            assertEquals(original.substring(e.start(), e.end()), e.text());
            assertTrue(!Evidence.splitsSurrogatePair(original, e.start())
                && !Evidence.splitsSurrogatePair(original, e.end()));
          }
        }
      }
    }
  }

  @Test
  void pathologicalTextsFinish() {
    List<String> texts = List.of("\u200b".repeat(1_000_000), "a" + "\u0301".repeat(1_000_000),
        "\ud800".repeat(200_000), "kill ".repeat(200_000), "x".repeat(1_000_000));
    for (String analyzer : List.of("english", "normalized", "icu")) {
      try (QueryRules rules = QueryRules.builder(analyzer)
          .add(new QueryRule("kys", "threat", 1, "\"kill yourself\"~2"))
          .add(new QueryRule("kk", "threat", 1, "\"kill kill\""))
          .add(new QueryRule("fuzzy", "abuse", 0.5, "idiot~1")).build()) {
        QueryRuleClassifier c = QueryRuleClassifier.of("q", rules);
        for (String t : texts) {
          Signal s = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> c.classify(Content.of(t)));
          assertNotEquals(Outcome.FAILED, s.outcome());
          assertTrue(s.evidence().size() <= Signal.MAX_EVIDENCE);
        }
      }
    }
  }
}
