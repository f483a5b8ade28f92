package dev.vigil.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * Long-text throughput of Vigil's term matcher against its peers, in chars per second (one operation
 * is one char: the score is chars/s). Case-insensitive, whole-word.
 *
 * <ul>
 *   <li>{@code dictionary=words5000}: a 5,000-word blocklist (rebar's {@code words-5000}) over chat
 *       lines (rebar's {@code en-sampled}), or generated equivalents from a fixed seed.
 *   <li>{@code dictionary=dict127k}: a 127,000-word dictionary with dense hits (hankcs' {@code en-dict}
 *       over {@code en-text}).
 *   <li>{@code dictionary=hits5000}: 5,000 words drawn from that dictionary with a fixed seed (a list
 *       the benchmarks were never tuned on) over the chat lines of {@code words5000}: a hit every 80
 *       chars or so, where the blocklist has one every 1,500.
 * </ul>
 * {@code @Setup} checks that the comparable engines find the same number of hits, so that no engine
 * wins by doing less (within 2%: roklenarcic counts a hyphen as a word character, so "self-modifying"
 * hides "self" from it; Vigil and the others see a word boundary there).
 *
 * <pre>
 * ./mvnw -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar TermMatcherBenchmark -prof gc -rf json -rff terms.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TermMatcherBenchmark {
  static final int CHARS = 1 << 20;

  /** The engine. */
  @Param({"VIGIL", "VIGIL_UNANCHORED", "VIGIL_PHRASES", "VIGIL_CASE_ONLY", "ROBERT_BOR", "HANKCS",
      "ROKLENARCIC", "JDK_REGEX"})
  public TermEngines engine;

  /** The dictionary and text. */
  @Param({"words5000", "dict127k", "hits5000"})
  public String dictionary;

  private TermEngines.Engine built;
  private String text;

  /** Builds the engine and checks it against Vigil. */
  @Setup(Level.Trial)
  public void setUp() {
    List<String> words;
    List<String> lines;
    if (dictionary.equals("words5000")) {
      words = BenchData.has("words-5000.txt") ? BenchData.lines("words-5000.txt")
          : BenchData.randomWords(5000, 5000);
      lines = BenchData.has("en-sampled.txt") ? BenchData.lines("en-sampled.txt")
          : BenchData.generatedLines(words, 30_000, 1);
    } else if (dictionary.equals("hits5000")) {
      List<String> dict = BenchData.has("en-dict.txt") ? BenchData.lines("en-dict.txt")
          : BenchData.randomWords(127_000, 127);
      words = BenchData.sample(dict, 5000, 80);
      lines = BenchData.has("en-sampled.txt") ? BenchData.lines("en-sampled.txt")
          : BenchData.generatedLines(words, 30_000, 3);
    } else {
      words = BenchData.has("en-dict.txt") ? BenchData.lines("en-dict.txt")
          : BenchData.randomWords(127_000, 127);
      lines = BenchData.has("en-text.txt") ? BenchData.lines("en-text.txt")
          : BenchData.generatedLines(words.subList(0, 20_000), 30_000, 2);
    }
    if (engine == TermEngines.JDK_REGEX && words.size() > 10_000) {
      words = words.subList(0, 10_000); // a 127k-way alternation overflows the regex compiler's stack
    }
    text = BenchData.text(lines, CHARS);
    if (engine == TermEngines.VIGIL_PHRASES) {
      List<String> phrases = BenchData.phrases(lines, 300, 300);
      System.out.println("# " + phrases.size() + " phrases, the first ten: "
          + phrases.subList(0, Math.min(10, phrases.size())));
      words = new java.util.ArrayList<>(words);
      words.addAll(phrases);
    }
    built = engine.build(words);
    int ours = TermEngines.VIGIL.build(words).count(text);
    int theirs = built.count(text);
    if (engine.comparable() && Math.abs(ours - theirs) > Math.max(2, ours / 50)) {
      throw new IllegalStateException(engine + " found " + theirs + " hits where Vigil found " + ours
          + ": the engines do not agree on this input");
    }
    System.out.println("# " + engine + " " + dictionary + ": " + theirs + " hits (Vigil " + ours + ")");
  }

  /** Scans the whole text; the score is chars per second. */
  @Benchmark
  @OperationsPerInvocation(CHARS)
  public int scan() {
    return built.count(text);
  }
}
