package dev.vigil.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The streaming reader of content records equals the tree-based reader it replaced ({@link TreeReader}):
 * the same record, or the same message, for documents built from the record's keys with values of every
 * JSON type, repeated keys, nesting, broken syntax and arbitrary text.
 */
class StreamingReaderProperties {
  @Provide
  Arbitrary<String> values() {
    return Arbitraries.oneOf(
        Arbitraries.of("1", "-0", "1e2", "2.50", "123456789012345678901234567890", "true", "false", "null",
            "\"\"", "\"2026-12-02T09:30:00Z\"", "\"en-GB\"", "\"a b\"", "\"\\u00e9\\ud83d\\ude00\"", "[]",
            "[1, {\"a\": 2}]", "{}", "{\"x\": \"y\"}", "{\"x\": 1, \"y\": true, \"z\": 2.5}",
            "{\"\": \"blank\"}", "{\" \": \"s\", \"b\": \"t\", \"b\": \"u\"}", "{\"a\": \"1\", \"a\": 2}",
            "{\"k\": [1]}", "{\"a\": null}", "\"noon\""),
        Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(5).map(w -> "\"" + w + "\""));
  }

  @Provide
  Arbitrary<String> documents() {
    Arbitrary<String> key = Arbitraries.of("id", "text", "fields", "author", "time", "surface", "locale",
        "attributes", "other", "id", "text", "fields");
    Arbitrary<String> member = net.jqwik.api.Combinators.combine(key, values())
        .as((k, v) -> "\"" + k + "\": " + v);
    Arbitrary<String> object = member.list().ofMaxSize(6).map(l -> "{" + String.join(", ", l) + "}");
    return Arbitraries.oneOf(object, object, object,
        object.map(o -> o.substring(0, Math.max(1, o.length() - 1))),   // cut short
        object.map(o -> o + " trailing"),
        object.map(o -> "[" + o + "]"),
        Arbitraries.strings().all().ofMaxLength(30));
  }

  @Property(tries = 5_000)
  void theStreamingReaderEqualsTheTreeReader(@ForAll("documents") String json) {
    assertEquals(outcome(() -> TreeReader.read(json)), outcome(() -> ContentJson.read(json)), json);
  }

  @Property(tries = 200)
  void deepNestingIsRefusedAlike(@ForAll("values") String v) {
    String deep = "{\"text\": \"a\", \"other\": " + "[".repeat(ContentJson.MAX_DEPTH + 5) + v
        + "]".repeat(ContentJson.MAX_DEPTH + 5) + "}";
    assertEquals(outcome(() -> TreeReader.read(deep)), outcome(() -> ContentJson.read(deep)));
  }

  private static String outcome(java.util.function.Supplier<ContentRecord> read) {
    try {
      ContentRecord r = read.get();
      List<String> parts = new ArrayList<>();
      parts.add(String.valueOf(r.id()) + " " + (r.id() == null ? "" : r.id().getClass().getSimpleName()));
      parts.add(r.content().fields().toString());
      parts.add(String.valueOf(r.content().author()));
      parts.add(String.valueOf(r.content().time()));
      parts.add(String.valueOf(r.content().surface()));
      parts.add(String.valueOf(r.content().locale()));
      parts.add(r.content().attributes().toString());
      return String.join(" | ", parts);
    } catch (ContentJsonException e) {
      return "error: " + e.getMessage();
    }
  }
}
