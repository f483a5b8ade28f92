package dev.vigil.gate;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The gate's settings, usually from a properties file:
 *
 * <pre>
 * # the in-run reference every speed is divided by (required)
 * reference = dev.vigil.benchmarks.PolicyBenchmark.speedOfLight
 * # allowed drop of a benchmark's speed ratio (default 0.30), and per benchmark (glob on
 * # "name{param=value, ...}", first match wins)
 * tolerance = 0.30
 * tolerance.*TermMatcherBenchmark* = 0.40
 * # allowed growth of bytes per operation (default 0.10), per benchmark, and an absolute slack in bytes
 * allocation.tolerance = 0.10
 * allocation.slack = 16
 * </pre>
 */
public final class GateConfig {
  private final String reference;
  private final double tolerance;
  private final double allocationTolerance;
  private final double allocationSlack;
  private final Map<Pattern, Double> tolerances;
  private final Map<Pattern, Double> allocationTolerances;

  GateConfig(String reference, double tolerance, double allocationTolerance, double allocationSlack,
      Map<Pattern, Double> tolerances, Map<Pattern, Double> allocationTolerances) {
    this.reference = reference;
    this.tolerance = check("tolerance", tolerance, 1);
    this.allocationTolerance = check("allocation.tolerance", allocationTolerance, 100);
    this.allocationSlack = check("allocation.slack", allocationSlack, 1e12);
    this.tolerances = tolerances;
    this.allocationTolerances = allocationTolerances;
  }

  /** Default settings with the given reference benchmark. */
  public static GateConfig of(String reference) {
    return new GateConfig(reference, 0.30, 0.10, 16, Map.of(), Map.of());
  }

  /** Reads a properties file; see the class comment. */
  public static GateConfig load(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return from(p, file.toString());
  }

  static GateConfig from(Properties p, String source) {
    String reference = p.getProperty("reference");
    if (reference == null || reference.isBlank()) {
      throw new IllegalArgumentException(source + ": 'reference' (the in-run reference benchmark) is "
          + "required");
    }
    Map<Pattern, Double> tolerances = new LinkedHashMap<>();
    Map<Pattern, Double> allocations = new LinkedHashMap<>();
    for (String key : p.stringPropertyNames().stream().sorted().toList()) {
      if (key.startsWith("tolerance.")) {
        tolerances.put(glob(key.substring("tolerance.".length())), number(p, key, source));
      } else if (key.startsWith("allocation.tolerance.")) {
        allocations.put(glob(key.substring("allocation.tolerance.".length())), number(p, key, source));
      } else if (!key.equals("reference") && !key.equals("tolerance")
          && !key.equals("allocation.tolerance") && !key.equals("allocation.slack")) {
        throw new IllegalArgumentException(source + ": unknown setting '" + key + "'");
      }
    }
    return new GateConfig(reference.strip(),
        p.containsKey("tolerance") ? number(p, "tolerance", source) : 0.30,
        p.containsKey("allocation.tolerance") ? number(p, "allocation.tolerance", source) : 0.10,
        p.containsKey("allocation.slack") ? number(p, "allocation.slack", source) : 16,
        tolerances, allocations);
  }

  /** This configuration with another default speed tolerance. */
  public GateConfig withTolerance(double t) {
    return new GateConfig(reference, t, allocationTolerance, allocationSlack, tolerances,
        allocationTolerances);
  }

  /** This configuration with another reference. */
  public GateConfig withReference(String r) {
    return new GateConfig(r, tolerance, allocationTolerance, allocationSlack, tolerances,
        allocationTolerances);
  }

  String reference() {
    return reference;
  }

  double tolerance(String key) {
    for (Map.Entry<Pattern, Double> e : tolerances.entrySet()) {
      if (e.getKey().matcher(key).matches()) {
        return e.getValue();
      }
    }
    return tolerance;
  }

  double allocationTolerance(String key) {
    for (Map.Entry<Pattern, Double> e : allocationTolerances.entrySet()) {
      if (e.getKey().matcher(key).matches()) {
        return e.getValue();
      }
    }
    return allocationTolerance;
  }

  double allocationSlack() {
    return allocationSlack;
  }

  /** A glob on benchmark keys: {@code *} is any run of chars, everything else is literal. */
  private static Pattern glob(String glob) {
    StringBuilder b = new StringBuilder();
    String[] parts = glob.split("\\*", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        b.append(".*");
      }
      b.append(Pattern.quote(parts[i]));
    }
    return Pattern.compile(b.toString());
  }

  private static double number(Properties p, String key, String source) {
    try {
      return Double.parseDouble(p.getProperty(key).strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(source + ": '" + key + "' must be a number but was '"
          + p.getProperty(key) + "'");
    }
  }

  private static double check(String name, double v, double max) {
    if (!(v >= 0 && v <= max)) {
      throw new IllegalArgumentException(name + " must be in [0, " + max + "] but was " + v);
    }
    return v;
  }
}
