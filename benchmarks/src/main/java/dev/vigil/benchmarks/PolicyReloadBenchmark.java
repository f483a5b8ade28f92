package dev.vigil.benchmarks;

import dev.vigil.policy.PolicyFile;
import dev.vigil.policy.PolicyLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long a reload takes: loading a policy file whose term list holds {@code terms} random words
 * (read, parsed, checked, normalized and compiled into the matcher), as {@code PolicyWatcher} does on
 * every change before it swaps the policy in. One load per measurement ({@code SingleShotTime}), after
 * warm-up loads, so the figure is a reload in a running service, not in a cold JVM. The watcher adds
 * its debounce (200 ms by default) before it starts loading.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar PolicyReloadBenchmark -f 2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class PolicyReloadBenchmark {
  /** Terms in the policy's list. */
  @Param({"100000"})
  public int terms;

  /** The list's preset. */
  @Param({"standard", "aggressive"})
  public String preset;

  private Path dir;
  private final PolicyLoader loader = PolicyLoader.defaults();

  /** Writes the policy and its list (words from a fixed seed) to a temporary folder. */
  @Setup
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("vigil-reload");
    List<String> words = BenchData.randomWords(terms, 100_003);
    Files.write(dir.resolve("terms.txt"), words, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("policy.yaml"), String.join("\n",
        "policy: reload",
        "categories: {abuse: {cap: 1.0}, spam: }",
        "lists:",
        "  big: {type: terms, file: terms.txt, preset: " + preset + "}",
        "signals:",
        "  big: {kind: terms, lists: big, category: abuse, weight: 0.6}",
        "  links: {kind: links.count, category: spam, weight: 0.4}",
        "  scam: {kind: regex, pattern: '(?i)double your (money|bitcoin)', category: spam}",
        "rules: ['remove when total >= 1.0', 'review when total >= 0.5']", ""), StandardCharsets.UTF_8);
  }

  /** Deletes the folder. */
  @TearDown
  public void tearDown() throws IOException {
    for (String f : new String[] {"policy.yaml", "terms.txt"}) {
      Files.deleteIfExists(dir.resolve(f));
    }
    Files.deleteIfExists(dir);
  }

  /** One complete load, as a reload does it. */
  @Benchmark
  public PolicyFile reload() {
    return loader.load(dir.resolve("policy.yaml"));
  }
}
