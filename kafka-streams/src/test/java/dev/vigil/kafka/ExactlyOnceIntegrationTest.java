package dev.vigil.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Condition;
import dev.vigil.Content;
import dev.vigil.Holder;
import dev.vigil.Policy;
import dev.vigil.json.ContentJson;
import dev.vigil.json.DecisionJson;
import dev.vigil.links.Links;
import dev.vigil.text.Normalizer;
import dev.vigil.text.TermClassifier;
import dev.vigil.text.TermMatcher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once against a real broker: a KRaft broker started in this JVM (Kafka's test kit, loopback
 * only), 100,000 content records on a 4-partition topic keyed by author, two instances of the
 * application, one of them in a JVM of its own that is killed (SIGKILL, no shutdown) midway, and a new one
 * started. Reading the decisions committed, every input
 * record has exactly one decision, and each equals {@code Policy.evaluate} on the same content offline,
 * in input order from an empty state: the policy's behaviour signals (a rate and first-seen per author)
 * keep their records in state stores, and the tasks that moved at the restart carried their counts
 * through the changelog.
 */
class ExactlyOnceIntegrationTest {
  static final int RECORDS = 100_000;
  static final ObjectMapper JSON = new ObjectMapper();

  static Policy policy(dev.vigil.behavior.BehaviorState state) {
    return Policy.builder("eos").version("1")
        .signal(dev.vigil.behavior.Behaviors.rate("burst", state, dev.vigil.behavior.Key.author(),
            Duration.ofMinutes(30), 10, 30), dev.vigil.SignalOptions.in("spam").weight(0.5))
        .signal(dev.vigil.behavior.Behaviors.newKey("new-author", state, dev.vigil.behavior.Key.author(),
            Duration.ofMinutes(10), Duration.ofHours(2)), dev.vigil.SignalOptions.in("spam").weight(0.2))
        .signal(TermClassifier.of("terms", TermMatcher.builder().normalizer(Normalizer.standard())
            .add("gift card").add("bitcoin").add("wire the money").build()), "scam")
        .signal(Links.count(), "spam")
        .removeWhen(Condition.total().atLeast(1.0))
        .reviewWhen(Condition.total().atLeast(0.5))
        .build();
  }

  static Content content(int i) {
    String[] texts = {"is the bike still for sale?", "pay with a gift card please",
        "see https://deal.example.com and www.other.example", "send bitcoin, then wire the money",
        "see you at six"};
    return Content.builder().body(texts[i % texts.length] + " #" + i).author("u" + (i % 97))
        .time(java.time.Instant.parse("2026-12-02T00:00:00Z").plusSeconds(i)).build();
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  @SuppressWarnings("try") // the test kit's close() may throw InterruptedException; the test fails then
  void everyRecordHasExactlyOneDecisionAcrossARestartMidway(@TempDir Path dir) throws Exception {
    try (KafkaClusterTestKit cluster = InProcessBroker.start(dir.resolve("kafka"))) {
      String bootstrap = cluster.bootstrapServers();
      assertTrue(bootstrap.contains("localhost") || bootstrap.contains("127.0.0.1"), bootstrap);
      try (Admin admin = cluster.admin()) {
        admin.createTopics(List.of(new NewTopic("content", 4, (short) 1), new NewTopic("decisions", 4, (short) 1),
            new NewTopic("dead", 1, (short) 1))).all().get();
      }
      produce(bootstrap, RECORDS);

      StoreState state = StoreState.create();
      Holder<Policy> holder = Holder.of(policy(state));
      // The first instance runs in a JVM of its own, so that it can crash: killed, it commits nothing more
      // and says nothing to the group; its open transaction times out and is aborted.
      Process first = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), ExactlyOnceIntegrationTest.class.getName(), bootstrap,
          dir.resolve("a").toString()).redirectErrorStream(true).redirectOutput(dir.resolve("a.log").toFile())
          .start();
      KafkaStreams second = start(bootstrap, holder, state, dir.resolve("b"));
      Map<String, String> seen = new HashMap<>();
      long duplicates = 0;
      boolean restarted = false;
      KafkaStreams third = null;
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      try (KafkaConsumer<byte[], byte[]> consumer = committedReader(bootstrap)) {
        consumer.subscribe(List.of("decisions"));
        while (seen.size() < RECORDS && System.nanoTime() < deadline) {
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            String json = new String(r.value(), StandardCharsets.UTF_8);
            String id = JSON.readTree(json).get("id").asText();
            if (seen.put(id, json) != null) {
              duplicates++;
            }
          }
          if (!restarted && seen.size() > RECORDS / 3) {
            // Kill one instance midway (its tasks move to the other when the group notices, after the
            // session timeout) and restart it on its state directory, from which it takes tasks back.
            // It is alive and owns tasks (their state directories) when it is killed.
            assertTrue(first.isAlive(), () -> "the instance in its own JVM died early: " + log(dir));
            assertTrue(ownsTasks(dir.resolve("a")), () -> "the instance in its own JVM owns no task: "
                + log(dir));
            first.destroyForcibly().waitFor();
            third = start(bootstrap, holder, state, dir.resolve("a"));
            restarted = true;
          }
        }
        // Anything still arriving would be a duplicate: read a little longer.
        long quiet = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < quiet) {
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            String id = JSON.readTree(new String(r.value(), StandardCharsets.UTF_8)).get("id").asText();
            if (seen.put(id, new String(r.value(), StandardCharsets.UTF_8)) != null) {
              duplicates++;
            }
          }
        }
      } finally {
        first.destroyForcibly();
        second.close(Duration.ofSeconds(30));
        if (third != null) {
          third.close(Duration.ofSeconds(30));
        }
      }
      assertTrue(restarted, "the crash happened midway");
      assertEquals(0, duplicates, "decisions read twice");
      assertEquals(RECORDS, seen.size(), "decisions read");
      Policy offline = policy(dev.vigil.behavior.MemoryState.withCapacity(10_000));
      for (int i = 0; i < RECORDS; i++) {
        assertEquals(DecisionJson.toJson((long) i, offline.evaluate(content(i))), seen.get(Integer.toString(i)),
            "record " + i);
      }
    }
  }

  /** Produces {@code count} content records keyed by author, ids from 0. */
  static void produce(String bootstrap, int count) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      // Keyed by author: each author's items are in one partition, in order, as the signals need.
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>("content", ("u" + (i % 97)).getBytes(StandardCharsets.UTF_8),
            ContentJson.write((long) i, content(i)).getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
  }

  static KafkaStreams start(String bootstrap, Holder<Policy> holder, StoreState state, Path stateDir)
      throws Exception {
    Files.createDirectories(stateDir);
    Properties p = VigilStreams.properties("vigil-eos-test", bootstrap);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // The group notices a killed instance after the session timeout: the broker's minimum, 6 s.
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6_000);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1_500);
    KafkaStreams streams = new KafkaStreams(VigilTopology.builder(holder).input("content")
        .decisions("decisions").deadLetters("dead").behaviorState(state, Duration.ofHours(3)).build(), p);
    streams.start();
    return streams;
  }

  private static String log(Path dir) {
    try {
      return Files.readString(dir.resolve("a.log"));
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  /** Whether a state directory holds a task's directory ({@code 0_1}, ...). */
  private static boolean ownsTasks(Path stateDir) throws java.io.IOException {
    try (java.util.stream.Stream<Path> s = Files.walk(stateDir, 2)) {
      return s.anyMatch(p -> p.getFileName().toString().matches("\\d+_\\d+"));
    }
  }

  /** The instance that crashes: started in a JVM of its own, it runs until it is killed. */
  public static void main(String[] args) throws Exception {
    StoreState state = StoreState.create();
    start(args[0], Holder.of(policy(state)), state, Path.of(args[1]));
    Thread.sleep(Long.MAX_VALUE);
  }

  static KafkaConsumer<byte[], byte[]> committedReader(String bootstrap) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "vigil-eos-reader");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
