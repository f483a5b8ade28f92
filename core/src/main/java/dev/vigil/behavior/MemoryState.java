package dev.vigil.behavior;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import org.jspecify.annotations.Nullable;

/**
 * {@link BehaviorState} in the memory of one JVM, holding at most {@code capacity} records.
 *
 * <p><b>What it keeps.</b> For each record, a 128-bit hash of its space and key and the record's
 * numbers; never the key itself, never any text. The hash is the exclusive or of two SipHash-2-4-128
 * values under fixed keys, one of the key and one of the space: an attacker who chooses keys, such as a
 * link's domain, cannot make two records collide in practice, and the signals that count one item by
 * the same key (a rate and a first sighting per author) hash it once: each thread remembers the key it
 * hashed last (by identity) and the spaces it hashed lately. The space's hash keeps out of the bits that
 * choose a record's shard and table slot (90 of its bits remain: two spaces, which the policy names,
 * collide with odds of one in 10^27), so the records of one key in several spaces share a shard and a
 * home slot, and those one item makes (a new author's rate and first sighting) take neighbouring
 * entries: the second lookup finds its lines in the cache. Records live in open addressing tables
 * with their recency lists in arrays, a record of up to four numbers inside its table entry, so that an
 * update allocates nothing but the record the signal computes (nothing at all when it changes a small
 * record in place).
 *
 * <p><b>What it forgets.</b> When full, it evicts a record to make room, by segmented LRU: a record
 * enters a probation segment; a record updated again moves to a protected segment (four fifths of the
 * capacity); eviction takes the least recently used record of probation, so a flood of keys seen once
 * (ten million new accounts, say) evicts itself and not the keys that recur. Records live in 64 shards
 * (fewer for small capacities), each with its share of the capacity and its own segments, so eviction
 * is by recency within a shard. An evicted key is new again: its rate counts from zero, its first
 * sighting is the next one, its distinct count restarts. Size the capacity for the keys that matter in
 * the longest window (see {@code benchmarks/README.md} for the bytes per record).
 *
 * <p><b>Determinism.</b> No clock, and no randomness in what it holds: the same sequence of updates,
 * made in the same order, leaves the same records and evicts the same ones. The one random number is
 * a secret drawn when the state is made, which places records within a shard's table: the hash keys
 * are in this source, so without it an attacker could compute keys (link domains, say) that share a
 * slot and make every lookup of them walk a long run of records. Placement changes no result, only
 * where a record sits. Thread safe: each shard is locked while a record of it is updated.
 *
 * <p><b>Restarts.</b> {@link #writeTo} saves the records (hashes and numbers only, in their order of
 * eviction) and {@link #readFrom} restores them, so that a service keeps its counts across a restart.
 */
public final class MemoryState implements BehaviorState {
  static final SipHash KEYS = new SipHash(0x5649474C42454831L, 0x7374617465313238L);
  private static final SipHash SPACES = new SipHash(0x5649474C53504331L, 0x7370616365733132L);
  private static final ThreadLocal<Hashes> HASHES = ThreadLocal.withInitial(Hashes::new);
  private static final int MAX_SHARDS = 64;
  private static final SecureRandom PLACEMENT = new SecureRandom();

  private final Shard[] shards;
  private final int shift;
  private final int capacity;

  private MemoryState(int capacity) {
    this.capacity = capacity;
    int n = Math.max(1, Math.min(MAX_SHARDS, Integer.highestOneBit(Math.max(1, capacity / 16))));
    this.shards = new Shard[n];
    for (int i = 0; i < n; i++) {
      shards[i] = new Shard(capacity / n + (i < capacity % n ? 1 : 0), PLACEMENT.nextLong());
    }
    this.shift = 64 - Integer.numberOfTrailingZeros(n);
  }

  /**
   * A state of at most {@code capacity} records.
   *
   * @throws IllegalArgumentException if {@code capacity} is below 1
   */
  public static MemoryState withCapacity(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1 record but was " + capacity);
    }
    return new MemoryState(capacity);
  }

  /** The most records this state holds. */
  public int capacity() {
    return capacity;
  }

  @Override
  public long[] update(String space, String key, RecordUpdate update) {
    requireNonNull(update, "update");
    Hashes h = hashes(space, key);
    long first = h.first;
    long second = h.second;
    Shard s = shard(first);
    synchronized (s) {
      return s.update(first, second, update);
    }
  }

  @Override
  public long @Nullable [] read(String space, String key) {
    Hashes h = hashes(space, key);
    long first = h.first;
    long second = h.second;
    Shard s = shard(first);
    synchronized (s) {
      return s.copyOf(first, second);
    }
  }

  @Override
  public long size() {
    long n = 0;
    for (Shard s : shards) {
      synchronized (s) {
        n += s.size();
      }
    }
    return n;
  }

  /** The longest run of occupied slots in a shard's table: the most a lookup walks (for tests). */
  int longestRun() {
    int longest = 0;
    for (Shard s : shards) {
      synchronized (s) {
        longest = Math.max(longest, s.longestRun());
      }
    }
    return longest;
  }

  @Override
  public String toString() {
    return "MemoryState{" + size() + " of " + capacity + " records}";
  }

  private static final int MAGIC = 0x56474D53; // "VGMS"
  /**
   * 5 since a rate's record may be compact (an earlier Vigil would misread it); 4 since the key alone
   * chooses a record's shard and slot (3 let the space take part; 2 hashed space and key together).
   */
  private static final int VERSION = 5;
  /** The earliest version this one reads: version 4's records are valid records of version 5. */
  private static final int EARLIEST_READ = 4;

  /**
   * Writes every record to {@code out} (which stays open): the capacity, then per shard its records,
   * least recently updated first, each as its two hash halves and its numbers. Shards are written one
   * at a time, each under its lock: updates made meanwhile to other shards may or may not be in the
   * copy.
   */
  public void writeTo(OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out));
    data.writeInt(MAGIC);
    data.writeInt(VERSION);
    data.writeInt(capacity);
    data.writeInt(shards.length);
    for (Shard s : shards) {
      synchronized (s) {
        s.write(data, Shard.PROBATION);
        s.write(data, Shard.KEPT);
      }
    }
    data.flush();
  }

  /**
   * A state with the records {@link #writeTo} wrote, and its capacity.
   *
   * @throws IOException if the stream ends early or is not such a copy (the message says which)
   */
  public static MemoryState readFrom(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(new BufferedInputStream(in));
    try {
      if (data.readInt() != MAGIC) {
        throw new IOException("not a saved MemoryState (no VGMS header)");
      }
      int version = data.readInt();
      if (version < EARLIEST_READ || version > VERSION) {
        throw new IOException("saved MemoryState of version " + version + "; this Vigil reads "
            + EARLIEST_READ + " to " + VERSION + (version < EARLIEST_READ ? " (an earlier Vigil found"
            + " records by other hashes: start from an empty state)" : " (saved by a later Vigil)"));
      }
      int capacity = data.readInt();
      int shards = data.readInt();
      if (capacity < 1) {
        throw new IOException("saved MemoryState has capacity " + capacity);
      }
      MemoryState state = new MemoryState(capacity);
      if (shards != state.shards.length) {
        throw new IOException("saved MemoryState has " + shards + " shards; capacity " + capacity
            + " makes " + state.shards.length);
      }
      for (Shard s : state.shards) {
        s.read(data, Shard.PROBATION);
        s.read(data, Shard.KEPT);
      }
      return state;
    } catch (EOFException e) {
      throw new IOException("saved MemoryState ends early", e);
    }
  }

  private Shard shard(long first) {
    return shards.length == 1 ? shards[0] : shards[(int) (first >>> shift)];
  }

  private static Hashes hashes(String space, String key) {
    requireNonNull(space, "space");
    requireNonNull(key, "key");
    Hashes h = HASHES.get();
    h.of(space, key);
    return h;
  }

  /**
   * A thread's hashes: of the key it hashed last, of the spaces it hashed lately (eight, by the
   * space's {@code hashCode}), and of the last (space, key) asked for. The key is remembered by
   * identity: the signals of one item get the same string from it (its author, its link's domain), and
   * a string equal to it but not the same is only hashed again.
   */
  private static final class Hashes {
    private static final int SPACES_HELD = 8;
    private @Nullable String key;
    private long key0;
    private long key1;
    private final @Nullable String[] spaces = new String[SPACES_HELD];
    private final long[] space0 = new long[SPACES_HELD];
    private final long[] space1 = new long[SPACES_HELD];
    /** The thread's SipHash state, reused. */
    private final SipHash.State state = new SipHash.State();
    long first;
    long second;

    void of(String space, String key) {
      if (key != this.key) {
        KEYS.hash128(key, state);
        key0 = state.first;
        key1 = state.second;
        this.key = key;
      }
      int i = space.hashCode() & (SPACES_HELD - 1);
      String held = spaces[i];
      if (held != space && !space.equals(held)) {
        SPACES.hash128(space, state);
        // The space leaves the bits that choose the shard (the top six of the first half) and the slot
        // (the upper half of the second) to the key: the records of one key in several spaces (a rate
        // and a first sighting of one author) share a shard and a home slot, and records made by one
        // item take neighbouring entries.
        space0[i] = state.first & (-1L >>> 6);
        space1[i] = state.second & 0xFFFFFFFFL;
        spaces[i] = space;
      }
      first = key0 ^ space0[i];
      second = key1 ^ space1[i];
    }
  }
}
