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
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class EvalCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = VigilCli.run(args, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static final String CSV = String.join("\n",
      "id,label,text",
      "a,spam,\"WINNER!! You have won a cash prize, call 09061701461 now\"",
      "b,ham,\"see you at 6, \"\"ok\"\"?\"",
      "c,spam,\"free entry: txt WIN to 87121",
      "to claim\"",
      "d,ham,hello there",
      "e,ham",
      "f,spam,\"never closed",
      "");

  @Test
  void csvWithQuotesLineBreaksAndMalformedRows(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("items.csv");
    Files.writeString(file, CSV);
    Path json = dir.resolve("eval.json");
    Path html = dir.resolve("eval.html");
    Run r = run("eval", "--policy", "sms-spam", "--input", file.toString(), "--json", json.toString(),
        "--html", html.toString());
    assertEquals(VigilCli.BAD_INPUT, r.code(), r.err()); // malformed rows were reported
    assertTrue(r.err().contains("items.csv:7: 2 columns where the header has 3"), r.err());
    assertTrue(r.err().contains("items.csv:8: a quoted field is never closed"), r.err());
    assertTrue(r.out().contains("tp / fp / tn / fn"), r.out());
    JsonNode j = JSON.readTree(json.toFile());
    assertEquals(4, j.get("items").asInt());
    assertEquals(6, j.get("input").get("rows").asInt());
    assertEquals(2, j.get("input").get("malformed").asInt());
    assertEquals(2, j.get("harmful").asInt());
    JsonNode c = j.get("confusion");
    assertEquals(4, c.get("tp").asInt() + c.get("fp").asInt() + c.get("tn").asInt() + c.get("fn").asInt());
    assertEquals(2, c.get("tp").asInt());
    assertEquals(0, c.get("fp").asInt());
    for (String field : List.of("precision", "recall", "f1", "average_precision", "roc_auc",
        "false_positive_rate", "thresholds", "rules", "never_fired", "top_false_positive_rules",
        "by_label_category", "by_policy_category", "curve", "flagged_actions", "policy")) {
      assertTrue(j.has(field), field);
    }
    assertEquals(1.0, j.get("roc_auc").asDouble());
  }

  @Test
  void theHtmlReportIsWellFormedAndHasCurvesAndTables(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("items.tsv");
    Files.writeString(file, "label\ttext\nspam\tYou have won! call 09061701461\nham\tsee you <b>soon</b> & bye"
        + "\nham\tok\nspam\tfree msg: txt STOP to 87121\n");
    Path html = dir.resolve("eval.html");
    Run r = run("eval", "--policy", "sms-spam", "--input", file.toString(), "--html", html.toString());
    assertEquals(VigilCli.OK, r.code(), r.err());
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(html.toFile());
    NodeList svgs = doc.getElementsByTagName("svg");
    assertEquals(2, svgs.getLength());
    assertEquals(2, doc.getElementsByTagName("polyline").getLength());
    assertTrue(doc.getElementsByTagName("table").getLength() >= 4);
    String text = doc.getDocumentElement().getTextContent();
    assertTrue(text.contains("Precision-recall") && text.contains("ROC"), text);
    assertTrue(text.contains("spam-wording"), text);
  }

  @Test
  void jsonLinesAndFlaggedActions(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("items.jsonl");
    Files.writeString(file, "{\"id\":\"x\",\"text\":\"you idiot\",\"label\":\"toxic\"}\n"
        + "{\"text\":\"nice day\",\"label\":0}\n"
        + "not json\n"
        + "{\"text\":\"what a moron you are\",\"label\":\"toxic\"}\n");
    Path json = dir.resolve("e.json");
    Run r = run("eval", "--policy", "abuse", "--input", file.toString(), "--flagged", "remove",
        "--json", json.toString());
    assertEquals(VigilCli.BAD_INPUT, r.code());
    assertTrue(r.err().contains("items.jsonl:3: not JSON"), r.err());
    JsonNode j = JSON.readTree(json.toFile());
    assertEquals(3, j.get("items").asInt());
    assertEquals(List.of("remove"), List.of(j.get("flagged_actions").get(0).asText()));
  }

  @Test
  void usageErrors(@TempDir Path dir) throws Exception {
    assertEquals(VigilCli.USAGE, run("eval").code());
    Path noExt = dir.resolve("data");
    Files.writeString(noExt, "x");
    Run r = run("eval", "--input", noExt.toString());
    assertEquals(VigilCli.USAGE, r.code());
    assertTrue(r.err().contains("give --input-format csv, tsv or jsonl"), r.err());
    assertEquals(VigilCli.BAD_INPUT, run("eval", "--input", dir.resolve("none.csv").toString()).code());
    Path csv = dir.resolve("x.csv");
    Files.writeString(csv, "a,b\n1,2\n");
    Run missing = run("eval", "--input", csv.toString());
    assertEquals(VigilCli.BAD_INPUT, missing.code());
    assertTrue(missing.err().contains("no column named 'text'"), missing.err());
    assertEquals(VigilCli.USAGE, run("eval", "--input", csv.toString(), "--split", "half").code());
  }
}
