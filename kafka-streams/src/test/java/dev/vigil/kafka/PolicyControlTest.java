package dev.vigil.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.Content;
import dev.vigil.Holder;
import dev.vigil.Policy;
import dev.vigil.json.ContentJson;
import dev.vigil.policy.PolicyException;
import dev.vigil.policy.PolicyFile;
import dev.vigil.policy.PolicyLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Policy delivery through the control topic: a bundle that loads goes live from the next record with its
 * version and hash in every decision; one that does not load never does; other deployments' keys are
 * ignored; a bundle carries the policy's list files byte for byte.
 */
class PolicyControlTest {
  static final String POLICY = "policy: dm\nversion: \"%s\"\ncategories: {scam: }\n"
      + "lists:\n  scam: {type: terms, file: scam.txt}\n"
      + "signals:\n  scam: {kind: terms, lists: scam, category: scam}\n"
      + "rules: ['remove when total >= 1']\n";

  static PolicyBundle bundle(String version, String terms) {
    return PolicyBundle.of("dm.yaml", Map.of("dm.yaml", String.format(POLICY, version)
        .getBytes(StandardCharsets.UTF_8), "scam.txt", terms.getBytes(StandardCharsets.UTF_8)));
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aBundleOnTheControlTopicGoesLiveAndABrokenOneNever() {
    PolicyLoader loader = PolicyLoader.defaults();
    PolicyFile first = bundle("1", "gift card\n").load(loader);
    Holder<Policy> holder = Holder.of(first.policy());
    Properties p = VigilStreams.properties("vigil-control-test", "unused:9092");
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    try (TopologyTestDriver driver = new TopologyTestDriver(VigilTopology.builder(holder).input("in")
        .decisions("out").deadLetters("dead").controlTopic("vigil-policy", "dm-scoring", loader).build(), p)) {
      ByteArraySerializer s = new ByteArraySerializer();
      TestInputTopic<byte[], byte[]> in = driver.createInputTopic("in", s, s);
      TestInputTopic<byte[], byte[]> control = driver.createInputTopic("vigil-policy", s, s);
      TestOutputTopic<byte[], byte[]> out = driver.createOutputTopic("out", new ByteArrayDeserializer(),
          new ByteArrayDeserializer());
      byte[] item = utf8(ContentJson.write(1L, Content.of("send bitcoin to win")));

      in.pipeInput(item);
      control.pipeInput(utf8("dm-scoring"), bundle("2", "bitcoin\n").toBytes());
      in.pipeInput(item);
      // Broken (an unknown kind), and another deployment's: neither goes live.
      control.pipeInput(utf8("dm-scoring"), utf8("{\"policy\": \"dm.yaml\", \"files\": {\"dm.yaml\": \""
          + java.util.Base64.getEncoder().encodeToString(utf8("policy: dm\nsignals:\n  x: {kind: nope}\n"))
          + "\"}}"));
      control.pipeInput(utf8("dm-scoring"), utf8("not json"));
      control.pipeInput(utf8("other-deployment"), bundle("9", "send\n").toBytes());
      in.pipeInput(item);

      List<TestRecord<byte[], byte[]>> decisions = out.readRecordsToList();
      assertEquals(List.of("allow 1", "remove 2", "remove 2"), decisions.stream()
          .map(r -> VigilTopologyTest.header(r.headers(), "vigil-action") + " "
              + VigilTopologyTest.header(r.headers(), "vigil-policy-version")).toList());
      String hash2 = bundle("2", "bitcoin\n").load(PolicyLoader.defaults()).contentHash();
      assertEquals(hash2, VigilTopologyTest.header(decisions.get(2).headers(), "vigil-policy-hash"));
      assertEquals(1.0, metric(driver, "policy-swaps-total"));
      assertEquals(2.0, metric(driver, "policy-rejected-total"));
    }
  }

  @Test
  void aBundleOfAFileOnDiskCarriesItsListsAndLoadsWithTheSameHash(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("dm.yaml"), String.format(POLICY, "7"));
    Files.writeString(dir.resolve("scam.txt"), "gift card\nbitcoin\n");
    PolicyBundle b = PolicyBundle.of(dir.resolve("dm.yaml"), PolicyLoader.defaults());
    assertEquals("dm.yaml", b.policy());
    assertEquals(List.of("dm.yaml", "scam.txt"), List.copyOf(b.files().keySet()));
    PolicyBundle back = PolicyBundle.fromBytes(b.toBytes());
    assertArrayEquals(Files.readAllBytes(dir.resolve("scam.txt")), back.files().get("scam.txt"));
    assertEquals(PolicyLoader.defaults().load(dir.resolve("dm.yaml")).contentHash(),
        back.load(PolicyLoader.defaults()).contentHash());
    // A broken policy is refused before it reaches the topic.
    Files.writeString(dir.resolve("dm.yaml"), "policy: dm\nsignals:\n  x: {kind: nope}\n");
    assertThrows(PolicyException.class, () -> PolicyBundle.of(dir.resolve("dm.yaml"),
        PolicyLoader.defaults()));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PolicyBundle.fromBytes(utf8("{}")))
        .getMessage().startsWith("a policy bundle is {"));
  }

  static double metric(TopologyTestDriver driver, String name) {
    double sum = 0;
    for (Map.Entry<MetricName, ? extends Metric> e : driver.metrics().entrySet()) {
      if (e.getKey().name().equals(name)) {
        sum += ((Number) e.getValue().metricValue()).doubleValue();
      }
    }
    return sum;
  }
}
