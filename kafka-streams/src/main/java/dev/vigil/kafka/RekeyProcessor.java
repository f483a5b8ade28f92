package dev.vigil.kafka;

import dev.vigil.behavior.Key;
import dev.vigil.json.ContentJson;
import dev.vigil.json.ContentJsonException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.jspecify.annotations.Nullable;

/**
 * Re-keys each content record by the first value of a {@link Key} (the author, an attribute), so that the
 * repartition topic puts every item of an actor in one partition, in order, before it is scored. A record
 * without the key, or that is not a content record, keeps its key: the scorer decides it or sends it to
 * the dead letters as usual. Only the key changes; the value's bytes travel untouched.
 */
final class RekeyProcessor implements Processor<byte[], byte[], byte[], byte[]> {
  static final String NAME = "vigil-rekey";
  static final String SINK = "vigil-by-actor";
  static final String SOURCE = "vigil-by-actor-source";

  private final Key key;
  private @Nullable ProcessorContext<byte[], byte[]> context;

  RekeyProcessor(Key key) {
    this.key = key;
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    ProcessorContext<byte[], byte[]> ctx = context;
    if (ctx == null) {
      throw new IllegalStateException("process before init");
    }
    byte[] newKey = record.key();
    if (record.value() != null) {
      try {
        List<String> values = key.values(ContentJson.read(record.value()).content());
        if (!values.isEmpty()) {
          newKey = values.get(0).getBytes(StandardCharsets.UTF_8);
        }
      } catch (ContentJsonException e) {
        // Not a content record: the scorer sends it to the dead letters with the reason.
      }
    }
    ctx.forward(record.withKey(newKey));
  }
}
