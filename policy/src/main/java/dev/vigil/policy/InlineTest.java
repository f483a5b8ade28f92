package dev.vigil.policy;

import static java.util.Objects.requireNonNull;

import dev.vigil.Content;
import dev.vigil.Decision;
import dev.vigil.Decision.SignalReport;
import dev.vigil.Outcome;
import dev.vigil.Policy;
import java.util.ArrayList;
import java.util.List;

/**
 * One example of a policy file's {@code tests:} section: content, the action the policy must choose for
 * it, and optionally signals that must fire or stay silent. Like SpamAssassin's {@code test ok/fail}
 * lines, but with fields, metadata and signal expectations. Loading a policy never runs its tests;
 * {@link PolicyFile#runTests()} does. Immutable.
 */
public final class InlineTest {
  private final String name;
  private final int line;
  private final Content content;
  private final String expected;
  private final List<String> fires;
  private final List<String> silent;

  InlineTest(String name, int line, Content content, String expected, List<String> fires,
      List<String> silent) {
    this.name = name;
    this.line = line;
    this.content = content;
    this.expected = expected;
    this.fires = List.copyOf(fires);
    this.silent = List.copyOf(silent);
  }

  /** The test's name, or {@code "test N"} when the file gives none. */
  public String name() {
    return name;
  }

  /** The line of the policy file where the test starts. */
  public int line() {
    return line;
  }

  /** The content the test scores. */
  public Content content() {
    return content;
  }

  /** The action the policy must choose. */
  public String expected() {
    return expected;
  }

  /** Signals that must match (outcome {@code matched}). */
  public List<String> fires() {
    return fires;
  }

  /** Signals that must not match. */
  public List<String> silent() {
    return silent;
  }

  /** Evaluates the content with {@code policy} and checks every expectation. */
  public Result run(Policy policy) {
    requireNonNull(policy, "policy");
    Decision d = policy.evaluate(content);
    List<String> failures = new ArrayList<>();
    if (!d.action().name().equals(expected)) {
      failures.add("expected " + expected + " but the decision was " + d.action().name() + " ("
          + d.reason() + ")");
    }
    for (String f : fires) {
      SignalReport s = d.signal(f);
      if (s == null) {
        failures.add("signal '" + f + "' should fire but the policy has no such signal");
      } else if (s.outcome() != Outcome.MATCHED) {
        failures.add("signal '" + f + "' should fire but was " + outcome(s));
      }
    }
    for (String f : silent) {
      SignalReport s = d.signal(f);
      if (s != null && s.outcome() == Outcome.MATCHED) {
        failures.add("signal '" + f + "' should stay silent but fired with score "
            + Interpreter.number(s.score()));
      }
    }
    return new Result(this, d, failures);
  }

  private static String outcome(SignalReport s) {
    switch (s.outcome()) {
      case NOT_MATCHED:
        return "not matched";
      case NOT_APPLICABLE:
        return "not applicable";
      case FAILED:
        return "failed (" + s.signal().failureMessage() + ")";
      default:
        return "matched";
    }
  }

  @Override
  public String toString() {
    return "InlineTest{" + name + " at line " + line + ": expect " + expected + "}";
  }

  /**
   * The outcome of one test.
   *
   * @param test the test
   * @param decision the decision the policy made
   * @param failures what did not hold, one sentence each; empty when the test passed
   */
  public record Result(InlineTest test, Decision decision, List<String> failures) {
    /** Copies the list. */
    public Result {
      requireNonNull(test, "test");
      requireNonNull(decision, "decision");
      failures = List.copyOf(failures);
    }

    /** Whether every expectation held. */
    public boolean passed() {
      return failures.isEmpty();
    }
  }
}
