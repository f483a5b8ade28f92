package dev.vigil.benchmarks;

import dev.vigil.Content;
import dev.vigil.Policy;
import java.util.Arrays;

/**
 * What one evaluation costs when the caches hold none of the policy's tables, as after its thread was
 * descheduled and the core ran something else: {@link PolicyLatencyBenchmark}'s tail beyond the
 * machine's own. Each round evaluates fifty posts, then times one more post (warm); evaluates the same
 * fifty, streams through 64 MB of other memory (more than this machine's caches), then times another
 * post (cold). Prints the medians and upper percentiles of both over 2,000 rounds. Each timed post is
 * one the round did not evaluate before, so no per-text memo shortens it.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.ColdEvaluation 280
 * java -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.ColdEvaluation 5000
 * </pre>
 */
public final class ColdEvaluation {
  private static final int ROUNDS = 2_000;
  private static final int FLUSH_BYTES = 64 << 20;
  private static long flushed;

  private ColdEvaluation() {}

  /** Argument: the posts' length (280, the default, or 5000). */
  public static void main(String[] args) {
    PolicyBenchmark b = new PolicyBenchmark();
    b.length = args.length > 0 ? Integer.parseInt(args[0]) : 280;
    b.setUp();
    Policy policy = b.fullPolicy();
    Content[] posts = b.posts();
    int mask = posts.length - 1;
    if ((posts.length & mask) != 0 || posts.length < 128) {
      throw new IllegalStateException("expected a power of two of at least 128 posts: " + posts.length);
    }
    long[] other = new long[FLUSH_BYTES / 8];
    Object sink = null;
    for (int i = 0; i < 200_000; i++) {
      sink = policy.evaluate(posts[i & mask]);
    }
    long[] warm = new long[ROUNDS];
    long[] cold = new long[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      int first = r * 100;
      for (int k = 0; k < 50; k++) {
        sink = policy.evaluate(posts[(first + k) & mask]);
      }
      long t0 = System.nanoTime();
      sink = policy.evaluate(posts[(first + 60) & mask]);
      warm[r] = System.nanoTime() - t0;
      for (int k = 0; k < 50; k++) {
        sink = policy.evaluate(posts[(first + k) & mask]);
      }
      flush(other);
      t0 = System.nanoTime();
      sink = policy.evaluate(posts[(first + 70) & mask]);
      cold[r] = System.nanoTime() - t0;
    }
    Arrays.sort(warm);
    Arrays.sort(cold);
    System.out.printf("%d-char posts, %d rounds: warm p50 %.1f us, p90 %.1f, p99 %.1f;"
            + " cold caches p50 %.1f us, p90 %.1f, p99 %.1f%n", b.length, ROUNDS, us(warm, 0.5),
        us(warm, 0.9), us(warm, 0.99), us(cold, 0.5), us(cold, 0.9), us(cold, 0.99));
    if (sink == null || flushed == 42) {
      System.out.println(); // keeps the results alive
    }
  }

  /** Reads and writes one long per 64-byte line of {@code other}, through every cache. */
  private static void flush(long[] other) {
    long sum = 0;
    for (int j = 0; j < other.length; j += 8) {
      sum += other[j]++;
    }
    flushed += sum;
  }

  private static double us(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1000.0;
  }
}
