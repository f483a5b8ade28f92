package dev.vigil.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * A rate's record, compact or long, must count as the record that drops stale times at every item (the
 * times out of the window before the newest, and all but the latest {@code suspicious}), in time order
 * or not; a long one (which drops them only when full) must stay within twice the cap; a key with few
 * kept times close together must have a compact record, small enough for its state entry.
 */
class RateRecordProperties {

  /** The record that drops at every item, kept as a sorted list of its times. */
  private static final class Eager {
    final long window;
    final int cap;
    final List<Long> times = new ArrayList<>();

    Eager(long window, int cap) {
      this.window = window;
      this.cap = cap;
    }

    int add(long t) {
      int at = 0;
      while (at < times.size() && times.get(at) <= t) {
        at++;
      }
      times.add(at, t);
      long newest = times.get(times.size() - 1);
      times.removeIf(x -> x <= newest - window);
      while (times.size() > cap) {
        times.remove(0);
      }
      return (int) times.stream().filter(x -> x > t - window && x <= t).count();
    }
  }

  @Property(tries = 2_000)
  void countsEqualThoseOfARecordThatDropsAtEveryItem(
      @ForAll @Size(max = 200) List<@LongRange(min = 0, max = 400) Long> steps,
      @ForAll @IntRange(min = 1, max = 120) int windowMillis,
      @ForAll @IntRange(min = 1, max = 12) int suspicious,
      @ForAll @IntRange(min = 0, max = 3) int disorder) {
    RateSignal rate = new RateSignal("r", MemoryState.withCapacity(1), Key.author(),
        Duration.ofMillis(windowMillis), 0, suspicious);
    Eager eager = new Eager(windowMillis, suspicious);
    long[] record = null;
    long clock = 0;
    for (int i = 0; i < steps.size(); i++) {
      long step = steps.get(i);
      // Mostly forward in small steps; with disorder, every so often an item from the past.
      long t = disorder > 0 && step % (5 - disorder) == 0 ? clock - step / 4 : (clock += step % 23);
      record = rate.add(record, t);
      int expected = eager.add(t);
      assertEquals(expected, rate.countAt(record, t), () -> "item at " + t);
      assertTrue(record.length <= Math.max(2 * suspicious + 2, 3), () -> Arrays.toString(steps.toArray()));
      assertCompactWhenFew(eager, record);
    }
  }

  /**
   * The same over spans where the compact form ends: times 2^32 ms (49 days) apart or near it, windows
   * up to the longest allowed, and times near the ends of the compact form's range (2^55 ms from the
   * epoch) and of the range a signal clamps times to.
   */
  @Property(tries = 2_000)
  void countsEqualThoseOfARecordThatDropsAtEveryItemOverLongSpans(
      @ForAll @Size(max = 60) List<@LongRange(min = 0, max = 1L << 34) Long> steps,
      @ForAll("windows") long windowMillis,
      @ForAll @IntRange(min = 1, max = 12) int suspicious,
      @ForAll("starts") long start,
      @ForAll @IntRange(min = 0, max = 3) int disorder) {
    RateSignal rate = new RateSignal("r", MemoryState.withCapacity(1), Key.author(),
        Duration.ofMillis(windowMillis), 0, suspicious);
    Eager eager = new Eager(windowMillis, suspicious);
    long[] record = null;
    long clock = start;
    for (int i = 0; i < steps.size(); i++) {
      long step = steps.get(i);
      // Steps of a few ms, of about 2^32 ms, or of anything up to 2^34 ms.
      long forward = i % 3 == 0 ? step % 7 : i % 3 == 1 ? (1L << 32) - 2 + step % 5 : step;
      long t = disorder > 0 && step % (5 - disorder) == 0 ? clock - step / 3 : (clock += forward);
      record = rate.add(record, t);
      int expected = eager.add(t);
      assertEquals(expected, rate.countAt(record, t), () -> "item at " + t);
      assertCompactWhenFew(eager, record);
    }
  }

  /** The compact form's ends, exactly: its earliest time, its latest, and offsets of 2^32 - 1 and 2^32. */
  @Example
  void countsAtTheEndsOfTheCompactRange() {
    long bias = 1L << 55;
    long[][] runs = {
        {-bias - 1, -bias, -bias + 1},
        {-bias, -bias + (1L << 32) - 1, -bias + (1L << 32)},
        {bias - 3, bias - 2, bias - 1, bias, bias + 1},
        {0, (1L << 32) - 1, 1L << 32, (1L << 33) - 1},
        {Long.MIN_VALUE / 2, Long.MIN_VALUE / 2 + 1, Long.MAX_VALUE / 2 - 1, Long.MAX_VALUE / 2},
    };
    for (long[] times : runs) {
      for (long window : new long[] {1, 2, 1L << 32, (1L << 32) + 1, Duration.ofDays(366).toMillis()}) {
        RateSignal rate = new RateSignal("r", MemoryState.withCapacity(1), Key.author(),
            Duration.ofMillis(window), 0, 7);
        Eager eager = new Eager(window, 7);
        long[] record = null;
        for (long t : times) {
          record = rate.add(record, t);
          long[] r = record;
          assertEquals(eager.add(t), rate.countAt(record, t),
              () -> "window " + window + ", item at " + t + ", record " + Arrays.toString(r));
          assertCompactWhenFew(eager, record);
        }
      }
    }
  }

  @Provide
  Arbitrary<Long> windows() {
    return Arbitraries.oneOf(Arbitraries.longs().between(1, 100),
        Arbitraries.longs().between((1L << 32) - 3, (1L << 32) + 3),
        Arbitraries.longs().between(1, Duration.ofDays(366).toMillis()));
  }

  @Provide
  Arbitrary<Long> starts() {
    long bias = 1L << 55;
    return Arbitraries.oneOf(Arbitraries.longs().between(-1000, 1000),
        Arbitraries.longs().between(-bias - 20_000_000_000L, -bias + 1000),
        Arbitraries.longs().between(bias - 40_000_000_000L, bias + 1000),
        Arbitraries.longs().between(Long.MIN_VALUE / 2, Long.MIN_VALUE / 2 + 1000),
        Arbitraries.longs().between(Long.MAX_VALUE / 2 - 100_000_000_000L, Long.MAX_VALUE / 2 - 1));
  }

  /**
   * A key with at most {@link RateSignal#BACK_TO_COMPACT} kept times, all within 2^32 ms and the compact
   * range, has a compact record of at most four numbers.
   */
  private static void assertCompactWhenFew(Eager eager, long[] record) {
    List<Long> kept = eager.times;
    if (kept.size() <= RateSignal.BACK_TO_COMPACT && kept.get(0) >= -(1L << 55)
        && kept.get(kept.size() - 1) < 1L << 55 && kept.get(kept.size() - 1) - kept.get(0) < 1L << 32) {
      assertTrue(record[0] < 0 && record.length <= 4, () -> "kept " + kept + ", record "
          + Arrays.toString(record));
    }
  }
}
