package dev.vigil.benchmarks;

import dev.vigil.Classifier;
import dev.vigil.Content;
import dev.vigil.behavior.Behaviors;
import dev.vigil.behavior.HashBank;
import dev.vigil.behavior.Key;
import dev.vigil.behavior.MemoryState;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Prints the heap behaviour state takes per tracked key, and a hash bank per entry: a
 * {@link MemoryState} filled with one record per key by each signal (a rate's record after one item,
 * a distinct count's, a spam wave's sixteen band records of one item; and a rate's record after six
 * items ten minutes apart, a quiet key's within its window), and a bank of 256-bit hashes with its
 * index. Measured as the used heap after full collections, so it is an estimate.
 *
 * <pre>
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.BehaviorFootprint 1000000
 * </pre>
 */
public final class BehaviorFootprint {
  private BehaviorFootprint() {}

  private static long used() {
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Measures for the key count given as the first argument (default 1,000,000). */
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
    String[] signals = {"rate", "rate-6", "distinct", "wave"};
    for (String kind : signals) {
      long empty = used();
      MemoryState state = MemoryState.withCapacity(kind.equals("wave") ? 16 * n : n);
      Classifier c = switch (kind) {
        case "rate", "rate-6" -> Behaviors.rate("s", state, Key.author(), Duration.ofHours(1), 10, 100);
        case "distinct" -> Behaviors.distinct("s", state, Key.author(), Key.attribute("ip"),
            Duration.ofHours(1), 10, 100);
        default -> Behaviors.wave("s", state, Key.author(), Duration.ofHours(1), 10, 100);
      };
      int items = kind.equals("wave") ? n / 16 : kind.equals("rate-6") ? 6 * n : n;
      int keys = kind.equals("rate-6") ? n : items;
      List<String> words = BenchData.randomWords(50_000, 16);
      SplittableRandom pick = new SplittableRandom(16);
      for (int i = 0; i < items; i++) {
        // Unrelated texts (eight random words), so that each item has sixteen band records of its own.
        StringBuilder text = new StringBuilder();
        for (int w = 0; kind.equals("wave") && w < 8; w++) {
          text.append(words.get(pick.nextInt(words.size()))).append(' ');
        }
        String body = kind.equals("wave") ? text.toString() : "hi";
        // rate-6: each key's six items ten minutes apart, all keys in turn.
        int key = i % keys;
        long at = kind.equals("rate-6") ? (i / keys) * 600_000L + key / 1000 : i;
        c.classify(Content.builder().body(body).author("author-" + key).attribute("ip", "ip-" + key)
            .time(t0.plusMillis(at)).build());
      }
      long full = used();
      System.out.printf("%s: %d records, %d bytes per record%s%n", kind, state.size(),
          (full - empty) / state.size(), kind.equals("wave")
              ? String.format(", %d bytes per item (16 band records)", (full - empty) / items) : "");
      if (state.size() == 0) {
        throw new IllegalStateException();
      }
    }
    long empty = used();
    SplittableRandom r = new SplittableRandom(1);
    List<String> hashes = new ArrayList<>(n);
    List<String> labels = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      hashes.add(String.format("%016x%016x%016x%016x", r.nextLong(), r.nextLong(), r.nextLong(),
          r.nextLong()));
      labels.add("e" + i);
    }
    long built = System.nanoTime();
    HashBank bank = HashBank.of("footprint", hashes, labels);
    built = System.nanoTime() - built;
    hashes = null;
    labels = null;
    long withBank = used();
    System.out.printf("hash bank: %d entries of 256 bits built in %d ms, %d bytes per entry (index,"
        + " hashes and labels such as 'e123456')%n", bank.size(), built / 1_000_000, (withBank - empty) / n);
  }
}
