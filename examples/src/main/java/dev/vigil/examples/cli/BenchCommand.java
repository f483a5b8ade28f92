package dev.vigil.examples.cli;

import dev.vigil.gate.RegressionGate;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Statistics;

/**
 * {@code vigil bench}: the user's policy on the user's items, measured by JMH in a fork of its own
 * ({@link PolicyBench}: throughput, latency percentiles, allocation per item, and the in-run reference
 * that makes results comparable across machines), written as JMH's JSON; and, with {@code --baseline}
 * and {@code --result}, the regression gate ({@code vigil-bench-gate}) on two such results, with the
 * reference already named. JMH's progress shows on a terminal; in CI (the {@code CI} variable set, or
 * no console) the run is quiet but for the summary.
 */
final class BenchCommand {
  /** The reference the gate reads every speed against. */
  static final String REFERENCE = PolicyBench.class.getName() + ".speedOfLight";

  static final Cli.Command SPEC = new Cli.Command("bench", "Measures a policy's speed on your items"
      + " with JMH (throughput, latency percentiles, allocation per item,\nand a reference measured in"
      + " the same run), or compares two results and fails on a regression.",
      "--policy NAME|FILE --input FILE [--threads N] [--json OUT] [--quick]\n"
          + "       vigil bench --baseline OLD.json --result NEW.json [AGAIN.json ...] [--tolerance X]"
          + " [--config FILE]",
      List.of(
          Cli.Opt.value("--policy", "NAME|FILE", "a bundled policy or a policy file, as for score"),
          Cli.Opt.value("--input", "FILE", "the items to measure on (text or JSON Lines, as for score)"),
          Cli.Opt.value("--threads", "N", "threads evaluating at once (default 1)"),
          Cli.Opt.value("--json", "OUT", "where the JMH result goes (default bench.json)"),
          Cli.Opt.flag("--quick", "short iterations (a first look, or a test), not for a baseline"),
          Cli.Opt.value("--baseline", "OLD.json", "compare: a committed earlier result"),
          Cli.Opt.value("--result", "NEW.json", "compare: this run's result; further results of the same\n"
              + "code may follow the options (AGAIN.json): a benchmark then\nfails only when it"
              + " regressed in more than half of them"),
          Cli.Opt.value("--tolerance", "X", "compare: how far a speed may fall relative to the\n"
              + "reference before it fails (default 0.35)"),
          Cli.Opt.value("--config", "FILE", "compare: the gate's settings file (see benchmarks/README.md)")),
      "AGAIN.json", Map.of());

  private BenchCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    Cli.Options o = Cli.Options.parse(args, SPEC, out, err);
    if (o == null) {
      return VigilCli.USAGE;
    }
    if (o.helped) {
      return VigilCli.OK;
    }
    if (o.values.containsKey("--baseline") || o.values.containsKey("--result")) {
      return compare(o, out, err);
    }
    if (!o.files.isEmpty()) {
      err.println("vigil: bench takes no argument '" + o.files.get(0) + "' when it measures (further"
          + " results follow --baseline and --result)");
      return VigilCli.USAGE;
    }
    String policy = o.values.get("--policy");
    String input = o.values.get("--input");
    if (policy == null || input == null) {
      err.println("vigil: bench needs --policy and --input (or --baseline and --result)");
      return VigilCli.USAGE;
    }
    int threads = MineCommand.whole(o, "--threads", "1");
    if (threads < 1) {
      err.println("vigil: --threads must be at least 1 but was " + threads);
      return VigilCli.USAGE;
    }
    // Load once here, so that a problem shows as score shows it rather than as a failed fork.
    if (BenchInputs.load(policy, input, err) == null) {
      return VigilCli.USAGE;
    }
    String policyArg = Policies.isFile(policy) ? Path.of(policy).toAbsolutePath().toString() : policy;
    Path json = Path.of(o.get("--json", "bench.json")).toAbsolutePath();
    boolean quick = o.flags.contains("--quick");
    boolean quiet = System.getenv("CI") != null || System.console() == null;
    ChainedOptionsBuilder b = new OptionsBuilder()
        .include(Pattern.quote(PolicyBench.class.getName()) + "\\.")
        .jvmArgsAppend("-Dvigil.bench.policy=" + policyArg,
            "-Dvigil.bench.input=" + Path.of(input).toAbsolutePath())
        .threads(threads)
        .forks(1)
        .warmupIterations(quick ? 1 : 3)
        .warmupTime(TimeValue.milliseconds(quick ? 300 : 1000))
        .measurementIterations(quick ? 2 : 5)
        .measurementTime(TimeValue.milliseconds(quick ? 300 : 1000))
        .addProfiler(GCProfiler.class)
        .result(json.toString())
        .resultFormat(ResultFormatType.JSON)
        .verbosity(quiet ? VerboseMode.SILENT : VerboseMode.NORMAL)
        .shouldFailOnError(true);
    Collection<RunResult> results;
    try {
      results = new Runner(b.build()).run();
    } catch (RunnerException e) {
      err.println("vigil: the benchmark run failed: " + e.getMessage());
      return VigilCli.BAD_INPUT;
    }
    out.print(summary(results, threads));
    out.println("JMH result: " + json + " (compare two with: vigil bench --baseline OLD --result NEW)");
    return VigilCli.OK;
  }

  private static int compare(Cli.Options o, PrintStream out, PrintStream err) {
    List<String> args = new ArrayList<>();
    for (String name : List.of("--baseline", "--result", "--tolerance", "--config")) {
      String v = o.values.get(name);
      if (v != null) {
        args.add(name);
        args.add(v);
      }
    }
    for (String again : o.files) {
      args.add("--result");
      args.add(again);
    }
    if (!o.values.containsKey("--config")) {
      args.add("--reference");
      args.add(REFERENCE);
      if (!o.values.containsKey("--tolerance")) {
        args.add("--tolerance");
        args.add("0.35");
      }
    }
    return RegressionGate.run(args.toArray(new String[0]), out, err);
  }

  /** A few lines for people: throughput, latency percentiles, allocation, the reference's ratio. */
  static String summary(Collection<RunResult> results, int threads) {
    StringBuilder sb = new StringBuilder();
    double evaluations = Double.NaN;
    double reference = Double.NaN;
    for (RunResult r : results) {
      String method = r.getParams().getBenchmark();
      method = method.substring(method.lastIndexOf('.') + 1);
      Result<?> primary = r.getPrimaryResult();
      Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
      String bytes = alloc == null ? "" : String.format(Locale.ROOT, ", %.0f bytes allocated per call",
          alloc.getScore());
      switch (method) {
        case "evaluate" -> {
          evaluations = primary.getScore();
          sb.append(String.format(Locale.ROOT, "throughput: %,.0f items/s on %d thread%s%s%n",
              evaluations, threads, threads == 1 ? "" : "s", bytes));
        }
        case "latency" -> {
          Statistics s = primary.getStatistics();
          sb.append(String.format(Locale.ROOT,
              "latency: p50 %.2f us, p99 %.2f us, p99.9 %.2f us, max %.2f us%n",
              s.getPercentile(50), s.getPercentile(99), s.getPercentile(99.9), s.getMax()));
        }
        case "speedOfLight" -> reference = primary.getScore();
        default -> {
          // Nothing else is measured.
        }
      }
    }
    if (!Double.isNaN(evaluations) && !Double.isNaN(reference) && reference > 0) {
      sb.append(String.format(Locale.ROOT,
          "reference (every char of the items read once): %,.0f items/s; the policy at %.4f of it%n",
          reference, evaluations / reference));
    }
    return sb.toString();
  }
}
