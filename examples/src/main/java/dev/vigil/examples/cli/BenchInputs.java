package dev.vigil.examples.cli;

import dev.vigil.Content;
import dev.vigil.Policy;
import dev.vigil.policy.PolicyFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The policy and the items of a {@code vigil bench} run, loaded as {@code vigil score} loads them (a
 * bundled policy or a policy file; a text or JSON Lines file). In the JMH fork a problem is an
 * exception naming it; {@link BenchCommand} loads them once before it starts the fork, so that the
 * user sees the problem as {@code vigil score} would show it.
 */
final class BenchInputs {
  record Loaded(Policy policy, List<Content> items) {}

  private BenchInputs() {}

  /** The policy {@code spec} and the items of {@code input}, or the problems on {@code err} and null. */
  static @Nullable Loaded load(String spec, String input, PrintStream err) {
    PolicyFile f = Policies.load(spec, err);
    if (f == null) {
      return null;
    }
    List<Content> items = new ArrayList<>();
    Inputs inputs = new Inputs(err);
    try {
      inputs.readFiles(List.of(input), InputStream.nullInputStream(), "auto",
          item -> items.add(item.content()));
    } catch (IOException e) {
      err.println("vigil: cannot read " + input + ": " + e.getMessage());
      return null;
    }
    if (items.isEmpty()) {
      err.println("vigil: " + input + " holds no items to measure");
      return null;
    }
    return new Loaded(f.policy(), items);
  }

  /** {@link #load(String, String, PrintStream)}, or an exception with the problems it printed. */
  static Loaded load(String spec, String input) {
    ByteArrayOutputStream problems = new ByteArrayOutputStream();
    Loaded loaded = load(spec, input, new PrintStream(problems, true, StandardCharsets.UTF_8));
    if (loaded == null) {
      throw new UncheckedIOException(new IOException("vigil bench: "
          + problems.toString(StandardCharsets.UTF_8).strip()));
    }
    return loaded;
  }
}
