package dev.vigil.kafka;

import dev.vigil.Holder;
import dev.vigil.Policy;
import dev.vigil.policy.PolicyException;
import dev.vigil.policy.PolicyFile;
import dev.vigil.policy.PolicyLoader;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the policy holder current from the control topic, in Kafka Streams' global thread: every
 * instance of a deployment reads the whole (compacted) topic, so all of them score with the same
 * version. Only records keyed with the deployment's control key count. A bundle that does not load is
 * logged (its problems' count and the first, never content) and counted, and the policy that was live
 * stays live. At start, after Kafka Streams has restored the global store from the topic, the latest
 * bundle for the key is loaded: an instance that restarts scores with the version the others have.
 */
final class PolicyControl implements Processor<byte[], byte[], Void, Void> {
  static final String STORE = "vigil-policy-bundles";
  static final String SOURCE = "vigil-policy-source";
  static final String NAME = "vigil-policy-control";

  private static final Logger LOG = LoggerFactory.getLogger(PolicyControl.class);

  private final Holder<Policy> holder;
  private final PolicyLoader loader;
  private final byte[] key;
  // Set in init, before any record.
  private KeyValueStore<byte[], byte[]> store;
  private Sensor swaps;
  private Sensor rejected;

  PolicyControl(Holder<Policy> holder, PolicyLoader loader, byte[] key) {
    this.holder = holder;
    this.loader = loader;
    this.key = key;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.store = context.getStateStore(STORE);
    this.swaps = context.metrics().addRateTotalSensor(Metrics.SCOPE, "control", "policy-swaps",
        Sensor.RecordingLevel.INFO);
    this.rejected = context.metrics().addRateTotalSensor(Metrics.SCOPE, "control", "policy-rejected",
        Sensor.RecordingLevel.INFO);
    byte[] restored = store.get(key);
    if (restored != null) {
      apply(restored);
    }
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    if (record.value() == null || record.key() == null || !java.util.Arrays.equals(record.key(), key)) {
      return; // a tombstone, or another deployment's policy: the live policy stays
    }
    if (apply(record.value())) {
      store.put(key, record.value());
    }
  }

  /** Loads a bundle and makes it live; false (after reporting) when it does not load. */
  private boolean apply(byte[] value) {
    PolicyFile f;
    try {
      f = PolicyBundle.fromBytes(value).load(loader);
    } catch (PolicyException e) {
      reject(e.problems().size() + " problem(s), the first: " + e.problems().get(0));
      return false;
    } catch (IllegalArgumentException e) {
      reject(String.valueOf(e.getMessage()));
      return false;
    }
    holder.set(f.policy());
    swaps.record();
    LOG.info("vigil: policy {} v{} ({}) is live from the control topic", f.name(), f.version(),
        f.contentHash().substring(0, 12));
    return true;
  }

  private void reject(String why) {
    rejected.record();
    LOG.warn("vigil: a policy from the control topic did not load; the live one stays: {}", why);
  }
}
