package dev.vigil.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI driven as a user drives it: a separate JVM with real pipes and redirects for standard input,
 * {@code --help} on every command, {@code --version}, and bad command lines. Standard input that is a
 * pipe or a file is read; a terminal or {@code /dev/null} gets the bundled sample, said on standard
 * error.
 */
class CliAsAUserTest {
  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  /** Runs {@code vigil ARGS} in a JVM of its own; {@code stdin} is piped in, or read from a file. */
  private Result vigil(ProcessBuilder.Redirect stdin, String pipedText, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"), VigilCli.class.getName()));
    command.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(stdin);
    Process p = pb.start();
    if (stdin == ProcessBuilder.Redirect.PIPE) {
      p.getOutputStream().write(pipedText.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "vigil did not finish");
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private Result vigil(String... args) throws Exception {
    return vigil(ProcessBuilder.Redirect.from(new File("/dev/null")), "", args);
  }

  @Test
  void scoreReadsAPipeOrAFileAndOtherwiseTheSampleSayingSo() throws Exception {
    Result piped = vigil(ProcessBuilder.Redirect.PIPE, "see https://a.example b.example\nhello\n", "score");
    assertEquals(0, piped.code(), piped.err());
    assertEquals(2, piped.out().lines().count(), piped.out());
    assertFalse(piped.err().contains("sample"), piped.err());

    Path items = dir.resolve("items.txt");
    Files.writeString(items, "one\ntwo\nthree\n");
    Result redirected = vigil(ProcessBuilder.Redirect.from(items.toFile()), "", "score");
    assertEquals(3, redirected.out().lines().count(), redirected.err());

    Result sample = vigil("score");
    assertEquals(0, sample.code(), sample.err());
    assertEquals(17, sample.out().lines().count());
    assertTrue(sample.err().contains("vigil: scoring the bundled sample"), sample.err());
    assertFalse(sample.err().contains("SLF4J"), sample.err());
  }

  @Test
  void helpAndVersion() throws Exception {
    Result help = vigil("--help");
    assertEquals(0, help.code());
    for (Cli.Command c : VigilCli.COMMANDS) {
      assertTrue(help.out().contains("  " + c.name() + " "), c.name());
      Result h = vigil(c.name(), "--help");
      assertEquals(0, h.code(), c.name());
      assertTrue(h.out().startsWith("usage: vigil " + c.name()), h.out());
      for (Cli.Opt o : c.options()) {
        assertTrue(h.out().contains("  " + o.name()), c.name() + " " + o.name());
      }
      assertEquals("", h.err());
    }
    assertEquals(vigil("score", "--help").out(), vigil("help", "score").out());
    Result version = vigil("--version");
    assertEquals(0, version.code());
    assertTrue(version.out().matches("vigil \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Java .+\\)\\n"), version.out());
    Result none = vigil();
    assertEquals(2, none.code());
    assertEquals("", none.out());
    assertTrue(none.err().startsWith("usage: vigil COMMAND"), none.err());
  }

  @Test
  void badCommandLinesAreUsageErrorsOnStandardError() throws Exception {
    for (String[] args : List.of(new String[] {"scor"}, new String[] {"score", "--polcy", "abuse"},
        new String[] {"score", "--policy"}, new String[] {"score", "--format", "xml"},
        new String[] {"score", "--policy", "sample", "--policy=abuse"},
        new String[] {"score", "--watch=yes"}, new String[] {"schema", "extra"},
        new String[] {"eval", "--input", "x.csv", "--split", "half"})) {
      Result r = vigil(args);
      assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
      assertEquals("", r.out(), String.join(" ", args));
      assertTrue(r.err().startsWith("vigil: "), r.err());
    }
    assertTrue(vigil("score", "--polcy", "abuse").err().contains("did you mean '--policy'?"));
    assertTrue(vigil("score", "--policy", "sample", "--policy=abuse").err().contains("given twice"));
  }

  @Test
  void optionsMeanTheSameInEveryCommandAndOldSpellingsStillWork() throws Exception {
    Path items = dir.resolve("items.jsonl");
    Files.writeString(items, "{\"id\": \"a\", \"text\": \"you idiot\"}\n");
    Result byInput = vigil("score", "--input", items.toString(), "--policy=abuse");
    assertEquals(0, byInput.code(), byInput.err());
    assertTrue(byInput.out().startsWith("{\"id\":\"a\""), byInput.out());
    Result old = vigil(ProcessBuilder.Redirect.PIPE, "{\"id\": \"b\", \"text\": \"hi\"}\n", "score", "--input",
        "jsonl", "-");
    assertEquals(0, old.code(), old.err());
    assertTrue(old.out().startsWith("{\"id\":\"b\""), old.out());
    assertTrue(old.err().contains("--input jsonl as the input's format is deprecated in score; use"
        + " --input-format jsonl"), old.err());
    Result dashDash = vigil("score", "--", items.toString());
    assertTrue(dashDash.out().startsWith("{\"id\":\"a\""), dashDash.err());

    String csv = "text,label\nyou idiot,1\nnice day,0\n";
    Result eval = vigil(ProcessBuilder.Redirect.PIPE, csv, "eval", "--policy", "abuse", "--input", "-",
        "--input-format", "csv");
    assertEquals(0, eval.code(), eval.err());
    assertTrue(eval.out().contains("1 / 0 / 1 / 0"), eval.out());
    assertTrue(eval.out().startsWith("policy abuse v2026.12.02 on <stdin>"), eval.out());
    Result oldEval = vigil(ProcessBuilder.Redirect.PIPE, csv, "eval", "--policy", "abuse", "--input", "-",
        "--format", "csv");
    assertEquals(0, oldEval.code(), oldEval.err());
    assertTrue(oldEval.err().contains("--format is deprecated in eval; use --input-format"), oldEval.err());
    Result noFormat = vigil(ProcessBuilder.Redirect.PIPE, csv, "eval", "--policy", "abuse", "--input", "-");
    assertEquals(2, noFormat.code());
    assertTrue(noFormat.err().contains("give --input-format"), noFormat.err());
  }
}
