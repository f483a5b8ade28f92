package dev.vigil.policy;

/**
 * Limits that keep a hostile or broken policy file from exhausting the loader: the size of the policy
 * file and of each file it reads, how deeply its YAML nests, how many nodes it may expand to through
 * aliases (no "billion laughs"), how many aliases it may use, how many signals it may define and how
 * long a composite expression may be. A file over a limit is refused with a problem that names the limit.
 * Immutable.
 *
 * @param maxPolicyBytes the largest policy file, in bytes
 * @param maxListBytes the largest list or other file a policy reads, in bytes
 * @param maxDepth the deepest nesting of mappings and sequences
 * @param maxNodes the most nodes the document may hold, counting every node an alias repeats
 * @param maxAliases the most aliases ({@code *name}) in the document
 * @param maxSignals the most signals (counted, shadow and parts together)
 * @param maxExpressionLength the longest composite expression, in chars
 */
public record PolicyLimits(long maxPolicyBytes, long maxListBytes, int maxDepth, long maxNodes,
    int maxAliases, int maxSignals, int maxExpressionLength) {

  /** The defaults: 4 MB policy files, 256 MB lists, depth 32, 1,000,000 nodes, 100 aliases, 10,000 signals, 10,000-char expressions. */
  public static PolicyLimits defaults() {
    return new PolicyLimits(4L << 20, 256L << 20, 32, 1_000_000, 100, 10_000, 10_000);
  }

  /** Checks that every limit is positive. */
  public PolicyLimits {
    if (maxPolicyBytes < 1 || maxListBytes < 1 || maxDepth < 1 || maxNodes < 1 || maxAliases < 0
        || maxSignals < 1 || maxExpressionLength < 1) {
      throw new IllegalArgumentException("limits must be positive (aliases may be 0) but were " + this);
    }
  }
}
