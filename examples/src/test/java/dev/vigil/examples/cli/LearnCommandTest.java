package dev.vigil.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil learn} and {@code vigil mine} as a user runs them, on labeled data we wrote. */
class LearnCommandTest {

  static Path data(Path dir) throws Exception {
    StringBuilder b = new StringBuilder("label\ttext\n");
    for (int i = 0; i < 60; i++) {
      b.append("spam\thi, your parcel fee is due, pay it today ref ").append(i)
          .append('\n');
      b.append("ham\tsee you at ").append(i % 12).append(" for dinner, bring the salad\n");
      b.append("ham\tthe parcel came today, thanks ").append(i).append('\n');
    }
    Path file = dir.resolve("labeled.tsv");
    Files.writeString(file, b.toString());
    return file;
  }

  static String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = VigilCli.run(args, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void learnPrintsTrainingAndHeldOutFiguresAndWritesAPolicyThatLoads(@TempDir Path dir) throws Exception {
    Path input = data(dir);
    Path out = dir.resolve("learned/sms-learned.yaml");
    Files.writeString(dir.resolve("one.txt"), "hi, your parcel fee is due, pay it today ref 7\n");
    String[] r = run("learn", "--policy", "sms-spam", "--input", input.toString(), "--out", out.toString());
    assertEquals("0", r[0], r[1] + r[2]);
    assertTrue(r[1].contains("held out") && r[1].contains("original") && r[1].contains("learned"), r[1]);
    assertTrue(r[1].contains("mined terms:"), r[1]);
    assertTrue(r[1].contains("  fee "), "a word only the harmful items hold is mined: " + r[1]);
    assertTrue(Files.exists(out) && Files.exists(dir.resolve("learned/sms-learned-terms.txt")));
    assertTrue(Files.exists(dir.resolve("learned/sms-spam-terms.txt")), "the bundled list is copied");
    assertTrue(Files.readString(out).contains("calibration: {slope: "), Files.readString(out));
    String[] scored = run("score", "--policy", out.toString(), "--format", "json",
        dir.resolve("one.txt").toString());
    String[] lint = run("lint", out.toString());
    assertEquals("0", lint[0], lint[1] + lint[2]);
    assertEquals("0", scored[0], scored[2]);
    assertTrue(scored[1].contains("\"action\":\"remove\"") && scored[1].contains("\"probability\":"),
        scored[1]);
    String[] eval = run("eval", "--policy", out.toString(), "--input", input.toString(), "--split", "test");
    assertEquals("0", eval[0], eval[1] + eval[2]);
    assertTrue(eval[1].contains("recall") && eval[1].contains("100.0%"), eval[1]);
  }

  @Test
  void mineWritesATermListAPolicyCanUse(@TempDir Path dir) throws Exception {
    Path input = data(dir);
    String[] r = run("mine", "--input", input.toString(), "--category", "scam");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("# harmful 60, harmless 0"), r[1]);
    assertTrue(r[1].lines().anyMatch(l -> l.startsWith("fee\tscam\t")), r[1]);
    Path terms = dir.resolve("mined.txt");
    Files.writeString(terms, r[1]);
    assertEquals(0, dev.vigil.text.TermList.load(terms).duplicates());
  }

  @Test
  void badOptionsAreUsageErrors(@TempDir Path dir) throws Exception {
    Path input = data(dir);
    String[] r = run("learn", "--policy", "sms-spam", "--input", input.toString());
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("--out"), r[2]);
    r = run("learn", "--policy", "sms-spam", "--input", input.toString(), "--out", dir.resolve("x.yaml")
        .toString(), "--target", "remove:accuracy=0.9");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("precision or recall"), r[2]);
    r = run("mine", "--input", input.toString(), "--max-words", "9");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("maxWords"), r[2]);
    r = run("learn", "--policy", "sms-spam", "--input", input.toString(), "--out", dir.resolve("x.yaml")
        .toString(), "--max-words", "x");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("--max-words must be a whole number but was 'x'"), r[2]);
    r = run("mine", "--input", input.toString(), "--char-grams", "3-x");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("--char-grams must read MIN-MAX"), r[2]);
    r = run("mine", "--input", input.toString(), "--word-pieces", "4");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("--word-pieces must read MIN-MAX (such as 1-4) or off but was '4'"), r[2]);
    r = run("learn", "--policy", "sms-spam", "--input", input.toString(), "--out", dir.resolve("x.yaml")
        .toString(), "--no-mine", "--harmless-terms");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("--harmless-terms mines terms"), r[2]);
  }

  @Test
  void counterEvidenceAndWordPiecesOnRequest(@TempDir Path dir) throws Exception {
    StringBuilder b = new StringBuilder("label\ttext\n");
    for (int i = 0; i < 60; i++) {
      // The harmful and some harmless items share their wording; "mum" marks the harmless ones.
      b.append("spam\tyour parcel fee is due, pay it today ref 0871").append(1000 + i).append('\n');
      b.append("ham\tmum: your parcel fee is due, pay it today ref ").append(i).append('\n');
      b.append("ham\tmum is home at ").append(i % 12).append('\n');
    }
    Path input = dir.resolve("labeled.tsv");
    Files.writeString(input, b.toString());
    Path out = dir.resolve("learned/l.yaml");
    String[] r = run("learn", "--policy", "sms-spam", "--input", input.toString(), "--out", out.toString(),
        "--harmless-terms", "--word-pieces", "2-4");
    assertEquals("0", r[0], r[1] + r[2]);
    assertTrue(r[1].contains("mined counter-evidence: "), r[1]);
    assertTrue(r[1].matches("(?s).*learned-harmless-terms +-[0-9.]+\n.*"), r[1]);
    assertTrue(r[1].contains("note: counter-evidence: 'learned-harmless-terms'"), r[1]);
    assertTrue(r[1].contains("  08*"), "a number's first digits, as a word piece: " + r[1]);
    assertTrue(Files.readString(dir.resolve("learned/l-harmless-terms.txt")).contains("\nmum\t"));
    String[] lint = run("lint", out.toString());
    assertTrue(lint[1].contains("counter-evidence"), lint[1] + lint[2]);
  }
}
