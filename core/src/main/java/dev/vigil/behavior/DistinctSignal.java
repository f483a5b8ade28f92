package dev.vigil.behavior;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import dev.vigil.Content;
import java.time.Duration;
import java.util.List;

/**
 * Distinct values of one key per value of another in a sliding window ({@link Behaviors#distinct}):
 * distinct authors per link domain, say. The record of a key is pairs (hash of a counted value, the
 * latest time it was seen with the key), sorted by time, at most {@code suspicious} of them and none
 * older than the window before the newest: exact up to the count where the score reaches 1. The hash is
 * 64-bit SipHash: two counted values collide with odds of about one in 10^19 per pair.
 */
final class DistinctSignal extends BehaviorSignal {
  private static final HashFunction HASH = Hashing.sipHash24(0x64697374696E6374L, 0x636F756E74656421L);

  private final Key counted;
  private final long window;
  private final Duration windowDuration;
  private final int normal;
  private final int suspicious;
  private final String notePrefix;
  private final String noteSuffix;

  DistinctSignal(String name, BehaviorState state, Key key, Key counted, Duration window, int normal,
      int suspicious) {
    super(name, state, key);
    this.counted = java.util.Objects.requireNonNull(counted, "counted");
    this.window = windowMillis(name, window);
    this.windowDuration = window;
    checkRamp(name, normal, suspicious);
    this.normal = normal;
    this.suspicious = suspicious;
    // The constant parts of a note, formatted once: notes are built on the scoring path.
    this.notePrefix = name + ": " + key.name() + " '";
    this.noteSuffix = " distinct " + counted.name() + " in " + format(window) + " (normal " + normal
        + ", suspicious " + suspicious + ")";
  }

  @Override
  long observe(String value, long t, Content content) {
    List<String> who = counted.values(content);
    long[] record = null;
    for (String w : who) {
      long h = HASH.hashUnencodedChars(w).asLong();
      record = state.update(name, value, current -> add(current, h, t));
    }
    if (record == null) {
      long[] r = state.read(name, value);
      record = r == null ? new long[0] : r;
    }
    return countIn(record, t - window, t);
  }

  /** The record with {@code (h, t)} added (or its time raised), trimmed to the window and the cap. */
  long[] add(long[] current, long h, long t) {
    long[] old = current == null ? new long[0] : current;
    int n = old.length / 2;
    long newest = t;
    long seen = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      newest = Math.max(newest, old[2 * i + 1]);
      if (old[2 * i] == h) {
        seen = old[2 * i + 1];
      }
    }
    long time = Math.max(t, seen);
    // Everything but h, then h at its time, sorted by time (stable), then trimmed.
    long[] all = new long[2 * (seen == Long.MIN_VALUE ? n + 1 : n)];
    int k = 0;
    boolean placed = false;
    for (int i = 0; i < n; i++) {
      if (old[2 * i] == h) {
        continue;
      }
      if (!placed && old[2 * i + 1] > time) {
        all[k++] = h;
        all[k++] = time;
        placed = true;
      }
      all[k++] = old[2 * i];
      all[k++] = old[2 * i + 1];
    }
    if (!placed) {
      all[k++] = h;
      all[k++] = time;
    }
    int pairs = all.length / 2;
    int from = 0;
    while (from < pairs && all[2 * from + 1] <= newest - window) {
      from++;
    }
    from = Math.max(from, pairs - suspicious);
    return from == 0 ? all : java.util.Arrays.copyOfRange(all, 2 * from, all.length);
  }

  /** The number of pairs whose time is in {@code (after, upTo]}. */
  static int countIn(long[] pairs, long after, long upTo) {
    int c = 0;
    for (int i = 1; i < pairs.length; i += 2) {
      if (pairs[i] > after && pairs[i] <= upTo) {
        c++;
      }
    }
    return c;
  }

  @Override
  double score(long count) {
    return ramp(count, normal, suspicious);
  }

  @Override
  String note(String value, long count) {
    return notePrefix + value + "' has " + (count >= suspicious ? "at least " : "") + count + noteSuffix;
  }

  @Override
  public String expression() {
    return "distinct(" + counted.name() + " per " + key.name() + ", " + format(windowDuration) + ", "
        + normal + ".." + suspicious + ")";
  }
}
