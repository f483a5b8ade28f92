package dev.vigil.behavior;

import static java.util.Objects.requireNonNull;

import dev.vigil.Classifier;
import dev.vigil.Content;
import dev.vigil.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A spam wave ({@link Behaviors#wave}): near-copies of one text from many distinct senders in a window.
 *
 * <p>The text's MinHash ({@link Fingerprint}) is cut into {@value Fingerprint#BANDS} bands; each band's
 * hash is a key of the state, whose record lists the senders whose texts had that band: triples (hash of
 * the sender, first time, latest time), sorted by latest time, at most {@code suspicious} of them and none
 * older than the window before the newest. An item updates the records of its bands and counts the
 * distinct senders in all of them in the window before it: its cluster. Two texts with a few small edits
 * share a band with high probability, unrelated texts almost never ({@link Fingerprint} gives the odds),
 * so the cluster is the senders of near-copies. No record holds text: only hashes and times.
 */
final class WaveSignal implements Classifier {
  /** Texts shorter than this many letters and digits are too common ("ok see you soon") to be a wave. */
  static final int MIN_LENGTH = 24;

  private static final SipHash SENDER = new SipHash(0x7761766573656E64L, 0x657273206F6E6C79L);

  private final String name;
  private final BehaviorState state;
  private final Key sender;
  private final long window;
  private final Duration windowDuration;
  private final int normal;
  private final int suspicious;

  WaveSignal(String name, BehaviorState state, Key sender, Duration window, int normal, int suspicious) {
    this.name = requireNonNull(name, "name");
    this.state = requireNonNull(state, "state");
    this.sender = requireNonNull(sender, "sender");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a behaviour signal needs a name");
    }
    this.window = BehaviorSignal.windowMillis(name, window);
    this.windowDuration = window;
    BehaviorSignal.checkRamp(name, normal, suspicious);
    this.normal = normal;
    this.suspicious = suspicious;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Signal classify(Content content) {
    Instant time = content.time();
    if (time == null) {
      return Signal.notApplicable("no time: behaviour signals count items by the time they were posted");
    }
    List<String> senders = sender.values(content);
    if (senders.isEmpty()) {
      return Signal.notApplicable("no " + sender.name());
    }
    int[] reduced = Fingerprint.reduce(Fingerprint.text(content));
    if (reduced.length < MIN_LENGTH) {
      return Signal.notApplicable("text shorter than " + MIN_LENGTH + " letters and digits");
    }
    long[] minHash = Fingerprint.minHash(Fingerprint.shingles(reduced));
    long t = BehaviorSignal.millis(time);
    long who = SENDER.hash64("", senders.get(0));
    Observation o = new Observation(who, t);
    for (int b = 0; b < Fingerprint.BANDS; b++) {
      state.update(name, Long.toHexString(Fingerprint.band(minHash, b)), o);
    }
    long[] authors = o.senders;
    int n = o.n;
    long first = o.first;
    int cluster = distinct(authors, n);
    double score = BehaviorSignal.ramp(cluster, normal, suspicious);
    if (score == 0.0) {
      return Signal.of(score);
    }
    return Signal.of(score, () -> name + ": near-copies of this text from " + cluster
        + (cluster == 1 ? " sender" : " senders") + " (distinct " + sender.name() + ") in "
        + BehaviorSignal.format(windowDuration) + ", first seen "
        + Instant.ofEpochMilli(first) + " (normal " + normal + ", suspicious " + suspicious + ")");
  }

  /**
   * One item's update of its bands' records: it adds the sender to each and collects the senders in the
   * window before the item (and the earliest first time among them) while the record is locked, since a
   * later update may change it.
   */
  private final class Observation implements BehaviorState.RecordUpdate {
    private final long who;
    private final long t;
    long[] senders = new long[32];
    int n;
    long first;

    Observation(long who, long t) {
      this.who = who;
      this.t = t;
      this.first = t;
    }

    @Override
    public long[] apply(long @Nullable [] current) {
      long[] r = LatestEntries.add(current, 3, who, t, window, suspicious);
      int entries = (int) r[0];
      for (int i = 0; i < entries; i++) {
        int at = 1 + 3 * i;
        if (r[at + 2] > t - window && r[at + 2] <= t) {
          if (n == senders.length) {
            senders = Arrays.copyOf(senders, 2 * n);
          }
          senders[n++] = r[at];
          first = Math.min(first, r[at + 1]);
        }
      }
      return r;
    }
  }

  /**
   * The number of distinct values among the first {@code n} of {@code values}, by an open addressing set
   * (a sort of a few hundred values cost a fifth of the signal).
   */
  static int distinct(long[] values, int n) {
    if (n == 0) {
      return 0;
    }
    int size = Integer.highestOneBit(Math.max(2, n) * 2 - 1) * 2;
    long[] set = new long[size];
    boolean[] used = new boolean[size];
    int mask = size - 1;
    int d = 0;
    for (int i = 0; i < n; i++) {
      long v = values[i];
      int s = (int) Fingerprint.mix(v) & mask;
      while (used[s] && set[s] != v) {
        s = (s + 1) & mask;
      }
      if (!used[s]) {
        used[s] = true;
        set[s] = v;
        d++;
      }
    }
    return d;
  }

  @Override
  public String expression() {
    return "wave(" + sender.name() + ", " + BehaviorSignal.format(windowDuration) + ", " + normal + ".."
        + suspicious + ")";
  }

  @Override
  public String toString() {
    return name + " = " + expression();
  }
}
