package dev.vigil.benchmarks;

import dev.vigil.Content;
import dev.vigil.Decision;
import dev.vigil.Policy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What a service owner watches first: the tail of the full policy's latency, and what a second thread
 * adds. {@link PolicyBenchmark}'s policy and posts (280-char posts, 5 KB documents).
 *
 * <ul>
 *   <li>{@code latency}: {@link Mode#SampleTime}, one evaluation per call, in microseconds; JMH reports
 *       the percentiles (p50, p99, p99.9, p99.99) and the maximum of the sampled calls.
 *   <li>{@code fixedWork}: the same sampling of a call that always does the same work, no memory
 *       touched, lasting about one evaluation: the tail of the machine itself (a shared core's
 *       descheduling and interrupts), against which {@code latency}'s tail reads as a ratio.
 *   <li>{@code oneThread} and {@code twoThreads}: throughput of the same calls on 1 and 2 threads, each
 *       thread with its own cursor over the posts (a {@link Scope#Thread} state, so that no two threads
 *       write one field); the policy, its matchers and tables are shared, as in a service. Their ratio is
 *       the scaling: ideal is 2 on two free cores.
 * </ul>
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar PolicyLatencyBenchmark -f 2
 * </pre>
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PolicyLatencyBenchmark {
  /**
   * Tokens of {@link Blackhole#consumeCPU} per char of a post: on this project's machine, a call then
   * lasts about what an evaluation does (3.7 us for a post, 65 us for a document).
   */
  private static final int TOKENS_PER_CHAR = 7;

  /** Characters per post. */
  @Param({"280", "5000"})
  public int length;

  private Policy policy;
  private Content[] posts;
  private final AtomicInteger starts = new AtomicInteger();

  /** The policy and posts of {@link PolicyBenchmark}, built the same way. */
  @Setup
  public void setUp() {
    PolicyBenchmark shared = new PolicyBenchmark();
    shared.length = length;
    shared.setUp();
    policy = shared.fullPolicy();
    posts = shared.posts();
  }

  /** Each thread's own place in the posts, apart from the others'. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    /** Starts each thread at another post. */
    @Setup
    public void setUp(PolicyLatencyBenchmark b) {
      next = (b.starts.getAndIncrement() * 389) % b.posts.length;
    }
  }

  private Decision evaluate(Cursor c) {
    Content post = posts[c.next];
    c.next = c.next + 1 == posts.length ? 0 : c.next + 1;
    return policy.evaluate(post);
  }

  /** The latency of one evaluation, sampled. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Decision latency(Cursor c) {
    return evaluate(c);
  }

  /**
   * The machine's own tail, for comparison with {@code latency}'s: a call of fixed work (no allocation,
   * no memory, nothing that depends on data) lasting about as long as one evaluation, sampled the same
   * way. What its p99.9 shows above its median is the machine's (descheduling, interrupts, other work
   * on shared cores), since the work itself never varies.
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void fixedWork() {
    Blackhole.consumeCPU((long) TOKENS_PER_CHAR * length);
  }

  /** Evaluations per second on one thread. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(1)
  public Decision oneThread(Cursor c) {
    return evaluate(c);
  }

  /** Evaluations per second on two threads, both counted. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(2)
  public Decision twoThreads(Cursor c) {
    return evaluate(c);
  }
}
