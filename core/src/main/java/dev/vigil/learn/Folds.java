package dev.vigil.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the cross-validation's folds: each on a thread of its own, up to one per processor, the caller
 * waiting for all. The folds write disjoint items, so the result is the same on any number of threads.
 */
final class Folds {
  private Folds() {}

  /** Runs the tasks on up to one thread per processor and waits for all; rethrows a task's failure. */
  static void runAll(List<Runnable> tasks) {
    int threads = Math.min(tasks.size(), Runtime.getRuntime().availableProcessors());
    if (threads <= 1) {
      tasks.forEach(Runnable::run);
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(
        threads, r -> {
          Thread t = new Thread(r, "vigil-learn");
          t.setDaemon(true);
          return t;
        });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Runnable task : tasks) {
        futures.add(pool.submit(task));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException) {
            throw (RuntimeException) cause;
          }
          if (cause instanceof Error) {
            throw (Error) cause;
          }
          throw new IllegalStateException(cause);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while learning", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
