package dev.vigil.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.Classifier;
import dev.vigil.Content;
import dev.vigil.Outcome;
import dev.vigil.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The spam-wave signal against a naive reference that keeps every item with its bands: the cluster of
 * an item is the distinct senders, in the window before it, of items that share a band with it. Exact for
 * items in time order, up to the cap; never above the reference out of order.
 */
class WaveProperties {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  private static final List<String> TEXTS = List.of(
      "Your parcel is waiting, confirm the delivery fee at the link below today",
      "Your parcel is waiting, confirm the delivery fee at the link below t0day!!",
      "Y0ur parcel is waiting; confirm the delivery fee at the link below today",
      "Congratulations, you were chosen for a cash prize, reply with your bank details",
      "Congratulations you were chosen for a cash prize reply with your bank details now",
      "Hey, are we still on for dinner at seven on Friday? Let me know soon",
      "The meeting moved to Thursday afternoon, bring the quarterly numbers please",
      "short text");

  record Item(int text, String author, long second) {
    Content content() {
      return Content.builder().body(TEXTS.get(text)).author(author).time(T0.plusSeconds(second)).build();
    }

    Set<Long> bands() {
      long[] m = Fingerprint.minHash(Fingerprint.shingles(Fingerprint.reduce(TEXTS.get(text))));
      Set<Long> out = new HashSet<>();
      for (int b = 0; b < Fingerprint.BANDS; b++) {
        out.add(Fingerprint.band(m, b));
      }
      return out;
    }
  }

  @Provide
  Arbitrary<List<Item>> items() {
    Arbitrary<Item> i = Combinators.combine(Arbitraries.integers().between(0, TEXTS.size() - 1),
        Arbitraries.of("a", "b", "c", "d", "e", "f", "g", "h"), Arbitraries.longs().between(0, 900))
        .as(Item::new);
    return i.list().ofMaxSize(100);
  }

  @Provide
  Arbitrary<List<Item>> inOrder() {
    return items().map(l -> {
      List<Item> sorted = new ArrayList<>(l);
      sorted.sort(Comparator.comparingLong(Item::second));
      return sorted;
    });
  }

  private static int reference(List<Item> seen, Item item, long window) {
    Set<Long> bands = item.bands();
    Set<String> senders = new HashSet<>();
    for (Item x : seen) {
      if (x.second() > item.second() - window && x.second() <= item.second()) {
        Set<Long> shared = new HashSet<>(x.bands());
        shared.retainAll(bands);
        if (!shared.isEmpty()) {
          senders.add(x.author());
        }
      }
    }
    return senders.size();
  }

  private static double ramp(long count, int normal, int suspicious) {
    return count <= normal ? 0 : count >= suspicious ? 1 : (double) (count - normal) / (suspicious - normal);
  }

  @Property(tries = 300)
  void clustersEqualTheNaiveReferenceInOrder(@ForAll("inOrder") List<Item> items,
      @ForAll("windows") long window) {
    // A cap above the number of senders, so the count is exact.
    Classifier wave = Behaviors.wave("w", MemoryState.withCapacity(10_000), Key.author(),
        Duration.ofSeconds(window), 1, 9);
    List<Item> seen = new ArrayList<>();
    for (Item item : items) {
      Signal s = wave.classify(item.content());
      if (item.text() == TEXTS.size() - 1) {
        assertEquals(Outcome.NOT_APPLICABLE, s.outcome());
        continue;
      }
      seen.add(item);
      assertEquals(ramp(reference(seen, item, window), 1, 9), s.score(), 1e-12, item::toString);
    }
  }

  @Property(tries = 300)
  void clustersNeverExceedTheReferenceOutOfOrderOrWhenCapped(@ForAll("items") List<Item> items,
      @ForAll("windows") long window) {
    Classifier wave = Behaviors.wave("w", MemoryState.withCapacity(10_000), Key.author(),
        Duration.ofSeconds(window), 0, 3);
    List<Item> seen = new ArrayList<>();
    for (Item item : items) {
      Signal s = wave.classify(item.content());
      if (item.text() == TEXTS.size() - 1) {
        continue;
      }
      seen.add(item);
      assertTrue(s.score() <= ramp(reference(seen, item, window), 0, 3) + 1e-12, item::toString);
    }
  }

  @Property(tries = 300)
  void firstSeenIsTheEarliestNearCopyWhileNothingLeavesTheWindow(@ForAll("inOrder") List<Item> items) {
    Classifier wave = Behaviors.wave("w", MemoryState.withCapacity(10_000), Key.author(),
        Duration.ofHours(1), 0, 9);
    List<Item> seen = new ArrayList<>();
    for (Item item : items) {
      Signal s = wave.classify(item.content());
      if (item.text() == TEXTS.size() - 1) {
        continue;
      }
      seen.add(item);
      long earliest = item.second();
      for (Item x : seen) {
        Set<Long> shared = new HashSet<>(x.bands());
        shared.retainAll(item.bands());
        if (!shared.isEmpty()) {
          earliest = Math.min(earliest, x.second());
        }
      }
      String note = s.notes().get(0);
      String first = note.substring(note.indexOf("first seen ") + 11, note.indexOf(" (normal"));
      assertEquals(T0.plusSeconds(earliest), Instant.parse(first), note);
    }
  }

  @Provide
  Arbitrary<Long> windows() {
    return Arbitraries.longs().between(1, 1_000);
  }

  @Example
  void editedCopiesFromManyAuthorsMakeAWaveAndTheNoteNamesNoText() {
    Classifier wave = Behaviors.wave("dm-wave", MemoryState.withCapacity(1_000), Key.author(),
        Duration.ofMinutes(10), 2, 5);
    Signal last = null;
    for (int i = 0; i < 5; i++) {
      last = wave.classify(Content.builder().body(TEXTS.get(i % 3)).author("sender-" + i)
          .time(T0.plusSeconds(30 * i)).build());
    }
    assertEquals(1.0, last.score());
    assertEquals(List.of("dm-wave: near-copies of this text from 5 senders (distinct author) in 10m, first seen"
        + " 2026-12-01T00:00:00Z (normal 2, suspicious 5)"), last.notes());
    // An unrelated text from one more sender is no part of it.
    Signal other = wave.classify(Content.builder().body(TEXTS.get(6)).author("sender-9")
        .time(T0.plusSeconds(200)).build());
    assertEquals(0.0, other.score());
    // The same author sending the same text again is one sender, not two.
    Classifier again = Behaviors.wave("w", MemoryState.withCapacity(1_000), Key.author(),
        Duration.ofMinutes(10), 0, 2);
    Content c = Content.builder().body(TEXTS.get(0)).author("one").time(T0).build();
    again.classify(c);
    assertEquals(0.5, again.classify(c).score());
  }

  @Example
  void withoutTimeAuthorOrEnoughTextTheWaveIsNotApplicable() {
    Classifier wave = Behaviors.wave("w", MemoryState.withCapacity(10), Key.author(), Duration.ofMinutes(1),
        0, 2);
    assertEquals(Outcome.NOT_APPLICABLE, wave.classify(Content.builder().body(TEXTS.get(0)).author("a")
        .build()).outcome());
    assertEquals(Outcome.NOT_APPLICABLE, wave.classify(Content.builder().body(TEXTS.get(0)).time(T0)
        .build()).outcome());
    assertEquals(Outcome.NOT_APPLICABLE, wave.classify(Content.builder().body("ok see you").author("a")
        .time(T0).build()).outcome());
  }
}
