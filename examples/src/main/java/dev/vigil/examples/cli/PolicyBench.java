package dev.vigil.examples.cli;

import dev.vigil.Content;
import dev.vigil.Decision;
import dev.vigil.Policy;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What {@code vigil bench} measures, in a JMH fork: the user's policy ({@code -Dvigil.bench.policy})
 * over the user's items ({@code -Dvigil.bench.input}), each thread walking the items with a cursor of
 * its own. {@link #evaluate} is throughput, {@link #latency} the distribution of one evaluation, and
 * {@link #speedOfLight} the in-run reference: a pass over the same items' text that every policy must
 * be slower than, so that results compare across machines as ratios (the gate reads them so).
 * Public for JMH's generated code; not API.
 */
@State(Scope.Benchmark)
public class PolicyBench {
  private Policy policy;
  private Content[] items;
  private String[] texts;

  /** Loads the policy and the items named by the system properties (JMH passes them to its fork). */
  @Setup
  public void setUp() {
    BenchInputs.Loaded loaded = BenchInputs.load(System.getProperty("vigil.bench.policy", ""),
        System.getProperty("vigil.bench.input", ""));
    policy = loaded.policy();
    List<Content> list = loaded.items();
    items = list.toArray(new Content[0]);
    texts = new String[items.length];
    for (int i = 0; i < items.length; i++) {
      StringBuilder sb = new StringBuilder();
      for (String f : items[i].fields().values()) {
        sb.append(f).append('\n');
      }
      texts[i] = sb.toString();
    }
  }

  /** Each thread's place in the items. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    int next(int length) {
      int i = next;
      next = i + 1 == length ? 0 : i + 1;
      return i;
    }
  }

  /** One evaluation of the next item: evaluations per second. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Decision evaluate(Cursor c) {
    return policy.evaluate(items[c.next(items.length)]);
  }

  /** The same, sampled one call at a time: the latency percentiles. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Decision latency(Cursor c) {
    return policy.evaluate(items[c.next(items.length)]);
  }

  /** The reference: every char of the next item's text read once (items per second). */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public int speedOfLight(Cursor c) {
    String t = texts[c.next(texts.length)];
    int h = 0;
    for (int i = 0; i < t.length(); i++) {
      h = 31 * h + t.charAt(i);
    }
    return h;
  }
}
