package dev.vigil.benchmarks;

import dev.vigil.text.Normalizer;
import dev.vigil.text.Term;
import dev.vigil.text.TermMatcher;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the heap a term matcher takes per term: the matcher's own structures, and with the terms it
 * keeps (their id, text and category strings). Measured as the used heap after full collections, so
 * it is an estimate.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.Footprint 100000
 * </pre>
 */
public final class Footprint {
  private Footprint() {}

  private static long used() {
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Measures for the term count given as the first argument (default 100,000). */
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    TermMatcher.builder().add("warm up the fold tables").build();
    long empty = used();
    List<Term> terms = new ArrayList<>(n);
    for (String w : BenchData.randomWords(n, 1_000_003)) {
      terms.add(Term.of(w));
    }
    long withTerms = used();
    long t0 = System.nanoTime();
    TermMatcher m = TermMatcher.builder().normalizer(Normalizer.standard()).addAll(terms).build();
    long t1 = System.nanoTime();
    long withMatcher = used();
    System.out.printf("%d terms, %d states: built in %d ms; matcher %d bytes/term,"
            + " matcher and its terms %d bytes/term%n", n, m.stateCount(), (t1 - t0) / 1_000_000,
        (withMatcher - withTerms) / n, (withMatcher - empty) / n);
    if (m.size() == 0) {
      throw new IllegalStateException();
    }
  }
}
