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
 * <p><b>What it keeps.</b> For each record, a 128-bit hash of its space and key (SipHash-2-4-128 under a
 * fixed key: an attacker who chooses keys, such as a link's domain, cannot make two of them collide in
 * practice) and the record's numbers; never the key itself, never any text. Records live in open
 * addressing tables with their recency lists in arrays, so an update allocates nothing but the record
 * the signal computes.
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
 * <p><b>Determinism.</b> No randomness and no clock: the same sequence of updates, made in the same
 * order, leaves the same records and evicts the same ones. Thread safe: each shard is locked while a
 * record of it is updated.
 *
 * <p><b>Restarts.</b> {@link #writeTo} saves the records (hashes and numbers only, in their order of
 * eviction) and {@link #readFrom} restores them, so that a service keeps its counts across a restart.
 */
public final class MemoryState implements BehaviorState {
  private static final SipHash HASH = new SipHash(0x5649474C42454831L, 0x7374617465313238L);
  private static final int MAX_SHARDS = 64;

  private final Shard[] shards;
  private final int shift;
  private final int capacity;

  private MemoryState(int capacity) {
    this.capacity = capacity;
    int n = Math.max(1, Math.min(MAX_SHARDS, Integer.highestOneBit(Math.max(1, capacity / 16))));
    this.shards = new Shard[n];
    for (int i = 0; i < n; i++) {
      shards[i] = new Shard(capacity / n + (i < capacity % n ? 1 : 0));
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
    SipHash.State k = key(space, key);
    Shard s = shard(k.first);
    synchronized (s) {
      return s.update(k.first, k.second, update);
    }
  }

  @Override
  public long @Nullable [] read(String space, String key) {
    SipHash.State k = key(space, key);
    Shard s = shard(k.first);
    synchronized (s) {
      long[] r = s.peek(k.first, k.second);
      return r == null ? null : r.clone();
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

  @Override
  public String toString() {
    return "MemoryState{" + size() + " of " + capacity + " records}";
  }

  private static final int MAGIC = 0x56474D53; // "VGMS"
  private static final int VERSION = 2;

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
            + VERSION);
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

  /** The longest record {@link #readFrom} accepts (a rate capped at a million items). */
  private static final int MAX_RECORD_LONGS = 2_000_000;

  private Shard shard(long first) {
    return shards.length == 1 ? shards[0] : shards[(int) (first >>> shift)];
  }

  private static SipHash.State key(String space, String key) {
    requireNonNull(space, "space");
    requireNonNull(key, "key");
    return HASH.hash128(space, key);
  }

  /**
   * One shard's records, in two recency-ordered segments, probation and kept (protected). Guarded by
   * the shard's lock. Entries are numbered from 0 to capacity - 1; an open addressing table (linear
   * probing, backward-shift deletion) maps a key's hash to its entry, and each segment is a doubly linked
   * list, least recently updated first. An entry's hash, links and segment share one cache line
   * ({@code meta}, four longs), since a scattered layout costs a cache miss per array on every update.
   */
  private static final class Shard {
    static final int PROBATION = 0;
    static final int KEPT = 1;
    private static final int NONE = -1;
    private static final int FIRST = 0;
    private static final int SECOND = 1;
    private static final int PREV = 2;
    private static final int NEXT = 3;

    private final int capacity;
    private final int protectedCapacity;
    /**
     * Per entry, four longs: the hash's two halves, the previous entry of its segment (or NONE) in the
     * low 32 bits with the segment above them, and the next entry (or NONE).
     */
    private long[] meta;
    private long[][] values;
    /** Entry number + 1 per slot; 0 is empty. At most half full. */
    private int[] table;
    private int mask;
    private final int[] head = {NONE, NONE};
    private final int[] tail = {NONE, NONE};
    private final int[] count = new int[2];
    /** Entries never used yet start here; freed ones are chained through NEXT. */
    private int fresh;
    private int free = NONE;

    Shard(int capacity) {
      this.capacity = capacity;
      // With room for one record, probation is all there is.
      this.protectedCapacity = capacity <= 1 ? 0 : capacity * 4 / 5;
      // The arrays grow with the records held, doubling up to the capacity: a state sized for a million
      // keys costs nothing until they come.
      int initial = Math.min(capacity, 16);
      this.meta = new long[4 * initial];
      this.values = new long[initial][];
      this.table = new int[tableSize(initial)];
      this.mask = table.length - 1;
    }

    private int prev(int e) {
      return (int) meta[4 * e + PREV];
    }

    private int next(int e) {
      return (int) meta[4 * e + NEXT];
    }

    private void prev(int e, int p) {
      meta[4 * e + PREV] = (meta[4 * e + PREV] & ~0xFFFFFFFFL) | (p & 0xFFFFFFFFL);
    }

    private int segment(int e) {
      return (int) (meta[4 * e + PREV] >>> 32);
    }

    private void next(int e, int n) {
      meta[4 * e + NEXT] = n;
    }

    long[] update(long first, long second, RecordUpdate update) {
      // The update runs before anything moves, so that one that throws leaves the shard as it was.
      int e = find(first, second);
      long[] current = e == NONE ? null : values[e];
      long[] nextValue = requireNonNull(update.apply(current), "the update returned null");
      if (e != NONE) {
        values[e] = nextValue;
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

    long @Nullable [] peek(long first, long second) {
      // A read does not count as use: it must not change what is evicted.
      int e = find(first, second);
      return e == NONE ? null : values[e];
    }

    int size() {
      return count[PROBATION] + count[KEPT];
    }

    private int slot(long first, long second) {
      return (int) (second ^ (second >>> 32)) & mask;
    }

    private int find(long first, long second) {
      for (int s = slot(first, second); ; s = (s + 1) & mask) {
        int t = table[s];
        if (t == 0) {
          return NONE;
        }
        int e = t - 1;
        if (meta[4 * e + FIRST] == first && meta[4 * e + SECOND] == second) {
          return e;
        }
      }
    }

    private void insert(long first, long second, long[] value, int seg) {
      int e;
      if (free != NONE) {
        e = free;
        free = next(e);
      } else {
        if (fresh == values.length) {
          grow();
        }
        e = fresh++;
      }
      meta[4 * e + FIRST] = first;
      meta[4 * e + SECOND] = second;
      values[e] = value;
      int s = slot(first, second);
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
      int entries = (int) Math.min(capacity, 2L * values.length);
      meta = java.util.Arrays.copyOf(meta, 4 * entries);
      values = java.util.Arrays.copyOf(values, entries);
      table = new int[tableSize(entries)];
      mask = table.length - 1;
      for (int e = 0; e < fresh; e++) {
        if (values[e] == null) {
          continue; // on the free list
        }
        int s = slot(meta[4 * e + FIRST], meta[4 * e + SECOND]);
        while (table[s] != 0) {
          s = (s + 1) & mask;
        }
        table[s] = e + 1;
      }
    }

    private void evict(int e) {
      unlink(e);
      // Backward-shift deletion keeps every probe chain unbroken without tombstones.
      int s = slot(meta[4 * e + FIRST], meta[4 * e + SECOND]);
      while (table[s] != e + 1) {
        s = (s + 1) & mask;
      }
      int hole = s;
      for (int j = (hole + 1) & mask; table[j] != 0; j = (j + 1) & mask) {
        int other = table[j] - 1;
        int home = slot(meta[4 * other + FIRST], meta[4 * other + SECOND]);
        // Move the entry into the hole unless its home lies cyclically in (hole, j].
        boolean stays = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
        if (!stays) {
          table[hole] = table[j];
          hole = j;
        }
      }
      table[hole] = 0;
      values[e] = null;
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
      meta[4 * e + PREV] = ((long) seg << 32) | (tail[seg] & 0xFFFFFFFFL);
      next(e, NONE);
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
        data.writeLong(meta[4 * e + FIRST]);
        data.writeLong(meta[4 * e + SECOND]);
        data.writeInt(values[e].length);
        for (long v : values[e]) {
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
