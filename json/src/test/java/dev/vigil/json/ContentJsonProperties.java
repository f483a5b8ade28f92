package dev.vigil.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Content;
import dev.vigil.Decision;
import dev.vigil.Policy;
import dev.vigil.text.TermClassifier;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Content records survive a round trip; anything else is refused with a message, never a crash. */
class ContentJsonProperties {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Provide
  Arbitrary<Content> contents() {
    Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(30);
    Arbitrary<String> name = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8);
    Arbitrary<Map<String, String>> fields = Arbitraries.maps(name, text).ofMinSize(1).ofMaxSize(3);
    Arbitrary<Map<String, String>> attributes = Arbitraries.maps(name, text).ofMaxSize(3);
    Arbitrary<Instant> time = Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L)
        .map(Instant::ofEpochSecond);
    return Combinators.combine(fields, text.injectNull(0.3), attributes, time.injectNull(0.3),
        Arbitraries.of(Locale.ENGLISH, Locale.GERMANY, Locale.forLanguageTag("pt-BR")).injectNull(0.5),
        Arbitraries.of("body-only", "fields")).as((f, author, attrs, t, locale, shape) -> {
          Content.Builder b = Content.builder();
          if (shape.equals("body-only")) {
            b.body(f.values().iterator().next());
          } else {
            f.forEach(b::field);
          }
          if (author != null) {
            b.author(author);
          }
          attrs.forEach(b::attribute);
          if (t != null) {
            b.time(t);
          }
          if (locale != null) {
            b.locale(locale).surface("comments");
          }
          return b.build();
        });
  }

  @Property(tries = 500)
  void writtenRecordsReadBackEqual(@ForAll("contents") Content content, @ForAll long id) {
    String json = ContentJson.write(id, content);
    ContentRecord back = ContentJson.read(json);
    assertEquals(content, back.content(), json);
    assertEquals(id, back.id());
    assertEquals("x-1", ContentJson.read(ContentJson.write("x-1", content)).id());
  }

  @Property(tries = 2_000)
  void anyTextIsARecordOrAContentJsonException(@ForAll String text) {
    try {
      ContentJson.read(text);
    } catch (ContentJsonException expected) {
      assertTrue(!expected.getMessage().isBlank());
    }
  }

  @Example
  void badRecordsSayWhatIsWrong() {
    Map<String, String> cases = Map.of(
        "[1]", "expected a JSON object like {\"id\": 1, \"text\": \"...\"}",
        "{\"text\": 1}", "\"text\" must be a string",
        "{\"text\": \"a\", \"fields\": {}}", "give either \"text\" or \"fields\", not both",
        "{\"id\": []}", "\"id\" must be a string or a number",
        "{\"fields\": {\"t\": 2}}", "field \"t\" must be a string",
        "{}", "missing \"text\" or \"fields\"",
        "{\"text\": \"a\", \"time\": \"noon\"}",
        "\"time\" must be an ISO-8601 instant such as 2026-12-02T09:30:00Z but is 'noon'",
        "{\"text\": \"a\", \"attributes\": {\"x\": {}}}", "attribute \"x\" must be a string, number or boolean");
    cases.forEach((json, message) -> assertEquals(message,
        assertThrows(ContentJsonException.class, () -> ContentJson.read(json)).getMessage(), json));
    String deep = "[".repeat(ContentJson.MAX_DEPTH + 10);
    assertTrue(assertThrows(ContentJsonException.class, () -> ContentJson.read(deep)).getMessage()
        .startsWith("malformed JSON"));
  }

  @Example
  void aDecisionIsOneLineOfTheDocumentedShape() throws Exception {
    Policy policy = Policy.builder("p").version("3")
        .signal(TermClassifier.of("bad", dev.vigil.text.TermMatcher.builder().add("scam").build()), "spam")
        .signal(dev.vigil.Classifier.of("never", c -> dev.vigil.Signal.notMatched()), "spam")
        .removeWhen(dev.vigil.Condition.total().atLeast(1.0)).build();
    Decision d = policy.evaluate(Content.of("a scam here"));
    String line = DecisionJson.toJson(7L, d);
    assertTrue(!line.contains("\n"));
    JsonNode j = JSON.readTree(line);
    assertEquals(7, j.get("id").asInt());
    assertEquals("remove", j.get("action").asText());
    assertEquals("p", j.get("policy").get("name").asText());
    JsonNode evidence = j.get("signals").get(0).get("evidence").get(0);
    assertEquals("scam", evidence.get("text").asText());
    assertEquals(2, evidence.get("start").asInt());
    for (String key : List.of("severity", "score", "categories", "rule", "reason", "caps", "near_misses",
        "failures", "truncated")) {
      assertTrue(j.has(key), key);
    }
    assertTrue(!JSON.readTree(DecisionJson.toJson(null, d)).has("id"));
    assertEquals(line, new String(DecisionJson.toBytes(7L, d), java.nio.charset.StandardCharsets.UTF_8));
  }
}
