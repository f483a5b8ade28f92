package dev.vigil.internal;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;

/**
 * One reusable object per thread (a scan's buffers and state), lent out to one call at a time. A call
 * made while the thread's object is lent (a hit handler that scans again) gets a fresh object, so the
 * running call's state is never overwritten. The one place where Vigil's scanners reuse per-thread
 * state; not API.
 *
 * <pre>{@code
 * Scratch s = SCRATCH.acquire();
 * try {
 *   ... use s ...
 * } finally {
 *   SCRATCH.release(s);
 * }
 * }</pre>
 *
 * @param <T> what is lent
 */
public final class PerThread<T extends PerThread.Reusable> {
  /** What a {@link PerThread} lends: it carries the mark that it is lent. */
  public abstract static class Reusable {
    private boolean lent;
  }

  private final Supplier<? extends T> factory;
  private final ThreadLocal<T> local;

  /** Lends objects that {@code factory} makes, one per thread and one more per re-entrant call. */
  public PerThread(Supplier<? extends T> factory) {
    this.factory = requireNonNull(factory, "factory");
    this.local = ThreadLocal.withInitial(factory);
  }

  /**
   * The thread's object, or a fresh one when the thread's is lent already; give it back with
   * {@link #release}.
   */
  public T acquire() {
    T t = local.get();
    if (((Reusable) t).lent) {
      t = factory.get();
    }
    ((Reusable) t).lent = true;
    return t;
  }

  /** Gives back an object that {@link #acquire} lent. */
  public void release(T t) {
    ((Reusable) t).lent = false;
  }

  /**
   * The thread's object without lending it, for state a caller keeps between calls (the content last
   * scanned) or writes only just before it reads.
   */
  public T peek() {
    return local.get();
  }
}
