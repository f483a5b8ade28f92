package dev.vigil.policy;

import java.util.List;

/**
 * A policy file could not be loaded: {@link #problems()} lists every problem found, each with its file,
 * line and column, in the order a reader meets them. Nothing of the policy was built.
 */
public final class PolicyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  /** How many problems the message lists; {@link #problems()} has them all. */
  private static final int IN_MESSAGE = 20;

  private final transient List<Problem> problems;

  PolicyException(List<Problem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  private static String message(List<Problem> problems) {
    StringBuilder sb = new StringBuilder();
    sb.append(problems.size()).append(problems.size() == 1 ? " problem" : " problems");
    for (int i = 0; i < Math.min(IN_MESSAGE, problems.size()); i++) {
      sb.append('\n').append(problems.get(i));
    }
    if (problems.size() > IN_MESSAGE) {
      sb.append("\n... and ").append(problems.size() - IN_MESSAGE).append(" more");
    }
    return sb.toString();
  }

  /** Every problem, errors only, in file, line and column order. */
  public List<Problem> problems() {
    return problems;
  }
}
