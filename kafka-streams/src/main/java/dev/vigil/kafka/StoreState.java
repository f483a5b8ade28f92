package dev.vigil.kafka;

import static java.util.Objects.requireNonNull;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import dev.vigil.behavior.BehaviorState;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * {@link BehaviorState} in Kafka Streams state stores: the records of behaviour signals live in the store
 * of the task that processes the record, so they are partitioned with the input and survive restarts and
 * rebalances through the store's changelog topic.
 *
 * <pre>{@code
 * StoreState state = StoreState.create();
 * PolicyLoader loader = PolicyLoader.builder().behaviorState(state).build();
 * Topology t = VigilTopology.builder(Holder.of(loader.load(file).policy()))
 *     .input("dm-content").decisions("dm-decisions").deadLetters("dm-dead")
 *     .behaviorState(state, Duration.ofDays(8))
 *     .build();
 * }</pre>
 *
 * <p><b>Partitioning.</b> A record's counts are in its task's store only, so the input must be keyed by
 * what the signals count by (a DM topic keyed by sender, for rate and first-seen per author): then every
 * item of one author is in one partition, in order, and the counts are the ones one JVM would keep.
 * Signals that count across keys (distinct authors per link domain, spam waves across senders) see only
 * their partition's items: key such a topic by the link domain, or run them in one JVM.
 *
 * <p><b>What the store holds.</b> As {@code MemoryState}: a 128-bit SipHash of the signal's name and the
 * key, never the key or any text, and the record's numbers, stamped with the stream time of the record
 * that last wrote them. Records not written for longer than the retention given to the topology are
 * deleted by a sweep on stream time, which bounds the store (and its changelog) by the keys active
 * within the retention; make it longer than the longest window or age the policy uses.
 *
 * <p>Thread safety: the processor binds the task's store to its thread for the duration of one record;
 * the signals of a shared policy then reach the right store from any stream thread. Using the state
 * outside a record's processing throws {@link IllegalStateException}.
 */
public final class StoreState implements BehaviorState {
  static final String STORE = "vigil-behavior";

  private static final HashFunction HIGH = Hashing.sipHash24(0x5649474C4B414631L, 0x73746F7265313238L);
  private static final HashFunction LOW = Hashing.sipHash24(0x4B61666B61206B32L, 0x73746174650A0102L);

  private final ThreadLocal<@Nullable Binding> bound = new ThreadLocal<>();

  private StoreState() {}

  /** A state to give both the policy's signals (through the loader or the fluent API) and the topology. */
  public static StoreState create() {
    return new StoreState();
  }

  /** The store and stream time of the record being processed on this thread. */
  private record Binding(KeyValueStore<Bytes, byte[]> store, long streamTime) {}

  void bind(KeyValueStore<Bytes, byte[]> store, long streamTime) {
    bound.set(new Binding(store, streamTime));
  }

  void unbind() {
    bound.remove();
  }

  private Binding binding() {
    Binding b = bound.get();
    if (b == null) {
      throw new IllegalStateException("a StoreState is used while a Vigil topology processes a record;"
          + " this thread is processing none");
    }
    return b;
  }

  private static Bytes key(String space, String key) {
    requireNonNull(space, "space");
    requireNonNull(key, "key");
    ByteBuffer b = ByteBuffer.allocate(16);
    b.putLong(HIGH.newHasher().putInt(space.length()).putUnencodedChars(space).putUnencodedChars(key).hash()
        .asLong());
    b.putLong(LOW.newHasher().putInt(space.length()).putUnencodedChars(space).putUnencodedChars(key).hash()
        .asLong());
    return Bytes.wrap(b.array());
  }

  @Override
  public long[] update(String space, String key, RecordUpdate update) {
    requireNonNull(update, "update");
    Binding b = binding();
    Bytes k = key(space, key);
    long[] next = requireNonNull(update.apply(decode(b.store().get(k))), "the update returned null");
    b.store().put(k, encode(next, b.streamTime()));
    return next;
  }

  @Override
  public long @Nullable [] read(String space, String key) {
    return decode(binding().store().get(key(space, key)));
  }

  @Override
  public long size() {
    return binding().store().approximateNumEntries();
  }

  /** Deletes the records last written before {@code before} (stream time); returns how many. */
  static int sweep(KeyValueStore<Bytes, byte[]> store, long before) {
    int deleted = 0;
    try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
      java.util.List<Bytes> old = new java.util.ArrayList<>();
      while (it.hasNext()) {
        KeyValue<Bytes, byte[]> e = it.next();
        if (e.value != null && ByteBuffer.wrap(e.value).getLong() < before) {
          old.add(e.key);
        }
      }
      for (Bytes k : old) {
        store.delete(k);
        deleted++;
      }
    }
    return deleted;
  }

  static byte[] encode(long[] record, long stamp) {
    ByteBuffer b = ByteBuffer.allocate(8 * (record.length + 1));
    b.putLong(stamp);
    for (long v : record) {
      b.putLong(v);
    }
    return b.array();
  }

  static long @Nullable [] decode(byte @Nullable [] bytes) {
    if (bytes == null) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    b.getLong(); // the stamp
    long[] out = new long[bytes.length / 8 - 1];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.getLong();
    }
    return out;
  }

  /** The retention's check, shared with the builder. */
  static long retentionMillis(Duration retention) {
    requireNonNull(retention, "retention");
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("the behaviour state's retention must be positive but was "
          + retention);
    }
    return retention.toMillis();
  }

  @Override
  public String toString() {
    return "StoreState[" + STORE + "]";
  }
}
