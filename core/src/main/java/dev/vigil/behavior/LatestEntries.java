package dev.vigil.behavior;

import org.jspecify.annotations.Nullable;

/**
 * The record layout that distinct counts and spam-wave bands share: {@code record[0]} is the number of
 * entries, which follow from {@code record[1]}, each {@code stride} longs wide: the value's hash first
 * and the latest time it was seen last (a wave's entries also hold, between them, the first time),
 * sorted by latest time. The array may be longer than its entries, so that most updates change it in
 * place instead of copying it. Adding a value seen before moves its entry; the record keeps no entry
 * older than the window before its newest, and at most {@code cap} entries, the latest: exactly what a
 * count up to {@code cap} in the window needs.
 */
final class LatestEntries {
  private LatestEntries() {}

  /**
   * The record with value {@code h} seen at {@code t} added (or its entry's times updated), sorted by
   * latest time (ties in their order), trimmed to the window and the cap: {@code current} changed in
   * place, or a larger copy of it when it has no room.
   */
  static long[] add(long @Nullable [] current, int stride, long h, long t, long window, int cap) {
    long[] r = current == null ? new long[1 + stride] : current; // a value seen once keeps no slack
    int n = (int) r[0];
    int last = stride - 1;
    long newest = t;
    long first = t;
    long latest = t;
    int found = -1;
    for (int i = 0; i < n; i++) {
      int at = 1 + stride * i;
      newest = Math.max(newest, r[at + last]);
      if (r[at] == h) {
        found = i;
        first = Math.min(t, r[at + 1]);
        latest = Math.max(t, r[at + last]);
      }
    }
    if (found >= 0) {
      int at = 1 + stride * found;
      System.arraycopy(r, at + stride, r, at, stride * (n - found - 1));
      n--;
    } else if (1 + stride * (n + 1) > r.length) {
      int entries = Math.max(n + 1, Math.min(cap + 1, 2 * n));
      r = java.util.Arrays.copyOf(r, 1 + stride * entries);
    }
    // After the entries seen no later than it.
    int pos = n;
    while (pos > 0 && r[1 + stride * (pos - 1) + last] > latest) {
      pos--;
    }
    int at = 1 + stride * pos;
    System.arraycopy(r, at, r, at + stride, stride * (n - pos));
    r[at] = h;
    if (stride == 3) {
      r[at + 1] = first;
    }
    r[at + last] = latest;
    n++;
    int from = 0;
    while (from < n && r[1 + stride * from + last] <= newest - window) {
      from++;
    }
    from = Math.max(from, n - cap);
    if (from > 0) {
      System.arraycopy(r, 1 + stride * from, r, 1, stride * (n - from));
      n -= from;
    }
    r[0] = n;
    return r;
  }

  /** The number of entries of {@code record} whose latest time is in {@code (after, upTo]}. */
  static int countIn(long[] record, int stride, long after, long upTo) {
    int n = (int) record[0];
    int c = 0;
    for (int i = 0; i < n; i++) {
      long latest = record[stride * (i + 1)];
      if (latest > after && latest <= upTo) {
        c++;
      }
    }
    return c;
  }
}
