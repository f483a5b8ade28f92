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
final class DistinctSignal extends WindowCountSignal {
  private static final HashFunction HASH = Hashing.sipHash24(0x64697374696E6374L, 0x636F756E74656421L);

  private final Key counted;

  DistinctSignal(String name, BehaviorState state, Key key, Key counted, Duration window, int normal,
      int suspicious) {
    super(name, state, key, window, normal, suspicious,
        "distinct " + java.util.Objects.requireNonNull(counted, "counted").name());
    this.counted = counted;
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
    return LatestEntries.add(current, 2, h, t, window, suspicious);
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
  public String expression() {
    return "distinct(" + counted.name() + " per " + key.name() + ", " + format(windowDuration) + ", "
        + normal + ".." + suspicious + ")";
  }
}
