package dev.vigil.text;

import static dev.vigil.text.RegexSyntax.SATURATED;

/**
 * Estimates the size of the program RE2/J would compile a pattern to, without compiling it.
 *
 * <p>Why: RE2/J compiles {@code ((a{1000}){1000}){1000}} by expanding every counted repetition, which
 * exhausts the heap before any size check can run. Counted repetitions multiply the size of what they
 * repeat, so multiplying along the nesting of the tree {@link RegexSyntax} reads is enough to catch
 * them. The estimate is rough (each literal, class or escape counts one) but never far below the real
 * size for the patterns that matter here; the caller still checks the real size after compiling.
 */
final class RegexSize {
  private RegexSize() {}

  /** The estimated number of instructions, saturating at a very large value. */
  static long estimate(String pattern) {
    return estimate(RegexSyntax.read(pattern));
  }

  /** {@link #estimate(String)} of a pattern already read. */
  static long estimate(RegexSyntax.Pattern pattern) {
    long total = 0;
    for (RegexSyntax.Alternation part : pattern.parts()) {
      total = add(total, alternation(part));
    }
    return total;
  }

  private static long alternation(RegexSyntax.Alternation a) {
    long total = 0;
    boolean first = true;
    for (RegexSyntax.Sequence seq : a.alternatives()) {
      long size = 0;
      for (RegexSyntax.Node node : seq.items()) {
        size = add(size, node(node));
      }
      total = add(total, first ? size : add(size, 1));
      first = false;
    }
    return total;
  }

  private static long node(RegexSyntax.Node node) {
    if (node instanceof RegexSyntax.Group g) {
      return add(alternation(g.inner()), 2);
    }
    if (node instanceof RegexSyntax.Flags) {
      return 0;
    }
    if (node instanceof RegexSyntax.Unsupported u) {
      return u.size();
    }
    if (node instanceof RegexSyntax.Repeat r) {
      long inner = node(r.node());
      long size;
      if (r.op() == '{') {
        // The larger bound: n for {n}, n + 1 for {n,}, m for {n,m}.
        long times = r.max() < 0 ? add(r.min(), 1) : Math.max(r.min(), r.max());
        size = add(multiply(inner, Math.max(1, times)), times);
      } else {
        size = add(inner, 1);
      }
      return r.lazy() ? add(size, 1) : size;
    }
    return 1; // a literal, a class, an escape, an assertion
  }

  private static long add(long a, long b) {
    long r = a + b;
    return r < 0 || r > SATURATED ? SATURATED : r;
  }

  private static long multiply(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    return a > SATURATED / b ? SATURATED : Math.min(SATURATED, a * b);
  }
}
