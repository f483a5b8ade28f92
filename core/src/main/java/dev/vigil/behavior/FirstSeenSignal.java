package dev.vigil.behavior;

import dev.vigil.Content;
import java.time.Duration;

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
    long[] first = state.update(name, value,
        current -> current == null || t < current[0] ? new long[] {t} : current);
    return Math.max(0L, t - first[0]);
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
    return notePrefix + value + "' first seen "
        + (age == 0 ? "with this item" : format(Duration.ofMillis(age)) + " before it") + noteSuffix;
  }

  @Override
  public String expression() {
    return "newKey(" + key.name() + ", " + format(youngDuration) + ".." + format(oldDuration) + ")";
  }
}
