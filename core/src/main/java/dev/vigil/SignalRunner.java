package dev.vigil;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link Policy}'s classifiers on one content (step 2 of an evaluation): the isolated ones on
 * an executor, the others in order on the calling thread, all within the policy's time budget, each
 * failure contained in its signal (see {@link Policy.Builder#timeBudget} and {@link
 * SignalOptions#isIsolated()}). Immutable and thread safe.
 */
final class SignalRunner {
  private final Classifier[] classifiers;
  private final SignalOptions[] options;
  private final long budgetNanos; // 0: no budget
  private final boolean hasIsolated;
  private final ExecutorService executor;

  SignalRunner(Classifier[] classifiers, SignalOptions[] options, @Nullable Duration budget,
      @Nullable ExecutorService executor) {
    this.classifiers = classifiers;
    this.options = options;
    this.budgetNanos = budget == null ? 0L : budget.toNanos();
    boolean isolated = false;
    for (SignalOptions o : options) {
      isolated |= o.isIsolated();
    }
    this.hasIsolated = isolated;
    this.executor = executor != null ? executor : IsolatedThreads.POOL;
  }

  /**
   * Runs every classifier: isolated ones first, on the executor, then the others in order on this
   * thread, then collects the isolated ones until the deadline. Returns their signals, by index.
   */
  Signal[] classifyAll(Content content) {
    int n = classifiers.length;
    Signal[] signals = new Signal[n];
    long start = budgetNanos > 0 ? System.nanoTime() : 0L;
    List<Future<Signal>> futures = null;
    if (hasIsolated) {
      futures = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Future<Signal> f = null;
        if (options[i].isIsolated()) {
          Classifier c = classifiers[i];
          try {
            f = executor.submit(() -> Classifiers.classifySafely(c, content));
          } catch (RejectedExecutionException e) {
            signals[i] = Signal.failed(new RejectedExecutionException(
                "no thread was free to run isolated classifier '" + c.name() + "'", e));
          }
        }
        futures.add(f);
      }
    }
    for (int i = 0; i < n; i++) {
      if (options[i].isIsolated()) {
        continue;
      }
      if (budgetNanos > 0 && System.nanoTime() - start > budgetNanos) {
        signals[i] = Signal.failed(new TimeoutException("not started: the evaluation's time budget of "
            + budgetMillis() + " ms was spent"));
      } else {
        signals[i] = Classifiers.classifySafely(classifiers[i], content);
      }
    }
    if (futures != null) {
      for (int i = 0; i < n; i++) {
        Future<Signal> f = futures.get(i);
        if (f == null) {
          continue;
        }
        try {
          long left = budgetNanos - (System.nanoTime() - start);
          signals[i] = f.get(Math.max(0L, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          f.cancel(true);
          signals[i] = Signal.failed(new TimeoutException("abandoned: still running when the"
              + " evaluation's time budget of " + budgetMillis() + " ms ran out"));
        } catch (ExecutionException e) {
          signals[i] = Signal.failed(e.getCause() != null ? e.getCause() : e);
        } catch (InterruptedException e) {
          f.cancel(true);
          Thread.currentThread().interrupt();
          signals[i] = Signal.failed(e);
        }
      }
    }
    return signals;
  }

  private String budgetMillis() {
    return Decision.format(budgetNanos / 1e6);
  }

  /** The default executor for isolated classifiers: created on first use, daemon threads. */
  private static final class IsolatedThreads {
    static final ExecutorService POOL = create();

    private static ExecutorService create() {
      AtomicInteger count = new AtomicInteger();
      return new ThreadPoolExecutor(0, 64, 60L, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
        Thread t = new Thread(r, "vigil-isolated-" + count.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    }
  }
}
