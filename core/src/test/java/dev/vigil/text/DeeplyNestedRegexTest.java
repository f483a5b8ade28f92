package dev.vigil.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.Content;
import dev.vigil.Outcome;
import org.junit.jupiter.api.Test;

/**
 * Bug: a pattern nesting groups thousands deep (within the 20,000-char limit) made building a regex
 * classifier throw StackOverflowError, in the analyses and in RE2/J's compiler. Such patterns are now
 * refused with a clear error, before anything recurses that deep.
 */
class DeeplyNestedRegexTest {

  private static String nested(int depth) {
    return "(".repeat(depth) + "a" + ")".repeat(depth);
  }

  @Test
  void deepGroupsAreRefusedWithAClearError() {
    for (int depth : new int[] {RegexSyntax.MAX_DEPTH + 1, 5_000, 9_999}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> RegexClassifier.of("deep", "x", nested(depth)));
      assertEquals("regex 'deep' nests groups or repetitions more than 250 deep", e.getMessage());
    }
  }

  @Test
  void chainsOfQuantifiersCountToo() {
    String chain = "a" + "{1}".repeat(RegexSyntax.MAX_DEPTH + 1);
    assertTrue(RegexSyntax.read(chain).tooDeep());
    assertThrows(IllegalArgumentException.class, () -> RegexClassifier.of("chain", "x", chain));
  }

  @Test
  void nestingUpToTheLimitStillWorks() {
    RegexClassifier c = RegexClassifier.of("deep", "x", nested(RegexSyntax.MAX_DEPTH));
    assertEquals(Outcome.MATCHED, c.classify(Content.of("a b")).outcome());
    assertEquals(Outcome.NOT_MATCHED, c.classify(Content.of("b c")).outcome());
  }
}
