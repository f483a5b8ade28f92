package dev.vigil.kafka;

import dev.vigil.Decision;
import dev.vigil.Holder;
import dev.vigil.Policy;
import dev.vigil.json.ContentJson;
import dev.vigil.json.ContentJsonException;
import dev.vigil.json.ContentRecord;
import dev.vigil.json.DecisionJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores one record: decode the content record, evaluate the policy its holder has now, encode the
 * decision, forward it to the decisions sink (and the route of its action); anything that cannot be
 * scored goes to the dead-letter sink with the reason. Logs never hold content: only the reason and the
 * record's coordinates.
 */
final class ScoringProcessor implements Processor<byte[], byte[], byte[], byte[]> {
  static final String SOURCE = "vigil-content";
  static final String NAME = "vigil-score";
  static final String DECISIONS = "vigil-decisions";
  static final String DEAD_LETTERS = "vigil-dead-letters";
  static final String ROUTE_PREFIX = "vigil-route-";

  private static final Logger LOG = LoggerFactory.getLogger(ScoringProcessor.class);

  private final Holder<Policy> policy;
  private final int maxRecordBytes;
  private final Map<String, String> routeSinks;
  private final @Nullable StoreState state;
  private final long retention;
  private @Nullable ProcessorContext<byte[], byte[]> context;
  private @Nullable Metrics metrics;
  private @Nullable KeyValueStore<Bytes, byte[]> store;

  ScoringProcessor(Holder<Policy> policy, int maxRecordBytes, Map<String, String> routeSinks,
      @Nullable StoreState state, long retention) {
    this.policy = policy;
    this.maxRecordBytes = maxRecordBytes;
    this.routeSinks = routeSinks;
    this.state = state;
    this.retention = retention;
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    this.metrics = new Metrics(context.metrics(), context.taskId().toString());
    if (state != null) {
      KeyValueStore<Bytes, byte[]> s = context.getStateStore(StoreState.STORE);
      this.store = s;
      // Sweep records older than the retention as stream time passes: a quarter of the retention (at
      // most ten minutes) apart, so the store exceeds the keys active within the retention by little.
      long every = Math.max(1_000L, Math.min(retention / 4, 600_000L));
      context.schedule(Duration.ofMillis(every), PunctuationType.STREAM_TIME,
          now -> StoreState.sweep(s, now - retention));
    }
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    ProcessorContext<byte[], byte[]> ctx = context;
    Metrics m = metrics;
    if (ctx == null || m == null) {
      throw new IllegalStateException("process before init");
    }
    byte[] value = record.value();
    if (value == null) {
      deadLetter(ctx, m, record, "the record has no value");
      return;
    }
    if (value.length > maxRecordBytes) {
      deadLetter(ctx, m, record, "the record is " + value.length + " bytes, over the limit of "
          + maxRecordBytes);
      return;
    }
    ContentRecord content;
    try {
      content = ContentJson.read(value);
    } catch (ContentJsonException e) {
      deadLetter(ctx, m, record, "not a content record: " + e.getMessage());
      return;
    }
    Policy p = policy.get();
    long start = System.nanoTime();
    Decision d;
    KeyValueStore<Bytes, byte[]> s = store;
    if (state != null && s != null) {
      state.bind(s, record.timestamp());
    }
    try {
      d = p.evaluate(content.content());
    } catch (RuntimeException e) {
      // Policy contains classifier failures itself; this is a bug, reported without the content.
      deadLetter(ctx, m, record, "evaluation failed: " + e.getClass().getName());
      return;
    } finally {
      if (state != null) {
        state.unbind();
      }
    }
    m.evaluated(System.nanoTime() - start, d);
    Object id = content.id() != null ? content.id() : coordinates(ctx);
    byte[] json = DecisionJson.toBytes(id, d);
    Headers headers = new RecordHeaders(record.headers().toArray());
    headers.add("vigil-action", utf8(d.action().name()));
    headers.add("vigil-policy-version", utf8(d.policyVersion()));
    if (d.policyHash() != null) {
      headers.add("vigil-policy-hash", utf8(d.policyHash()));
    }
    Record<byte[], byte[]> out = new Record<>(record.key(), json, record.timestamp(), headers);
    ctx.forward(out, DECISIONS);
    String route = routeSinks.get(d.action().name());
    if (route != null) {
      ctx.forward(out, route);
    }
  }

  private void deadLetter(ProcessorContext<byte[], byte[]> ctx, Metrics m, Record<byte[], byte[]> record,
      String reason) {
    m.deadLettered();
    Headers headers = new RecordHeaders(record.headers().toArray());
    headers.add("vigil-error", utf8(reason));
    RecordMetadata meta = ctx.recordMetadata().orElse(null);
    if (meta != null) {
      headers.add("vigil-source-topic", utf8(meta.topic()));
      headers.add("vigil-source-partition", utf8(Integer.toString(meta.partition())));
      headers.add("vigil-source-offset", utf8(Long.toString(meta.offset())));
    }
    // The log says why in general terms: the details (a JSON parser's message quotes the record) stay in
    // the dead letter's header, in Kafka, where the content already is.
    int colon = reason.indexOf(':');
    LOG.warn("vigil: record {} sent to the dead-letter topic: {}", coordinates(ctx),
        colon < 0 ? reason : reason.substring(0, colon));
    ctx.forward(new Record<>(record.key(), record.value(), record.timestamp(), headers), DEAD_LETTERS);
  }

  /** {@code topic-partition@offset}, or {@code unknown} outside a record (a punctuation). */
  private static String coordinates(ProcessorContext<byte[], byte[]> ctx) {
    return ctx.recordMetadata().map(r -> r.topic() + "-" + r.partition() + "@" + r.offset())
        .orElse("unknown");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
