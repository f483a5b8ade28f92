package dev.vigil.behavior;

import dev.vigil.Content;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Items per key in a sliding window ({@link Behaviors#rate}). The record of a key is the number of
 * times it holds, then the times of the key's items, sorted. What a count reads of them is their
 * <em>kept</em> suffix: the latest {@code suspicious} of the times after the newest one minus the window,
 * enough to count exactly up to the count where the score reaches 1. Times before that suffix are
 * dropped only when the array is full, by moving the suffix to its front, so that a busy key's item
 * costs no copy of its whole record (dropping one expired time per item did); the array grows to at
 * most twice the cap, so that a full one is compacted once per {@code suspicious} items at most. A record
 * without such stale times (as earlier versions wrote) reads the same.
 */
final class RateSignal extends WindowCountSignal {
  RateSignal(String name, BehaviorState state, Key key, Duration window, int normal, int suspicious) {
    super(name, state, key, window, normal, suspicious, "items");
  }

  @Override
  long observe(String value, long t, Content content) {
    Observation o = new Observation(t);
    state.update(name, value, o);
    return o.count;
  }

  /** One item's update; it counts while the record is locked, since a later update may change it. */
  private final class Observation implements BehaviorState.RecordUpdate {
    private final long t;
    int count;

    Observation(long t) {
      this.t = t;
    }

    @Override
    public long[] apply(long @Nullable [] current) {
      long[] r = add(current, t);
      count = countAt(r, t);
      return r;
    }
  }

  /**
   * The record with {@code t} added: {@code current} changed in place, or, when it is full, first
   * compacted to its kept times and, if that frees nothing, copied to a larger array.
   */
  long[] add(long @Nullable [] current, long t) {
    long[] r = current == null ? new long[2] : current; // a key seen once keeps no slack
    int n = (int) r[0];
    if (n + 2 > r.length) {
      int from = n == 0 ? 1 : kept(r);
      if (from > 1) {
        n -= from - 1;
        System.arraycopy(r, from, r, 1, n);
      }
      if (n + 2 > r.length) {
        r = java.util.Arrays.copyOf(r, Math.max(n + 2, Math.min(2 * suspicious + 2, 2 * n + 1)));
      }
    }
    // Times are at 1..n; t goes after the times equal to it (at the end, for items in time order).
    int at = n == 0 || t >= r[n] ? n + 1 : upperBound(r, n, t);
    System.arraycopy(r, at, r, at + 1, n + 1 - at);
    r[at] = t;
    r[0] = n + 1;
    return r;
  }

  /** The index of the first kept time of {@code record} (which holds at least one time). */
  private int kept(long[] record) {
    int n = (int) record[0];
    return Math.max(upperBound(record, n, record[n] - window), n + 1 - suspicious);
  }

  /** The number of kept times of {@code record} in {@code t}'s window, {@code (t - window, t]}. */
  int countAt(long[] record, long t) {
    int n = (int) record[0];
    int from = kept(record);
    if (record[n] == t) {
      return n + 1 - from; // t is the newest: every kept time is in its window
    }
    return Math.max(0, upperBound(record, n, t) - Math.max(from, upperBound(record, n, t - window)));
  }

  /** The index of the first of the times {@code record[1..n]} greater than {@code x} (n + 1 if none). */
  static int upperBound(long[] record, int n, long x) {
    int lo = 1;
    int hi = n + 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (record[mid] <= x) {
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
