package dev.vigil.behavior;

import dev.vigil.Content;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Items per key in a sliding window ({@link Behaviors#rate}). What a count reads of a key's times is
 * their <em>kept</em> suffix: the latest {@code suspicious} of the times after the newest one minus the
 * window, enough to count exactly up to the count where the score reaches 1. A record has one of two
 * forms:
 *
 * <ul>
 *   <li><b>compact</b>, for up to {@value #COMPACT_TIMES} kept times within 2^32 ms (49 days) of each
 *       other: a header (its sign bit set, the number of times less one in bits 56 to 58, the earliest
 *       time plus 2^55 in the low 56 bits), then the later times as unsigned 32-bit offsets from the
 *       earliest, two per number. It holds exactly the kept times (stale ones are dropped at every
 *       item) in at most four numbers, so that it fits in its {@link MemoryState} entry: most keys of
 *       a window are quiet ones, and their records need no array of their own (a key with six items
 *       in its window took 117 bytes of heap, now 77: {@code BehaviorFootprint}).</li>
 *   <li><b>long</b>, for busier keys: the number of times it holds, then the times, sorted. Times before
 *       the kept suffix are dropped only when the array is full, by moving the suffix to its front, so
 *       that a busy key's item costs no copy of its whole record (dropping one expired time per item
 *       did); the array grows to at most twice the cap, so that a full one is compacted once per
 *       {@code suspicious} items at most. A long record whose kept times fall to
 *       {@value #BACK_TO_COMPACT} or fewer becomes compact again (not at once below eight, so that a key
 *       near the edge does not change form at every item). Earlier versions wrote only this form.</li>
 * </ul>
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

  /** Most times a compact record holds: the earliest and six 32-bit offsets, in four numbers. */
  static final int COMPACT_TIMES = 7;
  /** Most kept times with which a long record turns compact again. */
  static final int BACK_TO_COMPACT = 4;
  /** Added to a compact record's earliest time, which then takes the low 56 bits of its header. */
  private static final long BIAS = 1L << 55;
  private static final long LOW56 = (1L << 56) - 1;

  /**
   * The record with {@code t} added: a compact one rewritten (in place when it has room), a long one
   * changed in place or, when it is full, first compacted to its kept times and, if that frees nothing,
   * copied to a larger array.
   */
  long[] add(long @Nullable [] current, long t) {
    if (current == null) {
      return fitsCompact(t, t) ? new long[] {header(1, t)} : new long[] {1, t};
    }
    if (current[0] < 0) {
      return addCompact(current, t);
    }
    long[] r = addLong(current, t);
    int n = (int) r[0];
    int from = kept(r);
    return n + 1 - from <= BACK_TO_COMPACT && fitsCompact(r[from], r[n]) ? compact(r, from, n) : r;
  }

  private long[] addLong(long[] current, long t) {
    long[] r = current;
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

  /**
   * A compact record with {@code t} added: its times and {@code t}, merged, then the kept ones of them,
   * compact when they fit and long otherwise.
   */
  private long[] addCompact(long[] r, long t) {
    int n = compactCount(r);
    long base = compactBase(r);
    // The merged times are m(0..n): the record's, with t after those equal to it.
    int p = n;
    while (p > 0 && time(r, base, p - 1) > t) {
      p--;
    }
    long newest = Math.max(t, time(r, base, n - 1));
    int lo = Math.max(0, n + 1 - suspicious);
    while (lo < n && merged(r, base, p, t, lo) <= newest - window) {
      lo++;
    }
    long earliest = merged(r, base, p, t, lo);
    int k = n + 1 - lo;
    if (k <= COMPACT_TIMES && fitsCompact(earliest, newest)) {
      // Every new number is computed before any is written: the record is rewritten in place.
      long w1 = k > 1 ? pair(r, base, p, t, lo + 1, earliest) : 0;
      long w2 = k > 3 ? pair(r, base, p, t, lo + 3, earliest) : 0;
      long w3 = k > 5 ? pair(r, base, p, t, lo + 5, earliest) : 0;
      long[] out = k == 1 || r.length >= 4 ? r : new long[4];
      out[0] = header(k, earliest);
      if (out.length > 1) {
        out[1] = w1;
        out[2] = w2;
        out[3] = w3;
      }
      return out;
    }
    long[] out = new long[Math.max(k + 2, Math.min(2 * suspicious + 2, 2 * k + 1))];
    out[0] = k;
    for (int j = lo; j <= n; j++) {
      out[j - lo + 1] = merged(r, base, p, t, j);
    }
    return out;
  }

  /** The offsets from {@code earliest} of merged times {@code j} and {@code j + 1} (if any), packed. */
  private static long pair(long[] r, long base, int p, long t, int j, long earliest) {
    long low = merged(r, base, p, t, j) - earliest;
    long high = j + 1 <= compactCount(r) ? merged(r, base, p, t, j + 1) - earliest : 0;
    return low | high << 32;
  }

  /** Merged time {@code j}: the record's times with {@code t} inserted at {@code p}. */
  private static long merged(long[] r, long base, int p, long t, int j) {
    return j < p ? time(r, base, j) : j == p ? t : time(r, base, j - 1);
  }

  /** Whether times from {@code earliest} to {@code newest} can be held by a compact record. */
  private static boolean fitsCompact(long earliest, long newest) {
    return earliest >= -BIAS && newest < BIAS && newest - earliest < (1L << 32);
  }

  private static long header(int count, long earliest) {
    return Long.MIN_VALUE | (long) (count - 1) << 56 | (earliest + BIAS);
  }

  static int compactCount(long[] r) {
    return (int) (r[0] >>> 56 & 7) + 1;
  }

  private static long compactBase(long[] r) {
    return (r[0] & LOW56) - BIAS;
  }

  /** Time {@code i} of a compact record whose earliest time is {@code base}. */
  private static long time(long[] r, long base, int i) {
    if (i == 0) {
      return base;
    }
    long word = r[1 + ((i - 1) >> 1)];
    return base + (((i - 1) & 1) == 0 ? word & 0xFFFFFFFFL : word >>> 32);
  }

  /** A compact record of the long record's times {@code from..n} (which fit one). */
  private static long[] compact(long[] r, int from, int n) {
    int k = n + 1 - from;
    long earliest = r[from];
    long[] out = new long[k == 1 ? 1 : 4];
    out[0] = header(k, earliest);
    for (int i = 1; i < k; i++) {
      out[1 + ((i - 1) >> 1)] |= (r[from + i] - earliest) << (((i - 1) & 1) << 5);
    }
    return out;
  }

  /** The index of the first kept time of {@code record} (which holds at least one time). */
  private int kept(long[] record) {
    int n = (int) record[0];
    return Math.max(upperBound(record, n, record[n] - window), n + 1 - suspicious);
  }

  /** The number of kept times of {@code record} in {@code t}'s window, {@code (t - window, t]}. */
  int countAt(long[] record, long t) {
    if (record[0] < 0) {
      // A compact record holds its kept times only.
      int n = compactCount(record);
      long base = compactBase(record);
      int count = 0;
      for (int i = 0; i < n; i++) {
        long x = time(record, base, i);
        if (x > t - window && x <= t) {
          count++;
        }
      }
      return count;
    }
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
