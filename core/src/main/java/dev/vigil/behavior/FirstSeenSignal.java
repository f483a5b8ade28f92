package dev.vigil.behavior;

import dev.vigil.Content;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How new a key is ({@link Behaviors#newKey}): the age of the key at this item, from the earliest item
 * this state has seen with it. The record of a key is that earliest time. Score 1 while the key is at
 * most {@code young} old (its first item scores 1), falling linearly to 0 at {@code old}.
 */
final class FirstSeenSignal extends BehaviorSignal {
  private final long young;
  private final long old;
  private final Duration youngDuration;
  private final Duration oldDuration;
  private final String notePrefix;
  private final String noteSuffix;

  FirstSeenSignal(String name, BehaviorState state, Key key, Duration young, Duration old) {
    super(name, state, key);
    this.young = windowMillis(name, young);
    this.old = windowMillis(name, old);
    if (this.old <= this.young) {
      throw new IllegalArgumentException("signal '" + name + "' needs young < old but has young "
          + young + " and old " + old);
    }
    this.youngDuration = young;
    this.oldDuration = old;
    // The constant parts of a note, formatted once: notes are built on the scoring path.
    this.notePrefix = name + ": " + key.name() + " '";
    this.noteSuffix = " (new up to " + format(young) + ", established from " + format(old) + ")";
  }

  @Override
  long observe(String value, long t, Content content) {
    Observation o = new Observation(t);
    state.update(name, value, o);
    return o.age;
  }

  /** One item's update; it reads the age while the record is locked, since a later update may change it. */
  private static final class Observation implements BehaviorState.RecordUpdate {
    private final long t;
    long age;

    Observation(long t) {
      this.t = t;
    }

    @Override
    public long[] apply(long @Nullable [] current) {
      if (current == null) {
        return new long[] {t};
      }
      current[0] = Math.min(current[0], t);
      age = Math.max(0L, t - current[0]);
      return current;
    }
  }

  @Override
  double score(long age) {
    if (age <= young) {
      return 1.0;
    }
    if (age >= old) {
      return 0.0;
    }
    return (double) (old - age) / (old - young);
  }

  @Override
  String note(String value, long age) {
    StringBuilder sb = new StringBuilder(notePrefix.length() + value.length() + noteSuffix.length() + 40)
        .append(notePrefix).append(value).append("' first seen ");
    if (age == 0) {
      sb.append("with this item");
    } else {
      appendDuration(sb, age / 1000, age).append(" before it");
    }
    return sb.append(noteSuffix).toString();
  }

  @Override
  public String expression() {
    return "newKey(" + key.name() + ", " + format(youngDuration) + ".." + format(oldDuration) + ")";
  }
}
