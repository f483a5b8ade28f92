package dev.vigil.benchmarks;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Two builds of Vigil's core, or two scan settings, measured in one JVM: each side gets a class loader
 * of its own (its core's classes first, then this jar), so each has its own compiled code, and the two
 * take turns, half a second of scans each, for a number of rounds; it prints each side's median and the
 * median of the per-round ratios B / A, with its quartiles.
 *
 * <p>Why: on a shared machine, separate JVMs (JMH's forks, or one run after another) see different
 * moments of the machine and differ by more than a change of a few percent; turns within one JVM see
 * the same moments. What stays is the compiler's choices, which differ from one JVM to the next: run it
 * more than once, and in both orders.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.TwoBuilds A B [KIND_A[,KIND_B]] [ROUNDS]
 * </pre>
 *
 * A and B: a directory of core classes (such as {@code core/target/classes} of another checkout) or a
 * jar, or {@code jar} for the core classes in this jar. KIND: a setting of {@link ScanRound}, default
 * {@code dict127k+phrases}; two, comma-separated, give each side its own (such as {@code
 * dict127k,dict127k+phrases} with {@code jar jar}: what the phrases cost in one build). ROUNDS:
 * default 20, the first two left out as warm-up.
 */
public final class TwoBuilds {
  private TwoBuilds() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: TwoBuilds A B [KIND_A[,KIND_B]] [ROUNDS]");
      System.exit(2);
    }
    String[] kinds = (args.length > 2 ? args[2] : "dict127k+phrases").split(",");
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    if (rounds < 4) {
      throw new IllegalArgumentException("rounds must be at least 4 but was " + rounds);
    }
    Path self = Path.of(TwoBuilds.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Method[] best = new Method[2];
    Method[] hits = new Method[2];
    for (int i = 0; i < 2; i++) {
      List<URL> urls = new ArrayList<>();
      if (!args[i].equals("jar")) {
        Path core = Path.of(args[i]);
        if (!Files.exists(core)) {
          throw new IllegalArgumentException("no such core classes: " + core);
        }
        urls.add(core.toUri().toURL());
      }
      urls.add(self.toUri().toURL());
      ClassLoader loader =
          new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
      Class<?> round = Class.forName(ScanRound.class.getName(), true, loader);
      round.getMethod("init", String.class).invoke(null, kinds[Math.min(i, kinds.length - 1)]);
      best[i] = round.getMethod("best");
      hits[i] = round.getMethod("hits");
    }
    double[][] speed = new double[2][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int j = 0; j < 2; j++) {
        int side = (r & 1) == 0 ? j : 1 - j; // each side goes first in every other round
        speed[side][r] = (double) best[side].invoke(null);
      }
    }
    int from = 2;
    double[] a = Arrays.copyOfRange(speed[0], from, rounds);
    double[] b = Arrays.copyOfRange(speed[1], from, rounds);
    double[] ratio = new double[rounds - from];
    for (int r = from; r < rounds; r++) {
      ratio[r - from] = speed[1][r] / speed[0][r];
    }
    Arrays.sort(a);
    Arrays.sort(b);
    Arrays.sort(ratio);
    int n = ratio.length;
    System.out.printf(java.util.Locale.ROOT, "A %s (%s): %.0f million chars/s; B %s (%s): %.0f;"
            + " B/A %.3f (quartiles %.3f to %.3f, %d rounds; hits %d and %d)%n", args[0], kinds[0],
        a[n / 2], args[1], kinds[Math.min(1, kinds.length - 1)], b[n / 2], ratio[n / 2],
        ratio[n / 4], ratio[3 * n / 4], n, (int) hits[0].invoke(null), (int) hits[1].invoke(null));
  }
}
