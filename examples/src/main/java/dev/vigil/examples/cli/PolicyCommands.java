package dev.vigil.examples.cli;

import dev.vigil.policy.InlineTest;
import dev.vigil.policy.PolicyException;
import dev.vigil.policy.PolicyFile;
import dev.vigil.policy.PolicyLint;
import dev.vigil.policy.PolicyLoader;
import dev.vigil.policy.PolicySchema;
import dev.vigil.policy.Problem;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code vigil lint}, {@code vigil test} and {@code vigil schema}: the commands an analyst runs on a
 * policy file before it ships. Diagnostics go to standard output, one per line as compilers print them
 * ({@code file:line:column: error: message}), so editors and CI logs link them.
 */
final class PolicyCommands {
  private PolicyCommands() {}

  static final Cli.Command LINT = new Cli.Command("lint", "Loads policy files and prints every error"
      + " and warning as file:line:column: message;\nexits 1 on an error.", "[--strict] FILE...",
      List.of(Cli.Opt.flag("--strict", "exit 1 on a warning too")), "FILE", Map.of());
  static final Cli.Command TEST = new Cli.Command("test", "Runs policy files' inline tests; prints each"
      + " failure with its decision; exits 1\nwhen one fails or a policy does not load.", "FILE...",
      List.of(), "FILE", Map.of());
  static final Cli.Command SCHEMA = new Cli.Command("schema", "Prints the JSON Schema of policy files, with"
      + " every signal kind on the class path.", "", List.of(), null, Map.of());

  /** {@code vigil lint FILE... [--strict]}: errors, then warnings; exit 1 on an error (or a warning with --strict). */
  static int lint(String[] args, PrintStream out, PrintStream err) {
    Cli.Options o = files(args, LINT, out, err);
    if (o == null || o.helped) {
      return o == null ? VigilCli.USAGE : VigilCli.OK;
    }
    int errors = 0;
    int warnings = 0;
    for (String spec : o.files) {
      PolicyFile f;
      try {
        f = load(spec, err);
      } catch (PolicyException e) {
        Policies.printProblems(e, out);
        errors += e.problems().size();
        out.println(spec + ": " + e.problems().size() + " error(s); the policy does not load");
        continue;
      }
      if (f == null) {
        return VigilCli.USAGE;
      }
      List<Problem> found = PolicyLint.check(f);
      for (Problem p : found) {
        out.println(p);
      }
      warnings += found.size();
      out.println(spec + ": " + f.name() + " v" + f.version() + " (" + f.contentHash().substring(0, 12)
          + "): 0 errors, " + found.size() + " warning(s); " + f.policy().signals().size() + " signals, "
          + f.policy().rules().size() + " rules, " + f.tests().size() + " inline tests");
    }
    return errors > 0 || (warnings > 0 && o.flags.contains("--strict")) ? VigilCli.BAD_INPUT : VigilCli.OK;
  }

  /** {@code vigil test FILE...}: runs the inline tests; exit 1 when one fails or a policy does not load. */
  static int test(String[] args, PrintStream out, PrintStream err) {
    Cli.Options o = files(args, TEST, out, err);
    if (o == null || o.helped) {
      return o == null ? VigilCli.USAGE : VigilCli.OK;
    }
    int failed = 0;
    int run = 0;
    boolean broken = false;
    for (String spec : o.files) {
      PolicyFile f;
      try {
        f = load(spec, err);
      } catch (PolicyException e) {
        Policies.printProblems(e, out);
        out.println(spec + ": the policy does not load (" + e.problems().size() + " problem(s))");
        broken = true;
        continue;
      }
      if (f == null) {
        return VigilCli.USAGE;
      }
      if (f.tests().isEmpty()) {
        err.println("vigil: " + spec + " has no inline tests (add a 'tests:' section)");
      }
      for (InlineTest.Result r : f.runTests()) {
        run++;
        InlineTest t = r.test();
        if (r.passed()) {
          out.println("ok " + run + " - " + t.name());
          continue;
        }
        failed++;
        out.println("not ok " + run + " - " + t.name() + " (" + f.source() + ":" + t.line() + ")");
        for (String why : r.failures()) {
          out.println("    " + why);
        }
        for (String line : r.decision().explain().split("\n")) {
          out.println("    | " + line);
        }
      }
    }
    out.println(run + " test(s), " + failed + " failed");
    return failed > 0 || broken ? VigilCli.BAD_INPUT : VigilCli.OK;
  }

  /** The options of a command that takes policy files; null after printing why not. */
  private static Cli.@Nullable Options files(String[] args, Cli.Command c, PrintStream out,
      PrintStream err) {
    Cli.Options o = Cli.Options.parse(args, c, out, err);
    if (o != null && !o.helped && o.files.isEmpty()) {
      err.println("vigil: " + args[0] + " needs a policy file (or a bundled policy's name)");
      return null;
    }
    return o;
  }

  /** {@code vigil schema}: the JSON Schema of policy files for the kinds on the class path. */
  static int schema(String[] args, PrintStream out, PrintStream err) {
    Cli.Options o = Cli.Options.parse(args, SCHEMA, out, err);
    if (o == null || o.helped) {
      return o == null ? VigilCli.USAGE : VigilCli.OK;
    }
    out.print(PolicySchema.generate(PolicyLoader.defaults().kinds().values()));
    return VigilCli.OK;
  }

  /** A bundled policy by name, or a file; null after saying there is neither. */
  private static @Nullable PolicyFile load(String spec, PrintStream err) {
    String resource = Policies.BUNDLED.get(spec);
    if (resource != null) {
      return PolicyLoader.defaults().loadResource(PolicyCommands.class.getClassLoader(), resource);
    }
    if (!Files.exists(Path.of(spec))) {
      err.println("vigil: " + spec + ": no such file");
      return null;
    }
    return PolicyLoader.defaults().load(Path.of(spec));
  }
}
