package dev.vigil.policy;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;

/**
 * One problem found in a policy file or a file it reads: where (file, line and column, both counted from
 * 1) and what, with what was found and what was expected. Prints as compilers do, so that editors and
 * terminals link it: {@code policy.yaml:12:5: error: unknown key 'wieght' in signal 'links'; did you mean
 * 'weight'?}
 *
 * @param severity an error (the policy is not built) or a warning (from {@link PolicyLint})
 * @param file the file, as the policy names it (the policy file itself by its file name)
 * @param line the line, from 1 (0 when the problem concerns the whole file)
 * @param column the column in code points, from 1 (0 when unknown)
 * @param message what is wrong
 */
public record Problem(Severity severity, String file, int line, int column, String message) {
  /** How bad a problem is. */
  public enum Severity {
    /** The policy cannot be built as written. */
    ERROR,
    /** The policy builds, but something in it is likely not what its author meant. */
    WARNING
  }

  /** File order, then line, then column: the order a reader meets them. */
  static final Comparator<Problem> ORDER = Comparator.comparing(Problem::file)
      .thenComparingInt(Problem::line).thenComparingInt(Problem::column);

  /** Checks the values. */
  public Problem {
    requireNonNull(severity, "severity");
    requireNonNull(file, "file");
    requireNonNull(message, "message");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("line and column must be >= 0 but were " + line + " and "
          + column);
    }
  }

  /** {@code file:line:column: error: message}; line and column are left out when unknown. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(':').append(line);
      if (column > 0) {
        sb.append(':').append(column);
      }
    }
    return sb.append(": ").append(severity == Severity.ERROR ? "error" : "warning").append(": ")
        .append(message).toString();
  }
}
