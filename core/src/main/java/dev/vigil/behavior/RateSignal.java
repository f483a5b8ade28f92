package dev.vigil.behavior;

import dev.vigil.Content;
import java.time.Duration;
import java.util.Arrays;

/**
 * Items per key in a sliding window ({@link Behaviors#rate}). The record of a key is the times of its
 * latest items, sorted, at most {@code suspicious} of them and none older than the window before the
 * newest: enough to count exactly up to the count where the score reaches 1.
 */
final class RateSignal extends WindowCountSignal {
  RateSignal(String name, BehaviorState state, Key key, Duration window, int normal, int suspicious) {
    super(name, state, key, window, normal, suspicious, "items");
  }

  @Override
  long observe(String value, long t, Content content) {
    long[] times = state.update(name, value, current -> add(current, t));
    return countIn(times, t - window, t);
  }

  /** The record with {@code t} added, trimmed to the window before its newest time and to the cap. */
  long[] add(long[] current, long t) {
    long[] old = current == null ? new long[0] : current;
    int at = upperBound(old, t);
    long newest = Math.max(t, old.length == 0 ? t : old[old.length - 1]);
    // Keep times in (newest - window, newest], the latest `suspicious` of them.
    long[] all = new long[old.length + 1];
    System.arraycopy(old, 0, all, 0, at);
    all[at] = t;
    System.arraycopy(old, at, all, at + 1, old.length - at);
    int from = upperBound(all, newest - window);
    from = Math.max(from, all.length - suspicious);
    return from == 0 ? all : Arrays.copyOfRange(all, from, all.length);
  }

  /** The number of times in {@code (after, upTo]}. */
  static int countIn(long[] sorted, long after, long upTo) {
    return upperBound(sorted, upTo) - upperBound(sorted, after);
  }

  /** The index of the first element greater than {@code x}. */
  static int upperBound(long[] sorted, long x) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Override
  public String expression() {
    return "rate(" + key.name() + ", " + format(windowDuration) + ", " + normal + ".." + suspicious + ")";
  }
}
