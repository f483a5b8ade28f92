package dev.vigil;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Holds the current version of an immutable thing (a {@link Policy}, a term list's classifier, a rule
 * set) and swaps it atomically, so that analysts can change lists and policies while evaluations run,
 * without a restart.
 *
 * <p>Read the holder once per evaluation and use what it returned throughout: an evaluation then sees
 * all of the old version or all of the new one, never a mix.
 *
 * <pre>{@code
 * Holder<Policy> policy = Holder.of(buildPolicy(lists));
 * Decision d = policy.get().evaluate(content);            // on every request
 * policy.set(buildPolicy(reloadedLists));                  // when the lists change
 * }</pre>
 *
 * <p>{@link Classifiers#live(String, Holder)} puts a holder inside a policy: the policy stays the same
 * object while the classifier it reads is swapped.
 *
 * <p>Thread safe; reads are a volatile read. The held values must themselves be immutable (every Vigil
 * type is).
 *
 * @param <T> the type of the held value
 */
public final class Holder<T> {
  private final AtomicReference<T> current;

  private Holder(T initial) {
    this.current = new AtomicReference<>(initial);
  }

  /** A holder of {@code initial}. */
  public static <T> Holder<T> of(T initial) {
    return new Holder<>(requireNonNull(initial, "initial"));
  }

  /** The current value. */
  public T get() {
    return current.get();
  }

  /** Replaces the value; evaluations already running keep the one they read. Returns the old value. */
  public T set(T next) {
    return current.getAndSet(requireNonNull(next, "next"));
  }

  /**
   * Replaces the value by {@code change} applied to the current one, atomically with respect to other
   * updates ({@code change} may run more than once when updates race, so it must not have side
   * effects). Returns the new value.
   */
  public T update(UnaryOperator<T> change) {
    requireNonNull(change, "change");
    return current.updateAndGet(old -> requireNonNull(change.apply(old), "change returned null"));
  }

  @Override
  public String toString() {
    return "Holder{" + current.get() + "}";
  }
}
