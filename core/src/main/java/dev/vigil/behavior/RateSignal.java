package dev.vigil.behavior;

import dev.vigil.Content;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Items per key in a sliding window ({@link Behaviors#rate}). The record of a key is the number of
 * times it holds, then the times of the key's latest items, sorted, at most {@code suspicious} of them
 * and none older than the window before the newest: enough to count exactly up to the count where the
 * score reaches 1. The array may be longer than its times, so that an update changes it in place.
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
      int n = (int) r[0];
      // An item in time order is the newest: every time kept is in its window.
      count = r[n] == t ? n : countIn(r, t - window, t);
      return r;
    }
  }

  /**
   * The record with {@code t} added, trimmed to the window before its newest time and to the cap:
   * {@code current} changed in place, or a larger copy of it when it has no room.
   */
  long[] add(long @Nullable [] current, long t) {
    long[] r = current == null ? new long[2] : current; // a key seen once keeps no slack
    int n = (int) r[0];
    if (n + 2 > r.length) {
      r = java.util.Arrays.copyOf(r, Math.max(n + 2, Math.min(suspicious + 2, 2 * n + 1)));
    }
    // Times are at 1..n; t goes after the times equal to it (at the end, for items in time order).
    int at = n == 0 || t >= r[n] ? n + 1 : upperBound(r, n, t);
    System.arraycopy(r, at, r, at + 1, n + 1 - at);
    r[at] = t;
    n++;
    // The times out of the window are the first few (none or one per item, in time order).
    long cutoff = r[n] - window;
    int expired = 0;
    while (expired < n && r[1 + expired] <= cutoff) {
      expired++;
    }
    int from = Math.max(expired, n - suspicious);
    if (from > 0) {
      System.arraycopy(r, 1 + from, r, 1, n - from);
      n -= from;
    }
    r[0] = n;
    return r;
  }

  /** The number of times of {@code record} in {@code (after, upTo]}. */
  static int countIn(long[] record, long after, long upTo) {
    int n = (int) record[0];
    return upperBound(record, n, upTo) - upperBound(record, n, after);
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
