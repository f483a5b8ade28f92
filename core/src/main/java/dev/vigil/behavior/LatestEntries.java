package dev.vigil.behavior;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The record layout that distinct counts and spam-wave bands share: one entry per hashed value, each
 * {@code stride} longs wide, the value's hash first and the latest time it was seen last (a wave's
 * entries also hold, between them, the first time), sorted by latest time. Adding a value seen before
 * moves its entry; the record keeps no entry older than the window before its newest, and at most
 * {@code cap} entries, the latest: exactly what a count up to {@code cap} in the window needs.
 */
final class LatestEntries {
  private LatestEntries() {}

  /**
   * The record with value {@code h} seen at {@code t} added (or its entry's times updated), sorted by
   * latest time (ties in their order), trimmed to the window and the cap. {@code current} is not
   * changed: records are replaced, so that a reader needs no lock.
   */
  static long[] add(long @Nullable [] current, int stride, long h, long t, long window, int cap) {
    long[] old = current == null ? new long[0] : current;
    int n = old.length / stride;
    int last = stride - 1;
    long newest = t;
    long first = t;
    long latest = t;
    boolean known = false;
    for (int i = 0; i < n; i++) {
      newest = Math.max(newest, old[stride * i + last]);
      if (old[stride * i] == h) {
        known = true;
        first = Math.min(t, old[stride * i + 1]);
        latest = Math.max(t, old[stride * i + last]);
      }
    }
    long[] all = new long[stride * (known ? n : n + 1)];
    int k = 0;
    boolean placed = false;
    for (int i = 0; i < n; i++) {
      if (old[stride * i] == h) {
        continue;
      }
      if (!placed && old[stride * i + last] > latest) {
        k = put(all, k, stride, h, first, latest);
        placed = true;
      }
      System.arraycopy(old, stride * i, all, k, stride);
      k += stride;
    }
    if (!placed) {
      put(all, k, stride, h, first, latest);
    }
    int entries = all.length / stride;
    int from = 0;
    while (from < entries && all[stride * from + last] <= newest - window) {
      from++;
    }
    from = Math.max(from, entries - cap);
    return from == 0 ? all : Arrays.copyOfRange(all, stride * from, all.length);
  }

  /** Writes an entry at {@code k}; the first time only where the stride has room for it. */
  private static int put(long[] all, int k, int stride, long h, long first, long latest) {
    all[k] = h;
    if (stride == 3) {
      all[k + 1] = first;
    }
    all[k + stride - 1] = latest;
    return k + stride;
  }
}
