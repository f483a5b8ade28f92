package dev.vigil.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VigilCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The result of one run: exit code, stdout lines, stderr. */
  private record Run(int code, List<String> lines, String err) {}

  private static Run run(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    InputStream in = new ByteArrayInputStream(stdin);
    int code = VigilCli.run(args, in, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    List<String> lines = text.isEmpty() ? List.of() : List.of(text.split("\n"));
    return new Run(code, lines, err.toString(StandardCharsets.UTF_8));
  }

  private static Run run(String stdin, String... args) {
    return run(stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  /** Checks one output line against the documented contract. */
  private static JsonNode validDecision(String line) throws Exception {
    JsonNode d = JSON.readTree(line);
    assertTrue(d.isObject(), line);
    assertTrue(d.has("id"), line);
    assertTrue(List.of("allow", "review", "remove").contains(d.get("action").asText()), line);
    assertTrue(d.get("severity").isInt());
    assertTrue(d.get("score").isNumber() && d.get("score").asDouble() >= 0.0);
    assertTrue(d.get("categories").isObject());
    assertTrue(List.of("sample", "sms-spam").contains(d.get("policy").get("name").asText()), line);
    assertFalse(d.get("policy").get("version").asText().isEmpty());
    assertTrue(d.get("reason").isTextual());
    assertTrue(d.get("rule").isTextual() || d.get("rule").isNull());
    for (String array : List.of("signals", "caps", "near_misses", "failures", "truncated")) {
      assertTrue(d.get(array).isArray(), array);
    }
    for (JsonNode s : d.get("signals")) {
      for (String f : List.of("name", "expression", "category", "outcome")) {
        assertTrue(s.get(f).isTextual(), f);
      }
      double score = s.get("score").asDouble();
      assertTrue(score >= 0.0 && score <= 1.0);
      assertTrue(s.get("shadow").isBoolean());
      assertTrue(s.get("evidence_count").asInt() >= s.get("evidence").size());
      for (JsonNode e : s.get("evidence")) {
        for (String f : List.of("field", "rule", "category", "text")) {
          assertTrue(e.get(f).isTextual(), f);
        }
        int start = e.get("start").asInt();
        int end = e.get("end").asInt();
        assertTrue(0 <= start && start < end);
        assertEquals(end - start, e.get("text").asText().length());
      }
    }
    return d;
  }

  @Test
  void scoringTheSamplePrintsOneValidDecisionPerItemWithEvidence() throws Exception {
    Run r = run("", "score");
    assertEquals(0, r.code(), r.err());
    assertEquals(17, r.lines().size());
    List<String> actions = new ArrayList<>();
    int evidence = 0;
    for (String line : r.lines()) {
      JsonNode d = validDecision(line);
      actions.add(d.get("id").asText() + "=" + d.get("action").asText());
      for (JsonNode s : d.get("signals")) {
        evidence += s.get("evidence").size();
      }
    }
    assertTrue(actions.contains("welcome=allow"), actions::toString);
    assertTrue(actions.contains("crypto-scam=remove"), actions::toString);
    assertTrue(actions.contains("insult=review"), actions::toString);
    assertTrue(actions.contains("threat=remove"), actions::toString);
    assertTrue(actions.contains("new-account-link=review"), actions::toString);
    assertTrue(actions.contains("homoglyph=review"), actions::toString);
    assertTrue(actions.contains("phishing-link=remove"), actions::toString);
    assertTrue(actions.contains("wallet-scam=remove"), actions::toString);
    assertTrue(actions.contains("defanged-link=remove"), actions::toString);
    assertTrue(actions.contains("phone-number=allow"), actions::toString);
    assertTrue(evidence > 10);
  }

  @Test
  void theSmsSpamPolicyUsesTheLinkAndContactSignals() throws Exception {
    String input = "WINNER!! You have won a 1000 cash prize. Call 09061701461 or txt WIN to 87121. T&Cs\n"
        + "See you at the station at 6, call me if late\n"
        + "Claim your reward at bit.ly/3xYz now, reply STOP to opt out\n";
    Run r = run(input, "score", "--policy", "sms-spam", "-");
    assertEquals(0, r.code(), r.err());
    assertEquals(3, r.lines().size());
    JsonNode spam = validDecision(r.lines().get(0));
    assertEquals("remove", spam.get("action").asText());
    assertEquals(1.0, signal(spam, "phone-number").get("score").asDouble());
    assertEquals("09061701461", signal(spam, "phone-number").get("evidence").get(0).get("text").asText());
    assertEquals("allow", validDecision(r.lines().get(1)).get("action").asText());
    JsonNode link = validDecision(r.lines().get(2));
    assertEquals("bit.ly/3xYz", signal(link, "url-shortener").get("evidence").get(0).get("text").asText());
    assertEquals("remove", link.get("action").asText());
  }

  @Test
  void matchWithQueryRulesPrintsHitsInTheTermForm(@TempDir Path dir) throws Exception {
    Path rules = dir.resolve("rules.tsv");
    Files.writeString(rules, "kys\tthreat\t1.0\t\"kill yourself\"\nins\tabuse\t0.6\tidiot~1\n");
    Run r = run("go kill yourself\nwhat an idoit\nk\u200bill y\u043eurself\n", "match", "--queries",
        rules.toString(), "--analyzer", "normalized", "--input-format", "text", "-");
    assertEquals(0, r.code(), r.err());
    assertEquals(3, r.lines().size(), r.lines()::toString);
    JsonNode first = JSON.readTree(r.lines().get(0));
    assertEquals("kys", first.get("rule").asText());
    assertEquals("threat", first.get("category").asText());
    assertEquals(3, first.get("start").asInt());
    assertEquals("kill yourself", first.get("text").asText());
    JsonNode evasive = JSON.readTree(r.lines().get(2));
    assertEquals("k\u200bill y\u043eurself", evasive.get("text").asText());
    Path bad = dir.resolve("bad.tsv");
    Files.writeString(bad, "x\tabuse\t1\t\"open\n");
    Run broken = run("", "match", "--queries", bad.toString());
    assertEquals(VigilCli.USAGE, broken.code());
    assertTrue(broken.err().contains("rule 'x'"), broken.err());
    assertEquals(VigilCli.USAGE, run("", "match", "--queries", rules.toString(), "--analyzer", "elvish")
        .code());
  }

  private static JsonNode signal(JsonNode decision, String name) {
    for (JsonNode s : decision.get("signals")) {
      if (s.get("name").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no signal " + name + " in " + decision);
  }

  @Test
  void evidenceOffsetsPointIntoTheOriginalText() throws Exception {
    String text = "\ud83d\ude00\ud83d\ude00 you idiot, see https://example.com";
    Run r = run(text + "\n", "score", "-");
    JsonNode d = validDecision(r.lines().get(0));
    assertEquals(1, d.get("id").asInt());
    for (JsonNode s : d.get("signals")) {
      for (JsonNode e : s.get("evidence")) {
        assertEquals(e.get("text").asText(),
            text.substring(e.get("start").asInt(), e.get("end").asInt()));
      }
    }
  }

  @Test
  void malformedLinesAreReportedByNumberAndTheRestIsScored() throws Exception {
    String input = String.join("\n",
        "{\"id\": \"a\", \"text\": \"hello\"}",
        "{\"id\": \"b\", \"text\": ",
        "[1, 2]",
        "{\"id\": \"c\"}",
        "{\"id\": \"d\", \"fields\": {\"title\": 5}}",
        "{\"id\": \"e\", \"text\": \"you idiot\"}",
        "{\"a\":".repeat(1000)) + "\n";
    Run r = run(input, "score", "--input-format", "jsonl", "-");
    assertEquals(1, r.code());
    assertEquals(2, r.lines().size());
    assertEquals("a", validDecision(r.lines().get(0)).get("id").asText());
    assertEquals("e", validDecision(r.lines().get(1)).get("id").asText());
    for (String expected : List.of("<stdin>:2: malformed JSON", "<stdin>:3: expected a JSON object",
        "<stdin>:4: missing \"text\" or \"fields\"", "<stdin>:5: field \"title\" must be a string",
        "<stdin>:7: malformed JSON")) {
      assertTrue(r.err().contains(expected), () -> expected + " not in " + r.err());
    }
    assertTrue(r.err().contains("5 problem(s) in the input; 2 item(s) scored"), r.err());
  }

  @Test
  void invalidUtf8BecomesReplacementCharactersAndIsNotAnError() throws Exception {
    byte[] bytes = {'o', 'k', ' ', (byte) 0xC3, (byte) 0x28, ' ', 'x', '\n'};
    Run r = run(bytes, "score", "-");
    assertEquals(0, r.code(), r.err());
    assertEquals(1, r.lines().size());
    validDecision(r.lines().get(0));
  }

  @Test
  void plainTextFilesAndJsonFieldsAreRead(@TempDir Path dir) throws Exception {
    Path text = dir.resolve("posts.txt");
    Files.writeString(text, "first post\n\nsecond post, you clown\n");
    Run r = run("", "score", text.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(2, r.lines().size());
    assertEquals(1, validDecision(r.lines().get(0)).get("id").asInt());
    JsonNode second = validDecision(r.lines().get(1));
    assertEquals(3, second.get("id").asInt());
    assertEquals("review", second.get("action").asText());

    Path jsonl = dir.resolve("items.jsonl");
    Files.writeString(jsonl, "{\"id\": 7, \"fields\": {\"title\": \"hi\", \"body\": \"dm me on"
        + " telegram\"}, \"locale\": \"en\", \"surface\": \"dm\"}\n");
    JsonNode d = validDecision(run("", "score", jsonl.toString()).lines().get(0));
    assertEquals(7, d.get("id").asInt());
    JsonNode evidence = null;
    for (JsonNode s : d.get("signals")) {
      if (s.get("name").asText().equals("off-platform-contact")) {
        evidence = s.get("evidence").get(0);
      }
    }
    assertEquals("body", evidence.get("field").asText());
    assertEquals("dm me", evidence.get("text").asText());
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertEquals(2, run("", "score", "--policy", "nope").code());
    assertEquals(2, run("", "score", "--format", "xml").code());
    assertEquals(2, run("", "frobnicate").code());
    assertEquals(2, run("", "score", "--policy").code());
    Run missing = run("", "score", "/no/such/file.txt");
    assertEquals(1, missing.code());
    assertTrue(missing.err().contains("/no/such/file.txt: no such file"), missing.err());
  }

  @Test
  void textFormatExplainsForPeople() {
    Run r = run("you idiot\n", "score", "--format", "text", "-");
    assertEquals(0, r.code());
    String all = String.join("\n", r.lines());
    assertTrue(all.contains("item 1: policy sample v"), all);
    assertTrue(all.contains("because: review when total >= 0.5 held"), all);
    assertTrue(all.contains("body[4, 9) \"idiot\" rule insults (abuse)"), all);
  }

  @Test
  void matchPrintsOneEvidenceObjectPerHit(@TempDir Path dir) throws Exception {
    Path terms = dir.resolve("terms.tsv");
    Files.writeString(terms, "# test list\nfuck\tabuse\nkill yourself\tthreat\t1\tkys\nass\tabuse\t0.5\n");
    Path allow = dir.resolve("allow.txt");
    Files.writeString(allow, "scunthorpe\n");
    String input = "F.U.C.K this\nyou a$$ from Scunthorpe\n\nfine words\n";
    Run r = run(input, "match", "--terms", terms.toString(), "--preset", "aggressive", "--allow",
        allow.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of(
        "{\"id\":1,\"field\":\"body\",\"rule\":\"fuck\",\"category\":\"abuse\",\"start\":0,"
            + "\"end\":7,\"text\":\"F.U.C.K\"}",
        "{\"id\":2,\"field\":\"body\",\"rule\":\"ass\",\"category\":\"abuse\",\"start\":4,"
            + "\"end\":7,\"text\":\"a$$\"}"), r.lines());
    Run json = run("{\"id\": \"m1\", \"fields\": {\"title\": \"hi\", \"body\": \"go kill  yourself\"}}\n",
        "match", "--terms", terms.toString(), "--input-format", "jsonl");
    JsonNode hit = JSON.readTree(json.lines().get(0));
    assertEquals("m1", hit.get("id").asText());
    assertEquals("kys", hit.get("rule").asText());
    assertEquals("kill  yourself", hit.get("text").asText());
    assertEquals(3, hit.get("start").asInt());
  }

  @Test
  void matchReportsBadTermListsByLine(@TempDir Path dir) throws Exception {
    Path terms = dir.resolve("terms.tsv");
    Files.writeString(terms, "ok\nbad\tc\t7\n");
    Run r = run("x\n", "match", "--terms", terms.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("line 2: weight must be in [0, 1] but was 7"), r.err());
    assertEquals(2, run("x\n", "match").code());
    assertEquals(2, run("x\n", "match", "--terms", terms.toString(), "--preset", "loose").code());
  }

  @Test
  void scoreWithTermsAddsTheListToThePolicy(@TempDir Path dir) throws Exception {
    Path terms = dir.resolve("threats.tsv");
    Files.writeString(terms, "kill yourself\tthreat\t1\tkys\n");
    Run r = run("go kill yourself\n", "score", "--terms", terms.toString(), "-");
    assertEquals(0, r.code(), r.err());
    JsonNode d = validDecision(r.lines().get(0));
    assertEquals("remove", d.get("action").asText());
    JsonNode signal = null;
    for (JsonNode s : d.get("signals")) {
      if (s.get("name").asText().equals("threats.tsv")) {
        signal = s;
      }
    }
    assertEquals("terms(threats.tsv)", signal.get("expression").asText());
    assertEquals("kys", signal.get("evidence").get(0).get("rule").asText());
  }

  @Test
  void naughtyStringsInTextAndJsonLinesGiveValidOutput() throws Exception {
    List<String> strings = new ArrayList<>(List.of("\u0000", "\ud800", "a\u202eb", "\ufeffx",
        "\u0301".repeat(300), "\ud83d\ude00\u200d", "{\"id\": ", "\\", "\"", "x".repeat(100_000)));
    Path blns = Path.of("..", "..", "shared", "data", "blns", "blns.txt");
    if (Files.exists(blns)) {
      for (String line : Files.readAllLines(blns, StandardCharsets.UTF_8)) {
        if (!line.startsWith("#") && !line.isBlank()) {
          strings.add(line);
        }
      }
    }
    StringBuilder jsonl = new StringBuilder();
    int id = 0;
    for (String s : strings) {
      jsonl.append(JSON.writeValueAsString(java.util.Map.of("id", id++, "text", s))).append('\n');
    }
    Run json = run(jsonl.toString(), "score", "--input-format", "jsonl", "-");
    assertEquals(0, json.code(), json.err());
    assertEquals(strings.size(), json.lines().size());
    for (String line : json.lines()) {
      validDecision(line);
    }
    // As plain text a line with a line separator inside becomes two items; every output is valid.
    Run text = run(String.join("\n", strings) + "\n", "score", "--input-format", "text", "-");
    assertEquals(0, text.code(), text.err());
    for (String line : text.lines()) {
      validDecision(line);
    }
  }

  @Test
  void aTenMegabyteLineIsScoredWithTruncationRecorded() throws Exception {
    String line = "spam ".repeat(2_000_000);
    Run r = run(line + "\n", "score", "-");
    assertEquals(0, r.code(), r.err());
    JsonNode d = validDecision(r.lines().get(0));
    assertEquals(10_000_000, d.get("truncated").get(0).get("length").asInt());
    assertEquals(100_000, d.get("truncated").get(0).get("scanned").asInt());
  }

  @Test
  void naughtyStringsThroughMatchGiveValidHits(@TempDir Path dir) throws Exception {
    Path terms = dir.resolve("terms.tsv");
    Files.writeString(terms, "fuck\tabuse\nass\tabuse\nnull\ttest\t1\tnull-word\tanywhere\n");
    List<String> strings = new ArrayList<>(List.of("\u0000", "\ud800ass", "f\u200bu\u200bc\u200bk",
        "a$$ \u202eass", "NULL nil null", "\u0301".repeat(300) + "ass"));
    Path blns = Path.of("..", "..", "shared", "data", "blns", "blns.txt");
    if (Files.exists(blns)) {
      for (String line : Files.readAllLines(blns, StandardCharsets.UTF_8)) {
        if (!line.startsWith("#") && !line.isBlank()) {
          strings.add(line);
        }
      }
    }
    for (String preset : List.of("none", "standard", "aggressive")) {
      Run r = run(String.join("\n", strings) + "\n", "match", "--terms", terms.toString(),
          "--preset", preset, "--input-format", "text", "-");
      assertEquals(0, r.code(), r.err());
      assertFalse(r.lines().isEmpty(), preset);
      for (String line : r.lines()) {
        JsonNode hit = JSON.readTree(line);
        int start = hit.get("start").asInt();
        int end = hit.get("end").asInt();
        assertTrue(0 <= start && start < end, line);
        assertEquals(end - start, hit.get("text").asText().length(), line);
      }
    }
  }
}
