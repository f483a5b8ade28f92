package dev.vigil.behavior;

import dev.vigil.Content;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Distinct values of one key per value of another in a sliding window ({@link Behaviors#distinct}):
 * distinct authors per link domain, say. The record of a key is pairs (hash of a counted value, the
 * latest time it was seen with the key), sorted by time, at most {@code suspicious} of them and none
 * older than the window before the newest: exact up to the count where the score reaches 1. The hash is
 * 64-bit SipHash: two counted values collide with odds of about one in 10^19 per pair.
 */
final class DistinctSignal extends WindowCountSignal {
  private static final SipHash HASH = new SipHash(0x64697374696E6374L, 0x636F756E74656421L);

  private final Key counted;
  /** {@code counted}, when it has at most one value per item; else null. */
  private final @Nullable OneValueKey oneCounted;

  DistinctSignal(String name, BehaviorState state, Key key, Key counted, Duration window, int normal,
      int suspicious) {
    super(name, state, key, window, normal, suspicious,
        "distinct " + java.util.Objects.requireNonNull(counted, "counted").name());
    this.counted = counted;
    this.oneCounted = counted instanceof OneValueKey ? (OneValueKey) counted : null;
  }

  @Override
  long observe(String value, long t, Content content) {
    if (oneCounted != null) {
      // An author, an attribute: no list.
      String w = oneCounted.value(content);
      return w == null ? countWithout(value, t) : update(value, new Observation(t), w);
    }
    List<String> who = counted.values(content);
    if (who.isEmpty()) {
      return countWithout(value, t);
    }
    Observation o = new Observation(t);
    for (String w : who) {
      update(value, o, w);
    }
    return o.count;
  }

  /** The count of an item without a counted value: it reads the record and changes nothing. */
  private long countWithout(String value, long t) {
    long[] r = state.read(name, value);
    return r == null ? 0 : LatestEntries.countIn(r, 2, t - window, t);
  }

  private int update(String value, Observation o, String w) {
    o.h = HASH.hash64("", w);
    state.update(name, value, o);
    return o.count;
  }

  /** One item's update per counted value; it counts while the record is locked. */
  private final class Observation implements BehaviorState.RecordUpdate {
    private final long t;
    long h;
    int count;

    Observation(long t) {
      this.t = t;
    }

    @Override
    public long[] apply(long @Nullable [] current) {
      long[] r = LatestEntries.add(current, 2, h, t, window, suspicious);
      count = LatestEntries.countIn(r, 2, t - window, t);
      return r;
    }
  }

  @Override
  public String expression() {
    return "distinct(" + counted.name() + " per " + key.name() + ", " + format(windowDuration) + ", "
        + normal + ".." + suspicious + ")";
  }
}
