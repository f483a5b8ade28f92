package dev.vigil.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The word index finds every key it holds, with its value, and no other key. */
class WordIndexProperties {

  /**
   * Keys drawn from a small range, so that buckets fill up and searches go on to the next bucket, and
   * from anywhere in the long range (the key of a long word uses the sign bit).
   */
  @Property(tries = 2000)
  void findsExactlyItsKeys(
      @ForAll @Size(max = 300) List<@LongRange(min = 1, max = 600) Long> small,
      @ForAll @Size(max = 50) List<Long> large,
      @ForAll @Size(max = 50) List<@LongRange(min = 1, max = 600) Long> probes) {
    Set<Long> distinct = new LinkedHashSet<>(small);
    for (long k : large) {
      if (k != 0) {
        distinct.add(k);
      }
    }
    long[] keys = distinct.stream().mapToLong(Long::longValue).toArray();
    long[] values = new long[keys.length];
    for (int i = 0; i < keys.length; i++) {
      values[i] = i % 3 == 0 ? -1 - i : i % 3 == 1 ? i : WordIndex.STATE | i;
    }
    WordIndex index = new WordIndex(keys, values, keys.length, 8, 8);
    for (int i = 0; i < keys.length; i++) {
      assertEquals(values[i], index.get(keys[i]), "key " + keys[i]);
    }
    List<Long> all = new ArrayList<>(probes);
    all.add(Long.MIN_VALUE);
    all.add(-1L);
    for (long p : all) {
      if (!distinct.contains(p)) {
        assertEquals(WordIndex.ABSENT, index.get(p), "absent key " + p);
      }
    }
  }
}
