package dev.vigil.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A folder of policy and list files for a test, and assertions on loading them. */
final class Folder {
  final Path dir;
  private final PolicyLoader loader;

  Folder(Path dir) {
    this(dir, PolicyLoader.builder().withoutDiscovery().build());
  }

  Folder(Path dir, PolicyLoader loader) {
    this.dir = dir;
    this.loader = loader;
  }

  /** Writes a file (UTF-8) and returns its path. */
  Path write(String name, String text) {
    return write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  Path write(String name, byte[] bytes) {
    try {
      Path p = dir.resolve(name);
      Files.createDirectories(p.getParent());
      Files.write(p, bytes);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  PolicyFile load(String name) {
    return loader.load(dir.resolve(name));
  }

  /** Writes {@code policy.yaml} and loads it. */
  PolicyFile policy(String yaml) {
    write("policy.yaml", yaml);
    return load("policy.yaml");
  }

  /** Writes {@code policy.yaml}, expects it to fail, and returns its problems. */
  List<Problem> problems(String yaml) {
    write("policy.yaml", yaml);
    PolicyException e = assertThrows(PolicyException.class, () -> load("policy.yaml"));
    assertTrue(!e.problems().isEmpty());
    for (Problem p : e.problems()) {
      assertEquals(Problem.Severity.ERROR, p.severity(), p.toString());
    }
    return e.problems();
  }

  /**
   * Expects the problem at {@code file:line:column} whose message contains every fragment; returns it.
   * {@code file} is the name inside the folder.
   */
  static Problem expect(List<Problem> problems, String file, int line, int column, String... fragments) {
    for (Problem p : problems) {
      if (p.file().endsWith(file) && p.line() == line && p.column() == column) {
        for (String f : fragments) {
          assertTrue(p.message().contains(f), () -> "expected '" + f + "' in: " + p + "\nall: " + problems);
        }
        return p;
      }
    }
    return fail("no problem at " + file + ":" + line + ":" + column + " among:\n" + String.join("\n",
        problems.stream().map(Problem::toString).toList()));
  }

  /** The only problem, which must be at {@code line:column} of policy.yaml with the fragments. */
  static Problem only(List<Problem> problems, int line, int column, String... fragments) {
    assertEquals(1, problems.size(), () -> "expected one problem, got:\n" + problems);
    return expect(problems, "policy.yaml", line, column, fragments);
  }
}
