package dev.vigil.benchmarks;

import dev.vigil.Classifier;
import dev.vigil.Content;
import dev.vigil.Policy;
import dev.vigil.Signal;
import dev.vigil.SignalOptions;
import dev.vigil.behavior.BehaviorState;
import dev.vigil.behavior.Behaviors;
import dev.vigil.behavior.Key;
import dev.vigil.behavior.MemoryState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
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
 * What behaviour signals cost per item: the state update and the read of each signal, and a full policy
 * with and without them. Items are 280-char posts (those of {@link PolicyBenchmark}) from 100,000
 * authors and 20,000 IP addresses, ten milliseconds apart (100 items a second), so the windows hold
 * what they would in a busy service; the state holds up to 1,000,000 records. {@code activity} says who
 * posts: {@code uniform}, every author alike (each item's records are far apart in memory: the worst
 * case for caches), or {@code zipf}, the author of rank {@code k} posting in proportion to {@code 1/k}
 * (as activity on social services is usually modelled: a few authors post most items).
 * <ul>
 *   <li>{@code content}: the baseline, building the next item (its time and keys) and nothing else;
 *       subtract it from the per-signal rows;
 *   <li>{@code rate}, {@code newKey}, {@code distinct}, {@code wave}: one signal's
 *       {@code classify}, that is its update and read;
 *   <li>{@code policyWithout}: {@link PolicyBenchmark}'s policy (two term lists, three expressions,
 *       links, a composite); {@code policyWithThree}: the same plus a rate per author, a new-author
 *       signal and distinct authors per link domain; {@code policyWithWave}: plus the spam-wave signal.
 * </ul>
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar BehaviorBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BehaviorBenchmark {
  private static final int ITEMS = 1 << 16;
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  /** Who posts: every author alike, or by Zipf's law. */
  @Param({"uniform", "zipf"})
  public String activity;

  /** How many authors post (the state's working set). */
  @Param({"100000"})
  public int authorCount;

  /**
   * The policies' state: {@code memory}, a {@link MemoryState} of 1,000,000 records, or
   * {@code one-record}, a state that keeps one record per signal whatever the key (the signals' and the
   * policy's own work, without the memory traffic of a large state: not a state anyone should use).
   */
  @Param({"memory"})
  public String state;

  /**
   * Milliseconds from one item to the next (10: 100 items a second). With few authors and a long gap
   * (1,000 authors, 10,000 ms) each author's rate holds one time in its window and every record stays
   * in the caches: the signals' own work, with the records' memory traffic taken out.
   */
  @Param({"10"})
  public long itemGapMillis;

  private String[] texts;
  private String[] authors;
  private long[] authorIds;
  private String[] ips;
  private int[] author;
  private int[] ip;
  private int[] text;
  private long clock;
  private int next;

  private Classifier rate;
  private Classifier newKey;
  private Classifier distinct;
  private Classifier wave;
  private Policy without;
  private Policy withThree;
  private Policy withWave;

  @Setup
  public void setUp() {
    PolicyBenchmark posts = new PolicyBenchmark();
    posts.length = 280;
    posts.setUp();
    texts = posts.texts();
    SplittableRandom r = new SplittableRandom(18);
    authors = new String[authorCount];
    authorIds = new long[authorCount];
    for (int i = 0; i < authors.length; i++) {
      authorIds[i] = r.nextLong();
      authors[i] = "user-" + Long.toHexString(authorIds[i]);
    }
    ips = new String[20_000];
    for (int i = 0; i < ips.length; i++) {
      ips[i] = "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
    }
    author = new int[ITEMS];
    ip = new int[ITEMS];
    text = new int[ITEMS];
    double[] cumulative = new double[authors.length];
    double sum = 0;
    for (int k = 0; k < authors.length; k++) {
      sum += 1.0 / (k + 1);
      cumulative[k] = sum;
    }
    for (int i = 0; i < ITEMS; i++) {
      if (activity.equals("zipf")) {
        int k = java.util.Arrays.binarySearch(cumulative, r.nextDouble() * sum);
        author[i] = Math.min(authors.length - 1, k < 0 ? -k - 1 : k);
      } else {
        author[i] = r.nextInt(authors.length);
      }
      ip[i] = r.nextInt(ips.length);
      text[i] = r.nextInt(texts.length);
    }
    BehaviorState state = MemoryState.withCapacity(1_000_000);
    rate = Behaviors.rate("rate", state, Key.author(), Duration.ofHours(1), 20, 200);
    newKey = Behaviors.newKey("new", state, Key.author(), Duration.ofHours(1), Duration.ofDays(7));
    distinct = Behaviors.distinct("distinct", state, Key.linkDomain(), Key.author(), Duration.ofMinutes(10),
        3, 40);
    wave = Behaviors.wave("wave", state, Key.author(), Duration.ofMinutes(10), 2, 20);
    List<String> small = posts.smallList();
    List<String> large = posts.largeList();
    without = PolicyBenchmark.policy(small, large, true);
    withThree = withBehaviour(small, large, newState(), false);
    withWave = withBehaviour(small, large, newState(), true);
  }

  private BehaviorState newState() {
    switch (state) {
      case "memory":
        return MemoryState.withCapacity(1_000_000);
      case "one-record":
        return new OneRecordState();
      default:
        throw new IllegalArgumentException("state must be memory or one-record but was " + state);
    }
  }

  /** One record per space, shared by every key: what the signals cost without finding records. */
  static final class OneRecordState implements BehaviorState {
    private final Map<String, long[]> records = new HashMap<>();

    @Override
    public long[] update(String space, String key, RecordUpdate update) {
      long[] r = update.apply(records.get(space));
      records.put(space, r);
      return r;
    }

    @Override
    public long @Nullable [] read(String space, String key) {
      long[] r = records.get(space);
      return r == null ? null : r.clone();
    }

    @Override
    public long size() {
      return records.size();
    }
  }

  private static Policy withBehaviour(List<String> small, List<String> large, BehaviorState state,
      boolean wave) {
    Policy.Builder b = PolicyBenchmark.builder(small, large, true)
        .signal(Behaviors.rate("author-rate", state, Key.author(), Duration.ofHours(1), 20, 200),
            SignalOptions.in("spam").weight(0.3))
        .signal(Behaviors.newKey("new-author", state, Key.author(), Duration.ofHours(1), Duration.ofDays(7)),
            SignalOptions.in("spam").weight(0.1))
        .signal(Behaviors.distinct("shared-link", state, Key.linkDomain(), Key.author(),
            Duration.ofMinutes(10), 3, 40), SignalOptions.in("spam").weight(0.3));
    if (wave) {
      b.signal(Behaviors.wave("dm-wave", state, Key.author(), Duration.ofMinutes(10), 2, 20),
          SignalOptions.in("spam").weight(0.5));
    }
    return b.build();
  }

  /**
   * The next item: a post, its author and IP, {@code itemGapMillis} after the previous one. The author's id
   * is a new string per item, as a service reads it from each request: strings kept from set-up would be
   * a hundred thousand objects far apart in memory, whose first read is a cache miss no service pays.
   */
  private Content item() {
    int i = next++ & (ITEMS - 1);
    clock += itemGapMillis;
    return Content.builder().body(texts[text[i]])
        .author("user-" + Long.toHexString(authorIds[author[i]]))
        .attribute("ip", ips[ip[i]])
        .time(T0.plusMillis(clock)).build();
  }

  @Benchmark
  public Content content() {
    return item();
  }

  @Benchmark
  public Signal rate() {
    return rate.classify(item());
  }

  @Benchmark
  public Signal newKey() {
    return newKey.classify(item());
  }

  @Benchmark
  public Signal distinct() {
    return distinct.classify(item());
  }

  @Benchmark
  public Signal wave() {
    return wave.classify(item());
  }

  @Benchmark
  public Object policyWithout() {
    return without.evaluate(item());
  }

  @Benchmark
  public Object policyWithThree() {
    return withThree.evaluate(item());
  }

  @Benchmark
  public Object policyWithWave() {
    return withWave.evaluate(item());
  }
}
