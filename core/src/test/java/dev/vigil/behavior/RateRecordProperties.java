package dev.vigil.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * A rate's record drops its stale times only when it is full: its counts must equal those of the record
 * that drops them at every item (the times out of the window before the newest, and all but the latest
 * {@code suspicious}), in time order or not, and it must stay within twice the cap.
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
    }
  }
}
