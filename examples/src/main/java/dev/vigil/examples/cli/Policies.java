package dev.vigil.examples.cli;

import dev.vigil.policy.PolicyException;
import dev.vigil.policy.PolicyFile;
import dev.vigil.policy.PolicyLoader;
import dev.vigil.policy.Problem;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@code --policy NAME|FILE} names: one of the example policies bundled in the CLI (the files under
 * {@code examples/policies}), by name, or a policy file on disk.
 */
final class Policies {
  private Policies() {}

  /** The bundled policies, by name, and their resources. */
  static final Map<String, String> BUNDLED = new LinkedHashMap<>();

  static {
    for (String name : new String[] {"sample", "sms-spam", "abuse", "dm-spam-wave"}) {
      BUNDLED.put(name, "dev/vigil/examples/policies/" + name + ".yaml");
    }
  }

  static final String DEFAULT = "sample";

  /** Whether {@code spec} names a file rather than a bundled policy. */
  static boolean isFile(String spec) {
    return !BUNDLED.containsKey(spec);
  }

  /**
   * Loads the policy {@code spec} names, or prints every problem (or that there is no such policy or
   * file) to {@code err} and returns null.
   */
  static @Nullable PolicyFile load(String spec, PrintStream err) {
    PolicyLoader loader = PolicyLoader.defaults();
    try {
      String resource = BUNDLED.get(spec);
      if (resource != null) {
        return loader.loadResource(Policies.class.getClassLoader(), resource);
      }
      Path file = Path.of(spec);
      if (!Files.exists(file)) {
        err.println("vigil: no policy named '" + spec + "' and no such file; bundled policies: "
            + String.join(", ", BUNDLED.keySet()));
        return null;
      }
      return loader.load(file);
    } catch (PolicyException e) {
      printProblems(e, err);
      err.println("vigil: policy " + spec + " has " + e.problems().size() + " problem(s); nothing was"
          + " scored");
      return null;
    } catch (java.nio.file.InvalidPathException e) {
      err.println("vigil: '" + spec + "' is not a valid path");
      return null;
    }
  }

  static void printProblems(PolicyException e, PrintStream out) {
    for (Problem p : e.problems()) {
      out.println(p);
    }
  }
}
