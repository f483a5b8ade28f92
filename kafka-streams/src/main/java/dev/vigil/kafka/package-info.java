/**
 * Vigil on Kafka Streams: {@link dev.vigil.kafka.VigilTopology} scores content records from a topic
 * into decisions, routes them by action, and sends records it cannot score to a dead-letter topic with
 * the reason and the original bytes; {@link dev.vigil.kafka.VigilStreams} gives the configuration it is
 * meant to run with (exactly-once by default); {@link dev.vigil.kafka.PolicyBundle} carries a policy
 * and its files over a control topic; {@link dev.vigil.kafka.StoreState} keeps behaviour signals'
 * records in the tasks' state stores.
 *
 * <p>Package-private, in the order a record meets them: {@code RekeyProcessor} (re-keys by an actor
 * before a repartition topic, when asked), {@code ScoringProcessor} (decode, evaluate,
 * encode, forward; binds the task's store to {@code StoreState} for the record), {@code Metrics} (its
 * sensors in Kafka Streams' own metrics) and {@code PolicyControl} (the control topic's global-store
 * processor that swaps the policy).
 */
@NullMarked
package dev.vigil.kafka;

import org.jspecify.annotations.NullMarked;
