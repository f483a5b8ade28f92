package dev.vigil.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Condition;
import dev.vigil.Content;
import dev.vigil.Holder;
import dev.vigil.Policy;
import dev.vigil.SignalOptions;
import dev.vigil.behavior.Behaviors;
import dev.vigil.behavior.Key;
import dev.vigil.behavior.MemoryState;
import dev.vigil.json.ContentJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behaviour signals over Kafka Streams state stores: the same signals as over a {@link MemoryState}, old
 * records swept on stream time, none of the content's text in the store, and no use outside a record.
 */
class StoreStateTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");

  static Policy policy(dev.vigil.behavior.BehaviorState state) {
    return Policy.builder("behaviour").version("1")
        .signal(Behaviors.rate("burst", state, Key.author(), Duration.ofMinutes(10), 2, 5),
            SignalOptions.in("spam").weight(0.6))
        .signal(Behaviors.newKey("new-author", state, Key.author(), Duration.ofMinutes(5), Duration.ofHours(1)),
            SignalOptions.in("spam").weight(0.3))
        .removeWhen(Condition.total().atLeast(0.9))
        .reviewWhen(Condition.total().atLeast(0.5))
        .build();
  }

  static List<Content> items() {
    List<Content> out = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      out.add(Content.builder().body("message " + i + " from a secret-sender-text").author("a" + (i % 7))
          .time(T0.plusSeconds(20L * i)).build());
    }
    return out;
  }

  @Test
  void signalsOverTheStoreScoreAsOverMemoryAndOldRecordsAreSwept(@TempDir Path dir) throws Exception {
    Policy reference = policy(MemoryState.withCapacity(1_000));
    try (TopologyTestDriver driver = driver(dir, "vigil-store-test")) {
      TestInputTopic<byte[], byte[]> in = driver.createInputTopic("in", new ByteArraySerializer(),
          new ByteArraySerializer());
      TestOutputTopic<byte[], byte[]> out = driver.createOutputTopic("out", new ByteArrayDeserializer(),
          new ByteArrayDeserializer());
      List<Content> items = items();
      for (int i = 0; i < items.size(); i++) {
        Content c = items.get(i);
        in.pipeInput(c.author().getBytes(StandardCharsets.UTF_8),
            ContentJson.write((long) i, c).getBytes(StandardCharsets.UTF_8), c.time());
      }
      List<byte[]> decisions = out.readValuesToList();
      assertEquals(items.size(), decisions.size());
      int removed = 0; // flagged: review or remove
      for (int i = 0; i < items.size(); i++) {
        JsonNode d = JSON.readTree(decisions.get(i));
        String expected = reference.evaluate(items.get(i)).action().name();
        assertEquals(expected, d.get("action").asText(), "item " + i);
        removed += expected.equals("allow") ? 0 : 1;
      }
      assertTrue(removed > 0 && removed < items.size(), "the signals fire and rest: " + removed);

      KeyValueStore<Bytes, byte[]> store = driver.getKeyValueStore(StoreState.STORE);
      assertEquals(14, count(store), "7 authors, a rate and a first-seen record each");
      // Every write went to the store's changelog, from which a restarted or moved task restores it
      // (ExactlyOnceIntegrationTest restarts an instance against a real broker): its latest value per key
      // is the store's content.
      TestOutputTopic<byte[], byte[]> changelog = driver.createOutputTopic(
          "vigil-store-test-" + StoreState.STORE + "-changelog", new ByteArrayDeserializer(),
          new ByteArrayDeserializer());
      java.util.Map<Bytes, byte[]> latest = new java.util.HashMap<>();
      changelog.readKeyValuesToList().forEach(kv -> latest.put(Bytes.wrap(kv.key), kv.value));
      assertEquals(14, latest.size());
      latest.forEach((k, v) -> org.junit.jupiter.api.Assertions.assertArrayEquals(store.get(k), v));
      // Privacy: neither the text nor the authors' names are in the store.
      try (var it = store.all()) {
        while (it.hasNext()) {
          var e = it.next();
          String bytes = new String(e.key.get(), StandardCharsets.ISO_8859_1)
              + new String(e.value, StandardCharsets.ISO_8859_1);
          assertFalse(bytes.contains("secret") || bytes.contains("a1"), "text in the store");
        }
      }
      // Three hours later one author posts again: the sweep deletes the six others' records.
      Content late = Content.builder().body("back").author("a0").time(T0.plusSeconds(20L * 300 + 3 * 3600))
          .build();
      in.pipeInput("a0".getBytes(StandardCharsets.UTF_8), ContentJson.write(999L, late)
          .getBytes(StandardCharsets.UTF_8), late.time());
      assertEquals(2, count(store));
    }
  }

  @Test
  void inputKeyedOtherwiseIsReKeyedByAuthorBeforeItIsScored(@TempDir Path dir) throws Exception {
    StoreState state = StoreState.create();
    Properties p = VigilStreams.properties("vigil-rekey-test", "unused:9092");
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    p.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
    Policy reference = policy(MemoryState.withCapacity(1_000));
    try (TopologyTestDriver driver = new TopologyTestDriver(VigilTopology.builder(Holder.of(policy(state)))
        .input("in").decisions("out").deadLetters("dead").rekeyBy(Key.author(), "in-by-author")
        .behaviorState(state, Duration.ofHours(2)).build(), p)) {
      TestInputTopic<byte[], byte[]> in = driver.createInputTopic("in", new ByteArraySerializer(),
          new ByteArraySerializer());
      TestOutputTopic<byte[], byte[]> out = driver.createOutputTopic("out", new ByteArrayDeserializer(),
          new ByteArrayDeserializer());
      TestOutputTopic<byte[], byte[]> dead = driver.createOutputTopic("dead", new ByteArrayDeserializer(),
          new ByteArrayDeserializer());
      List<Content> items = items();
      for (int i = 0; i < items.size(); i++) {
        // Keyed by a message id, not by author.
        in.pipeInput(("msg-" + i).getBytes(StandardCharsets.UTF_8),
            ContentJson.write((long) i, items.get(i)).getBytes(StandardCharsets.UTF_8), items.get(i).time());
      }
      in.pipeInput("broken".getBytes(StandardCharsets.UTF_8), "{\"text\": 1}".getBytes(StandardCharsets.UTF_8));
      var decisions = out.readRecordsToList();
      assertEquals(items.size(), decisions.size());
      for (int i = 0; i < items.size(); i++) {
        // The decision's key is the author now, and the decision the one of one JVM.
        assertEquals(items.get(i).author(), new String(decisions.get(i).key(), StandardCharsets.UTF_8));
        assertEquals(reference.evaluate(items.get(i)).action().name(),
            JSON.readTree(decisions.get(i).value()).get("action").asText(), "item " + i);
      }
      // A record that is not content keeps its key and goes to the dead letters as ever.
      assertEquals("broken", new String(dead.readRecord().key(), StandardCharsets.UTF_8));
    }
  }

  /**
   * A task that restarts on another instance (or after its local state is lost) rebuilds its store from
   * the changelog: Kafka replays the changelog's records into an empty store before the task processes
   * again. The driver does not replay changelogs, so this test does what the restore does: the first
   * driver scores half the items, the second starts on an empty state directory, its store gets the
   * first one's changelog records, and it scores the rest. Every decision equals that of one
   * uninterrupted run: the changelog is all the state a task needs. (A restart on the same state directory
   * reopens the store itself; ExactlyOnceIntegrationTest restarts an instance against a real broker.)
   */
  @Test
  void aTaskRestartedFromTheChangelogDecidesAsIfNeverStopped(@TempDir Path first, @TempDir Path second)
      throws Exception {
    List<Content> items = items();
    Policy reference = policy(MemoryState.withCapacity(1_000));
    List<JsonNode> decisions = new ArrayList<>();
    List<org.apache.kafka.streams.KeyValue<byte[], byte[]>> changelog;
    int half = items.size() / 2;
    try (TopologyTestDriver driver = driver(first, "vigil-restore-test")) {
      decisions.addAll(score(driver, items, 0, half));
      changelog = driver.createOutputTopic("vigil-restore-test-" + StoreState.STORE + "-changelog",
          new ByteArrayDeserializer(), new ByteArrayDeserializer()).readKeyValuesToList();
    }
    assertFalse(changelog.isEmpty());
    try (TopologyTestDriver driver = driver(second, "vigil-restore-test")) {
      KeyValueStore<Bytes, byte[]> store = driver.getKeyValueStore(StoreState.STORE);
      assertEquals(0, count(store), "a new state directory starts empty");
      for (var record : changelog) {
        store.put(Bytes.wrap(record.key), record.value); // what Kafka's restore does, record by record
      }
      decisions.addAll(score(driver, items, half, items.size()));
    }
    assertEquals(items.size(), decisions.size());
    int flagged = 0;
    for (int i = 0; i < items.size(); i++) {
      dev.vigil.Decision expected = reference.evaluate(items.get(i));
      assertEquals(expected.action().name(), decisions.get(i).get("action").asText(), "item " + i);
      assertEquals(expected.total(), decisions.get(i).get("score").asDouble(), 1e-12, "item " + i);
      flagged += i >= half && !expected.action().name().equals("allow") ? 1 : 0;
    }
    assertTrue(flagged > 0, "after the restart the counts carry on, so the rate fires again");
  }

  /** A driver of the behaviour policy over a state store, at least once, its state in {@code dir}. */
  private static TopologyTestDriver driver(Path dir, String application) {
    StoreState state = StoreState.create();
    Properties p = VigilStreams.properties(application, "unused:9092");
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    p.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
    return new TopologyTestDriver(VigilTopology.builder(Holder.of(policy(state))).input("in").decisions("out")
        .deadLetters("dead").behaviorState(state, Duration.ofHours(2)).build(), p);
  }

  private static List<JsonNode> score(TopologyTestDriver driver, List<Content> items, int from, int to)
      throws Exception {
    TestInputTopic<byte[], byte[]> in = driver.createInputTopic("in", new ByteArraySerializer(),
        new ByteArraySerializer());
    TestOutputTopic<byte[], byte[]> out = driver.createOutputTopic("out", new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
    for (int i = from; i < to; i++) {
      Content c = items.get(i);
      in.pipeInput(c.author().getBytes(StandardCharsets.UTF_8),
          ContentJson.write((long) i, c).getBytes(StandardCharsets.UTF_8), c.time());
    }
    List<JsonNode> decisions = new ArrayList<>();
    for (byte[] d : out.readValuesToList()) {
      decisions.add(JSON.readTree(d));
    }
    return decisions;
  }

  @Test
  void outsideARecordTheStateSaysWhy() {
    // The policy contains the failure, as any classifier's: the decision says what went wrong.
    var d = policy(StoreState.create()).evaluate(Content.builder().body("x").author("a").time(T0).build());
    assertEquals(dev.vigil.Outcome.FAILED, d.signal("burst").outcome());
    assertTrue(d.signal("burst").signal().failureMessage().contains("this thread is processing none"),
        d.signal("burst").signal().failureMessage());
    assertThrows(IllegalStateException.class, () -> StoreState.create().read("s", "k"));
  }

  static int count(KeyValueStore<Bytes, byte[]> store) {
    int n = 0;
    try (var it = store.all()) {
      while (it.hasNext()) {
        it.next();
        n++;
      }
    }
    return n;
  }
}
