package dev.vigil.benchmarks;

import java.util.Arrays;

/**
 * What three behaviour signals add to a full policy, measured as a difference within one JVM: the
 * policy without them and the policy with them ({@link BehaviorBenchmark}'s {@code policyWithout} and
 * {@code policyWithThree}, same items) take turns, 10,000 items each, and each round gives the
 * difference of their times per item. It prints the median difference and its quartiles over the
 * rounds.
 *
 * <p>Why not JMH's two rows: on a shared machine both rows drift by more than the difference between
 * them from one fork to the next (a second or more per item on a policy of four or five), so the
 * difference of two separately measured averages says little; measured in alternation, both rows see
 * the same drift; short turns let both see the same moments of a noisy machine, and many rounds make
 * the median steady. The first fifty rounds are warm-up.
 *
 * <pre>
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.BehaviorOverhead zipf 200
 * </pre>
 */
public final class BehaviorOverhead {
  private static final int ITEMS_PER_TURN = 10_000;
  private static final int WARM_UP_ROUNDS = 50;

  private BehaviorOverhead() {}

  /**
   * Arguments: the activity ({@code uniform} or {@code zipf}, default zipf), the rounds (default 200),
   * the authors (default 100,000; few authors keep every record in the caches), the state
   * ({@code memory}, default, or {@code one-record}: see {@link BehaviorBenchmark#state}) and the
   * milliseconds between items (default 10: see {@link BehaviorBenchmark#itemGapMillis}).
   */
  public static void main(String[] args) {
    BehaviorBenchmark b = new BehaviorBenchmark();
    b.activity = args.length > 0 ? args[0] : "zipf";
    b.authorCount = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    b.state = args.length > 3 ? args[3] : "memory";
    b.itemGapMillis = args.length > 4 ? Long.parseLong(args[4]) : 10;
    if (b.itemGapMillis < 1) {
      throw new IllegalArgumentException("the gap between items must be at least 1 ms but was "
          + b.itemGapMillis);
    }
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    if (rounds < 4) {
      throw new IllegalArgumentException("rounds must be at least 4 but was " + rounds);
    }
    b.setUp();
    long[] without = new long[rounds];
    long[] with = new long[rounds];
    long[] added = new long[rounds];
    Object sink = null;
    for (int r = -WARM_UP_ROUNDS; r < rounds; r++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < ITEMS_PER_TURN; i++) {
        sink = b.policyWithout();
      }
      long t1 = System.nanoTime();
      for (int i = 0; i < ITEMS_PER_TURN; i++) {
        sink = b.policyWithThree();
      }
      long t2 = System.nanoTime();
      if (r >= 0) {
        without[r] = (t1 - t0) / ITEMS_PER_TURN;
        with[r] = (t2 - t1) / ITEMS_PER_TURN;
        added[r] = with[r] - without[r];
      }
    }
    Arrays.sort(without);
    Arrays.sort(with);
    Arrays.sort(added);
    System.out.printf("%s activity, %d authors, %s state, %d ms apart, %d rounds: policy without %d ns,"
            + " with three behaviour signals %d ns per item (medians); the signals add %d ns (quartiles %d"
            + " to %d)%n",
        b.activity, b.authorCount, b.state, b.itemGapMillis, rounds, without[rounds / 2], with[rounds / 2],
        added[rounds / 2], added[rounds / 4], added[3 * rounds / 4]);
    if (sink == null) {
      System.out.println(); // keeps the results alive
    }
  }
}
