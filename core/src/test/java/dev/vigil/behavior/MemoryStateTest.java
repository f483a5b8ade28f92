package dev.vigil.behavior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.Classifier;
import dev.vigil.Content;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MemoryStateTest {
  private static final BehaviorState.RecordUpdate INCREMENT =
      r -> r == null ? new long[] {1} : new long[] {r[0] + 1};

  @Test
  void holdsAtMostItsCapacityWithTenMillionDistinctKeys() {
    MemoryState state = MemoryState.withCapacity(100_000);
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 10_000_000; i++) {
      state.update("s", "key-" + i, INCREMENT);
      if (i % 1_000_000 == 0) {
        assertTrue(state.size() <= 100_000, () -> state.toString());
      }
    }
    assertEquals(100_000, state.size());
    System.gc();
    long used = rt.totalMemory() - rt.freeMemory();
    // 100,000 one-number records take some 15 MB (see benchmarks/README.md); far below what ten million
    // would (over a gigabyte).
    assertTrue(used < 400L << 20, "heap in use after 10 million keys: " + (used >> 20) + " MB");
  }

  @Test
  void keysThatRecurSurviveAFloodOfKeysSeenOnce() {
    MemoryState state = MemoryState.withCapacity(1_000);
    for (int round = 0; round < 2; round++) {
      for (int k = 0; k < 100; k++) {
        state.update("s", "regular-" + k, INCREMENT);
      }
    }
    for (int i = 0; i < 100_000; i++) {
      state.update("s", "once-" + i, INCREMENT);
    }
    for (int k = 0; k < 100; k++) {
      long[] r = state.read("s", "regular-" + k);
      assertNotNull(r, "regular-" + k + " was evicted by keys seen once");
      assertEquals(2, r[0]);
    }
    assertNull(state.read("s", "once-0"));
  }

  @Test
  void spacesAreSeparate() {
    MemoryState state = MemoryState.withCapacity(10);
    state.update("a", "k", INCREMENT);
    state.update("a", "k", INCREMENT);
    state.update("b", "k", INCREMENT);
    assertEquals(2, state.read("a", "k")[0]);
    assertEquals(1, state.read("b", "k")[0]);
    // "ab" + "c" and "a" + "bc" are different (space, key) pairs.
    state.update("ab", "c", INCREMENT);
    assertNull(state.read("a", "bc"));
  }

  @Test
  void anUpdateThatThrowsChangesNothing() {
    MemoryState state = MemoryState.withCapacity(10);
    state.update("s", "k", INCREMENT);
    assertThrows(IllegalStateException.class, () -> state.update("s", "k", r -> {
      throw new IllegalStateException("boom");
    }));
    assertEquals(1, state.read("s", "k")[0]);
    assertThrows(NullPointerException.class, () -> state.update("s", "k", r -> null));
    assertEquals(1, state.read("s", "k")[0]);
  }

  @Test
  void readsDoNotChangeWhatIsEvicted() {
    MemoryState a = MemoryState.withCapacity(3);
    MemoryState b = MemoryState.withCapacity(3);
    for (MemoryState s : List.of(a, b)) {
      s.update("s", "x", INCREMENT);
      s.update("s", "y", INCREMENT);
      s.update("s", "z", INCREMENT);
    }
    b.read("s", "x"); // only b is read
    a.update("s", "w", INCREMENT);
    b.update("s", "w", INCREMENT);
    assertNull(a.read("s", "x"));
    assertNull(b.read("s", "x"));
  }

  @Test
  void thirtyTwoThreadsCountAsOneWould() throws Exception {
    MemoryState shared = MemoryState.withCapacity(100_000);
    int threads = 32;
    int perThread = 20_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int seed = t;
      done.add(pool.submit(() -> {
        for (int i = 0; i < perThread; i++) {
          shared.update("count", "k" + ((i * 31 + seed) % 500), INCREMENT);
        }
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    MemoryState sequential = MemoryState.withCapacity(100_000);
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < perThread; i++) {
        sequential.update("count", "k" + ((i * 31 + t) % 500), INCREMENT);
      }
    }
    long total = 0;
    for (int k = 0; k < 500; k++) {
      long[] r = shared.read("count", "k" + k);
      assertArrayEquals(sequential.read("count", "k" + k), r, "k" + k);
      total += r[0];
    }
    assertEquals((long) threads * perThread, total);
  }

  @Test
  void thirtyTwoThreadsObservingGiveTheSequentialRecords() throws Exception {
    // First sightings and distinct counts keep records that do not depend on the order of updates
    // (without eviction), and so do the times a rate counts (its record may also hold stale times until
    // it is compacted, which depends on the order): 32 threads must leave what one thread leaves.
    List<Content> items = new ArrayList<>();
    Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
    for (int i = 0; i < 32_000; i++) {
      items.add(Content.builder().body(TEMPLATES.get(i % 3) + " " + (i % 5)).author("u" + (i % 97))
          .attribute("ip", "ip" + (i % 13))
          .time(t0.plusSeconds(i % 3_600)).build());
    }
    MemoryState shared = MemoryState.withCapacity(10_000);
    MemoryState alone = MemoryState.withCapacity(10_000);
    List<Classifier> sharedSignals = signals(shared);
    List<Classifier> aloneSignals = signals(alone);
    ExecutorService pool = Executors.newFixedThreadPool(32);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 32; t++) {
      int from = t * 1_000;
      done.add(pool.submit(() -> {
        for (int i = from; i < from + 1_000; i++) {
          for (Classifier c : sharedSignals) {
            c.classify(items.get(i));
          }
        }
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    for (Content c : items) {
      for (Classifier s : aloneSignals) {
        s.classify(c);
      }
    }
    assertEquals(alone.size(), shared.size());
    for (int u = 0; u < 97; u++) {
      assertArrayEquals(alone.read("new", "u" + u), shared.read("new", "u" + u), "new u" + u);
      assertArrayEquals(keptRateTimes(alone.read("rate", "u" + u)),
          keptRateTimes(shared.read("rate", "u" + u)), "rate u" + u);
    }
    for (int ip = 0; ip < 13; ip++) {
      assertArrayEquals(alone.read("distinct", "ip" + ip), shared.read("distinct", "ip" + ip));
    }
    // The wave's records too: one more copy of each text sees the same cluster in both.
    for (int k = 0; k < TEMPLATES.size(); k++) {
      Content probe = Content.builder().body(TEMPLATES.get(k)).author("probe")
          .time(t0.plusSeconds(3_600)).build();
      assertEquals(aloneSignals.get(3).classify(probe), sharedSignals.get(3).classify(probe));
    }
  }

  /**
   * The times a rate record of {@link #signals}' rate (ten minutes, suspicious from 50) counts: the
   * latest 50 after its newest time minus the window.
   */
  private static long[] keptRateTimes(long[] record) {
    int n = (int) record[0];
    long after = record[n] - Duration.ofMinutes(10).toMillis();
    return java.util.Arrays.stream(record, 1, n + 1).filter(t -> t > after)
        .skip(Math.max(0, java.util.Arrays.stream(record, 1, n + 1).filter(t -> t > after).count() - 50))
        .toArray();
  }

  /** Texts the 32-thread test sends, each by many authors. */
  private static final List<String> TEMPLATES = List.of(
      "Your parcel is waiting, confirm the delivery fee at the link below today",
      "Congratulations, you were chosen for a cash prize, reply with your bank details",
      "Hey, are we still on for dinner at seven on Friday? Let me know soon");

  private static List<Classifier> signals(BehaviorState state) {
    return List.of(Behaviors.rate("rate", state, Key.author(), Duration.ofMinutes(10), 5, 50),
        Behaviors.newKey("new", state, Key.author(), Duration.ofMinutes(1), Duration.ofHours(1)),
        Behaviors.distinct("distinct", state, Key.attribute("ip"), Key.author(), Duration.ofMinutes(5),
            3, 30),
        // A window longer than the items span and a cap above the senders: nothing is trimmed, so the
        // records do not depend on the order of updates.
        Behaviors.wave("wave", state, Key.author(), Duration.ofHours(3), 3, 200));
  }

  @Test
  void savedAndRestoredStateKeepsEveryRecordAndItsOrder() throws IOException {
    MemoryState state = MemoryState.withCapacity(50);
    for (int i = 0; i < 200; i++) {
      state.update("s", "k" + (i % 70), INCREMENT);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    state.writeTo(out);
    MemoryState back = MemoryState.readFrom(new ByteArrayInputStream(out.toByteArray()));
    assertEquals(state.size(), back.size());
    assertEquals(state.capacity(), back.capacity());
    for (int k = 0; k < 70; k++) {
      assertArrayEquals(state.read("s", "k" + k), back.read("s", "k" + k));
    }
    // Both evict the same records from here on.
    for (int i = 0; i < 30; i++) {
      state.update("s", "new" + i, INCREMENT);
      back.update("s", "new" + i, INCREMENT);
    }
    for (int k = 0; k < 70; k++) {
      assertArrayEquals(state.read("s", "k" + k), back.read("s", "k" + k));
    }
    IOException e = assertThrows(IOException.class,
        () -> MemoryState.readFrom(new ByteArrayInputStream("not a state".getBytes(StandardCharsets.UTF_8))));
    assertTrue(e.getMessage().contains("not a saved MemoryState"), e.getMessage());
    byte[] cut = java.util.Arrays.copyOf(out.toByteArray(), 40);
    assertThrows(IOException.class, () -> MemoryState.readFrom(new ByteArrayInputStream(cut)));
  }

  @Test
  void theStateHoldsNoTextOfTheContentItScored() throws IOException {
    // Privacy: after scoring, the saved state (every record there is) holds none of the text, and
    // not even the authors' ids or the addresses, which it keeps only as hashes.
    MemoryState state = MemoryState.withCapacity(1_000);
    List<Classifier> signals = List.of(
        Behaviors.rate("rate", state, Key.author(), Duration.ofHours(1), 1, 10),
        Behaviors.newKey("new", state, Key.linkDomain(), Duration.ofHours(1), Duration.ofDays(1)),
        Behaviors.distinct("shared", state, Key.linkDomain(), Key.author(), Duration.ofHours(1), 1, 5),
        Behaviors.wave("wave", state, Key.author(), Duration.ofHours(1), 1, 5));
    String secret = "my card number is 4111 and my password hunter2 see scamdomain-example.com";
    for (int i = 0; i < 20; i++) {
      Content c = Content.builder().body(secret).author("alice-" + i).attribute("ip", "10.0.0." + i)
          .time(Instant.parse("2026-12-01T00:00:00Z").plusSeconds(i)).build();
      for (Classifier s : signals) {
        s.classify(c);
      }
    }
    assertTrue(state.size() > 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    state.writeTo(out);
    String asLatin1 = out.toString(StandardCharsets.ISO_8859_1);
    String asUtf16 = new String(out.toByteArray(), StandardCharsets.UTF_16BE);
    for (String piece : List.of("4111", "hunter2", "password", "scamdomain", "alice", "10.0.0")) {
      assertFalse(asLatin1.contains(piece), piece);
      assertFalse(asUtf16.contains(piece), piece);
    }
  }

  @Test
  void aStateSavedByAnEarlierVersionIsRefusedWithAReason() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(out);
    data.writeInt(0x56474D53); // "VGMS"
    data.writeInt(3); // records were then placed by their space's hash too
    data.writeInt(1_000);
    data.writeInt(64);
    data.flush();
    IOException e = assertThrows(IOException.class,
        () -> MemoryState.readFrom(new ByteArrayInputStream(out.toByteArray())));
    assertTrue(e.getMessage().contains("version 3") && e.getMessage().contains("start from an empty state"),
        e.getMessage());
  }

  @Test
  void aStateOfVersionFourIsReadAndOneOfALaterVersionRefused() throws IOException {
    // Version 4 wrote the same records (rates in their long form only): a restart after an upgrade keeps
    // its counts. A version this Vigil does not know yet is refused, not misread.
    MemoryState state = MemoryState.withCapacity(100);
    for (int i = 0; i < 30; i++) {
      state.update("s", "k" + (i % 7), INCREMENT);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    state.writeTo(out);
    byte[] saved = out.toByteArray();
    assertEquals(5, java.nio.ByteBuffer.wrap(saved).getInt(4));
    byte[] four = saved.clone();
    java.nio.ByteBuffer.wrap(four).putInt(4, 4);
    MemoryState back = MemoryState.readFrom(new ByteArrayInputStream(four));
    for (int k = 0; k < 7; k++) {
      assertArrayEquals(state.read("s", "k" + k), back.read("s", "k" + k));
    }
    byte[] six = saved.clone();
    java.nio.ByteBuffer.wrap(six).putInt(4, 6);
    IOException e = assertThrows(IOException.class,
        () -> MemoryState.readFrom(new ByteArrayInputStream(six)));
    assertTrue(e.getMessage().contains("version 6") && e.getMessage().contains("later Vigil"),
        e.getMessage());
  }

  @Test
  void capacityMustBePositive() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MemoryState.withCapacity(0));
    assertEquals("capacity must be at least 1 record but was 0", e.getMessage());
  }
}
