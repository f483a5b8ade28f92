package dev.vigil;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The third-party data in {@code ../shared/data} (beside the project), read in place and never copied.
 * Tests that need it are skipped, with a message naming what is missing, when it is absent (a user's
 * fresh clone). {@code VIGIL_SHARED_DATA} may point elsewhere.
 */
public final class SharedData {
  private SharedData() {}

  /** The data folder, found from the module or the project directory. */
  public static Path root() {
    String env = System.getenv("VIGIL_SHARED_DATA");
    if (env != null) {
      return Path.of(env);
    }
    for (Path p : new Path[] {Path.of("..", "..", "shared", "data"), Path.of("..", "shared", "data")}) {
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    return Path.of("..", "..", "shared", "data");
  }

  /** The path of {@code relative} inside the data folder; skips the test when it is absent. */
  public static Path require(String relative) {
    Path p = root().resolve(relative);
    assumeTrue(Files.exists(p), () -> "skipped: needs the shared data file " + relative
        + " (looked in " + root().toAbsolutePath().normalize() + "; set VIGIL_SHARED_DATA)");
    return p;
  }

  /** Writes a report under {@code target/vigil-reports} and prints it. */
  public static void report(String name, String text) {
    try {
      Path dir = Path.of("target", "vigil-reports");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name + ".txt"), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.println("== " + name + " ==\n" + text);
  }
}
