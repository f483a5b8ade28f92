package dev.vigil.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares a JMH result with a committed baseline, benchmark by benchmark, and says which regressed.
 *
 * <p>Machines differ and shared ones are noisy, so absolute scores are never compared. Each benchmark's
 * speed is divided by the speed of a <em>reference</em> benchmark measured in the same run (Vigil uses
 * its speed-of-light scan); the gate compares these ratios between the baseline and the new result. A
 * benchmark regressed when its ratio fell by more than its tolerance (default 30%). Allocation per
 * operation ({@code gc.alloc.rate.norm} from {@code -prof gc}) is deterministic and compared directly:
 * a benchmark regressed when it allocates more than its allocation tolerance above the baseline (default
 * 10%, plus 16 bytes), and any benchmark whose baseline allocates under 1 B/op (counted as zero) must
 * stay under 1 B/op. Speed is read from any JMH mode: throughput as is, times (average, sample,
 * single-shot) as their inverse. A benchmark of the baseline missing from the result fails too, so a
 * renamed benchmark cannot slip past the gate.
 *
 * <p>A noisy neighbour slows whichever benchmark runs beside it, once; a real regression shows in every
 * run. So the gate can judge several results of the same code at once ({@link #confirmed}): a
 * benchmark fails only when it regressed in more than half of them. Measure once, and measure again
 * only when the first result regressed (two results: both must regress; three: two of them).
 */
public final class Gate {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One benchmark of a JMH result: its speed and allocation. */
  record Measurement(String key, String benchmark, Map<String, String> params, double speed,
      double allocation) {}

  /** The verdict on one benchmark. */
  public record Verdict(String key, double baseRatio, double newRatio, double baseAllocation,
      double newAllocation, boolean slower, boolean allocates, boolean missing) {
    /** Whether this benchmark fails the gate. */
    public boolean regressed() {
      return slower || allocates || missing;
    }

    /** The change of the speed ratio, as a fraction (-0.4 is 40% slower relative to the reference). */
    public double change() {
      return newRatio / baseRatio - 1;
    }
  }

  /** The gate's result: a verdict per benchmark of the baseline. */
  public record Report(List<Verdict> verdicts) {
    /** Whether any benchmark regressed. */
    public boolean failed() {
      return verdicts.stream().anyMatch(Verdict::regressed);
    }

    /** The benchmarks that regressed. */
    public List<Verdict> regressions() {
      return verdicts.stream().filter(Verdict::regressed).toList();
    }

    /** A table for people. */
    public String table() {
      StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-70s %10s %10s %8s %12s %12s  %s%n",
          "benchmark", "base ratio", "new ratio", "change", "base B/op", "new B/op", "verdict"));
      for (Verdict v : verdicts) {
        if (v.missing()) {
          b.append(String.format(Locale.ROOT, "%-70s %10s %10s %8s %12s %12s  %s%n", v.key(), "", "", "",
              "", "", "MISSING from the result"));
          continue;
        }
        String verdict = v.slower() && v.allocates() ? "SLOWER and ALLOCATES MORE"
            : v.slower() ? "SLOWER" : v.allocates() ? "ALLOCATES MORE" : "ok";
        b.append(String.format(Locale.ROOT, "%-70s %10.4g %10.4g %+7.1f%% %12s %12s  %s%n", v.key(),
            v.baseRatio(), v.newRatio(), 100 * v.change(), bytes(v.baseAllocation()),
            bytes(v.newAllocation()), verdict));
      }
      return b.toString();
    }

    private static String bytes(double b) {
      return Double.isNaN(b) ? "-" : String.format(Locale.ROOT, "%.1f", b);
    }
  }

  private final GateConfig config;

  public Gate(GateConfig config) {
    this.config = config;
  }

  /** Compares the JMH JSON result file with the baseline file. */
  public Report compare(Path baseline, Path result) throws IOException {
    Map<String, Measurement> base = measurements(baseline);
    Map<String, Measurement> now = measurements(result);
    try {
      return compare(base, now);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (comparing " + result + " with " + baseline
          + ")", e);
    }
  }

  /** A JMH JSON file's measurements, or an exception naming the file and what is wrong with it. */
  private static Map<String, Measurement> measurements(Path file) throws IOException {
    JsonNode tree;
    try {
      tree = JSON.readTree(file.toFile());
    } catch (FileNotFoundException e) {
      throw new NoSuchFileException(file.toString(), null, "no such file");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + " is not a JMH JSON result: " + e.getOriginalMessage(),
          e);
    }
    try {
      return read(tree == null ? MissingNode.getInstance() : tree);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The benchmarks that regressed in more than half of {@code reports} (each a comparison of one
   * result of the same code with the same baseline), by key in the order they first regressed, each
   * with its verdicts that regressed, in the order of the reports (unmodifiable). One report: every
   * regression it holds.
   *
   * @throws IllegalArgumentException if {@code reports} is empty
   */
  public static Map<String, List<Verdict>> confirmed(List<Report> reports) {
    Map<String, List<Verdict>> confirmed = new LinkedHashMap<>();
    regressedIn(reports).forEach((key, vs) -> {
      if (isConfirmed(vs, reports.size())) {
        confirmed.put(key, vs);
      }
    });
    return Collections.unmodifiableMap(confirmed);
  }

  /**
   * Every benchmark that regressed in any of {@code reports}, as {@link #confirmed} gives those that
   * regressed in most.
   */
  static Map<String, List<Verdict>> regressedIn(List<Report> reports) {
    if (reports.isEmpty()) {
      throw new IllegalArgumentException("reports is empty: give at least one result");
    }
    Map<String, List<Verdict>> regressed = new LinkedHashMap<>();
    for (Report r : reports) {
      for (Verdict v : r.regressions()) {
        regressed.computeIfAbsent(v.key(), k -> new ArrayList<>()).add(v);
      }
    }
    regressed.replaceAll((key, vs) -> List.copyOf(vs));
    return regressed;
  }

  /** Whether {@code regressed}, the verdicts of one benchmark that regressed, are most of {@code n}. */
  static boolean isConfirmed(List<Verdict> regressed, int n) {
    return 2 * regressed.size() > n;
  }

  Report compare(JsonNode baseline, JsonNode result) {
    return compare(read(baseline), read(result));
  }

  private Report compare(Map<String, Measurement> base, Map<String, Measurement> now) {
    List<Verdict> verdicts = new ArrayList<>();
    for (Measurement b : base.values()) {
      if (isReference(b)) {
        continue;
      }
      Measurement n = now.get(b.key());
      if (n == null) {
        verdicts.add(new Verdict(b.key(), Double.NaN, Double.NaN, b.allocation(), Double.NaN, false,
            false, true));
        continue;
      }
      Measurement baseRef = reference(base, b);
      Measurement nowRef = reference(now, n);
      double baseRatio = b.speed() / baseRef.speed();
      double newRatio = n.speed() / nowRef.speed();
      double tolerance = config.tolerance(b.key());
      boolean slower = newRatio < baseRatio * (1 - tolerance);
      boolean allocates = false;
      if (!Double.isNaN(b.allocation()) && !Double.isNaN(n.allocation())) {
        if (b.allocation() < 1) {
          allocates = n.allocation() >= 1;
        } else {
          allocates = n.allocation() > b.allocation() * (1 + config.allocationTolerance(b.key()))
              + config.allocationSlack();
        }
      }
      verdicts.add(new Verdict(b.key(), baseRatio, newRatio, b.allocation(), n.allocation(), slower,
          allocates, false));
    }
    return new Report(verdicts);
  }

  private boolean isReference(Measurement m) {
    return m.benchmark().equals(config.reference());
  }

  /**
   * The reference measurement for {@code m}: the reference benchmark with the same values for the
   * parameters both have, or else the first reference measurement.
   */
  private Measurement reference(Map<String, Measurement> all, Measurement m) {
    Measurement fallback = null;
    for (Measurement r : all.values()) {
      if (!r.benchmark().equals(config.reference())) {
        continue;
      }
      if (fallback == null) {
        fallback = r;
      }
      boolean same = true;
      for (Map.Entry<String, String> p : r.params().entrySet()) {
        String mine = m.params().get(p.getKey());
        same &= mine == null || mine.equals(p.getValue());
      }
      boolean shares = r.params().keySet().stream().anyMatch(m.params()::containsKey);
      if (same && shares) {
        return r;
      }
    }
    if (fallback == null) {
      throw new IllegalArgumentException("no reference benchmark '" + config.reference()
          + "' in the results: run it in the same JMH run as the benchmarks it normalizes");
    }
    return fallback;
  }

  static Map<String, Measurement> read(JsonNode results) {
    if (results.isMissingNode()) {
      throw new IllegalArgumentException("not a JMH JSON result: it is empty");
    }
    if (!results.isArray()) {
      throw new IllegalArgumentException("not a JMH JSON result: the top level is not an array");
    }
    Map<String, Measurement> out = new LinkedHashMap<>();
    for (JsonNode r : results) {
      String benchmark = text(r, "benchmark");
      String mode = text(r, "mode");
      Map<String, String> params = new TreeMap<>();
      JsonNode p = r.get("params");
      if (p != null) {
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          params.put(e.getKey(), e.getValue().asText());
        }
      }
      JsonNode primary = r.get("primaryMetric");
      if (primary == null || !primary.has("score")) {
        throw new IllegalArgumentException("benchmark " + benchmark + " has no primaryMetric.score");
      }
      double score = primary.get("score").asDouble();
      double speed = mode.equals("thrpt") ? score : 1.0 / score;
      double allocation = Double.NaN;
      JsonNode secondary = r.get("secondaryMetrics");
      if (secondary != null) {
        for (Iterator<Map.Entry<String, JsonNode>> it = secondary.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (e.getKey().endsWith("gc.alloc.rate.norm")) {
            allocation = e.getValue().get("score").asDouble();
          }
        }
      }
      String key = params.isEmpty() ? benchmark : benchmark + params;
      out.put(key, new Measurement(key, benchmark, params, speed, allocation));
    }
    return out;
  }

  private static String text(JsonNode r, String field) {
    JsonNode n = r.get(field);
    if (n == null || !n.isTextual()) {
      throw new IllegalArgumentException("not a JMH JSON result: an entry has no '" + field + "'");
    }
    return n.asText();
  }
}
