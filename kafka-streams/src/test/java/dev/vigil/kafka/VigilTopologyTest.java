package dev.vigil.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.Condition;
import dev.vigil.Content;
import dev.vigil.Holder;
import dev.vigil.Policy;
import dev.vigil.Signal;
import dev.vigil.json.ContentJson;
import dev.vigil.json.DecisionJson;
import dev.vigil.text.TermClassifier;
import dev.vigil.text.TermMatcher;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every path through the topology, in Kafka's TopologyTestDriver: score, route, dead letters, swaps. */
class VigilTopologyTest {
  static Policy policy(String version, String term) {
    return Policy.builder("dm").version(version)
        .signal(TermClassifier.of("scam", TermMatcher.builder().add(term).build()), "scam")
        .signal(dev.vigil.Classifier.of("broken", c -> {
          if (c.author() != null && c.author().equals("crash")) {
            throw new IllegalStateException("boom");
          }
          return Signal.notMatched();
        }), "scam")
        .removeWhen(Condition.total().atLeast(1.0))
        .build();
  }

  final Holder<Policy> holder = Holder.of(policy("1", "gift card"));
  TopologyTestDriver driver;
  TestInputTopic<byte[], byte[]> input;
  TestOutputTopic<byte[], byte[]> decisions;
  TestOutputTopic<byte[], byte[]> removals;
  TestOutputTopic<byte[], byte[]> deadLetters;

  @BeforeEach
  void setUp() {
    Properties p = VigilStreams.properties("vigil-test", "unused:9092");
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    driver = new TopologyTestDriver(VigilTopology.builder(holder).input("content").decisions("decisions")
        .deadLetters("dead").route("remove", "removals").maxRecordBytes(2_000).build(), p);
    ByteArraySerializer s = new ByteArraySerializer();
    ByteArrayDeserializer d = new ByteArrayDeserializer();
    input = driver.createInputTopic("content", s, s);
    decisions = driver.createOutputTopic("decisions", d, d);
    removals = driver.createOutputTopic("removals", d, d);
    deadLetters = driver.createOutputTopic("dead", d, d);
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String header(Headers h, String key) {
    Header last = h.lastHeader(key);
    return last == null ? null : new String(last.value(), StandardCharsets.UTF_8);
  }

  @Test
  void decisionsEqualDirectEvaluationAndAreRoutedByAction() {
    Content scam = Content.builder().body("pay with a gift card").author("u1").build();
    Content fine = Content.builder().body("is the bike still for sale?").author("u2").build();
    input.pipeInput(utf8("k1"), utf8(ContentJson.write("m-1", scam)));
    input.pipeInput(utf8("k2"), utf8(ContentJson.write(null, fine)));
    List<TestRecord<byte[], byte[]>> out = decisions.readRecordsToList();
    assertEquals(2, out.size());
    assertEquals(DecisionJson.toJson("m-1", holder.get().evaluate(scam)), new String(out.get(0).value(),
        StandardCharsets.UTF_8));
    assertEquals("k1", new String(out.get(0).key(), StandardCharsets.UTF_8));
    assertEquals("remove", header(out.get(0).headers(), "vigil-action"));
    assertEquals("1", header(out.get(0).headers(), "vigil-policy-version"));
    // Without an id, the decision is named by the record's coordinates.
    assertEquals(DecisionJson.toJson("content-0@1", holder.get().evaluate(fine)),
        new String(out.get(1).value(), StandardCharsets.UTF_8));
    List<TestRecord<byte[], byte[]>> removed = removals.readRecordsToList();
    assertEquals(1, removed.size());
    assertEquals("k1", new String(removed.get(0).key(), StandardCharsets.UTF_8));
    assertTrue(deadLetters.isEmpty());
  }

  @Test
  void recordsThatCannotBeScoredGoToTheDeadLetterTopicWithTheReasonAndTheirBytes() {
    byte[] notJson = utf8("{not json");
    byte[] big = utf8("{\"text\": \"" + "a".repeat(3_000) + "\"}");
    byte[] wrong = utf8("{\"fields\": 3}");
    Headers producerHeaders = new RecordHeaders().add("trace", utf8("t-9"));
    input.pipeInput(new TestRecord<>(utf8("a"), notJson, producerHeaders));
    input.pipeInput(utf8("b"), big);
    input.pipeInput(utf8("c"), wrong);
    input.pipeInput(utf8("d"), (byte[]) null);
    List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
    assertEquals(4, dead.size());
    assertTrue(header(dead.get(0).headers(), "vigil-error").startsWith("not a content record: malformed"
        + " JSON"), header(dead.get(0).headers(), "vigil-error"));
    assertEquals("t-9", header(dead.get(0).headers(), "trace"));
    assertEquals("content", header(dead.get(0).headers(), "vigil-source-topic"));
    assertEquals("0", header(dead.get(0).headers(), "vigil-source-offset"));
    assertEquals(new String(notJson, StandardCharsets.UTF_8), new String(dead.get(0).value(),
        StandardCharsets.UTF_8));
    assertEquals("the record is 3012 bytes, over the limit of 2000", header(dead.get(1).headers(),
        "vigil-error"));
    assertEquals(big.length, dead.get(1).value().length);
    assertEquals("not a content record: \"fields\" must be an object of field names to strings",
        header(dead.get(2).headers(), "vigil-error"));
    assertEquals("the record has no value", header(dead.get(3).headers(), "vigil-error"));
    assertNull(dead.get(3).value());
    assertTrue(decisions.isEmpty());
    assertEquals(4.0, metric("dead-letters-total"));
  }

  @Test
  void aFailingClassifierIsADecisionNotACrash() {
    input.pipeInput(utf8("k"), utf8(ContentJson.write(1L, Content.builder().body("hello").author("crash")
        .build())));
    String json = new String(decisions.readValue(), StandardCharsets.UTF_8);
    assertTrue(json.contains("\"failures\":[{\"signal\":\"broken\",\"mode\":\"fail-open\""), json);
    assertTrue(json.contains("IllegalStateException"), json);
    assertEquals(1.0, metric("failed-signals-total"));
    assertTrue(deadLetters.isEmpty());
  }

  @Test
  void aSwappedPolicyDecidesFromTheNextRecordAndEachDecisionNamesItsVersion() {
    Content c = Content.of("send bitcoin now");
    input.pipeInput(utf8("k"), utf8(ContentJson.write(1L, c)));
    holder.set(policy("2", "bitcoin"));
    input.pipeInput(utf8("k"), utf8(ContentJson.write(2L, c)));
    List<TestRecord<byte[], byte[]>> out = decisions.readRecordsToList();
    assertEquals("allow", header(out.get(0).headers(), "vigil-action"));
    assertEquals("1", header(out.get(0).headers(), "vigil-policy-version"));
    assertEquals("remove", header(out.get(1).headers(), "vigil-action"));
    assertEquals("2", header(out.get(1).headers(), "vigil-policy-version"));
    assertEquals(1.0, metric("decision-remove-total"));
    assertEquals(1.0, metric("decision-allow-total"));
    assertTrue(metric("evaluate-latency-avg") > 0);
  }

  @Test
  void theBuilderSaysWhatIsMissing() {
    assertEquals("a Vigil topology needs an input, a decisions and a dead-letter topic; missing:"
        + " decisions deadLetters", assertThrows(IllegalStateException.class,
            () -> VigilTopology.builder(holder).input("in").build()).getMessage());
    assertThrows(IllegalArgumentException.class, () -> VigilTopology.builder(holder).route("remove", "a")
        .route("remove", "b"));
    assertEquals("exactly_once_v2", VigilStreams.properties("a", "b:1")
        .get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
  }

  private double metric(String name) {
    double sum = 0;
    boolean found = false;
    for (java.util.Map.Entry<MetricName, ? extends Metric> e : driver.metrics().entrySet()) {
      if (e.getKey().name().equals(name) && e.getKey().group().equals("stream-vigil-metrics")) {
        sum += ((Number) e.getValue().metricValue()).doubleValue();
        found = true;
      }
    }
    assertTrue(found, () -> "no metric " + name + " among " + driver.metrics().keySet());
    return sum;
  }
}
