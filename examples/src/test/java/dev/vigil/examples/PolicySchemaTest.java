package dev.vigil.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.vigil.policy.PolicyLoader;
import dev.vigil.policy.PolicySchema;
import dev.vigil.spi.SignalKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The JSON Schema of policy files, published in {@code schema/vigil-policy.schema.json} for editors:
 * it is exactly what {@link PolicySchema} generates from Vigil's kinds (core and lucene-matchers), every
 * example policy validates against it (read as YAML 1.2, as the loader reads it), and it flags the
 * mistakes an editor should underline while an analyst types.
 */
class PolicySchemaTest {
  static final Path SCHEMA = Path.of("..", "schema", "vigil-policy.schema.json");
  private static final ObjectMapper JSON = new ObjectMapper();

  static List<SignalKind> vigilKinds() {
    List<SignalKind> kinds = new ArrayList<>();
    for (SignalKind k : PolicyLoader.defaults().kinds().values()) {
      if (!k.getClass().getName().startsWith("dev.vigil.examples.")) {
        kinds.add(k);
      }
    }
    return kinds;
  }

  @Test
  void publishedSchemaIsTheOneGeneratedFromVigilsKinds() throws Exception {
    String generated = PolicySchema.generate(vigilKinds());
    String published = Files.readString(SCHEMA, StandardCharsets.UTF_8);
    if (!generated.equals(published)) {
      Path fresh = Path.of("target", "vigil-policy.schema.json");
      Files.writeString(fresh, generated, StandardCharsets.UTF_8);
      assertEquals(published, generated, "schema/vigil-policy.schema.json is stale: a kind or the format"
          + " changed; copy examples/" + fresh + " over it");
    }
    assertTrue(vigilKinds().size() >= 20, "core and lucene-matchers kinds: " + vigilKinds().size());
  }

  static JsonSchema schema() throws Exception {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
        .getSchema(Files.readString(SCHEMA, StandardCharsets.UTF_8));
  }

  /** A policy file as the loader sees it (YAML 1.2 core schema), as a JSON tree. */
  static JsonNode yaml(String text) {
    Object value = new Load(LoadSettings.builder().setSchema(new CoreSchema()).build()).loadFromString(text);
    return JSON.valueToTree(value);
  }

  @Test
  void everyExamplePolicyValidates() throws Exception {
    JsonSchema schema = schema();
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of("policies"))) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertEquals(5, files.size(), files.toString());
    for (Path f : files) {
      Set<ValidationMessage> errors = schema.validate(yaml(Files.readString(f, StandardCharsets.UTF_8)));
      assertEquals(Set.of(), errors, f.toString());
    }
  }

  @Test
  void theSchemaFlagsWhatAnEditorShouldUnderline() throws Exception {
    JsonSchema schema = schema();
    String base = "policy: p\ncategories: {spam: }\nsignals:\n  %s\nrules: ['review when total >= 0.5']\n";
    assertEquals(Set.of(), schema.validate(yaml(String.format(base,
        "links: {kind: links.count, between: [0, 2], category: spam}"))));
    assertEquals(Set.of(), schema.validate(yaml(String.format(base,
        "mine: {kind: acme.reputation, threshold: 3, category: spam}"))), "a team's own kind");
    for (String wrong : List.of(
        "links: {kind: links.count, betwen: [0, 2], category: spam}",
        "links: {kind: links.count, between: [0], category: spam}",
        "links: {kind: links.count}",
        "r: {kind: regex, category: spam}",
        "r: {kind: regex, pattern: x, score: 2, category: spam}",
        "c: {expression: 'allOf(a, b)', kind: regex, category: spam}",
        "q: {kind: lucene.queries, analyzer: klingon, category: spam}")) {
      assertTrue(!schema.validate(yaml(String.format(base, wrong))).isEmpty(), wrong);
    }
    assertTrue(!schema.validate(yaml("policy: p\ncategories: {}\nsignals: {}\nrules: ['remove if total > 1']\n"))
        .isEmpty(), "a rule that does not read as a rule");
    assertTrue(!schema.validate(yaml("policy: p\ncategories: {}\nsignals: {}\nsetings: {}\n")).isEmpty());
  }
}
