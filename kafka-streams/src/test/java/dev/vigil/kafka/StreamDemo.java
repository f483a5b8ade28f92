package dev.vigil.kafka;

import dev.vigil.Holder;
import dev.vigil.Policy;
import dev.vigil.policy.PolicyFile;
import dev.vigil.policy.PolicyLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
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

/**
 * {@code ./vigil stream --demo}: starts a Kafka broker in this JVM on the loopback address, produces the
 * sample content (and one broken record) to a topic, publishes a policy (the README's marketplace-dm.yaml)
 * to the control topic,
 * runs the Vigil topology exactly-once and prints the committed decisions, one JSON line each (the
 * output of {@code vigil score}), then a summary on standard error. Needs nothing installed.
 *
 * <p>Arguments: the sample content (JSON Lines) and the policy file.
 */
public final class StreamDemo {
  private StreamDemo() {}

  @SuppressWarnings("try") // the test kit's close() may throw InterruptedException
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: StreamDemo SAMPLE.jsonl POLICY.yaml");
      System.exit(2);
    }
    List<String> sample = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank()).toList();
    Path policyFile = Path.of(args[1]);
    Path dir = Files.createTempDirectory("vigil-stream-demo");
    System.err.println("vigil: starting a Kafka broker in this JVM (KRaft, loopback only)...");
    // The broker's formatter prints to standard output, which carries only decisions here.
    java.io.PrintStream stdout = System.out;
    System.setOut(System.err);
    KafkaClusterTestKit started;
    try {
      started = InProcessBroker.start(dir.resolve("kafka"));
    } finally {
      System.setOut(stdout);
    }
    try (KafkaClusterTestKit cluster = started) {
      String bootstrap = cluster.bootstrapServers();
      try (Admin admin = cluster.admin()) {
        admin.createTopics(List.of(new NewTopic("content", 4, (short) 1),
            new NewTopic("decisions", 4, (short) 1), new NewTopic("review-queue", 1, (short) 1),
            new NewTopic("dead-letters", 1, (short) 1),
            new NewTopic("vigil-policy", 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
            .all().get();
      }
      PolicyLoader loader = PolicyLoader.defaults();
      PolicyFile first = loader.load(policyFile);
      Properties pp = new Properties();
      pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(pp, new ByteArraySerializer(),
          new ByteArraySerializer())) {
        producer.send(new ProducerRecord<>("vigil-policy", utf8("demo"),
            PolicyBundle.of(policyFile, loader).toBytes()));
        for (String line : sample) {
          producer.send(new ProducerRecord<>("content", null, utf8(line)));
        }
        producer.send(new ProducerRecord<>("content", null, utf8("{\"text\": 42}")));
        producer.flush();
      }
      System.err.println("vigil: produced " + sample.size() + " sample items and 1 broken record; policy "
          + first.name() + " v" + first.version() + " on the control topic");

      Holder<Policy> holder = Holder.of(first.policy());
      Properties sp = VigilStreams.properties("vigil-demo", bootstrap);
      sp.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(dir.resolve("state")).toString());
      sp.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
      sp.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
      Map<String, Integer> actions = new TreeMap<>();
      int dead = 0;
      try (KafkaStreams streams = new KafkaStreams(VigilTopology.builder(holder).input("content")
          .decisions("decisions").deadLetters("dead-letters").route("review", "review-queue")
          .controlTopic("vigil-policy", "demo", loader).build(), sp);
          KafkaConsumer<byte[], byte[]> reader = ExactlyOnceIntegrationTest.committedReader(bootstrap)) {
        streams.start();
        reader.subscribe(List.of("decisions", "dead-letters"));
        int decided = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while ((decided < sample.size() || dead < 1) && System.nanoTime() < deadline) {
          for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(200))) {
            if (r.topic().equals("dead-letters")) {
              dead++;
              System.err.println("vigil: dead letter: " + new String(r.headers().lastHeader("vigil-error")
                  .value(), StandardCharsets.UTF_8));
              continue;
            }
            decided++;
            System.out.println(new String(r.value(), StandardCharsets.UTF_8));
            actions.merge(new String(r.headers().lastHeader("vigil-action").value(), StandardCharsets.UTF_8),
                1, Integer::sum);
          }
        }
        System.err.println("vigil: " + decided + " decisions " + actions + ", " + dead
            + " dead letter(s), exactly once (read committed)");
      }
    } finally {
      try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
