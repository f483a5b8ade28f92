package dev.vigil.behavior;

import static java.util.Objects.requireNonNull;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@link BehaviorState} in the memory of one JVM, holding at most {@code capacity} records.
 *
 * <p><b>What it keeps.</b> For each record, a 128-bit hash of its space and key (SipHash-2-4 under two
 * fixed keys: an attacker who chooses keys, such as a link's domain, cannot make two of them collide in
 * practice) and the record's numbers; never the key itself, never any text.
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
  private static final HashFunction HIGH = Hashing.sipHash24(0x5649474C42454831L, 0x7374617465313238L);
  private static final HashFunction LOW = Hashing.sipHash24(0x4C4F57206B657932L, 0x6D656D6F72790A01L);
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
    Key k = key(space, key);
    Shard s = shard(k);
    synchronized (s) {
      return s.update(k, update);
    }
  }

  @Override
  public long @Nullable [] read(String space, String key) {
    Key k = key(space, key);
    Shard s = shard(k);
    synchronized (s) {
      long[] r = s.peek(k);
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
  private static final int VERSION = 1;

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
        data.writeInt(s.probation.size());
        writeRecords(data, s.probation);
        data.writeInt(s.kept.size());
        writeRecords(data, s.kept);
      }
    }
    data.flush();
  }

  private static void writeRecords(DataOutputStream data, Map<Key, long[]> records) throws IOException {
    for (Map.Entry<Key, long[]> e : records.entrySet()) {
      data.writeLong(e.getKey().high);
      data.writeLong(e.getKey().low);
      data.writeInt(e.getValue().length);
      for (long v : e.getValue()) {
        data.writeLong(v);
      }
    }
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
        readRecords(data, s.probation, s.capacity);
        readRecords(data, s.kept, s.capacity - s.probation.size());
      }
      return state;
    } catch (EOFException e) {
      throw new IOException("saved MemoryState ends early", e);
    }
  }

  private static void readRecords(DataInputStream data, Map<Key, long[]> into, int room)
      throws IOException {
    int n = data.readInt();
    if (n < 0 || n > room) {
      throw new IOException("saved MemoryState has " + n + " records in a shard with room for " + room);
    }
    for (int i = 0; i < n; i++) {
      Key k = new Key(data.readLong(), data.readLong());
      int length = data.readInt();
      if (length < 0 || length > MAX_RECORD_LONGS) {
        throw new IOException("saved MemoryState has a record of " + length + " numbers");
      }
      long[] v = new long[length];
      for (int j = 0; j < length; j++) {
        v[j] = data.readLong();
      }
      into.put(k, v);
    }
  }

  /** The longest record {@link #readFrom} accepts (a rate capped at a million items). */
  private static final int MAX_RECORD_LONGS = 2_000_000;

  private Shard shard(Key k) {
    return shards.length == 1 ? shards[0] : shards[(int) (k.high >>> shift)];
  }

  private static Key key(String space, String key) {
    requireNonNull(space, "space");
    requireNonNull(key, "key");
    return new Key(hash(HIGH, space, key), hash(LOW, space, key));
  }

  private static long hash(HashFunction f, String space, String key) {
    return f.newHasher().putInt(space.length()).putUnencodedChars(space).putUnencodedChars(key).hash()
        .asLong();
  }

  /** A record's identity: the two halves of its hash. */
  private record Key(long high, long low) {}

  /** One shard's records, in two recency-ordered segments. Guarded by the shard's lock. */
  private static final class Shard {
    private final int capacity;
    private final int protectedCapacity;
    // The first entry of each is the least recently updated: an update moves its record to the end
    // (remove, then put), so that reads leave the order alone.
    private final LinkedHashMap<Key, long[]> probation = new LinkedHashMap<>();
    private final LinkedHashMap<Key, long[]> kept = new LinkedHashMap<>();

    Shard(int capacity) {
      this.capacity = capacity;
      // With room for one record, probation is all there is.
      this.protectedCapacity = capacity <= 1 ? 0 : capacity * 4 / 5;
    }

    long[] update(Key k, RecordUpdate update) {
      // The update runs before anything moves, so that one that throws leaves the shard as it was.
      long[] current = kept.get(k);
      boolean wasKept = current != null;
      if (!wasKept) {
        current = probation.get(k);
      }
      long[] next = requireNonNull(update.apply(current), "the update returned null");
      if (wasKept) {
        kept.remove(k);
        kept.put(k, next);
        return next;
      }
      if (current != null && protectedCapacity > 0) {
        // Seen again: protected. The protected segment's least recent record goes back to probation.
        probation.remove(k);
        kept.put(k, next);
        if (kept.size() > protectedCapacity) {
          Iterator<Map.Entry<Key, long[]>> it = kept.entrySet().iterator();
          Map.Entry<Key, long[]> eldest = it.next();
          it.remove();
          probation.put(eldest.getKey(), eldest.getValue());
        }
        return next;
      }
      probation.remove(k);
      probation.put(k, next);
      while (probation.size() + kept.size() > capacity) {
        Iterator<Map.Entry<Key, long[]>> it =
            (probation.isEmpty() ? kept : probation).entrySet().iterator();
        it.next();
        it.remove();
      }
      return next;
    }

    long @Nullable [] peek(Key k) {
      // A read does not count as use: it must not change what is evicted.
      long[] r = kept.get(k);
      return r != null ? r : probation.get(k);
    }

    int size() {
      return probation.size() + kept.size();
    }
  }
}
