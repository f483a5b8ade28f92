package dev.vigil.behavior;

import static java.util.Objects.requireNonNull;

import dev.vigil.Classifier;
import dev.vigil.Content;
import dev.vigil.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

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
  private final Signal noKey;
  /** The key, when it has at most one value per item; else null. */
  private final @Nullable OneValueKey oneValue;

  BehaviorSignal(String name, BehaviorState state, Key key) {
    this.name = requireNonNull(name, "name");
    this.state = requireNonNull(state, "state");
    this.key = requireNonNull(key, "key");
    this.noKey = Signal.notApplicable("no " + key.name());
    this.oneValue = key instanceof OneValueKey ? (OneValueKey) key : null;
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
      return NO_TIME;
    }
    if (oneValue != null) {
      // An author, an attribute: no list of values, no list of notes.
      String value = oneValue.value(content);
      return value == null ? noKey : classify(value, millis(time), content);
    }
    List<String> values = key.values(content);
    if (values.isEmpty()) {
      return noKey;
    }
    long t = millis(time);
    if (values.size() == 1) {
      return classify(values.get(0), t, content);
    }
    double best = 0.0;
    // Notes are deferred (formatted only when an explanation reads them).
    List<Supplier<String>> notes = null;
    for (String value : values) {
      long measure = observe(value, t, content);
      double score = score(measure);
      if (score > 0.0) {
        best = Math.max(best, score);
        if (notes == null) {
          notes = new ArrayList<>(1);
        }
        if (notes.size() < MAX_NOTES) {
          notes.add(() -> note(value, measure));
        }
      }
    }
    Signal s = Signal.of(best);
    for (int i = 0; notes != null && i < notes.size(); i++) {
      s = s.withNote(notes.get(i));
    }
    return s;
  }

  private Signal classify(String value, long t, Content content) {
    long measure = observe(value, t, content);
    double score = score(measure);
    return score > 0.0 ? Signal.of(score, () -> note(value, measure)) : Signal.of(score);
  }

  private static final Signal NO_TIME =
      Signal.notApplicable("no time: behaviour signals count items by the time they were posted");

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
    if (time.isBefore(EARLIEST)) {
      return Long.MIN_VALUE / 2;
    }
    if (time.isAfter(LATEST)) {
      return Long.MAX_VALUE / 2;
    }
    return time.toEpochMilli();
  }

  private static final Instant EARLIEST = Instant.ofEpochMilli(Long.MIN_VALUE / 2);
  private static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE / 2);

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
    return appendDuration(new StringBuilder(12), d.getSeconds(), d.toMillis()).toString();
  }

  /** Appends a duration of {@code seconds} (or, below a second, {@code millis}) as {@link #format} does. */
  static StringBuilder appendDuration(StringBuilder sb, long seconds, long millis) {
    if (seconds == 0) {
      return sb.append(millis).append("ms");
    }
    long s = seconds;
    for (int i = 0; i < UNITS.length; i++) {
      if (s >= UNITS[i]) {
        sb.append(s / UNITS[i]).append(UNIT_NAMES[i]);
        s %= UNITS[i];
      }
    }
    return sb;
  }

  private static final long[] UNITS = {86_400, 3_600, 60, 1};
  private static final char[] UNIT_NAMES = {'d', 'h', 'm', 's'};

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
