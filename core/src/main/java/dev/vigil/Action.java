package dev.vigil;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * What a decision tells the service to do with the content. Three actions are built in, {@link #ALLOW},
 * {@link #REVIEW} and {@link #REMOVE}; define your own with {@link #of(String, int)} ({@code "limit-reach"},
 * {@code "shadowban"}, {@code "warn"}, ...).
 *
 * <p>Each action has a severity rank: higher is more severe. It decides which action wins when a
 * fail-closed failure asks for review while a rule chose something milder, and which rules count as
 * "near misses". Built-in ranks: allow 0, review 50, remove 100; pick yours around them.
 *
 * <p>Immutable; equal when name and severity are equal.
 */
public final class Action implements Comparable<Action> {
  /** Let the content through. Severity 0. */
  public static final Action ALLOW = new Action("allow", 0);
  /** Send the content to a human reviewer. Severity 50. */
  public static final Action REVIEW = new Action("review", 50);
  /** Take the content down. Severity 100. */
  public static final Action REMOVE = new Action("remove", 100);

  private final String name;
  private final int severity;

  private Action(String name, int severity) {
    this.name = name;
    this.severity = severity;
  }

  /**
   * An action with the given name and severity rank.
   *
   * @throws IllegalArgumentException if the name is blank, or is a built-in action's name with another
   *     severity
   */
  public static Action of(String name, int severity) {
    requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("action name must not be blank but was '" + name + "'");
    }
    for (Action builtIn : new Action[] {ALLOW, REVIEW, REMOVE}) {
      if (builtIn.name.equals(name)) {
        if (builtIn.severity != severity) {
          throw new IllegalArgumentException("action '" + name + "' is built in with severity "
              + builtIn.severity + " but was given severity " + severity);
        }
        return builtIn;
      }
    }
    return new Action(name, severity);
  }

  /** The action's name, as it appears in decisions and JSON. */
  public String name() {
    return name;
  }

  /** The severity rank: higher is more severe. */
  public int severity() {
    return severity;
  }

  /** Orders by severity, then name. */
  @Override
  public int compareTo(Action o) {
    int c = Integer.compare(severity, o.severity);
    return c != 0 ? c : name.compareTo(o.name);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Action && ((Action) o).name.equals(name) && ((Action) o).severity == severity;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + severity;
  }

  @Override
  public String toString() {
    return name;
  }
}
