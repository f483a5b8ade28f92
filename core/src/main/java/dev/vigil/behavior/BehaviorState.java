package dev.vigil.behavior;

import org.jspecify.annotations.Nullable;

/**
 * Where behaviour signals keep what they remember: one small record of numbers per (space, key). A
 * signal's space is its name, so that two signals never read each other's records; a key is what the
 * signal counts by (an author's id, an IP, a link's domain). A record holds only counts, times and
 * hashes, never the text of any content.
 *
 * <p>Implementations: {@link MemoryState} in one JVM (bounded: it forgets old and rarely seen keys),
 * or state stores of a stream processor. An implementation may keep a hash of the key instead of the
 * key (the in-memory one does), and may forget a record at any time, as long as it says when: a
 * forgotten record reads as absent, so the signals count from zero again.
 *
 * <p>Thread safety: {@link #update} must be atomic per (space, key): concurrent updates of one record
 * see each other's results, as if made one after another.
 */
public interface BehaviorState {

  /** Computes a record's new value from its current one. */
  @FunctionalInterface
  interface RecordUpdate {
    /**
     * The new record, given the current one (null when there is none). It may change {@code current}
     * in place and return it (the signals do, so that an update seldom allocates); it must not keep it.
     * It runs while the record is locked: keep it short, never touch the state from inside it, and read
     * from the record here what the caller needs, since a later update may change it in place.
     */
    long[] apply(long @Nullable [] current);
  }

  /**
   * Replaces the record of {@code key} in {@code space} by {@code update} applied to it, atomically,
   * and returns the new record. The state may keep the returned array, or reuse it for later updates
   * of any key, which may change it in place: the caller must neither change it nor read it after
   * another update of this state (read what it needs inside {@code update}).
   */
  long[] update(String space, String key, RecordUpdate update);

  /** A copy of the record of {@code key} in {@code space}, or null when there is none. */
  long @Nullable [] read(String space, String key);

  /** The number of records held (for monitoring and tests). */
  long size();
}
