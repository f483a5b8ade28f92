package dev.vigil.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate's logic on recorded JMH results of the smoke benchmarks: {@code baseline.json} and
 * {@code noisy.json} are two runs of the same build on this shared machine, {@code slowed.json} a run of
 * a build with a wasted pass and an allocation added to {@code TermMatcher.match}. Other cases are
 * derived from them by editing one number.
 */
class GateTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REFERENCE = "dev.vigil.benchmarks.PolicyBenchmark.speedOfLight";
  private static final String POLICY = "dev.vigil.benchmarks.PolicyBenchmark.policy{length=280}";
  private static final String CALLBACK =
      "dev.vigil.benchmarks.ShortMessageBenchmark.callback{hits=none}";

  private static JsonNode recorded(String name) throws IOException {
    try (InputStream in = GateTest.class.getResourceAsStream("/gate/" + name)) {
      return JSON.readTree(in);
    }
  }

  /** A recorded run written to a file of the same name in {@code dir}, for the command. */
  private static Path file(Path dir, String name) throws IOException {
    Path f = dir.resolve(name);
    Files.write(f, JSON.writeValueAsBytes(recorded(name)));
    return f;
  }

  private static Gate gate() {
    return new Gate(GateConfig.of(REFERENCE).withTolerance(0.35));
  }

  /** A copy of a recorded run with one benchmark's primary score or allocation changed. */
  private static JsonNode edited(String name, String benchmark, String param, String value,
      Double score, Double allocation) throws IOException {
    ArrayNode runs = (ArrayNode) recorded(name);
    for (JsonNode r : runs) {
      if (r.get("benchmark").asText().equals(benchmark)
          && (param == null || r.get("params").get(param).asText().equals(value))) {
        if (score != null) {
          ((ObjectNode) r.get("primaryMetric")).put("score", score);
        }
        if (allocation != null) {
          ((ObjectNode) r.get("secondaryMetrics").get("gc.alloc.rate.norm")).put("score", allocation);
        }
      }
    }
    return runs;
  }

  @Test
  void aNoisyRunOfTheSameBuildPasses() throws IOException {
    Gate.Report report = gate().compare(recorded("baseline.json"), recorded("noisy.json"));
    assertFalse(report.failed(), report.table());
    assertEquals(4, report.verdicts().size()); // the reference itself is not judged
  }

  @Test
  void aDeliberatelySlowedBuildFailsNamingEachBenchmark() throws IOException {
    Gate.Report report = gate().compare(recorded("baseline.json"), recorded("slowed.json"));
    assertTrue(report.failed());
    List<String> slower = report.regressions().stream().filter(Gate.Verdict::slower)
        .map(Gate.Verdict::key).toList();
    assertTrue(slower.contains(POLICY), report.table());
    assertTrue(slower.contains(CALLBACK), report.table());
    // The callback went from 0 to 24 B/op: it allocates now.
    assertTrue(report.regressions().stream().anyMatch(v -> v.key().equals(CALLBACK) && v.allocates()));
  }

  @Test
  void aMachineTwiceAsFastOrSlowChangesNothing() throws IOException {
    // Every score halved, the reference too: the ratios stay, so nothing regressed.
    ArrayNode runs = (ArrayNode) recorded("noisy.json");
    for (JsonNode r : runs) {
      ObjectNode primary = (ObjectNode) r.get("primaryMetric");
      primary.put("score", primary.get("score").asDouble() / 2);
    }
    assertFalse(gate().compare(recorded("baseline.json"), runs).failed());
  }

  @Test
  void allocationIsComparedDirectlyAndUnderOneByteIsZero() throws IOException {
    JsonNode grew = edited("noisy.json", "dev.vigil.benchmarks.PolicyBenchmark.policy", "length",
        "280", null, 2500.0);
    Gate.Report r = gate().compare(recorded("baseline.json"), grew);
    assertTrue(r.failed());
    assertTrue(r.regressions().get(0).allocates());
    assertFalse(r.regressions().get(0).slower());
    // Within 10% + 16 B: fine.
    JsonNode within = edited("noisy.json", "dev.vigil.benchmarks.PolicyBenchmark.policy", "length",
        "280", null, 2200.0);
    assertFalse(gate().compare(recorded("baseline.json"), within).failed());
    // 0.9 B/op on a zero-allocation benchmark still counts as zero; 1 B/op does not.
    JsonNode dust = edited("noisy.json", "dev.vigil.benchmarks.ShortMessageBenchmark.callback", "hits",
        "none", null, 0.9);
    assertFalse(gate().compare(recorded("baseline.json"), dust).failed());
    JsonNode one = edited("noisy.json", "dev.vigil.benchmarks.ShortMessageBenchmark.callback", "hits",
        "none", null, 1.0);
    assertTrue(gate().compare(recorded("baseline.json"), one).failed());
  }

  @Test
  void tolerancesPerBenchmark() throws IOException {
    // The policy 45% slower than in the baseline relative to the reference.
    double base = recorded("noisy.json").get(0).get("primaryMetric").get("score").asDouble();
    JsonNode slower = edited("noisy.json", "dev.vigil.benchmarks.PolicyBenchmark.policy", "length",
        "280", base * 0.55 * (0.02069 / 0.02216), null);
    assertTrue(gate().compare(recorded("baseline.json"), slower).failed());
    Properties p = new Properties();
    p.setProperty("reference", REFERENCE);
    p.setProperty("tolerance", "0.35");
    p.setProperty("tolerance.*PolicyBenchmark.policy*", "0.6");
    Gate lenient = new Gate(GateConfig.from(p, "test"));
    assertFalse(lenient.compare(recorded("baseline.json"), slower).failed());
  }

  @Test
  void aBenchmarkMissingFromTheResultFails() throws IOException {
    ArrayNode runs = (ArrayNode) recorded("noisy.json");
    for (int i = 0; i < runs.size(); i++) {
      if (runs.get(i).get("benchmark").asText().endsWith("TermMatcherBenchmark.scan")) {
        runs.remove(i);
        break;
      }
    }
    Gate.Report r = gate().compare(recorded("baseline.json"), runs);
    assertTrue(r.failed());
    assertTrue(r.regressions().get(0).missing());
  }

  @Test
  void averageTimeIsReadAsItsInverse() throws IOException {
    ArrayNode base = JSON.createArrayNode();
    ArrayNode now = JSON.createArrayNode();
    base.add(entry("ref", "avgt", 10.0, 0));
    base.add(entry("work", "avgt", 100.0, 0));
    now.add(entry("ref", "avgt", 10.0, 0));
    now.add(entry("work", "avgt", 200.0, 0)); // twice the time: half the speed
    Gate g = new Gate(GateConfig.of("ref"));
    Gate.Report r = g.compare(base, now);
    assertTrue(r.failed());
    assertEquals(-0.5, r.verdicts().get(0).change(), 1e-12);
  }

  private static ObjectNode entry(String name, String mode, double score, double allocation) {
    ObjectNode n = JSON.createObjectNode();
    n.put("benchmark", name);
    n.put("mode", mode);
    n.putObject("primaryMetric").put("score", score);
    n.putObject("secondaryMetrics").putObject("gc.alloc.rate.norm").put("score", allocation);
    return n;
  }

  @Test
  void theCommandExitsWithTheVerdict(@TempDir Path dir) throws IOException {
    Path base = file(dir, "baseline.json");
    Path noisy = file(dir, "noisy.json");
    Path slowed = file(dir, "slowed.json");
    Path config = dir.resolve("gate.properties");
    Files.writeString(config, "reference = " + REFERENCE + "\ntolerance = 0.35\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    assertEquals(0, RegressionGate.run(new String[] {"--baseline", base.toString(), "--result",
        noisy.toString(), "--config", config.toString()}, ps, ps));
    assertEquals(1, RegressionGate.run(new String[] {"--baseline", base.toString(), "--result",
        slowed.toString(), "--config", config.toString()}, ps, ps));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("REGRESSION: " + POLICY));
    assertEquals(2, RegressionGate.run(new String[] {"--baseline", base.toString()}, ps, ps));
    Path junk = dir.resolve("junk.json");
    Files.writeString(junk, "{\"not\": \"jmh\"}");
    assertEquals(2, RegressionGate.run(new String[] {"--baseline", base.toString(), "--result",
        junk.toString(), "--reference", REFERENCE}, ps, ps));
    Files.writeString(config, "reference = x\ntolerence = 0.3\n");
    assertEquals(2, RegressionGate.run(new String[] {"--baseline", base.toString(), "--result",
        noisy.toString(), "--config", config.toString()}, ps, ps));
  }

  /**
   * Several results of the same code: a benchmark fails only when it regressed in more than half of
   * them, as a real regression does and a neighbour's load, once, does not.
   */
  @Test
  void severalResultsFailOnlyWhatRegressedInMostOfThem(@TempDir Path dir) throws IOException {
    Gate gate = gate();
    Gate.Report noisy = gate.compare(recorded("baseline.json"), recorded("noisy.json"));
    Gate.Report slowed = gate.compare(recorded("baseline.json"), recorded("slowed.json"));
    assertEquals(List.of(), List.copyOf(Gate.confirmed(List.of(slowed, noisy)).keySet()));
    assertEquals(List.of(), List.copyOf(Gate.confirmed(List.of(noisy, slowed, noisy)).keySet()));
    assertTrue(Gate.confirmed(List.of(slowed, slowed)).containsKey(POLICY));
    assertEquals(2, Gate.confirmed(List.of(slowed, noisy, slowed)).get(POLICY).size());
    assertEquals(slowed.regressions().size(), Gate.confirmed(List.of(slowed)).size());
    assertThrows(IllegalArgumentException.class, () -> Gate.confirmed(List.of()));

    Path base = file(dir, "baseline.json");
    Path noisyFile = file(dir, "noisy.json");
    Path slowedFile = file(dir, "slowed.json");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    assertEquals(0, RegressionGate.run(new String[] {"--baseline", base.toString(), "--result",
        slowedFile.toString(), "--result", noisyFile.toString(), "--reference", REFERENCE,
        "--tolerance", "0.35"}, ps, ps));
    String said = out.toString(StandardCharsets.UTF_8);
    assertTrue(said.contains("not confirmed: " + POLICY + " regressed in 1 of 2 results"), said);
    assertTrue(said.contains("no regression (4 benchmarks, 2 results)"), said);
    out.reset();
    assertEquals(1, RegressionGate.run(new String[] {"--baseline", base.toString(), "--result",
        slowedFile.toString(), "--result", noisyFile.toString(), "--result", slowedFile.toString(),
        "--reference", REFERENCE, "--tolerance", "0.35"}, ps, ps));
    said = out.toString(StandardCharsets.UTF_8);
    assertTrue(said.contains("REGRESSION: " + POLICY) && said.contains("(regressed in 2 of 3 results)"),
        said);
  }
}
