package dev.vigil.benchmarks;

import dev.vigil.Content;
import dev.vigil.Decision;
import dev.vigil.Holder;
import dev.vigil.Policy;
import dev.vigil.json.ContentJson;
import dev.vigil.json.DecisionJson;
import dev.vigil.kafka.VigilStreams;
import dev.vigil.kafka.VigilTopology;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the Kafka Streams topology adds to a full-policy evaluation ({@link PolicyBenchmark}'s policy on its
 * 280-char posts), in Kafka's {@code TopologyTestDriver} (no broker, no network):
 * <ul>
 *   <li>{@code evaluate}: {@code Policy.evaluate} on the content, the baseline;
 *   <li>{@code encode}: the decision (evaluated before the run) encoded as the JSON of {@code vigil
 *       score}, alone;
 *   <li>{@code codec}: the content record decoded from JSON bytes, evaluated, the decision encoded as the
 *       JSON of {@code vigil score}: what the topology's processor does;
 *   <li>{@code topology}: a record piped through the whole topology (source, processor, sink, headers,
 *       metrics) and its decision read from the output topic;
 *   <li>{@code driverFloor}: the same record piped through a topology whose processor forwards the
 *       record's bytes unchanged, in a driver of its own: what the driver costs whatever a topology
 *       does, the least any topology can add to {@code evaluate} in it.
 * </ul>
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar TopologyBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TopologyBenchmark {
  private static final int POSTS = 1024;

  private Policy policy;
  private Content[] contents;
  private Decision[] decisions;
  private byte[][] records;
  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> input;
  private TestOutputTopic<byte[], byte[]> output;
  private TopologyTestDriver floorDriver;
  private TestInputTopic<byte[], byte[]> floorInput;
  private TestOutputTopic<byte[], byte[]> floorOutput;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    PolicyBenchmark posts = new PolicyBenchmark();
    posts.length = 280;
    posts.setUp();
    String[] texts = posts.texts();
    policy = PolicyBenchmark.policy(posts.smallList(), posts.largeList(), true);
    contents = new Content[POSTS];
    records = new byte[POSTS][];
    decisions = new Decision[POSTS];
    for (int i = 0; i < POSTS; i++) {
      contents[i] = Content.builder().body(texts[i]).author("user-" + (i % 100)).build();
      records[i] = ContentJson.write((long) i, contents[i]).getBytes(StandardCharsets.UTF_8);
      decisions[i] = policy.evaluate(contents[i]);
    }
    Properties p = VigilStreams.properties("vigil-bench", "unused:9092");
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    driver = new TopologyTestDriver(VigilTopology.builder(Holder.of(policy)).input("in").decisions("out")
        .deadLetters("dead").build(), p);
    input = driver.createInputTopic("in", new ByteArraySerializer(), new ByteArraySerializer());
    output = driver.createOutputTopic("out", new ByteArrayDeserializer(), new ByteArrayDeserializer());
    // The topology decides as the policy does, so the rows compare the same work.
    for (int i = 0; i < POSTS; i++) {
      input.pipeInput(records[i]);
      String expected = DecisionJson.toJson((long) i, policy.evaluate(contents[i]));
      if (!expected.equals(new String(output.readValue(), StandardCharsets.UTF_8))) {
        throw new IllegalStateException("the topology decided post " + i + " otherwise");
      }
    }
    floorDriver = new TopologyTestDriver(forwardingTopology(), p);
    floorInput = floorDriver.createInputTopic("in", new ByteArraySerializer(), new ByteArraySerializer());
    floorOutput = floorDriver.createOutputTopic("out", new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  /** Source, a processor that forwards each record as it came, sink: the driver's own cost per record. */
  static Topology forwardingTopology() {
    Topology t = new Topology();
    t.addSource("in", "in");
    t.addProcessor("forward", () -> new Processor<byte[], byte[], byte[], byte[]>() {
      private ProcessorContext<byte[], byte[]> context;

      @Override
      public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
      }

      @Override
      public void process(Record<byte[], byte[]> record) {
        context.forward(record);
      }
    }, "in");
    t.addSink("out", "out", "forward");
    return t;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    driver.close();
    floorDriver.close();
  }

  @Benchmark
  public Decision evaluate() {
    return policy.evaluate(contents[next++ & (POSTS - 1)]);
  }

  @Benchmark
  public byte[] encode() {
    int i = next++ & (POSTS - 1);
    return DecisionJson.toBytes((long) i, decisions[i]);
  }

  @Benchmark
  public byte[] codec() {
    int i = next++ & (POSTS - 1);
    Content c = ContentJson.read(records[i]).content();
    return DecisionJson.toBytes((long) i, policy.evaluate(c));
  }

  @Benchmark
  public byte[] topology() {
    input.pipeInput(records[next++ & (POSTS - 1)]);
    return output.readValue();
  }

  @Benchmark
  public byte[] driverFloor() {
    floorInput.pipeInput(records[next++ & (POSTS - 1)]);
    return floorOutput.readValue();
  }
}
