package dev.vigil.benchmarks;

import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmark suite in one of three documented modes, always with {@code -prof gc} and a JSON
 * result for the regression gate:
 *
 * <ul>
 *   <li>{@code smoke}: the key hot-path benchmarks (the full policy's throughput and mean latency on
 *       posts; chat lines and long text under {@code standard} and {@code aggressive}), one fork, short
 *       iterations: about two minutes; what CI runs before the gate.
 *   <li>{@code quick}: every benchmark class with the peers and sizes that matter, one fork, 2 warm-up
 *       and 3 measurement iterations of 1 s, leaving out the 1M-term dictionary, the 1M and 10M-char
 *       hostile texts, the 100 and 100,000-rule sets and the slow reference engines on long text:
 *       under 5 minutes.
 *   <li>{@code full}: everything, 2 forks, 3 warm-up and 10 measurement iterations: the published
 *       numbers (an hour and more).
 * </ul>
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.Suite smoke|quick|full [result.json]
 * </pre>
 */
public final class Suite {
  private Suite() {}

  public static void main(String[] args) throws RunnerException {
    if (args.length < 1 || !List.of("smoke", "quick", "full").contains(args[0])) {
      System.err.println("usage: Suite smoke|quick|full [result.json]");
      System.exit(2);
    }
    String mode = args[0];
    String result = args.length > 1 ? args[1] : "jmh-" + mode + ".json";
    new Runner(options(mode).result(result).resultFormat(ResultFormatType.JSON).build()).run();
  }

  static ChainedOptionsBuilder options(String mode) {
    ChainedOptionsBuilder o = new OptionsBuilder().addProfiler(GCProfiler.class)
        .shouldFailOnError(true);
    switch (mode) {
      case "smoke":
        return o.include("PolicyBenchmark\\.(policy|speedOfLight)$")
            .include("PolicyLatencyBenchmark\\.latency$")
            .include("ShortMessageBenchmark\\.callback$")
            .include("TermMatcherBenchmark\\.scan$")
            .param("length", "280").param("hits", "some", "none")
            .param("preset", "standard", "aggressive").param("list", "words5000")
            .param("engine", "VIGIL", "VIGIL_AGGRESSIVE").param("dictionary", "words5000")
            .forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(1))
            .measurementIterations(5).measurementTime(TimeValue.seconds(1));
      case "quick":
        return o.include("PolicyBenchmark").include("PolicyLatencyBenchmark")
            .include("ShortMessageBenchmark")
            .include("TermMatcherBenchmark").include("LargeDictionaryBenchmark")
            .include("LinearityBenchmark").include("QueryRulesBenchmark")
            .include("BehaviorBenchmark").include("HashBankBenchmark")
            .param("engine", "VIGIL", "VIGIL_PHRASES", "VIGIL_AGGRESSIVE", "ROKLENARCIC", "HANKCS")
            .param("dictionary", "words5000", "hits5000").param("terms", "5000", "100000")
            .param("preset", "standard", "aggressive")
            .param("size", "10000", "100000").param("rules", "1000", "10000").param("activity", "zipf")
            .forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(1))
            .measurementIterations(3).measurementTime(TimeValue.seconds(1));
      default:
        // sensitive-word is measured by PolicyBenchmark on posts: on 1 MiB texts one call takes minutes.
        return o.include("dev\\.vigil\\.benchmarks\\..*Benchmark")
            .param("engine", "VIGIL", "VIGIL_UNANCHORED", "VIGIL_PHRASES", "VIGIL_AGGRESSIVE",
                "VIGIL_CASE_ONLY", "ROBERT_BOR", "HANKCS", "ROKLENARCIC", "JDK_REGEX")
            .forks(2).warmupIterations(3).measurementIterations(10);
    }
  }
}
