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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The behaviour signals against a naive reference that keeps every event: window counts, distinct
 * counts and first sightings, exact for items in time order; never above the reference out of order.
 */
class BehaviorProperties {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  /** An item: who, from where (the attribute "ip"), when (seconds after T0). */
  record Event(String author, String ip, long second) {
    Content content() {
      return Content.builder().body("hello").author(author).attribute("ip", ip)
          .time(T0.plusSeconds(second)).build();
    }
  }

  @Provide
  Arbitrary<List<Event>> inOrder() {
    return events().map(l -> {
      List<Event> sorted = new ArrayList<>(l);
      sorted.sort(java.util.Comparator.comparingLong(Event::second));
      return sorted;
    });
  }

  @Provide
  Arbitrary<List<Event>> events() {
    Arbitrary<Event> e = Combinators.combine(Arbitraries.of("a", "b", "c", "d", "e", "f"),
        Arbitraries.of("ip1", "ip2", "ip3"), Arbitraries.longs().between(0, 600))
        .as(Event::new);
    return e.list().ofMaxSize(120);
  }

  @Provide
  Arbitrary<int[]> ramps() {
    return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(1, 8))
        .as((n, d) -> new int[] {n, n + d});
  }

  private static double ramp(long count, int normal, int suspicious) {
    return count <= normal ? 0 : count >= suspicious ? 1 : (double) (count - normal) / (suspicious - normal);
  }

  @Property(tries = 500)
  void ratesEqualTheNaiveCountInOrder(@ForAll("inOrder") List<Event> events,
      @ForAll("ramps") int[] ramp, @ForAll("windows") long windowSeconds) {
    Classifier rate = Behaviors.rate("r", MemoryState.withCapacity(1000), Key.author(),
        Duration.ofSeconds(windowSeconds), ramp[0], ramp[1]);
    Map<String, List<Long>> log = new HashMap<>();
    for (Event e : events) {
      List<Long> times = log.computeIfAbsent(e.author(), k -> new ArrayList<>());
      times.add(e.second());
      long count = times.stream().filter(s -> s > e.second() - windowSeconds && s <= e.second()).count();
      Signal s = rate.classify(e.content());
      assertEquals(ramp(count, ramp[0], ramp[1]), s.score(), 1e-12, () -> e + " count " + count);
    }
  }

  @Property(tries = 300)
  void ratesNeverExceedTheNaiveCountOutOfOrder(@ForAll("events") List<Event> events,
      @ForAll("ramps") int[] ramp, @ForAll("windows") long windowSeconds) {
    Classifier rate = Behaviors.rate("r", MemoryState.withCapacity(1000), Key.author(),
        Duration.ofSeconds(windowSeconds), ramp[0], ramp[1]);
    Map<String, List<Long>> log = new HashMap<>();
    for (Event e : events) {
      List<Long> times = log.computeIfAbsent(e.author(), k -> new ArrayList<>());
      times.add(e.second());
      long count = times.stream().filter(s -> s > e.second() - windowSeconds && s <= e.second()).count();
      assertTrue(rate.classify(e.content()).score() <= ramp(count, ramp[0], ramp[1]) + 1e-12, e::toString);
    }
  }

  @Property(tries = 500)
  void distinctCountsEqualTheNaiveSetInOrder(@ForAll("inOrder") List<Event> events,
      @ForAll("ramps") int[] ramp, @ForAll("windows") long windowSeconds) {
    Classifier distinct = Behaviors.distinct("d", MemoryState.withCapacity(1000),
        Key.attribute("ip"), Key.author(), Duration.ofSeconds(windowSeconds), ramp[0], ramp[1]);
    List<Event> seen = new ArrayList<>();
    for (Event e : events) {
      seen.add(e);
      Set<String> authors = new HashSet<>();
      for (Event x : seen) {
        if (x.ip().equals(e.ip()) && x.second() > e.second() - windowSeconds && x.second() <= e.second()) {
          authors.add(x.author());
        }
      }
      Signal s = distinct.classify(e.content());
      assertEquals(ramp(authors.size(), ramp[0], ramp[1]), s.score(), 1e-12,
          () -> e + " authors " + authors);
    }
  }

  @Property(tries = 500)
  void firstSightingsEqualTheEarliestTime(@ForAll("events") List<Event> events) {
    Classifier fresh = Behaviors.newKey("n", MemoryState.withCapacity(1000), Key.author(),
        Duration.ofSeconds(60), Duration.ofSeconds(300));
    Map<String, Long> first = new HashMap<>();
    for (Event e : events) {
      first.merge(e.author(), e.second(), Math::min);
      long age = e.second() - first.get(e.author());
      double expected = age <= 60 ? 1 : age >= 300 ? 0 : (300.0 - age) / 240.0;
      assertEquals(expected, fresh.classify(e.content()).score(), 1e-12, e::toString);
    }
  }

  @Property(tries = 200)
  void theSameItemsFromAnEmptyStateGiveTheSameSignals(@ForAll("events") List<Event> events) {
    List<List<Double>> runs = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      // A small state, so that eviction happens too.
      MemoryState state = MemoryState.withCapacity(4);
      List<Classifier> signals = List.of(
          Behaviors.rate("r", state, Key.author(), Duration.ofSeconds(100), 1, 4),
          Behaviors.newKey("n", state, Key.attribute("ip"), Duration.ofSeconds(10), Duration.ofSeconds(90)),
          Behaviors.distinct("d", state, Key.attribute("ip"), Key.author(), Duration.ofSeconds(50), 1, 3));
      List<Double> scores = new ArrayList<>();
      for (Event e : events) {
        for (Classifier c : signals) {
          scores.add(c.classify(e.content()).score());
        }
      }
      runs.add(scores);
    }
    assertEquals(runs.get(0), runs.get(1));
  }

  /**
   * The author and an attribute have one value per item, which the signals read without a list: they
   * give the signals (scores, outcomes, notes) of the same keys read as lists, also for items without
   * the attribute.
   */
  @Property(tries = 200)
  void keysOfOneValueGiveTheSignalsOfTheSameKeysReadAsLists(@ForAll("events") List<Event> events) {
    Key authors = Key.of("author", c -> c.author() == null ? List.of() : List.of(c.author()));
    Key ips = Key.of("attribute(ip)", c -> c.attributes().containsKey("ip")
        ? List.of(c.attributes().get("ip")) : List.of());
    List<Classifier> one = signals(MemoryState.withCapacity(1000), Key.author(), Key.attribute("ip"));
    List<Classifier> lists = signals(MemoryState.withCapacity(1000), authors, ips);
    int i = 0;
    for (Event e : events) {
      Content c = i++ % 5 == 4 ? Content.builder().body("hello").author(e.author())
          .time(T0.plusSeconds(e.second())).build() : e.content();
      for (int s = 0; s < one.size(); s++) {
        Signal a = one.get(s).classify(c);
        Signal b = lists.get(s).classify(c);
        assertEquals(b, a, e::toString);
        assertEquals(b.notes(), a.notes(), e::toString);
      }
    }
  }

  private static List<Classifier> signals(BehaviorState state, Key author, Key ip) {
    return List.of(
        Behaviors.rate("r", state, author, Duration.ofSeconds(100), 1, 4),
        Behaviors.newKey("n", state, ip, Duration.ofSeconds(10), Duration.ofSeconds(90)),
        Behaviors.distinct("d", state, ip, author, Duration.ofSeconds(50), 1, 3),
        Behaviors.distinct("e", state, author, ip, Duration.ofSeconds(50), 0, 2));
  }

  @Property(tries = 100)
  void itemsWithoutATimeOrKeyObserveNothing(@ForAll("inOrder") List<Event> events) {
    MemoryState state = MemoryState.withCapacity(1000);
    Classifier rate = Behaviors.rate("r", state, Key.author(), Duration.ofSeconds(100), 1, 4);
    for (Event e : events) {
      assertEquals(Outcome.NOT_APPLICABLE, rate.classify(Content.builder().body("x").author(e.author())
          .build()).outcome());
      assertEquals(Outcome.NOT_APPLICABLE, rate.classify(Content.builder().body("x")
          .time(T0.plusSeconds(e.second())).build()).outcome());
    }
    assertEquals(0, state.size());
  }

  @Provide
  Arbitrary<Long> windows() {
    return Arbitraries.longs().between(1, 400);
  }
}
