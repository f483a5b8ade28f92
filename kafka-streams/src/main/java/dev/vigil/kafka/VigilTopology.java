package dev.vigil.kafka;

import static java.util.Objects.requireNonNull;

import dev.vigil.Holder;
import dev.vigil.Policy;
import dev.vigil.behavior.Key;
import dev.vigil.policy.PolicyLoader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;
import org.jspecify.annotations.Nullable;

/**
 * A Kafka Streams topology that scores content records with a policy.
 *
 * <pre>{@code
 * Holder<Policy> policy = Holder.of(PolicyLoader.defaults().load(Path.of("dm.yaml")).policy());
 * Topology topology = VigilTopology.builder(policy)
 *     .input("dm-content").decisions("dm-decisions").deadLetters("dm-dead-letters")
 *     .route("review", "dm-review-queue")
 *     .build();
 * new KafkaStreams(topology, VigilStreams.properties("dm-scoring", "broker:9092")).start();
 * }</pre>
 *
 * <p><b>Records.</b> Input values are content records as {@link dev.vigil.json.ContentJson} reads them
 * (the JSON of the CLI's input); keys are passed through untouched. Every decision goes to the decisions
 * topic as the JSON {@code vigil score} prints ({@link dev.vigil.json.DecisionJson}), with the same key;
 * a decision whose action has a route goes to that topic too. A decision's id is the record's
 * {@code id}, or {@code topic-partition@offset} when it has none. Headers {@code vigil-action},
 * {@code vigil-policy-version} and {@code vigil-policy-hash} say what decided.
 *
 * <p><b>Records that cannot be scored</b> never stop the stream and are never dropped silently: a record
 * without a value, larger than {@link Builder#maxRecordBytes}, or not a content record goes to the
 * dead-letter topic with its original key and bytes, and headers {@code vigil-error} (the reason),
 * {@code vigil-source-topic}, {@code vigil-source-partition} and {@code vigil-source-offset}. A failing
 * classifier is not such a case: the policy decides as it always does (fail open or closed) and the
 * decision records the failure.
 *
 * <p><b>The policy</b> is read from its holder once per record, so swapping it ({@link Holder#set}, a
 * {@code PolicyWatcher}, or a {@link PolicyBundle} on the {@link Builder#controlTopic control topic})
 * takes effect from the next record; each decision names the version and hash it was made with.
 */
public final class VigilTopology {
  private VigilTopology() {}

  /** A builder of a topology scoring with the policy {@code policy} holds. */
  public static Builder builder(Holder<Policy> policy) {
    return new Builder(requireNonNull(policy, "policy"));
  }

  /** Configures and builds the topology. Not thread safe; the topology it builds is. */
  public static final class Builder {
    /** The largest record value scored by default: 1 MiB. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;

    private final Holder<Policy> policy;
    private @Nullable String input;
    private @Nullable String decisions;
    private @Nullable String deadLetters;
    private final Map<String, String> routes = new LinkedHashMap<>();
    private int maxRecordBytes = DEFAULT_MAX_RECORD_BYTES;
    private @Nullable String controlTopic;
    private byte @Nullable [] controlKey;
    private @Nullable PolicyLoader loader;
    private @Nullable StoreState state;
    private long retention;
    private @Nullable Key rekeyBy;
    private @Nullable String rekeyTopic;

    private Builder(Holder<Policy> policy) {
      this.policy = policy;
    }

    /** The topic of content records (required). */
    public Builder input(String topic) {
      this.input = topic(topic, "input");
      return this;
    }

    /** The topic every decision goes to (required). */
    public Builder decisions(String topic) {
      this.decisions = topic(topic, "decisions");
      return this;
    }

    /** The topic of records that could not be scored (required: they are never dropped). */
    public Builder deadLetters(String topic) {
      this.deadLetters = topic(topic, "deadLetters");
      return this;
    }

    /** Also sends the decisions whose action is {@code action} to {@code topic}. */
    public Builder route(String action, String topic) {
      requireNonNull(action, "action");
      if (action.isBlank()) {
        throw new IllegalArgumentException("route: the action must not be blank");
      }
      String t = topic(topic, "route topic");
      if (routes.putIfAbsent(action, t) != null) {
        throw new IllegalArgumentException("route: action '" + action + "' already goes to '"
            + routes.get(action) + "'");
      }
      return this;
    }

    /**
     * Record values larger than this go to the dead-letter topic unscored: a guard against a producer
     * that sends a whole document where a message was expected.
     *
     * @throws IllegalArgumentException if {@code bytes} is below 1
     */
    public Builder maxRecordBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxRecordBytes must be at least 1 but was " + bytes);
      }
      this.maxRecordBytes = bytes;
      return this;
    }

    /**
     * Takes the policy from a compacted control topic too: each record keyed {@code key} (the
     * deployment's name) whose value is a {@link PolicyBundle} is loaded with {@code loader} and, if it
     * loads, made live on every instance; one that does not load never goes live. Records with other
     * keys are ignored, so deployments can share a topic. Give the loader the application keeps (its
     * behaviour state survives the swap).
     */
    public Builder controlTopic(String topic, String key, PolicyLoader loader) {
      this.controlTopic = topic(topic, "control");
      requireNonNull(key, "key");
      if (key.isEmpty()) {
        throw new IllegalArgumentException("the control key must not be empty");
      }
      this.controlKey = key.getBytes(StandardCharsets.UTF_8);
      this.loader = requireNonNull(loader, "loader");
      return this;
    }

    /**
     * Keeps the records of the policy's behaviour signals in a persistent state store with a changelog
     * (see {@link StoreState}: the input must be keyed by what they count by), deleting those not
     * written for {@code retention} of stream time. Give the same {@code state} to the policy's signals.
     */
    public Builder behaviorState(StoreState state, java.time.Duration retention) {
      this.state = requireNonNull(state, "state");
      this.retention = StoreState.retentionMillis(retention);
      return this;
    }

    /**
     * Re-keys the input by {@code key} (usually {@link Key#author()}) through {@code topic} before scoring,
     * for input that is not keyed by what the behaviour signals count by: every item of an actor then goes
     * to one partition, in order, and its counts live in one task's store. Create {@code topic} with as
     * many partitions as the input; it is part of the application like the others (exactly-once covers
     * it). Records without the key keep theirs.
     */
    public Builder rekeyBy(Key key, String topic) {
      this.rekeyBy = requireNonNull(key, "key");
      this.rekeyTopic = topic(topic, "rekey");
      return this;
    }

    private static String topic(String topic, String what) {
      requireNonNull(topic, what);
      if (topic.isBlank()) {
        throw new IllegalArgumentException(what + " topic must not be blank");
      }
      return topic;
    }

    /**
     * The topology: a source, the scoring processor and one sink per topic.
     *
     * @throws IllegalStateException naming what is missing: the input, decisions or dead-letter topic
     */
    public Topology build() {
      if (input == null || decisions == null || deadLetters == null) {
        throw new IllegalStateException("a Vigil topology needs an input, a decisions and a dead-letter"
            + " topic; missing: " + (input == null ? "input " : "") + (decisions == null ? "decisions " : "")
            + (deadLetters == null ? "deadLetters" : "").strip());
      }
      Topology t = new Topology();
      ByteArrayDeserializer in = new ByteArrayDeserializer();
      ByteArraySerializer out = new ByteArraySerializer();
      t.addSource(ScoringProcessor.SOURCE, in, in, input);
      String scoringParent = ScoringProcessor.SOURCE;
      if (rekeyBy != null && rekeyTopic != null) {
        Key k = rekeyBy;
        t.addProcessor(RekeyProcessor.NAME, () -> new RekeyProcessor(k), ScoringProcessor.SOURCE);
        t.addSink(RekeyProcessor.SINK, rekeyTopic, out, out, RekeyProcessor.NAME);
        t.addSource(RekeyProcessor.SOURCE, in, in, rekeyTopic);
        scoringParent = RekeyProcessor.SOURCE;
      }
      Map<String, String> routeSinks = new LinkedHashMap<>();
      int i = 0;
      for (String action : routes.keySet()) {
        routeSinks.put(action, ScoringProcessor.ROUTE_PREFIX + i++);
      }
      Holder<Policy> p = policy;
      int max = maxRecordBytes;
      StoreState st = state;
      long keep = retention;
      t.addProcessor(ScoringProcessor.NAME, () -> new ScoringProcessor(p, max, routeSinks, st, keep),
          scoringParent);
      if (st != null) {
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreState.STORE),
            Serdes.Bytes(), Serdes.ByteArray()), ScoringProcessor.NAME);
      }
      t.addSink(ScoringProcessor.DECISIONS, decisions, out, out, ScoringProcessor.NAME);
      t.addSink(ScoringProcessor.DEAD_LETTERS, deadLetters, out, out, ScoringProcessor.NAME);
      for (Map.Entry<String, String> r : routes.entrySet()) {
        t.addSink(routeSinks.get(r.getKey()), r.getValue(), out, out, ScoringProcessor.NAME);
      }
      if (controlTopic != null && controlKey != null && loader != null) {
        PolicyLoader l = loader;
        byte[] key = controlKey;
        t.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PolicyControl.STORE),
                Serdes.ByteArray(), Serdes.ByteArray()).withLoggingDisabled(),
            PolicyControl.SOURCE, in, in, controlTopic, PolicyControl.NAME,
            () -> new PolicyControl(p, l, key));
      }
      return t;
    }
  }
}
