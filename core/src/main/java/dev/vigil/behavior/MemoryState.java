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
  private static final java.security.SecureRandom PLACEMENT = new java.security.SecureRandom();

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
   * 4 since the key alone chooses a record's shard and slot (3 let the space take part; 2 hashed space
   * and key together).
   */
  private static final int VERSION = 4;

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
      if (version != VERSION) {
        throw new IOException("saved MemoryState of version " + version + "; this Vigil reads "
            + VERSION + (version < VERSION ? " (an earlier Vigil found records by other hashes: start"
            + " from an empty state)" : ""));
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

  /**
   * The longest record {@link #readFrom} accepts: a rate capped at a million items, whose array may hold
   * twice its cap.
   */
  private static final int MAX_RECORD_LONGS = 2_000_002;

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
    long first;
    long second;

    void of(String space, String key) {
      if (key != this.key) {
        SipHash.State k = KEYS.hash128(key);
        key0 = k.first;
        key1 = k.second;
        this.key = key;
      }
      int i = space.hashCode() & (SPACES_HELD - 1);
      String held = spaces[i];
      if (held != space && !space.equals(held)) {
        SipHash.State k = SPACES.hash128(space);
        // The space leaves the bits that choose the shard (the top six of the first half) and the slot
        // (the upper half of the second) to the key: the records of one key in several spaces (a rate
        // and a first sighting of one author) share a shard and a home slot, and records made by one
        // item take neighbouring entries.
        space0[i] = k.first & (-1L >>> 6);
        space1[i] = k.second & 0xFFFFFFFFL;
        spaces[i] = space;
      }
      first = key0 ^ space0[i];
      second = key1 ^ space1[i];
    }
  }

  /**
   * One shard's records, in two recency-ordered segments, probation and kept (protected). Guarded by
   * the shard's lock. Entries are numbered from 0 to capacity - 1; an open addressing table (linear
   * probing, backward-shift deletion) maps a key's hash to its entry, and each segment is a doubly linked
   * list, least recently updated first.
   *
   * <p>An entry is {@link #WIDTH} longs of one array: the hash's two halves, its links, its segment and
   * length, and then the record itself when it has at most {@link #INLINE} numbers (a first sighting, a
   * quiet author's rate), so that finding a record and reading it cost the table's slot and one entry:
   * on a state far larger than the caches, each further array on the way (an array of records, the
   * record's own array) was another cache miss, one after the other. Longer records live in arrays of
   * their own ({@code spilled}).
   */
  private static final class Shard {
    static final int PROBATION = 0;
    static final int KEPT = 1;
    /** The segment of an entry on the free list. */
    private static final int FREE = 2;
    private static final int NONE = -1;
    /** Longs per entry. */
    private static final int WIDTH = 8;
    private static final int FIRST = 0;
    private static final int SECOND = 1;
    /** The previous entry of its segment (or NONE) in the low 32 bits, the next one above them. */
    private static final int LINKS = 2;
    /** The segment in the low 32 bits; above them, the record's length, or SPILLED. */
    private static final int TAG = 3;
    private static final int DATA = 4;
    /** The longest record held in its entry. */
    static final int INLINE = WIDTH - DATA;
    private static final int SPILLED = -1;

    private final int capacity;
    private final int protectedCapacity;
    /** The secret that places records in the table. */
    private final long placement;
    private long[] entries;
    /** Per entry, its record when longer than INLINE, else null. */
    private long[][] spilled;
    /** Entry number + 1 per slot; 0 is empty. At most half full. */
    private int[] table;
    private int mask;
    private final int[] head = {NONE, NONE};
    private final int[] tail = {NONE, NONE};
    private final int[] count = new int[2];
    /** Entries never used yet start here; freed ones are chained through their next link. */
    private int fresh;
    private int free = NONE;
    /**
     * A record held in its entry is handed to an update in the array of its length here (the shard is
     * locked meanwhile): an update that changes it in place allocates nothing.
     */
    private final long[][] scratch = new long[INLINE + 1][];

    Shard(int capacity, long placement) {
      this.capacity = capacity;
      this.placement = placement;
      // With room for one record, probation is all there is.
      this.protectedCapacity = capacity <= 1 ? 0 : capacity * 4 / 5;
      // The arrays grow with the records held, doubling up to the capacity: a state sized for a million
      // keys costs nothing until they come.
      int initial = Math.min(capacity, 16);
      this.entries = new long[WIDTH * initial];
      this.spilled = new long[initial][];
      this.table = new int[tableSize(initial)];
      this.mask = table.length - 1;
      for (int n = 0; n <= INLINE; n++) {
        scratch[n] = new long[n];
      }
    }

    private int prev(int e) {
      return (int) entries[WIDTH * e + LINKS];
    }

    private int next(int e) {
      return (int) (entries[WIDTH * e + LINKS] >>> 32);
    }

    private void prev(int e, int p) {
      int at = WIDTH * e + LINKS;
      entries[at] = (entries[at] & ~0xFFFFFFFFL) | (p & 0xFFFFFFFFL);
    }

    private void next(int e, int n) {
      int at = WIDTH * e + LINKS;
      entries[at] = (entries[at] & 0xFFFFFFFFL) | ((long) n << 32);
    }

    private int segment(int e) {
      return (int) entries[WIDTH * e + TAG];
    }

    private int length(int e) {
      return (int) (entries[WIDTH * e + TAG] >> 32);
    }

    private void tag(int e, int segment, int length) {
      entries[WIDTH * e + TAG] = ((long) length << 32) | (segment & 0xFFFFFFFFL);
    }

    /** The record of entry {@code e}: its own array, or one of {@code scratch} holding a copy. */
    private long[] record(int e) {
      int n = length(e);
      if (n == SPILLED) {
        return spilled[e];
      }
      long[] r = scratch[n];
      System.arraycopy(entries, WIDTH * e + DATA, r, 0, n);
      return r;
    }

    /** A copy of the record of entry {@code e}, for readers outside the lock. */
    private long[] copy(int e) {
      int n = length(e);
      if (n == SPILLED) {
        return spilled[e].clone();
      }
      int from = WIDTH * e + DATA;
      return java.util.Arrays.copyOfRange(entries, from, from + n);
    }

    /** Makes {@code r} the record of entry {@code e}, in the entry when it fits. */
    private void store(int e, long[] r) {
      if (r.length <= INLINE) {
        System.arraycopy(r, 0, entries, WIDTH * e + DATA, r.length);
        spilled[e] = null;
        tag(e, segment(e), r.length);
      } else {
        spilled[e] = r;
        tag(e, segment(e), SPILLED);
      }
    }

    long[] update(long first, long second, RecordUpdate update) {
      // The update runs before anything moves, so that one that throws leaves the shard as it was (a
      // record held in its entry is handed over as a copy; one of its own may have changed in place).
      int e = find(first, second);
      long[] current = e == NONE ? null : record(e);
      long[] nextValue = requireNonNull(update.apply(current), "the update returned null");
      if (e != NONE) {
        store(e, nextValue);
        if (segment(e) == KEPT) {
          unlink(e);
          append(e, KEPT);
        } else if (protectedCapacity > 0) {
          // Seen again: protected. The protected segment's least recent record goes back to probation.
          unlink(e);
          append(e, KEPT);
          if (count[KEPT] > protectedCapacity) {
            int eldest = head[KEPT];
            unlink(eldest);
            append(eldest, PROBATION);
          }
        } else {
          unlink(e);
          append(e, PROBATION);
        }
        return nextValue;
      }
      if (count[PROBATION] + count[KEPT] == capacity) {
        evict(head[PROBATION] != NONE ? head[PROBATION] : head[KEPT]);
      }
      insert(first, second, nextValue, PROBATION);
      return nextValue;
    }

    long @Nullable [] copyOf(long first, long second) {
      // A read does not count as use: it must not change what is evicted.
      int e = find(first, second);
      return e == NONE ? null : copy(e);
    }

    int size() {
      return count[PROBATION] + count[KEPT];
    }

    /**
     * The home slot of a hash: its upper half (the key's alone) mixed with the shard's secret by
     * MurmurHash3's finalizer, so that keys whose hashes agree in the bits of the mask need not meet.
     */
    private int slot(long second) {
      long h = (second >>> 32) ^ placement;
      h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
      h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
      return (int) (h ^ (h >>> 33)) & mask;
    }

    int longestRun() {
      int longest = 0;
      int run = 0;
      // Twice round, so that a run across the end of the table counts whole.
      for (int i = 0; i < 2 * table.length; i++) {
        run = table[i & mask] == 0 ? 0 : Math.min(run + 1, table.length);
        longest = Math.max(longest, run);
      }
      return longest;
    }

    private int find(long first, long second) {
      for (int s = slot(second); ; s = (s + 1) & mask) {
        int t = table[s];
        if (t == 0) {
          return NONE;
        }
        int at = WIDTH * (t - 1);
        if (entries[at + FIRST] == first && entries[at + SECOND] == second) {
          return t - 1;
        }
      }
    }

    private void insert(long first, long second, long[] value, int seg) {
      int e;
      if (free != NONE) {
        e = free;
        free = next(e);
      } else {
        if (fresh == spilled.length) {
          grow();
        }
        e = fresh++;
      }
      entries[WIDTH * e + FIRST] = first;
      entries[WIDTH * e + SECOND] = second;
      tag(e, seg, 0);
      store(e, value);
      int s = slot(second);
      while (table[s] != 0) {
        s = (s + 1) & mask;
      }
      table[s] = e + 1;
      append(e, seg);
    }

    private static int tableSize(int entries) {
      return Integer.highestOneBit(Math.max(2, entries) * 2 - 1) * 2;
    }

    /** Doubles the entry arrays (up to the capacity) and rebuilds the table for them. */
    private void grow() {
      int n = (int) Math.min(capacity, 2L * spilled.length);
      entries = java.util.Arrays.copyOf(entries, WIDTH * n);
      spilled = java.util.Arrays.copyOf(spilled, n);
      table = new int[tableSize(n)];
      mask = table.length - 1;
      for (int e = 0; e < fresh; e++) {
        if (segment(e) == FREE) {
          continue;
        }
        int s = slot(entries[WIDTH * e + SECOND]);
        while (table[s] != 0) {
          s = (s + 1) & mask;
        }
        table[s] = e + 1;
      }
    }

    private void evict(int e) {
      unlink(e);
      // Backward-shift deletion keeps every probe chain unbroken without tombstones.
      int s = slot(entries[WIDTH * e + SECOND]);
      while (table[s] != e + 1) {
        s = (s + 1) & mask;
      }
      int hole = s;
      for (int j = (hole + 1) & mask; table[j] != 0; j = (j + 1) & mask) {
        int home = slot(entries[WIDTH * (table[j] - 1) + SECOND]);
        // Move the entry into the hole unless its home lies cyclically in (hole, j].
        boolean stays = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
        if (!stays) {
          table[hole] = table[j];
          hole = j;
        }
      }
      table[hole] = 0;
      spilled[e] = null;
      tag(e, FREE, 0);
      next(e, free);
      free = e;
    }

    private void unlink(int e) {
      int seg = segment(e);
      int p = prev(e);
      int n = next(e);
      if (p == NONE) {
        head[seg] = n;
      } else {
        next(p, n);
      }
      if (n == NONE) {
        tail[seg] = p;
      } else {
        prev(n, p);
      }
      count[seg]--;
    }

    private void append(int e, int seg) {
      entries[WIDTH * e + LINKS] = ((long) NONE << 32) | (tail[seg] & 0xFFFFFFFFL);
      tag(e, seg, length(e));
      if (tail[seg] == NONE) {
        head[seg] = e;
      } else {
        next(tail[seg], e);
      }
      tail[seg] = e;
      count[seg]++;
    }

    /** Writes a segment's records, least recently updated first. */
    void write(DataOutputStream data, int seg) throws IOException {
      data.writeInt(count[seg]);
      for (int e = head[seg]; e != NONE; e = next(e)) {
        data.writeLong(entries[WIDTH * e + FIRST]);
        data.writeLong(entries[WIDTH * e + SECOND]);
        long[] r = record(e);
        data.writeInt(r.length);
        for (long v : r) {
          data.writeLong(v);
        }
      }
    }

    /** Reads what {@link #write} wrote into an empty segment. */
    void read(DataInputStream data, int seg) throws IOException {
      int n = data.readInt();
      int room = seg == PROBATION ? capacity : capacity - count[PROBATION];
      if (n < 0 || n > room) {
        throw new IOException("saved MemoryState has " + n + " records in a shard with room for " + room);
      }
      for (int i = 0; i < n; i++) {
        long first = data.readLong();
        long second = data.readLong();
        int length = data.readInt();
        if (length < 0 || length > MAX_RECORD_LONGS) {
          throw new IOException("saved MemoryState has a record of " + length + " numbers");
        }
        long[] v = new long[length];
        for (int j = 0; j < length; j++) {
          v[j] = data.readLong();
        }
        if (find(first, second) != NONE) {
          throw new IOException("saved MemoryState has one record twice");
        }
        insert(first, second, v, seg);
      }
    }
  }
}
