package dev.vigil.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.Content;
import dev.vigil.Signal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Shouting reads each char's case from a table (so that its speed does not hang on the compiler
 * inlining {@code Character}'s tests): the table equals {@code Character}'s classes for every char of
 * the Basic Multilingual Plane, and the signal equals one measured through {@code Character} on texts
 * of cased letters of several scripts, title-case letters, surrogate pairs and lone surrogates.
 */
class ShoutingCaseTableProperties {
  @Test
  void theTableIsCharactersCaseForEveryChar() {
    for (int c = 0; c < 0x10000; c++) {
      boolean upper = Character.isUpperCase(c) || Character.isTitleCase(c);
      int expected = upper ? 1 : Character.isLowerCase(c) ? 2 : 0;
      int at = c;
      assertEquals(expected, FeatureChars.tableCase((char) c), () -> "char " + at);
    }
  }

  @Property(tries = 500)
  void shoutingEqualsTheMeasureThroughCharacter(@ForAll("texts") String text) {
    Signal s = TextFeatures.shouting().minimum(1).classify(Content.of(text));
    int cased = 0;
    int upper = 0;
    int runStart = -1;
    int bestStart = 0;
    int bestEnd = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
        cased++;
        upper++;
        runStart = runStart < 0 ? i : runStart;
        if (next - runStart > bestEnd - bestStart) {
          bestStart = runStart;
          bestEnd = next;
        }
      } else if (Character.isLowerCase(cp)) {
        cased++;
        runStart = -1;
      }
      i = next;
    }
    double share = cased == 0 ? 0 : (double) upper / cased;
    double expected = share <= 0.5 ? 0 : share >= 0.9 ? 1 : (share - 0.5) / 0.4;
    assertEquals(expected, s.score(), 1e-12, text);
    if (expected > 0 && bestEnd > bestStart) {
      assertEquals(bestStart, s.evidence().get(0).start(), text);
      assertEquals(Math.min(bestEnd, bestStart + TextFeatures.MAX_EVIDENCE_CHARS) - bestStart,
          s.evidence().get(0).end() - s.evidence().get(0).start(), text);
    }
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> pieces = Arbitraries.of("A", "b", "\u00c9", "\u00e9", "\u01c5", "\u0391", "\u03b1",
        "\u0416", "\u0436", "\ud801\udc00", "\ud801\udc28", "\ud835\udc00", "\ud83d\ude00", "\ud83d",
        "\ude00", " ", "!", "1", "\u4e2d", "\u00df", "\u2160", "\u24b6");
    return pieces.list().ofMaxSize(40).map(l -> String.join("", l));
  }
}
