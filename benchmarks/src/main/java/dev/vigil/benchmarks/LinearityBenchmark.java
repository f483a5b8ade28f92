package dev.vigil.benchmarks;

import static dev.vigil.Condition.total;

import dev.vigil.Content;
import dev.vigil.Decision;
import dev.vigil.Policy;
import dev.vigil.text.Normalizer;
import dev.vigil.text.RegexClassifier;
import dev.vigil.text.Term;
import dev.vigil.text.TermClassifier;
import dev.vigil.text.TermMatcher;
import dev.vigil.text.TextFeatures;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time against input size for pathological texts (attackers' inputs), with the scan limit above the
 * input so that everything is scanned: nanoseconds per char should stay flat as the size grows by
 * 10x steps. The policy has term lists under every preset, a backtracking-bait regular expression and
 * the text features.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar LinearityBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class LinearityBenchmark {
  /** Input size in chars. */
  @Param({"10000", "100000", "1000000", "10000000"})
  public int size;

  /** The kind of pathological text. */
  @Param({"zero-width", "combining-marks", "separators", "single-letters", "backtracking-bait"})
  public String kind;

  private Policy policy;
  private Content content;

  /** Builds the policy and the text. */
  @Setup
  public void setUp() {
    Policy.Builder b = Policy.builder("linearity").maxScanChars(Integer.MAX_VALUE);
    for (Normalizer n : new Normalizer[] {Normalizer.standard(), Normalizer.aggressive()}) {
      TermMatcher m = TermMatcher.builder().normalizer(n).add("fuck").add("ass")
          .add(Term.of("kill yourself")).build();
      b.signal(TermClassifier.of("terms-" + n, m), "abuse");
    }
    policy = b.signal(RegexClassifier.of("bait", "test", "(a+)+$"), "test")
        .signal(TextFeatures.repeatedCharacters(), "spam")
        .signal(TextFeatures.invisibles(), "evasion")
        .signal(TextFeatures.mixedScripts(), "evasion")
        .reviewWhen(total().atLeast(1))
        .build();
    String unit;
    switch (kind) {
      case "zero-width":
        unit = "\u200b";
        break;
      case "combining-marks":
        unit = "\u0301";
        break;
      case "separators":
        unit = ".";
        break;
      case "single-letters":
        unit = "a ";
        break;
      default:
        unit = "a";
    }
    StringBuilder sb = new StringBuilder(size + 2).append('a');
    while (sb.length() < size) {
      sb.append(unit);
    }
    sb.setLength(size);
    if (kind.equals("backtracking-bait")) {
      sb.setCharAt(size - 1, '!');
    }
    content = Content.of(sb.toString());
  }

  /** Evaluates the policy on the text: milliseconds per evaluation. */
  @Benchmark
  public Decision evaluate() {
    return policy.evaluate(content);
  }
}
