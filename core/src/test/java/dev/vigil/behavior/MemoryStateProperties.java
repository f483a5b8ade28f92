package dev.vigil.behavior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * {@link MemoryState}'s tables and recency lists against a reference segmented LRU written with two
 * {@link LinkedHashMap}s: after every update, the same records are held with the same values. Small
 * capacities (one shard) and few keys, so that eviction, promotion and demotion happen all the time.
 */
class MemoryStateProperties {

  /** The reference: probation and protected segments, least recently updated first. */
  static final class Reference {
    final int capacity;
    final int protectedCapacity;
    final LinkedHashMap<String, Long> probation = new LinkedHashMap<>();
    final LinkedHashMap<String, Long> kept = new LinkedHashMap<>();

    Reference(int capacity) {
      this.capacity = capacity;
      this.protectedCapacity = capacity <= 1 ? 0 : capacity * 4 / 5;
    }

    long increment(String key) {
      Long v = kept.remove(key);
      if (v != null) {
        kept.put(key, v + 1);
        return v + 1;
      }
      v = probation.remove(key);
      if (v != null && protectedCapacity > 0) {
        kept.put(key, v + 1);
        if (kept.size() > protectedCapacity) {
          Iterator<Map.Entry<String, Long>> it = kept.entrySet().iterator();
          Map.Entry<String, Long> eldest = it.next();
          it.remove();
          probation.put(eldest.getKey(), eldest.getValue());
        }
        return v + 1;
      }
      long next = v == null ? 1 : v + 1;
      if (v == null && probation.size() + kept.size() == capacity) {
        Iterator<String> it = (probation.isEmpty() ? kept : probation).keySet().iterator();
        it.next();
        it.remove();
      }
      probation.put(key, next);
      return next;
    }

    Long get(String key) {
      Long v = kept.get(key);
      return v != null ? v : probation.get(key);
    }
  }

  /**
   * Twenty keys in three spaces: the records of one key in several spaces share their home slot, so
   * evictions shift runs of them.
   */
  @Property(tries = 1_000)
  void holdsWhatAReferenceSegmentedLruHolds(@ForAll @IntRange(min = 1, max = 31) int capacity,
      @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 60) Integer> records) {
    MemoryState state = MemoryState.withCapacity(capacity);
    Reference reference = new Reference(capacity);
    for (int r : records) {
      String space = "s" + r % 3;
      String key = "k" + r / 3;
      long[] got = state.update(space, key, c -> c == null ? new long[] {1} : new long[] {c[0] + 1});
      assertEquals(reference.increment(space + "/" + key), got[0]);
      assertEquals(reference.probation.size() + reference.kept.size(), state.size());
    }
    for (int r = 0; r <= 60; r++) {
      String space = "s" + r % 3;
      String key = "k" + r / 3;
      Long expected = reference.get(space + "/" + key);
      long[] actual = state.read(space, key);
      assertArrayEquals(expected == null ? null : new long[] {expected}, actual, space + "/" + key);
    }
  }

  /**
   * Records of every length, from empty to longer than an entry holds, changed in place or replaced
   * by arrays of other lengths: each read gives what the update made of it, whether the record lives
   * in its entry or in an array of its own, and moves between the two.
   */
  @Property(tries = 500)
  void recordsOfEveryLengthReadAsTheyWereWritten(@ForAll @IntRange(min = 1, max = 31) int capacity,
      @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 40) Integer> keys,
      @ForAll @Size(min = 1, max = 50) List<@IntRange(min = 0, max = 9) Integer> lengths) {
    MemoryState state = MemoryState.withCapacity(capacity);
    Reference held = new Reference(capacity);
    Map<String, long[]> records = new java.util.HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      String key = "k" + keys.get(i);
      int length = lengths.get(i % lengths.size());
      long stamp = i;
      BehaviorState.RecordUpdate update = c -> {
        if (c != null && c.length == length) {
          for (int j = 0; j < c.length; j++) {
            c[j] = 31 * c[j] + stamp;
          }
          return c;
        }
        long[] r = new long[length];
        for (int j = 0; j < length; j++) {
          r[j] = (c != null && j < c.length ? c[j] : -1) * 7 + stamp + j;
        }
        return r;
      };
      held.increment(key);
      long[] before = records.get(key);
      long[] expected = update.apply(before == null ? null : before.clone());
      assertArrayEquals(expected, state.update("s", key, update), key);
      records.put(key, expected.clone());
      records.keySet().removeIf(k -> held.get(k) == null);
    }
    for (int k = 0; k <= 40; k++) {
      assertArrayEquals(records.get("k" + k), state.read("s", "k" + k), "k" + k);
    }
  }

  /**
   * Records are found by (space, key) whatever string objects name them: each thread remembers the key
   * it hashed last by identity and its spaces in a small table, so the same strings, equal copies of
   * them and more spaces than the table holds must all reach the same records.
   */
  @Property(tries = 300)
  void theSameSpaceAndKeyReachTheSameRecordWhateverStringsNameThem(
      @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 599) Integer> items) {
    String[] spaces = new String[20];
    String[] keys = new String[30];
    for (int i = 0; i < spaces.length; i++) {
      spaces[i] = "space-" + i;
    }
    for (int i = 0; i < keys.length; i++) {
      keys[i] = "key-" + i;
    }
    MemoryState state = MemoryState.withCapacity(10_000);
    Map<String, Long> counts = new java.util.HashMap<>();
    for (int item : items) {
      int space = item % 20;
      int key = item / 20;
      // Odd items name both with copies, equal strings that are other objects.
      String s = item % 2 == 0 ? spaces[space] : new String(spaces[space]);
      String k = item % 3 == 0 ? keys[key] : new String(keys[key]);
      long got = state.update(s, k, c -> c == null ? new long[] {1} : new long[] {c[0] + 1})[0];
      assertEquals(counts.merge(space + "/" + key, 1L, Long::sum), got, s + "/" + k);
    }
    for (int space = 0; space < 20; space++) {
      for (int key = 0; key < 30; key++) {
        Long expected = counts.get(space + "/" + key);
        long[] r = state.read(spaces[space], keys[key]);
        assertArrayEquals(expected == null ? null : new long[] {expected}, r, space + "/" + key);
      }
    }
  }
}
