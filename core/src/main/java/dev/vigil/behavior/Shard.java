package dev.vigil.behavior;

import static java.util.Objects.requireNonNull;

import dev.vigil.behavior.BehaviorState.RecordUpdate;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * One of {@link MemoryState}'s shards: its records, in two recency-ordered segments, probation and kept
 * (protected). Not thread safe: {@code MemoryState} holds the shard's lock around every call. Entries
 * are numbered from 0 to capacity - 1; an open addressing table (linear probing, backward-shift
 * deletion) maps a key's hash to its entry, and each segment is a doubly linked list, least recently
 * updated first.
 *
 * <p>An entry is {@link #WIDTH} longs of one array: the hash's two halves, its links, its segment and
 * length, and then the record itself when it has at most {@link #INLINE} numbers (a first sighting, a
 * quiet author's rate), so that finding a record and reading it cost the table's slot and one entry:
 * on a state far larger than the caches, each further array on the way (an array of records, the
 * record's own array) was another cache miss, one after the other. Longer records live in arrays of
 * their own ({@code spilled}).
 *
 * <p>The recency lists are built only when the shard first holds {@code protectedCapacity} records.
 * Until then nothing can be evicted or demoted (the protected segment cannot outgrow its share), so no
 * decision needs the order, only the segments: an update writes a stamp (a count of updates) into its
 * entry's links instead of moving the entry to its list's tail, which would write its two neighbours,
 * two more cache misses per update on a state larger than the caches. The lists are then built once,
 * each segment's entries sorted by stamp: the order the moves would have made.
 */
final class Shard {
  /**
   * The longest record {@link #read} accepts: a rate capped at a million items, whose array may hold
   * twice its cap.
   */
  private static final int MAX_RECORD_LONGS = 2_000_002;

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
  /**
   * The segment in the low 32 bits; above them, the record's length (whether the record is in the entry
   * is told by {@code spilled}, which the read of a record loads beside the entry).
   */
  private static final int TAG = 3;
  private static final int DATA = 4;
  /** The longest record held in its entry. */
  static final int INLINE = WIDTH - DATA;

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
  /** Whether the recency lists are kept; before, each entry's links hold its stamp. */
  private boolean ordered;
  /** The stamp of the latest update while the lists are not kept. */
  private long clock;
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
    this.ordered = protectedCapacity == 0;
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
    // Whether the record has an array of its own is read from that array's slot, not from the entry's
    // tag: the two loads then go out together, and the record's own array follows the first, where it
    // followed both (on a state larger than the caches, each is a cache miss).
    long[] own = spilled[e];
    if (own != null) {
      return own;
    }
    int n = length(e);
    long[] r = scratch[n];
    System.arraycopy(entries, WIDTH * e + DATA, r, 0, n);
    return r;
  }

  /** A copy of the record of entry {@code e}, for readers outside the lock. */
  private long[] copy(int e) {
    long[] own = spilled[e];
    if (own != null) {
      return own.clone();
    }
    int from = WIDTH * e + DATA;
    return java.util.Arrays.copyOfRange(entries, from, from + length(e));
  }

  /** Makes {@code r} the record of entry {@code e}, in the entry when it fits. */
  private void store(int e, long[] r) {
    if (r.length <= INLINE) {
      System.arraycopy(r, 0, entries, WIDTH * e + DATA, r.length);
      spilled[e] = null;
      tag(e, segment(e), r.length);
    } else {
      spilled[e] = r;
      tag(e, segment(e), r.length);
    }
  }

  long[] update(long first, long second, RecordUpdate update) {
    // The update runs before anything moves, so that one that throws leaves the shard as it was (a
    // record held in its entry is handed over as a copy; one of its own may have changed in place).
    int e = find(first, second);
    long[] current = e == NONE ? null : record(e);
    long[] nextValue = requireNonNull(update.apply(current), "the update returned null");
    if (!ordered) {
      if (size() < protectedCapacity) {
        updateUnordered(e, first, second, nextValue);
        return nextValue;
      }
      order();
    }
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

  /**
   * An update while fewer than {@code protectedCapacity} records are held: a record seen again is
   * protected (which cannot make the protected segment outgrow its share, nor can an insert fill the
   * shard), and its entry is stamped.
   */
  private void updateUnordered(int e, long first, long second, long[] value) {
    if (e == NONE) {
      insert(first, second, value, PROBATION);
      return;
    }
    store(e, value);
    if (segment(e) == PROBATION) {
      count[PROBATION]--;
      count[KEPT]++;
      tag(e, KEPT, length(e));
    }
    entries[WIDTH * e + LINKS] = ++clock;
  }

  /** Builds the recency lists from the stamps: each segment's entries, least recently updated first. */
  private void order() {
    Integer[][] bySegment = {new Integer[count[PROBATION]], new Integer[count[KEPT]]};
    int[] filled = new int[2];
    for (int e = 0; e < fresh; e++) {
      int seg = segment(e);
      // Nothing is freed before the lists are kept (only eviction frees), but a freed entry has no place.
      if (seg != FREE) {
        bySegment[seg][filled[seg]++] = e;
      }
    }
    ordered = true;
    for (int seg = PROBATION; seg <= KEPT; seg++) {
      Integer[] in = bySegment[seg];
      java.util.Arrays.sort(in, java.util.Comparator.comparingLong(e -> entries[WIDTH * e + LINKS]));
      count[seg] = 0;
      for (int e : in) {
        append(e, seg);
      }
    }
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
    if (ordered) {
      append(e, seg);
    } else {
      entries[WIDTH * e + LINKS] = ++clock;
      count[seg]++;
    }
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
    if (!ordered) {
      order();
    }
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
