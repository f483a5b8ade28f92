package dev.vigil.benchmarks;

import dev.vigil.text.Normalizer;
import dev.vigil.text.Term;
import dev.vigil.text.TermMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scale: how long a term list takes to build, and how fast the same text scans, with 5,000, 100,000
 * and 1,000,000 terms (random words of 4 to 10 letters from a fixed seed), under the {@code standard}
 * and the {@code aggressive} preset.
 * The fork runs in a 2 GB heap, so the 1,000,000-term case also shows that it fits. Bytes per term:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.Footprint 100000}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar LargeDictionaryBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class LargeDictionaryBenchmark {
  /** Terms in the list. */
  @Param({"5000", "100000", "1000000"})
  public int terms;

  /** The normalizer preset, {@code standard} or {@code aggressive}: both in one run for their ratio. */
  @Param({"standard", "aggressive"})
  public String preset;

  private List<Term> list;
  private TermMatcher matcher;
  private String text;
  private final TermEngines.Counter counter = new TermEngines.Counter();

  /** Generates the terms and the text, and builds the matcher once for the scan. */
  @Setup
  public void setUp() {
    List<String> words = BenchData.randomWords(terms, 1_000_003);
    list = new ArrayList<>(terms);
    for (String w : words) {
      list.add(Term.of(w));
    }
    List<String> lines = BenchData.has("en-sampled.txt") ? BenchData.lines("en-sampled.txt")
        : BenchData.generatedLines(words.subList(0, 5000), 30_000, 1);
    text = BenchData.text(lines, TermMatcherBenchmark.CHARS);
    matcher = TermMatcher.builder().normalizer(Normalizer.preset(preset)).addAll(list).build();
  }

  /** Builds the matcher from the term list: seconds per build. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 2)
  @Measurement(iterations = 3)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public TermMatcher build() {
    return TermMatcher.builder().normalizer(Normalizer.preset(preset)).addAll(list).build();
  }

  /** Scans 1 MiB of text: chars per second. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @Warmup(iterations = 3, time = 2)
  @Measurement(iterations = 5, time = 2)
  @OperationsPerInvocation(TermMatcherBenchmark.CHARS)
  public int scan() {
    counter.count = 0;
    matcher.match(text, counter);
    return counter.count;
  }
}
