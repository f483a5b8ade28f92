package dev.vigil.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil score} and {@code vigil eval} replay a file in time order from an empty behaviour state,
 * so a backtest of the bundled {@code dm-spam-wave} policy gives the same decisions however the file is
 * ordered, and the same on every run.
 */
class BehaviorReplayTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Run(int code, String out, String err) {}

  static Run run(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = VigilCli.run(args, new ByteArrayInputStream(stdin),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** A wave of six senders a minute apart, then an unrelated message; as JSON Lines with labels. */
  static List<String> wave() {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      lines.add("{\"id\": \"w" + i + "\", \"label\": \"spam\", \"author\": \"fresh-" + i + "\", \"time\":"
          + " \"2026-12-02T09:0" + i + ":00Z\", \"text\": \"Hi! Your parcel is waiting, confirm the delivery"
          + " fee at the link in my profile today" + "!".repeat(i) + "\"}");
    }
    lines.add("{\"id\": \"h1\", \"label\": \"ham\", \"author\": \"buyer\", \"time\": \"2026-12-02T09:06:30+00:00\","
        + " \"text\": \"Are you still selling the blue bike? I can pick it up on Saturday\"}");
    return lines;
  }

  static List<String> actions(String out) throws Exception {
    List<String> ids = new ArrayList<>();
    for (String line : out.split("\n")) {
      JsonNode d = JSON.readTree(line);
      ids.add(d.get("id").asText() + "=" + d.get("action").asText());
    }
    return ids;
  }

  @Test
  void scoreReplaysAFileInTimeOrderAndPrintsItInFileOrder(@TempDir Path dir) throws Exception {
    List<String> lines = wave();
    Path inOrder = dir.resolve("in-order.jsonl");
    Files.write(inOrder, lines);
    List<String> reversed = new ArrayList<>(lines);
    java.util.Collections.reverse(reversed);
    Path backwards = dir.resolve("backwards.jsonl");
    Files.write(backwards, reversed);

    Run a = run(new byte[0], "score", "--policy", "dm-spam-wave", inOrder.toString());
    assertEquals(VigilCli.OK, a.code(), a.err());
    assertEquals(List.of("w1=allow", "w2=allow", "w3=allow", "w4=allow", "w5=review", "w6=remove",
        "h1=allow"), actions(a.out()));
    Run b = run(new byte[0], "score", "--policy", "dm-spam-wave", backwards.toString());
    assertEquals(List.of("h1=allow", "w6=remove", "w5=review", "w4=allow", "w3=allow", "w2=allow",
        "w1=allow"), actions(b.out()));
    // A fresh state on every run: the same file gives the same decisions again.
    assertEquals(a.out(), run(new byte[0], "score", "--policy", "dm-spam-wave", inOrder.toString()).out());
    // Standard input is a stream, scored as it arrives: backwards, the first item seen is the sixth.
    Run c = run(String.join("\n", reversed).getBytes(StandardCharsets.UTF_8), "score", "--policy",
        "dm-spam-wave", "-");
    assertEquals("w6=allow", actions(c.out()).get(1));
  }

  @Test
  void evalReplaysLabeledItemsInTimeOrder(@TempDir Path dir) throws Exception {
    List<String> reversed = new ArrayList<>(wave());
    java.util.Collections.reverse(reversed);
    Path file = dir.resolve("labeled.jsonl");
    Files.write(file, reversed);
    Path json = dir.resolve("eval.json");
    Run r = run(new byte[0], "eval", "--policy", "dm-spam-wave", "--input", file.toString(), "--json",
        json.toString());
    assertEquals(VigilCli.OK, r.code(), r.err());
    JsonNode c = JSON.readTree(json.toFile()).get("confusion");
    assertEquals(2, c.get("tp").asInt(), c.toString()); // w5 (review) and w6 (remove)
    assertEquals(0, c.get("fp").asInt(), c.toString());
    assertEquals(4, c.get("fn").asInt(), c.toString());
    assertEquals(1, c.get("tn").asInt(), c.toString());
  }

  @Test
  void aBadTimeIsReportedWithItsLine(@TempDir Path dir) throws Exception {
    Run r = run("{\"text\": \"hi\", \"time\": \"yesterday\"}\n".getBytes(StandardCharsets.UTF_8), "score",
        "--policy", "dm-spam-wave", "-");
    assertEquals(VigilCli.BAD_INPUT, r.code());
    assertTrue(r.err().contains("<stdin>:1: \"time\" must be an ISO-8601 instant such as"
        + " 2026-12-02T09:30:00Z but is 'yesterday'"), r.err());
  }
}
