package dev.vigil.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.Condition;
import dev.vigil.Content;
import dev.vigil.Holder;
import dev.vigil.Policy;
import dev.vigil.json.ContentJson;
import dev.vigil.json.DecisionJson;
import dev.vigil.links.Links;
import dev.vigil.text.Normalizer;
import dev.vigil.text.TermClassifier;
import dev.vigil.text.TermMatcher;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** Decisions through the topology equal {@code Policy.evaluate} on the same content, for random content. */
class TopologyProperties {
  static final Policy POLICY = Policy.builder("p").version("1")
      .signal(TermClassifier.of("terms", TermMatcher.builder().normalizer(Normalizer.aggressive())
          .add("scam").add("gift card").add("bitcoin").build()), "scam")
      .signal(Links.count(), "spam")
      .removeWhen(Condition.total().atLeast(1.0))
      .reviewWhen(Condition.total().atLeast(0.5))
      .build();

  @Provide
  Arbitrary<List<Content>> contents() {
    Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(60),
        Arbitraries.of("a sc4m here", "buy a GIFT card", "see https://x.example.com/a and www.y.example",
            "b.i.t.c.o.i.n"));
    return Combinators.combine(text, text, Arbitraries.strings().alpha().ofMaxLength(5).injectNull(0.3))
        .as((a, b, author) -> {
          Content.Builder c = Content.builder().field("title", a).body(b);
          if (author != null) {
            c.author(author);
          }
          return c.build();
        }).list().ofMaxSize(40);
  }

  @Property(tries = 40)
  void decisionsThroughTheTopologyEqualDirectEvaluation(@ForAll("contents") List<Content> contents) {
    Properties p = VigilStreams.properties("vigil-property", "unused:9092");
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    try (TopologyTestDriver driver = new TopologyTestDriver(VigilTopology.builder(Holder.of(POLICY))
        .input("in").decisions("out").deadLetters("dead").build(), p)) {
      TestInputTopic<byte[], byte[]> in = driver.createInputTopic("in", new ByteArraySerializer(),
          new ByteArraySerializer());
      TestOutputTopic<byte[], byte[]> out = driver.createOutputTopic("out", new ByteArrayDeserializer(),
          new ByteArrayDeserializer());
      for (int i = 0; i < contents.size(); i++) {
        in.pipeInput(ContentJson.write((long) i, contents.get(i)).getBytes(StandardCharsets.UTF_8));
      }
      List<byte[]> values = out.readValuesToList();
      assertEquals(contents.size(), values.size());
      for (int i = 0; i < contents.size(); i++) {
        assertEquals(DecisionJson.toJson((long) i, POLICY.evaluate(contents.get(i))),
            new String(values.get(i), StandardCharsets.UTF_8));
      }
    }
  }
}
