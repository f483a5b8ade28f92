package dev.vigil.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.SharedData;
import dev.vigil.eval.LabeledItem;
import dev.vigil.eval.Split;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil eval} end to end on the shared labeled data, checked against metrics recomputed here, by
 * separate simple code, from the decisions {@code vigil score} prints for the same test-split items.
 */
class EvalOnSharedDataTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void smsSpamCollection(@TempDir Path dir) throws Exception {
    Path data = SharedData.require("sms-spam-collection/SMSSpamCollection");
    check(dir, data, "sms-spam", "tsv", List.of("--columns", "label,text", "--harmful", "spam"),
        new LabeledInput("tsv", "text", "label", null, List.of("label", "text"), Set.of("spam")));
  }

  @Test
  void davidsonHateAndOffensive(@TempDir Path dir) throws Exception {
    Path data = SharedData.require("davidson-hate-offensive/data/labeled_data.csv");
    check(dir, data, "abuse", "csv", List.of("--text-field", "tweet", "--label-field", "class",
        "--harmful", "0,1"), new LabeledInput("csv", "tweet", "class", null, null, Set.of("0", "1")));
  }

  @Test
  void davidsonHateAlone(@TempDir Path dir) throws Exception {
    Path data = SharedData.require("davidson-hate-offensive/data/labeled_data.csv");
    check(dir, data, "abuse", "csv", List.of("--text-field", "tweet", "--label-field", "class",
        "--harmful", "0"), new LabeledInput("csv", "tweet", "class", null, null, Set.of("0")));
  }

  private static void check(Path dir, Path data, String policy, String format, List<String> options,
      LabeledInput reader) throws Exception {
    Path evalJson = dir.resolve("eval.json");
    List<String> args = new ArrayList<>(List.of("eval", "--policy", policy, "--input", data.toString(),
        "--input-format", format, "--split", "test", "--seed", "42", "--json", evalJson.toString(),
        "--html", dir.resolve("eval.html").toString()));
    args.addAll(options);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = VigilCli.run(args.toArray(new String[0]), InputStream.nullInputStream(),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(VigilCli.OK, code, err.toString(StandardCharsets.UTF_8));
    System.out.println(out.toString(StandardCharsets.UTF_8));
    JsonNode eval = JSON.readTree(evalJson.toFile());

    // The same test split, scored item by item with `vigil score`.
    List<LabeledItem> all;
    try (InputStream in = Files.newInputStream(data)) {
      all = reader.read(data.toString(), in).items();
    }
    List<LabeledItem> test = Split.of(all, 0.3, 42).test();
    StringBuilder jsonl = new StringBuilder();
    Map<String, Boolean> harmful = new HashMap<>();
    for (LabeledItem item : test) {
      ObjectNode line = JSON.createObjectNode();
      line.put("id", item.id());
      line.put("text", item.content().fieldText(0));
      jsonl.append(JSON.writeValueAsString(line)).append('\n');
      harmful.put(item.id(), item.harmful());
    }
    ByteArrayOutputStream scored = new ByteArrayOutputStream();
    int scoreCode = VigilCli.run(new String[] {"score", "--policy", policy, "--input-format", "jsonl", "-"},
        new ByteArrayInputStream(jsonl.toString().getBytes(StandardCharsets.UTF_8)),
        new PrintStream(scored, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
    assertEquals(VigilCli.OK, scoreCode);
    List<double[]> decisions = new ArrayList<>(); // {score, harmful, flagged}
    for (String line : scored.toString(StandardCharsets.UTF_8).split("\n")) {
      JsonNode d = JSON.readTree(line);
      boolean isHarmful = harmful.get(d.get("id").asText());
      decisions.add(new double[] {d.get("score").asDouble(), isHarmful ? 1 : 0,
          d.get("action").asText().equals("allow") ? 0 : 1});
    }
    assertEquals(test.size(), decisions.size());

    long tp = 0;
    long fp = 0;
    long tn = 0;
    long fn = 0;
    for (double[] d : decisions) {
      boolean h = d[1] == 1;
      boolean f = d[2] == 1;
      tp += h && f ? 1 : 0;
      fp += !h && f ? 1 : 0;
      tn += !h && !f ? 1 : 0;
      fn += h && !f ? 1 : 0;
    }
    assertEquals(test.size(), eval.get("items").asInt());
    JsonNode c = eval.get("confusion");
    assertEquals(List.of(tp, fp, tn, fn), List.of(c.get("tp").asLong(), c.get("fp").asLong(),
        c.get("tn").asLong(), c.get("fn").asLong()));
    double precision = (double) tp / (tp + fp);
    double recall = (double) tp / (tp + fn);
    assertEquals(precision, eval.get("precision").asDouble(), 1e-12);
    assertEquals(recall, eval.get("recall").asDouble(), 1e-12);
    assertEquals(2 * precision * recall / (precision + recall), eval.get("f1").asDouble(), 1e-12);

    // Average precision the way scikit-learn defines it: sum over distinct thresholds, from the
    // highest, of (recall gained) x (precision there).
    List<double[]> sorted = new ArrayList<>(decisions);
    sorted.sort((a, b) -> Double.compare(b[0], a[0]));
    long positives = tp + fn;
    double ap = 0;
    double lastRecall = 0;
    long hits = 0;
    for (int i = 0; i < sorted.size(); i++) {
      hits += sorted.get(i)[1] == 1 ? 1 : 0;
      if (i + 1 < sorted.size() && sorted.get(i + 1)[0] == sorted.get(i)[0]) {
        continue;
      }
      double r = (double) hits / positives;
      ap += (r - lastRecall) * hits / (i + 1);
      lastRecall = r;
    }
    assertEquals(ap, eval.get("average_precision").asDouble(), 1e-9);

    // ROC AUC by counting pairs, ties one half.
    List<Double> pos = new ArrayList<>();
    List<Double> neg = new ArrayList<>();
    for (double[] d : decisions) {
      (d[1] == 1 ? pos : neg).add(d[0]);
    }
    double wins = 0;
    for (double p : pos) {
      for (double n : neg) {
        wins += p > n ? 1 : p == n ? 0.5 : 0;
      }
    }
    assertEquals(wins / ((double) pos.size() * neg.size()), eval.get("roc_auc").asDouble(), 1e-9);
    assertTrue(Files.size(dir.resolve("eval.html")) > 1000);
    SharedData.report("eval-" + policy + "-" + data.getFileName() + "-" + options.get(options.size() - 1),
        String.format(Locale.ROOT, "%d items: tp %d fp %d tn %d fn %d; precision %.4f recall %.4f "
            + "F1 %.4f AP %.4f ROC AUC %.4f%n", test.size(), tp, fp, tn, fn, precision, recall,
            eval.get("f1").asDouble(), ap, wins / ((double) pos.size() * neg.size())));
  }
}
