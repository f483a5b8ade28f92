package dev.vigil.examples.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.Policy;
import dev.vigil.policy.PolicyFile;
import dev.vigil.text.TermClassifier;
import dev.vigil.text.TermMatcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The {@code vigil} command-line tool: {@code vigil COMMAND [options] [FILE|- ...]}, with
 * {@code vigil COMMAND --help} for each command's options, {@code vigil --help} and
 * {@code vigil --version}. Each command declares its options once, in a {@link Cli.Command}.
 *
 * <p>Exit codes: 0 all went well; 1 some input was malformed or unreadable (the rest was still
 * processed), a policy does not load for lint or test, or a test failed; 2 a usage error (printed on
 * standard error).
 */
public final class VigilCli {
  static final int OK = 0;
  static final int BAD_INPUT = 1;
  static final int USAGE = Cli.USAGE;

  /** Every command, in the order the usage lists them. */
  static final List<Cli.Command> COMMANDS = List.of(ScoreCommand.SPEC, MatchCommand.SPEC,
      EvalCommand.SPEC, LearnCommand.SPEC, MineCommand.SPEC, PolicyCommands.LINT, PolicyCommands.TEST, DiffCommand.SPEC, PolicyCommands.SCHEMA,
      BenchCommand.SPEC);

  private VigilCli() {}

  /** Runs the tool and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args, System.in, stdinHasData(), System.out, System.err));
  }

  /** Runs the tool with the given streams, standard input holding no data; returns the exit code. */
  static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
    return run(args, stdin, false, out, err);
  }

  /**
   * Runs the tool with the given streams and returns the exit code; {@code stdinHasData} says whether
   * standard input is a pipe or a file (then {@code score} without files reads it).
   */
  static int run(String[] args, InputStream stdin, boolean stdinHasData, PrintStream out,
      PrintStream err) {
    if (args.length == 0) {
      err.print(usage());
      return USAGE;
    }
    switch (args[0]) {
      case "--help":
      case "-h":
      case "help":
        if (args.length > 1 && !args[0].equals("--help") && !args[0].equals("-h")) {
          return run(new String[] {args[1], "--help"}, stdin, false, out, err);
        }
        out.print(usage());
        return OK;
      case "--version":
        out.println("vigil " + version() + " (Java " + System.getProperty("java.version") + ")");
        return OK;
      case "score":
        return ScoreCommand.run(args, stdin, stdinHasData, out, err);
      case "match":
        return MatchCommand.run(args, stdin, out, err);
      case "eval":
        return EvalCommand.run(args, stdin, out, err);
      case "learn":
        return LearnCommand.run(args, stdin, out, err);
      case "mine":
        return MineCommand.run(args, stdin, out, err);
      case "lint":
        return PolicyCommands.lint(args, out, err);
      case "test":
        return PolicyCommands.test(args, out, err);
      case "diff":
        return DiffCommand.run(args, stdin, out, err);
      case "schema":
        return PolicyCommands.schema(args, out, err);
      case "bench":
        return BenchCommand.run(args, out, err);
      default:
        err.println("vigil: unknown command '" + args[0] + "'");
        err.print(usage());
        return USAGE;
    }
  }

  /** The tool's usage: each command's synopsis and summary. */
  static String usage() {
    StringBuilder sb = new StringBuilder("usage: vigil COMMAND [options] [FILE|- ...]\n"
        + "       vigil COMMAND --help    the command's options\n"
        + "       vigil --version\n\ncommands:\n");
    for (Cli.Command c : COMMANDS) {
      sb.append("  ").append(c.name()).append(" ".repeat(8 - c.name().length()))
          .append(c.summary().split("\n")[0]).append('\n');
    }
    return sb.append("\nExit codes: 0 done; 1 some input was bad (the rest was processed), a policy does"
        + " not load\n(lint, test) or a test failed; 2 usage error.\n").toString();
  }

  /** The version of this build, from the resource Maven writes. */
  static String version() {
    try (InputStream in = VigilCli.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * Whether standard input is a pipe or a regular file (so that {@code score} reads it), rather than a
   * terminal or nothing. Known on Linux through {@code /proc}; elsewhere it answers no, and {@code -}
   * reads standard input.
   */
  static boolean stdinHasData() {
    try {
      Path fd = Path.of("/proc/self/fd/0");
      if (!Files.isSymbolicLink(fd)) {
        return false;
      }
      String target = Files.readSymbolicLink(fd).toString();
      return target.startsWith("pipe:") || Files.isRegularFile(fd);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  static JsonGenerator jsonLines(PrintStream out) throws IOException {
    OutputStream unclosed = new java.io.FilterOutputStream(out) {
      @Override
      public void close() throws IOException {
        flush();
      }
    };
    JsonGenerator g = new JsonFactory().createGenerator(unclosed, JsonEncoding.UTF8);
    g.setRootValueSeparator(null);
    return g;
  }

  static int finish(Inputs inputs, String what, PrintStream err) {
    if (inputs.bad > 0) {
      err.println("vigil: " + inputs.bad + " problem(s) in the input; " + inputs.items + " item(s) "
          + what);
      return BAD_INPUT;
    }
    return OK;
  }

  static @Nullable Policy policy(Cli.Options o, PrintStream err) {
    PolicyFile file = Policies.load(o.get("--policy", Policies.DEFAULT), err);
    if (file == null) {
      return null;
    }
    Policy policy = file.policy();
    if (o.values.containsKey("--terms")) {
      TermMatcher matcher = TermOptions.matcher(o.values, err);
      if (matcher == null) {
        return null;
      }
      String name = Path.of(o.values.get("--terms")).getFileName().toString();
      // The added list changes the decisions, so the hash must cover it too.
      String hash = TermOptions.hashWith(file.contentHash(), o.values);
      policy = policy.toBuilder().contentHash(hash).signal(TermClassifier.of(name, matcher), "terms")
          .build();
    }
    return policy;
  }
}
