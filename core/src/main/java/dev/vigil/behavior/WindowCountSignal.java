package dev.vigil.behavior;

import java.time.Duration;

/**
 * A behaviour signal that counts in a sliding window and scores the count on a ramp (rates and distinct
 * counts): the window, the ramp and the note they share. A note reads {@code name: key 'value' has
 * [at least] N <what> (normal n, suspicious s)}, its constant parts formatted once, since notes are
 * built on the scoring path.
 */
abstract class WindowCountSignal extends BehaviorSignal {
  final long window;
  final Duration windowDuration;
  final int normal;
  final int suspicious;
  private final String notePrefix;
  private final String noteSuffix;

  /** {@code counts} says what is counted in the note: {@code "items"}, {@code "distinct author"}. */
  WindowCountSignal(String name, BehaviorState state, Key key, Duration window, int normal, int suspicious,
      String counts) {
    super(name, state, key);
    this.window = windowMillis(name, window);
    this.windowDuration = window;
    checkRamp(name, normal, suspicious);
    this.normal = normal;
    this.suspicious = suspicious;
    this.notePrefix = name + ": " + key.name() + " '";
    this.noteSuffix = " " + counts + " in " + format(window) + " (normal " + normal + ", suspicious "
        + suspicious + ")";
  }

  @Override
  final double score(long count) {
    return ramp(count, normal, suspicious);
  }

  @Override
  final String note(String value, long count) {
    return notePrefix + value + "' has " + (count >= suspicious ? "at least " : "") + count + noteSuffix;
  }
}
