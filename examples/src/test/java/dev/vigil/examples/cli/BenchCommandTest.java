package dev.vigil.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil bench} on a policy file of our own and items of our own: it writes JMH's JSON with the
 * three rows (throughput and allocation, latency percentiles, the reference), a second run of the same
 * policy passes the gate (measured again if a neighbour's load slowed it), and the same policy with a 100,000-term list matched anywhere under {@code
 * aggressive}, every three-letter string among its terms (a careless list that hits at almost every
 * letter), fails it.
 * Each run is a short JMH fork ({@code --quick}) on posts of some 800 chars; the tolerance is wide
 * (60%), since the test asks only whether a policy several times slower is caught, not a small change.
 */
class BenchCommandTest {
  private static final String POLICY = """
      policy: bench-test
      version: "1"
      categories:
        spam: {description: spam}
      lists:
        spam-terms:
          type: terms
          entries: [free money, click here, winner, prize, crypto]
      signals:
        spam-words: {kind: terms, lists: spam-terms, category: spam}
        shouting: {kind: text.shouting, category: spam, weight: 0.2}
      rules:
        - review when total >= 0.5
      """;

  @Test
  void benchWritesJmhJsonAndTheGateCatchesASlowedPolicy(@TempDir Path dir) throws Exception {
    Path items = dir.resolve("items.txt");
    StringBuilder sb = new StringBuilder();
    String[] lines = {
      "see you at the match on saturday, bring the blue scarf",
      "WINNER! claim your prize now, click here",
      "the bakery on the corner sells bread until six",
      "free money for everyone who shares this post",
      "could you send me the notes from the lecture?",
    };
    // Posts of some 800 chars: long enough that scanning, not the policy's fixed cost, is the time.
    for (int i = 0; i < 40; i++) {
      for (int k = 0; k < 15; k++) {
        sb.append(lines[(i + k) % lines.length]).append(". ");
      }
      sb.append('#').append(i).append('\n');
    }
    Files.writeString(items, sb.toString());
    Path base = dir.resolve("base.yaml");
    Files.writeString(base, POLICY);
    Path slowed = dir.resolve("slowed.yaml");
    String slowedPolicy = POLICY.replace("\nsignals:\n", """

          big:
            type: terms
            file: big.txt
            preset: aggressive
            mode: anywhere
        signals:
          big-list: {kind: terms, lists: big, category: spam, weight: 0.1}
        """);
    assertTrue(slowedPolicy.contains("big-list"), slowedPolicy);
    Files.writeString(slowed, slowedPolicy);
    // 100,000 terms: every three-letter string (so that the list hits at almost every letter, as a
    // list with a careless short entry does), then random words.
    StringBuilder big = new StringBuilder();
    for (char a = 'a'; a <= 'z'; a++) {
      for (char b = 'a'; b <= 'z'; b++) {
        for (char c = 'a'; c <= 'z'; c++) {
          big.append(a).append(b).append(c).append('\n');
        }
      }
    }
    SplittableRandom r = new SplittableRandom(23);
    for (int i = 26 * 26 * 26; i < 100_000; i++) {
      int len = 5 + r.nextInt(6);
      for (int k = 0; k < len; k++) {
        big.append((char) ('a' + r.nextInt(26)));
      }
      big.append('\n');
    }
    Files.writeString(dir.resolve("big.txt"), big.toString());

    Path first = dir.resolve("first.json");
    String summary = bench(base, items, first, "--quick");
    assertTrue(summary.contains("throughput:") && summary.contains("latency: p50"), summary);
    TreeMap<String, JsonNode> rows = rows(first);
    assertEquals(java.util.Set.of("evaluate", "latency", "speedOfLight"), rows.keySet());
    assertEquals("thrpt", rows.get("evaluate").get("mode").asText());
    assertEquals("sample", rows.get("latency").get("mode").asText());
    assertNotNull(rows.get("latency").get("primaryMetric").get("scorePercentiles").get("99.9"));
    assertNotNull(rows.get("evaluate").get("secondaryMetrics").get("gc.alloc.rate.norm"));
    assertTrue(rows.get("evaluate").get("primaryMetric").get("score").asDouble()
        < rows.get("speedOfLight").get("primaryMetric").get("score").asDouble());

    // A second run of the same policy passes. On a shared machine a neighbour's load can slow one
    // run of it by more than the tolerance (65% on 2026-12-03, CI); the gate's answer to that is the
    // one the README gives users: measure again, and fail only what regressed in both runs.
    Path second = dir.resolve("second.json");
    bench(base, items, second, "--quick");
    String[] same = gate(first, second);
    if (!same[0].equals("0")) {
      Path third = dir.resolve("third.json");
      bench(base, items, third, "--quick");
      same = gate(first, second, third);
    }
    assertEquals("0", same[0], same[1] + same[2]);

    Path slow = dir.resolve("slow.json");
    bench(slowed, items, slow, "--quick");
    String[] caught = gate(first, slow);
    assertEquals("1", caught[0], caught[1] + caught[2]);
    assertTrue(caught[1].contains("REGRESSION: ") && caught[1].contains("evaluate"), caught[1]);
    // Against a result that did not regress (the baseline itself), the slowed one is not confirmed.
    String[] once = gate(first, slow, first);
    assertEquals("0", once[0], once[1] + once[2]);
    assertTrue(once[1].contains("not confirmed: ") && once[1].contains("evaluate regressed in 1 of 2"),
        once[1]);
  }

  /**
   * The bundled SMS spam policy on the shared SMS collection's texts (skips, saying so, without
   * the data): the three rows, from a policy and items that are not the test's own.
   */
  @Test
  void benchRunsAnExamplePolicyOnTheSharedData(@TempDir Path dir) throws Exception {
    Path data = SharedData.require("sms-spam-collection/SMSSpamCollection");
    StringBuilder texts = new StringBuilder();
    int n = 0;
    for (String line : Files.readAllLines(data)) {
      int tab = line.indexOf('\t');
      if (tab > 0 && n++ < 1000) {
        texts.append(line.substring(tab + 1)).append('\n');
      }
    }
    Path items = dir.resolve("sms.txt");
    Files.writeString(items, texts.toString());
    Path json = dir.resolve("sms.json");
    String summary = bench(Path.of("sms-spam"), items, json, "--quick", "--threads", "2");
    assertTrue(summary.contains("on 2 threads"), summary);
    TreeMap<String, JsonNode> rows = rows(json);
    for (JsonNode row : rows.values()) {
      assertEquals(2, row.get("threads").asInt());
    }
    assertEquals(java.util.Set.of("evaluate", "latency", "speedOfLight"), rows.keySet());
  }

  /** Runs {@code vigil bench --quick} on a policy and items into {@code json}; asserts it succeeds. */
  private static String bench(Path policy, Path items, Path json, String... more) {
    String[] args = new String[7 + more.length];
    String[] head = {"bench", "--policy", policy.toString(), "--input", items.toString(), "--json",
        json.toString()};
    System.arraycopy(head, 0, args, 0, head.length);
    System.arraycopy(more, 0, args, head.length, more.length);
    String[] run = LearnCommandTest.run(args);
    assertEquals("0", run[0], run[2]);
    return run[1];
  }

  /** The gate at 60% on a baseline and results of the same code: its exit code and output. */
  private static String[] gate(Path baseline, Path result, Path... again) {
    String[] args = {"bench", "--baseline", baseline.toString(), "--result", result.toString(),
        "--tolerance", "0.6"};
    String[] all = java.util.Arrays.copyOf(args, args.length + again.length);
    for (int i = 0; i < again.length; i++) {
      all[args.length + i] = again[i].toString();
    }
    return LearnCommandTest.run(all);
  }

  /** A JMH result's rows by method name. */
  private static TreeMap<String, JsonNode> rows(Path json) throws Exception {
    TreeMap<String, JsonNode> rows = new TreeMap<>();
    for (JsonNode row : new ObjectMapper().readTree(json.toFile())) {
      String name = row.get("benchmark").asText();
      rows.put(name.substring(name.lastIndexOf('.') + 1), row);
    }
    return rows;
  }

  @Test
  void badArgumentsNameTheProblem(@TempDir Path dir) throws Exception {
    String[] r = LearnCommandTest.run("bench", "--policy", "sample");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("--policy and --input"), r[2]);
    Path items = dir.resolve("items.txt");
    Files.writeString(items, "hello\n");
    r = LearnCommandTest.run("bench", "--policy", "sample", "--input", items.toString(), "--threads", "0");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("--threads"), r[2]);
    r = LearnCommandTest.run("bench", "--policy", "sample", "--input", items.toString(), "again.json");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("'again.json'"), r[2]);
    r = LearnCommandTest.run("bench", "--baseline", items.toString(), "--result", items.toString());
    assertEquals("2", r[0]);
    assertTrue(r[2].contains(items + " is not a JMH JSON result"), r[2]);
    Path json = dir.resolve("ok.json");
    Files.writeString(json, "[{\"benchmark\": \"" + BenchCommand.REFERENCE + "\", \"mode\": \"thrpt\","
        + " \"primaryMetric\": {\"score\": 1.0}}]");
    r = LearnCommandTest.run("bench", "--baseline", json.toString(), "--result", json.toString(),
        dir.resolve("missing.json").toString());
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("missing.json: no such file"), r[2]);
    r = LearnCommandTest.run("bench", "--policy", "no-such-policy", "--input", items.toString());
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("no-such-policy"), r[2]);
  }
}
