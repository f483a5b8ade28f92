package dev.vigil.behavior;

import static java.util.Objects.requireNonNull;

import dev.vigil.Classifier;
import dev.vigil.Content;
import dev.vigil.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What every behaviour signal does with an item: take its time and its keys, observe the item under
 * each key (update the key's record) and read the result from the updated record, in one atomic step
 * per key; the signal's score is the highest of its keys' scores, and its notes say, for each key that
 * scored, what was counted. Content without a time, or without the key, is not applicable.
 */
abstract class BehaviorSignal implements Classifier {
  /** Notes beyond this many keys are left out (a post with fifty links). */
  private static final int MAX_NOTES = 5;

  final String name;
  final BehaviorState state;
  final Key key;

  BehaviorSignal(String name, BehaviorState state, Key key) {
    this.name = requireNonNull(name, "name");
    this.state = requireNonNull(state, "state");
    this.key = requireNonNull(key, "key");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a behaviour signal needs a name");
    }
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Signal classify(Content content) {
    Instant time = content.time();
    if (time == null) {
      return Signal.notApplicable("no time: behaviour signals count items by the time they were posted");
    }
    List<String> values = key.values(content);
    if (values.isEmpty()) {
      return Signal.notApplicable("no " + key.name());
    }
    long t = millis(time);
    double best = 0.0;
    List<String> notes = null;
    for (String value : values) {
      long measure = observe(value, t, content);
      double score = score(measure);
      if (score > 0.0) {
        best = Math.max(best, score);
        if (notes == null) {
          notes = new ArrayList<>(1);
        }
        if (notes.size() < MAX_NOTES) {
          notes.add(note(value, measure));
        }
      }
    }
    Signal s = Signal.of(best);
    return notes == null ? s : s.withNotes(notes);
  }

  /**
   * Observes the item (time {@code t}, in epoch milliseconds) under key value {@code value}, atomically,
   * and returns what the signal measures after it (a count, an age).
   */
  abstract long observe(String value, long t, Content content);

  /** The score of a measure. */
  abstract double score(long measure);

  /** What a note says of {@code value} and its measure: no content text, only the key and numbers. */
  abstract String note(String value, long measure);

  @Override
  public String toString() {
    return name + " = " + expression();
  }

  /** An instant as epoch milliseconds, clamped to the range a long holds. */
  static long millis(Instant time) {
    if (time.isBefore(Instant.ofEpochMilli(Long.MIN_VALUE / 2))) {
      return Long.MIN_VALUE / 2;
    }
    if (time.isAfter(Instant.ofEpochMilli(Long.MAX_VALUE / 2))) {
      return Long.MAX_VALUE / 2;
    }
    return time.toEpochMilli();
  }

  /** The score from a count: 0 up to {@code normal}, 1 from {@code suspicious}, linear between. */
  static double ramp(long count, long normal, long suspicious) {
    if (count <= normal) {
      return 0.0;
    }
    if (count >= suspicious) {
      return 1.0;
    }
    return (double) (count - normal) / (suspicious - normal);
  }

  /** A duration as people write it: {@code 90s}, {@code 10m}, {@code 1h}, {@code 7d}, {@code 1h30m}. */
  static String format(Duration d) {
    long s = d.getSeconds();
    if (s == 0) {
      return d.toMillis() + "ms";
    }
    StringBuilder sb = new StringBuilder();
    long[] units = {86_400, 3_600, 60, 1};
    String[] names = {"d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (s >= units[i]) {
        sb.append(s / units[i]).append(names[i]);
        s %= units[i];
      }
    }
    return sb.toString();
  }

  /** Checks a ramp's bounds. */
  static void checkRamp(String signal, long normal, long suspicious) {
    if (normal < 0 || suspicious <= normal) {
      throw new IllegalArgumentException("signal '" + signal + "' needs 0 <= normal < suspicious but"
          + " has normal " + normal + " and suspicious " + suspicious);
    }
  }

  /** Checks a window. */
  static long windowMillis(String signal, Duration window) {
    requireNonNull(window, "window");
    if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofDays(366)) > 0) {
      throw new IllegalArgumentException("signal '" + signal + "' needs a window between 1 ms and"
          + " 366 days but has " + window);
    }
    return window.toMillis();
  }
}
