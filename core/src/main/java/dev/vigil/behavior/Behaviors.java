package dev.vigil.behavior;

import dev.vigil.Classifier;
import dev.vigil.Holder;
import java.time.Duration;

/**
 * Behaviour signals: what an account, an address or a link does over time, rather than what one
 * message says. Each counts items by their {@link dev.vigil.Content#time() time} and by a {@link Key},
 * and remembers what it needs in a {@link BehaviorState}.
 *
 * <pre>{@code
 * BehaviorState state = MemoryState.withCapacity(1_000_000);
 * Classifier burst = Behaviors.rate("author-burst", state, Key.author(), Duration.ofHours(1), 20, 200);
 * Classifier newDomain = Behaviors.newKey("new-domain", state, Key.linkDomain(),
 *     Duration.ofHours(1), Duration.ofDays(7));
 * Classifier sharedLink = Behaviors.distinct("shared-link", state, Key.linkDomain(), Key.author(),
 *     Duration.ofMinutes(10), 3, 40);
 * }</pre>
 *
 * <p><b>Semantics.</b> Classifying an item observes it: under each of its key's values, the signal
 * updates the value's record with the item and reads its measure from the updated record, in one
 * atomic step. A policy classifies each signal once per evaluation, so each item is observed once per
 * signal; calling {@link Classifier#classify} yourself observes the item again. An item without a time
 * or without the key is not applicable and observes nothing. Times are the caller's: the same items,
 * classified in the same order from an empty state, always give the same signals (no clock, no
 * randomness), so a backtest replays a file in time order with a fresh state.
 *
 * <p><b>Out of order and future times.</b> A window is the time before the item: a rate counts the
 * key's items in {@code (t - window, t]} for an item at {@code t}. Records keep what the window before
 * the key's newest item needs, so an item older than the newest of its key counts what is still kept:
 * never more than a full log of the key's items would give, possibly less. An item from the future (a
 * wrong clock) makes its key's older items look out of the window for that key only; other keys are
 * unaffected, since each key's record has its own newest time.
 *
 * <p><b>Thread safety.</b> Signals are immutable; their state is thread safe. Give each policy its own
 * state, or distinct signal names: a signal's name is its space in the state.
 */
public final class Behaviors {
  private Behaviors() {}

  /**
   * Items per value of {@code key} in a sliding {@code window} (posts per author per hour): score 0 up to
   * {@code normal} items, 1 from {@code suspicious}, linear between. Exact up to {@code suspicious} for
   * items in time order.
   *
   * @throws IllegalArgumentException naming the signal if the window is not between 1 ms and 366 days,
   *     or not {@code 0 <= normal < suspicious}
   */
  public static Classifier rate(String name, BehaviorState state, Key key, Duration window, int normal,
      int suspicious) {
    return new RateSignal(name, state, key, window, normal, suspicious);
  }

  /**
   * How new a value of {@code key} is to this state (a new account, a domain never linked before): score 1
   * while its first item is at most {@code young} before this one (so its first item scores 1), falling
   * linearly to 0 at {@code old}. An evicted value is new again (see {@link MemoryState}).
   *
   * @throws IllegalArgumentException naming the signal unless {@code 0 < young < old <= 366 days}
   */
  public static Classifier newKey(String name, BehaviorState state, Key key, Duration young,
      Duration old) {
    return new FirstSeenSignal(name, state, key, young, old);
  }

  /**
   * Distinct values of {@code counted} per value of {@code key} in a sliding {@code window} (distinct
   * authors per link domain in ten minutes): score 0 up to {@code normal}, 1 from {@code suspicious},
   * linear between. Exact up to {@code suspicious} for items in time order.
   *
   * @throws IllegalArgumentException naming the signal if the window is not between 1 ms and 366 days,
   *     or not {@code 0 <= normal < suspicious}
   */
  public static Classifier distinct(String name, BehaviorState state, Key key, Key counted,
      Duration window, int normal, int suspicious) {
    return new DistinctSignal(name, state, key, counted, window, normal, suspicious);
  }

  /**
   * A spam wave: near-copies of the content's text (the same text modulo small edits, in any field) from
   * distinct values of {@code sender} (usually {@link Key#author()}) in a sliding {@code window}. Score 0
   * up to {@code normal} distinct senders, 1 from {@code suspicious}, linear between; the note gives the
   * cluster's size, the window and the time its earliest kept item was seen, never anyone's text.
   *
   * <p>Near-copies are found by MinHash over shingles of the normalized text, in 16 bands of 4 rows
   * (see {@code Fingerprint}): texts with a few edits share a band with probability above 0.9, unrelated
   * texts almost never. The count is exact for copies that share a band, up to {@code suspicious}
   * senders per band. Texts with fewer than 24 letters and digits are not applicable: short greetings
   * are sent by everyone.
   *
   * @throws IllegalArgumentException naming the signal if the window is not between 1 ms and 366 days,
   *     or not {@code 0 <= normal < suspicious}
   */
  public static Classifier wave(String name, BehaviorState state, Key sender, Duration window,
      int normal, int suspicious) {
    return new WaveSignal(name, state, sender, window, normal, suspicious);
  }

  /**
   * Hashes of the content found in a bank of known ones: score 1 when a value of {@code hashes} (hex, as
   * long as the bank's: a PDQ hash the caller computed, as {@code Key.attribute("pdq")}, or
   * {@link Key#textSimHash()}) lies within Hamming distance {@code maxDistance} of an entry; the note
   * names the nearest entry's label and distance. A value that is not such a hash fails the signal, with
   * the reason. Swap the bank while running with {@link Holder#set}.
   *
   * @throws IllegalArgumentException naming the signal unless {@code 0 <= maxDistance <= bits / 2}
   */
  public static Classifier bank(String name, Holder<HashBank> bank, Key hashes, int maxDistance) {
    return new BankSignal(name, bank, hashes, maxDistance);
  }

  /**
   * The 64-bit SimHash of a text, in hex: what {@link Key#textSimHash()} gives for content with this
   * text, for building a bank of known texts.
   */
  public static String simHash(String text) {
    return Fingerprint.simHashHex(java.util.Objects.requireNonNull(text, "text"));
  }
}
