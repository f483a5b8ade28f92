package dev.vigil.kafka;

import static java.util.Objects.requireNonNull;

import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;

/** The configuration a {@link VigilTopology} is meant to run with. */
public final class VigilStreams {
  private VigilStreams() {}

  /**
   * Properties for an application {@code applicationId} on the brokers {@code bootstrapServers}, with
   * exactly-once processing ({@code exactly_once_v2}: every input record has exactly one decision in the
   * output, for consumers that read committed). Change {@link StreamsConfig#PROCESSING_GUARANTEE_CONFIG}
   * to {@code at_least_once} for lower latency where a decision may be repeated after a failure.
   */
  public static Properties properties(String applicationId, String bootstrapServers) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, requireNonNull(applicationId, "applicationId"));
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, requireNonNull(bootstrapServers, "bootstrapServers"));
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    return p;
  }
}
