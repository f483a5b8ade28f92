package dev.vigil.kafka;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.Holder;
import dev.vigil.Policy;
import dev.vigil.behavior.MemoryState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A measured harness (JMH does not fit a broker and a stream application): records per second through
 * the topology, exactly-once, against a KRaft broker in this JVM, with one and with two stream threads.
 * The broker, the application and the reader share the machine's cores. Off by default:
 *
 * <pre>
 * ./mvnw -pl kafka-streams test -Dtest=ThroughputHarness -Dvigil.throughput=true
 * </pre>
 */
class ThroughputHarness {
  static final int RECORDS = 200_000;

  @Test
  @SuppressWarnings("try") // the test kit's close() may throw InterruptedException
  void recordsPerSecondThroughTheTopology(@TempDir Path dir) throws Exception {
    assumeTrue(Boolean.getBoolean("vigil.throughput"), "skipped: a measurement, not a test; run it with"
        + " -Dvigil.throughput=true");
    try (KafkaClusterTestKit cluster = InProcessBroker.start(dir.resolve("kafka"))) {
      String bootstrap = cluster.bootstrapServers();
      try (Admin admin = cluster.admin()) {
        admin.createTopics(List.of(new NewTopic("content", 4, (short) 1), new NewTopic("out-0", 4, (short) 1),
            new NewTopic("out-1", 4, (short) 1), new NewTopic("out-2", 4, (short) 1),
            new NewTopic("out-3", 4, (short) 1), new NewTopic("dead", 1, (short) 1))).all().get();
      }
      long p0 = System.nanoTime();
      ExactlyOnceIntegrationTest.produce(bootstrap, RECORDS);
      double produced = RECORDS / ((System.nanoTime() - p0) / 1e9);
      StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
          "%,d records produced at %,.0f records/s%n", RECORDS, produced));
      // 1, 2, 1, 2 threads: each run reads the whole topic as a new application; alternating shows what
      // the JVM's warming up (the JIT) gives the later runs.
      int[] runs = {1, 2, 1, 2};
      for (int run = 0; run < runs.length; run++) {
        int threads = runs[run];
        Properties p = VigilStreams.properties("vigil-throughput-" + run, bootstrap);
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(dir.resolve("s" + run)).toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        Holder<Policy> holder = Holder.of(ExactlyOnceIntegrationTest.policy(MemoryState.withCapacity(10_000)));
        long start = System.nanoTime();
        try (KafkaStreams streams = new KafkaStreams(VigilTopology.builder(holder).input("content")
            .decisions("out-" + run).deadLetters("dead").build(), p);
            KafkaConsumer<byte[], byte[]> reader = ExactlyOnceIntegrationTest.committedReader(bootstrap)) {
          streams.start();
          reader.subscribe(List.of("out-" + run));
          long seen = 0;
          while (seen < RECORDS) {
            seen += reader.poll(Duration.ofMillis(100)).count();
          }
          double seconds = (System.nanoTime() - start) / 1e9;
          report.append(String.format(Locale.ROOT, "run %d, %d stream thread(s): %,d decisions committed in"
              + " %.1f s, %,.0f records/s (start-up and the first rebalance included)%n", run + 1, threads,
              RECORDS, seconds, RECORDS / seconds));
        }
      }
      System.out.print(report);
      Path out = Path.of("target", "vigil-reports");
      Files.createDirectories(out);
      Files.writeString(out.resolve("kafka-throughput.txt"), report.toString());
    }
  }
}
