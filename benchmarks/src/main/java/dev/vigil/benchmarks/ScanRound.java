package dev.vigil.benchmarks;

import dev.vigil.text.Normalizer;
import dev.vigil.text.TermMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * One scan setting for {@link TwoBuilds}, loaded once per class loader: {@link #init} builds the matcher
 * and its text, {@link #best} times scans. Public only so that another class loader can call it.
 */
public final class ScanRound {
  private static TermMatcher matcher;
  private static String text;
  private static final TermEngines.Counter COUNTER = new TermEngines.Counter();

  private ScanRound() {}

  /**
   * Builds the setting {@code kind}: {@code dict127k} (the 127k-word dictionary over 1 MiB of {@code
   * en-text}, as {@link TermMatcherBenchmark}'s {@code dict127k}), {@code dict127k+phrases} (the same
   * with its 300 phrases, as {@code VIGIL_PHRASES}), {@code blocklist-standard} or {@code
   * blocklist-aggressive} (the 5,000-word blocklist over 1 MiB of {@code en-sampled} under that preset).
   */
  public static void init(String kind) {
    for (String file : new String[] {"en-dict.txt", "en-text.txt", "words-5000.txt", "en-sampled.txt"}) {
      if (!BenchData.has(file)) {
        throw new IllegalStateException("ScanRound reads the benchmark corpora, and " + file + " is not"
            + " there (see benchmarks/README.md, where the data comes from)");
      }
    }
    List<String> words;
    List<String> lines;
    Normalizer normalizer = Normalizer.standard();
    switch (kind) {
      case "dict127k", "dict127k+phrases" -> {
        words = new ArrayList<>(BenchData.lines("en-dict.txt"));
        lines = BenchData.lines("en-text.txt");
        if (kind.endsWith("+phrases")) {
          words.addAll(BenchData.phrases(lines, 300, 300));
        }
      }
      case "blocklist-standard", "blocklist-aggressive" -> {
        words = BenchData.lines("words-5000.txt");
        lines = BenchData.lines("en-sampled.txt");
        normalizer = Normalizer.preset(kind.substring("blocklist-".length()));
      }
      default -> throw new IllegalArgumentException("kind must be dict127k, dict127k+phrases,"
          + " blocklist-standard or blocklist-aggressive but was " + kind);
    }
    text = BenchData.text(lines, 1 << 20);
    matcher = TermEngines.vigilMatcher(words, normalizer);
  }

  /** The best of half a second of scans, in million chars/s. */
  public static double best() {
    long best = Long.MAX_VALUE;
    long end = System.nanoTime() + 500_000_000L;
    while (System.nanoTime() < end) {
      long t0 = System.nanoTime();
      COUNTER.count = 0;
      matcher.match(text, COUNTER);
      best = Math.min(best, System.nanoTime() - t0);
    }
    return text.length() * 1e3 / best;
  }

  /** The hits of the last scan. */
  public static int hits() {
    return COUNTER.count;
  }
}
