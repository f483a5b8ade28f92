/**
 * Vigil on Kafka Streams: {@link dev.vigil.kafka.VigilTopology} scores content records from a topic
 * into decisions, routes them by action, and sends records it cannot score to a dead-letter topic with
 * the reason and the original bytes; {@link dev.vigil.kafka.VigilStreams} gives the configuration it is
 * meant to run with (exactly-once by default).
 *
 * <p>Package-private: {@code ScoringProcessor} (one record: decode, evaluate, encode, forward) and
 * {@code Metrics} (its sensors in Kafka Streams' own metrics).
 */
@NullMarked
package dev.vigil.kafka;

import org.jspecify.annotations.NullMarked;
