package dev.vigil.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.Action;
import dev.vigil.Decision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Keeps the README's code example compiled and running: the README shows {@link ReadmeExample}. */
class ReadmeExampleTest {

  private static String between(String text, String begin, String end) {
    int b = text.indexOf(begin);
    int e = text.indexOf(end, b + 1);
    assertTrue(b >= 0 && e > b, () -> "markers " + begin + " / " + end + " not found");
    return text.substring(b + begin.length(), e);
  }

  private static String dedent(String block) {
    List<String> lines = block.lines().collect(Collectors.toList());
    while (!lines.isEmpty() && lines.get(0).isBlank()) {
      lines.remove(0);
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    int indent = lines.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent))
        .collect(Collectors.joining("\n"));
  }

  @Test
  void readmeShowsTheCompiledExample() throws Exception {
    String source = Files.readString(
        Path.of("src/main/java/dev/vigil/examples/ReadmeExample.java"));
    String readme = Files.readString(Path.of("../README.md"));
    String code = dedent(between(source, "// README-BEGIN", "// README-END"));
    String shown = dedent(between(readme, "```java", "```"));
    assertEquals(code, shown, "README.md's first java block must equal ReadmeExample's marked lines");
  }

  @Test
  void theExampleRemovesTheScamAndExplainsWhy() {
    Decision d = ReadmeExample.run();
    assertEquals(Action.REMOVE, d.action());
    assertEquals("dm-scams", d.policyName());
    assertEquals("3", d.policyVersion());
    assertEquals(1.4, d.total(), 1e-9);
    assertTrue(d.explain().contains("[scam] scam-link = allOf(regex(scam-phrases), regex(links))"),
        d.explain());
  }
}
