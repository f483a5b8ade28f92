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

  @Property(tries = 1_000)
  void holdsWhatAReferenceSegmentedLruHolds(@ForAll @IntRange(min = 1, max = 31) int capacity,
      @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 60) Integer> keys) {
    MemoryState state = MemoryState.withCapacity(capacity);
    Reference reference = new Reference(capacity);
    for (int k : keys) {
      long[] got = state.update("s", "k" + k, c -> c == null ? new long[] {1} : new long[] {c[0] + 1});
      assertEquals(reference.increment("k" + k), got[0]);
      assertEquals(reference.probation.size() + reference.kept.size(), state.size());
    }
    for (int k = 0; k <= 60; k++) {
      Long expected = reference.get("k" + k);
      long[] actual = state.read("s", "k" + k);
      assertArrayEquals(expected == null ? null : new long[] {expected}, actual, "k" + k);
    }
  }
}
