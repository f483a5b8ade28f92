package dev.vigil.kafka;

import dev.vigil.Decision;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * The scoring processor's sensors, in Kafka Streams' own metrics (so they show in JMX beside its others),
 * scope {@code vigil}, entity the task: {@code evaluate} latency (nanoseconds, average and maximum, and
 * rate and total), {@code decision-ACTION} rate and total per action, {@code failed-signals} (signals
 * that failed, summed over decisions) and {@code dead-letters}.
 */
final class Metrics {
  static final String SCOPE = "vigil";

  private final StreamsMetrics metrics;
  private final String entity;
  private final Sensor evaluate;
  private final Sensor failedSignals;
  private final Sensor deadLetters;
  private final Map<String, Sensor> actions = new HashMap<>();

  Metrics(StreamsMetrics metrics, String entity) {
    this.metrics = metrics;
    this.entity = entity;
    this.evaluate = metrics.addLatencyRateTotalSensor(SCOPE, entity, "evaluate", Sensor.RecordingLevel.INFO);
    this.failedSignals = metrics.addRateTotalSensor(SCOPE, entity, "failed-signals",
        Sensor.RecordingLevel.INFO);
    this.deadLetters = metrics.addRateTotalSensor(SCOPE, entity, "dead-letters", Sensor.RecordingLevel.INFO);
  }

  void evaluated(long nanos, Decision d) {
    evaluate.record(nanos);
    actions.computeIfAbsent(d.action().name(), a -> metrics.addRateTotalSensor(SCOPE, entity,
        "decision-" + a, Sensor.RecordingLevel.INFO)).record();
    if (!d.failures().isEmpty()) {
      failedSignals.record(d.failures().size());
    }
  }

  void deadLettered() {
    deadLetters.record();
  }
}
