package dev.vigil.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.SharedData;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy-file commands as an analyst uses them: {@code --policy FILE} in score, match and eval;
 * lint, test, diff, schema; and {@code score --watch} picking up an edit while it reads standard input.
 */
class PolicyCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private record Run(int code, String out, String err) {
    List<String> lines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
  }

  private static Run run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = VigilCli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Path copyExample(String name) throws Exception {
    for (String f : List.of(name + ".yaml", "sms-spam-terms.txt", "abuse-terms.txt")) {
      Files.copy(Path.of("policies", f), dir.resolve(f));
    }
    return dir.resolve(name + ".yaml");
  }

  @Test
  void scoreWithAPolicyFileNamesItsVersionAndHash() throws Exception {
    Path file = copyExample("sms-spam");
    Run r = run("you have won a prize, txt WIN to 81010\n", "score", "--policy", file.toString(), "-");
    assertEquals(0, r.code(), r.err());
    JsonNode d = JSON.readTree(r.lines().get(0));
    assertEquals("sms-spam", d.get("policy").get("name").asText());
    assertEquals(64, d.get("policy").get("hash").asText().length());
    assertEquals("remove", d.get("action").asText());
    Run bundled = run("you have won a prize, txt WIN to 81010\n", "score", "--policy", "sms-spam", "-");
    assertEquals(d.get("policy").get("hash"), JSON.readTree(bundled.lines().get(0)).get("policy").get("hash"));
  }

  @Test
  void aBrokenPolicyFileIsReportedWithPositionsAndScoresNothing() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "policy: b\ncategories: {spam: }\nsignals:\n  l: {kind: links.cont, category: spam}\n");
    Run r = run("hello\n", "score", "--policy", file.toString(), "-");
    assertEquals(VigilCli.USAGE, r.code());
    assertEquals("", r.out());
    assertTrue(r.err().contains(file + ":4:13: error: unknown kind 'links.cont'"), r.err());
    Run missing = run("", "score", "--policy", dir.resolve("nope.yaml").toString());
    assertEquals(VigilCli.USAGE, missing.code());
    assertTrue(missing.err().contains("no policy named"), missing.err());
  }

  @Test
  void lintPrintsErrorsAndWarningsAsCompilersDo() throws Exception {
    Path ok = copyExample("sample");
    Run clean = run("", "lint", ok.toString());
    assertEquals(0, clean.code(), clean.out());
    assertTrue(clean.out().contains("0 errors, 0 warning(s); 21 signals, 4 rules, 11 inline tests"), clean.out());
    Path warn = dir.resolve("warn.yaml");
    Files.writeString(warn, "policy: w\ncategories: {spam: }\nsignals:\n"
        + "  links: {kind: links.count, category: spam}\n"
        + "rules: ['review when total >= 0.5', 'remove when total >= 1']\n");
    Run warned = run("", "lint", warn.toString());
    assertEquals(0, warned.code());
    assertTrue(warned.out().contains(warn + ":5:37: warning: rule 'remove when total >= 1.0' can never"
        + " choose"), warned.out());
    assertEquals(VigilCli.BAD_INPUT, run("", "lint", "--strict", warn.toString()).code());
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "policy: b\ncategories: {spam: }\nsignals:\n  l: {kind: links.count, category: spma}\n");
    Run broken = run("", "lint", bad.toString());
    assertEquals(VigilCli.BAD_INPUT, broken.code());
    assertTrue(broken.out().contains(bad + ":4:36: error: signal 'l' is in category 'spma'"), broken.out());
    assertEquals(VigilCli.USAGE, run("", "lint").code());
  }

  @Test
  void testRunsInlineTestsAndExplainsFailures() throws Exception {
    Path file = copyExample("abuse");
    Run ok = run("", "test", file.toString());
    assertEquals(0, ok.code(), ok.out());
    assertTrue(ok.out().endsWith("6 test(s), 0 failed\n"), ok.out());
    Files.writeString(file, Files.readString(file).replace("  - name: Scunthorpe is a town\n"
        + "    text: the train to Scunthorpe leaves from platform 2\n    expect: allow",
        "  - name: Scunthorpe is a town\n    text: the train to Scunthorpe leaves from platform 2\n"
            + "    expect: remove"));
    Run failed = run("", "test", file.toString());
    assertEquals(VigilCli.BAD_INPUT, failed.code());
    assertTrue(failed.out().contains("not ok 5 - Scunthorpe is a town (" + file + ":"), failed.out());
    assertTrue(failed.out().contains("expected remove but the decision was allow (no rule held)"),
        failed.out());
    assertTrue(failed.out().contains("    | policy abuse v2026.12.02"), failed.out());
    assertTrue(failed.out().endsWith("6 test(s), 1 failed\n"), failed.out());
  }

  @Test
  void matchWithAPolicyPrintsEachSpanOnceWithItsSignal() throws Exception {
    Run r = run("Guaranteed returns! https://example.com/x\n", "match", "--policy", "sample", "-");
    assertEquals(0, r.code(), r.err());
    List<String> signals = r.lines().stream().map(l -> {
      try {
        return JSON.readTree(l).get("signal").asText() + ":" + JSON.readTree(l).get("text").asText();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }).toList();
    assertEquals(List.of("scam-phrases:Guaranteed returns", "links:https://example.com/x"), signals);
  }

  @Test
  void diffShowsWhatAChangeFixesAndBreaks() throws Exception {
    Path data = dir.resolve("labeled.tsv");
    Files.writeString(data, "label\ttext\nspam\tan upgrade for your mobile today\n"
        + "ham\tthe charger for your mobile is here\nspam\tyou have won a prize, txt WIN to 81010\n"
        + "ham\tsee you at six\n");
    Path after = copyExample("sms-spam");
    Files.writeString(dir.resolve("sms-spam-terms.txt"), "for your mobile\tspam\t0.9\n",
        java.nio.file.StandardOpenOption.APPEND);
    Files.writeString(after, Files.readString(after).replace("version: \"2026.12.02\"", "version: \"next\""));
    Path json = dir.resolve("diff.json");
    Path html = dir.resolve("diff.html");
    Run r = run("", "diff", "--policy", "sms-spam", "--against", after.toString(), "--input", data.toString(),
        "--json", json.toString(), "--html", html.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("2 item(s) changed action: 1 fixed, 1 broken, 0 neutral"), r.out());
    assertTrue(r.out().contains("allow -> review"), r.out());
    assertTrue(r.out().contains("\"for your mobile\" rule for your mobile"), r.out());
    JsonNode d = JSON.readTree(json.toFile());
    assertEquals(2, d.get("changed").asInt());
    assertEquals("next", d.get("after").get("version").asText());
    assertNotEquals(d.get("before").get("hash"), d.get("after").get("hash"));
    assertEquals("fixed", d.get("changes").get(0).get("verdict").asText());
    assertEquals("for your mobile", d.get("changes").get(0).get("signals").get(0).get("evidence").get(0)
        .get("text").asText());
    String page = Files.readString(html);
    assertTrue(page.contains("<mark>for your mobile</mark>"), page);
    assertEquals(VigilCli.USAGE, run("", "diff", "--policy", "sms-spam", "--input", data.toString()).code());
  }

  @Test
  void diffOnTheSharedSmsData() throws Exception {
    Path data = SharedData.require("sms-spam-collection/SMSSpamCollection");
    Path after = copyExample("sms-spam");
    Files.writeString(after, Files.readString(after).replace("review when total >= 0.6",
        "review when total >= 0.5"));
    Run r = run("", "diff", "--policy", "sms-spam", "--against", after.toString(), "--input", data.toString(),
        "--input-format", "tsv", "--columns", "label,text", "--harmful", "spam", "--split", "test");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("item(s) changed action"), r.out());
  }

  @Test
  void schemaPrintsTheJsonSchemaWithEveryKindOnTheClassPath() throws Exception {
    Run r = run("", "schema");
    assertEquals(0, r.code());
    JsonNode schema = JSON.readTree(r.out());
    String text = schema.toString();
    for (String kind : List.of("regex", "terms", "links.count", "lucene.queries", "account-age")) {
      assertTrue(text.contains("\"const\":\"" + kind + "\""), kind);
    }
  }

  @Test
  void scoreWatchReloadsThePolicyWhileReadingStandardInput() throws Exception {
    Path file = copyExample("sms-spam");
    PipedOutputStream feed = new PipedOutputStream();
    PipedInputStream stdin = new PipedInputStream(feed, 1 << 16);
    PipedInputStream outPipe = new PipedInputStream(1 << 20);
    PrintStream out = new PrintStream(new PipedOutputStream(outPipe), true, StandardCharsets.UTF_8);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> VigilCli.run(
        new String[] {"score", "--policy", file.toString(), "--watch", "--input-format", "jsonl", "-"}, stdin, out,
        errStream));
    BufferedReader decisions = new BufferedReader(new InputStreamReader(outPipe, StandardCharsets.UTF_8));
    OutputStream in = feed;
    in.write("{\"id\": 1, \"text\": \"call now for cheap flights\"}\n".getBytes(StandardCharsets.UTF_8));
    in.flush();
    JsonNode first = JSON.readTree(decisions.readLine());
    assertEquals("allow", first.get("action").asText());
    Files.writeString(file, Files.readString(file).replace("version: \"2026.12.02\"", "version: \"2\"")
        .replace("  spam-wording:\n", "  call-now: {kind: regex, pattern: '(?i)call now', category: spam}\n"
            + "  spam-wording:\n"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!err.toString(StandardCharsets.UTF_8).contains("policy reloaded")) {
      if (System.nanoTime() > deadline) {
        fail("no reload reported: " + err);
      }
      Thread.sleep(20);
    }
    in.write("{\"id\": 2, \"text\": \"call now for cheap flights\"}\n".getBytes(StandardCharsets.UTF_8));
    in.flush();
    JsonNode second = JSON.readTree(decisions.readLine());
    assertEquals("2", second.get("policy").get("version").asText());
    assertEquals("remove", second.get("action").asText());
    assertNotEquals(first.get("policy").get("hash"), second.get("policy").get("hash"));
    in.close();
    assertEquals(0, exit.get(20, TimeUnit.SECONDS));
    String log = err.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("vigil: watching " + file + ": sms-spam v2026.12.02"), log);
    assertTrue(log.contains("vigil: policy reloaded: sms-spam v2 ("), log);
    assertEquals(VigilCli.USAGE, run("", "score", "--policy", "sample", "--watch").code());
  }
}
