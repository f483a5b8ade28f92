package dev.vigil.benchmarks;

import dev.vigil.behavior.HashBank;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
 * A search in a bank of 1,000,000 random 256-bit hashes (as long as PDQ's) within a Hamming distance:
 * {@code multiIndex} is {@link HashBank#search} (multi-index hashing over sixteen 16-bit blocks),
 * {@code scan} is {@link HashBank#searchByScan}, the brute-force baseline comparing every entry, in the
 * same run. Half the queries are an entry with 0 to {@code distance} bits flipped (a match), half are
 * random (no match); set-up checks that both find the same entries for every query.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar HashBankBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class HashBankBenchmark {
  private static final int QUERIES = 256;

  /** The largest distance searched, in bits of 256. */
  @Param({"31"})
  public int distance;

  /** Entries in the bank. */
  @Param({"1000000"})
  public int entries;

  private HashBank bank;
  private String[] queries;
  private int next;

  @Setup
  public void setUp() {
    SplittableRandom r = new SplittableRandom(256);
    List<String> hashes = new ArrayList<>(entries);
    List<String> labels = new ArrayList<>(entries);
    for (int i = 0; i < entries; i++) {
      hashes.add(hex(r));
      labels.add("entry-" + i);
    }
    bank = HashBank.of("bench", hashes, labels);
    queries = new String[QUERIES];
    for (int q = 0; q < QUERIES; q++) {
      queries[q] = q % 2 == 0 ? flip(hashes.get(r.nextInt(entries)), r, r.nextInt(distance + 1)) : hex(r);
      if (!bank.search(queries[q], distance).equals(bank.searchByScan(queries[q], distance))) {
        throw new IllegalStateException("the index and the scan disagree on " + queries[q]);
      }
    }
  }

  private static String hex(SplittableRandom r) {
    StringBuilder sb = new StringBuilder(64);
    for (int i = 0; i < 64; i++) {
      sb.append(Character.forDigit(r.nextInt(16), 16));
    }
    return sb.toString();
  }

  private static String flip(String hex, SplittableRandom r, int bits) {
    char[] c = hex.toCharArray();
    java.util.Set<Integer> done = new java.util.HashSet<>();
    while (done.size() < bits) {
      int bit = r.nextInt(256);
      if (done.add(bit)) {
        c[bit / 4] = Character.forDigit(Character.digit(c[bit / 4], 16) ^ (1 << (bit % 4)), 16);
      }
    }
    return new String(c);
  }

  @Benchmark
  public int multiIndex() {
    return bank.search(queries[next++ & (QUERIES - 1)], distance).size();
  }

  @Benchmark
  public int scan() {
    return bank.searchByScan(queries[next++ & (QUERIES - 1)], distance).size();
  }
}
