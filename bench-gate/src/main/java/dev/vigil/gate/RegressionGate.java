package dev.vigil.gate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The regression gate as a command, for Vigil's CI and for anyone else's JMH results (artifact
 * {@code dev.vigil:vigil-bench-gate}; its {@code all} jar runs with {@code java -jar}):
 *
 * <pre>
 * java -jar vigil-bench-gate-VERSION-all.jar \
 *     --baseline baseline.json --result result.json [--result again.json ...]
 *     [--config gate.properties] [--reference BENCHMARK] [--tolerance 0.3]
 * </pre>
 *
 * All files are JMH JSON results ({@code -rf json}); the baseline is a committed earlier run of the
 * same benchmarks. {@code --result} may be given more than once, for runs of the same code: a benchmark
 * then fails only when it regressed in more than half of them (see {@link Gate#confirmed}), which is
 * how a shared, noisy CI machine measures again instead of failing on a neighbour's load. Exit codes:
 * 0 nothing regressed; 1 something regressed (each named on standard output); 2 bad arguments or
 * files. See {@link Gate} for how the comparison works and {@link GateConfig} for the settings.
 */
public final class RegressionGate {
  private RegressionGate() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the gate with {@code args} (the command line's), printing the table to {@code out} and
   * problems to {@code err}; returns the exit code (0, 1 or 2, as {@link #main}).
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Path baseline = null;
    List<Path> results = new ArrayList<>();
    Path configFile = null;
    String reference = null;
    Double tolerance = null;
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(a + " needs a value");
        }
        String v = args[++i];
        switch (a) {
          case "--baseline":
            baseline = Path.of(v);
            break;
          case "--result":
            results.add(Path.of(v));
            break;
          case "--config":
            configFile = Path.of(v);
            break;
          case "--reference":
            reference = v;
            break;
          case "--tolerance":
            tolerance = Double.parseDouble(v);
            break;
          default:
            throw new IllegalArgumentException("unknown option " + a);
        }
      }
      if (baseline == null || results.isEmpty()) {
        throw new IllegalArgumentException("--baseline and --result are required");
      }
      GateConfig config = configFile != null ? GateConfig.load(configFile) : null;
      if (config == null) {
        if (reference == null) {
          throw new IllegalArgumentException("give --reference or a --config naming one");
        }
        config = GateConfig.of(reference);
      } else if (reference != null) {
        config = config.withReference(reference);
      }
      if (tolerance != null) {
        config = config.withTolerance(tolerance);
      }
      Gate gate = new Gate(config);
      List<Gate.Report> reports = new ArrayList<>();
      int n = results.size();
      for (int i = 0; i < n; i++) {
        Gate.Report report = gate.compare(baseline, results.get(i));
        reports.add(report);
        if (n > 1) {
          out.println((i > 0 ? "\n" : "") + "result " + (i + 1) + " of " + n + ": " + results.get(i));
        }
        out.print(report.table());
      }
      Map<String, List<Gate.Verdict>> regressed = Gate.regressedIn(reports);
      Map<String, List<Gate.Verdict>> confirmed = new LinkedHashMap<>();
      boolean first = true;
      for (Map.Entry<String, List<Gate.Verdict>> e : regressed.entrySet()) {
        if (Gate.isConfirmed(e.getValue(), n)) {
          confirmed.put(e.getKey(), e.getValue());
          continue;
        }
        // Regressed in some results but not in most: said, so that a flaky benchmark shows.
        out.println((first ? "\n" : "") + "not confirmed: " + e.getKey() + " regressed in "
            + e.getValue().size() + " of " + n + " results (noise, unless it keeps coming back)");
        first = false;
      }
      if (!confirmed.isEmpty()) {
        out.println();
        for (List<Gate.Verdict> vs : confirmed.values()) {
          Gate.Verdict v = vs.get(vs.size() - 1);
          out.println("REGRESSION: " + v.key() + (v.missing() ? " is missing from the result"
              : (v.slower() ? String.format(Locale.ROOT, " is %.0f%% slower relative to the reference",
                  -100 * v.change()) : "")
              + (v.slower() && v.allocates() ? " and" : "")
              + (v.allocates() ? String.format(Locale.ROOT, " allocates %.1f B/op (baseline %.1f)",
                  v.newAllocation(), v.baseAllocation()) : ""))
              + (n > 1 ? " (regressed in " + vs.size() + " of " + n + " results)" : ""));
        }
        return 1;
      }
      out.println("\nno regression (" + reports.get(0).verdicts().size() + " benchmarks"
          + (n > 1 ? ", " + n + " results" : "") + ")");
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("regression-gate: " + e.getMessage());
      err.println("usage: RegressionGate --baseline FILE --result FILE [--result FILE ...] "
          + "[--config FILE] [--reference BENCHMARK] [--tolerance X]");
      return 2;
    }
  }
}
