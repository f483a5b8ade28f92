package dev.vigil.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.policy.PolicyFile;
import dev.vigil.policy.PolicyLint;
import dev.vigil.policy.PolicyLoader;
import dev.vigil.policy.PolicySchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's section on policy files stays true: its annotated policy is {@code
 * examples/policies/marketplace-dm.yaml}, which loads, lints clean and passes its tests, and its table
 * of kinds is the one generated from the kinds' own declarations.
 */
class ReadmePolicyFilesTest {
  static String readme() throws Exception {
    return Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
  }

  static String between(String text, String start, String end) {
    int i = text.indexOf(start);
    int j = text.indexOf(end, i + 1);
    if (i < 0 || j < 0) {
      throw new AssertionError("README lacks the markers " + start + " ... " + end);
    }
    return text.substring(i + start.length(), j);
  }

  @Test
  void theAnnotatedPolicyIsTheExampleFile() throws Exception {
    Path file = Path.of("policies", "marketplace-dm.yaml");
    assertEquals("\n```yaml\n" + Files.readString(file, StandardCharsets.UTF_8) + "```\n",
        between(readme(), "<!-- marketplace-dm.yaml -->", "<!-- end of marketplace-dm.yaml -->"));
    PolicyFile f = PolicyLoader.defaults().load(file);
    assertEquals(List.of(), PolicyLint.check(f));
    f.runTests().forEach(r -> assertEquals(List.of(), r.failures(), r.test().name()));
    assertEquals(7, f.tests().size());
  }

  @Test
  void theTableOfKindsIsGeneratedFromTheirDeclarations() throws Exception {
    String generated = "\n" + PolicySchema.reference(PolicySchemaTest.vigilKinds());
    String published = between(readme(), "<!-- kinds -->", "<!-- end of kinds -->");
    if (!generated.equals(published)) {
      Path fresh = Path.of("target", "kinds-table.md");
      Files.writeString(fresh, generated, StandardCharsets.UTF_8);
      assertEquals(generated, published, "README's table of kinds is stale: paste examples/" + fresh
          + " between its markers");
    }
  }
}
