package dev.vigil.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz targets for the normalizer and the term matcher. In a normal test run ({@code ./mvnw verify})
 * Jazzer replays the seeds in {@code src/test/resources/dev/vigil/text/NormalizerFuzzTestInputs}; to
 * fuzz for real, one target per JVM:
 *
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl core test -Dtest=NormalizerFuzzTest#matcherAgreesWithTheReference
 * </pre>
 */
class NormalizerFuzzTest {
  private static final List<Normalizer> PRESETS = List.of(Normalizer.none(), Normalizer.standard(),
      Normalizer.aggressive());

  @FuzzTest(maxDuration = "30s")
  void normalizerUnitsStayInsideTheText(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    for (Normalizer n : PRESETS) {
      int previousStart = 0;
      for (Normalizer.Unit u : n.units(text)) {
        assertTrue(0 <= u.start() && u.start() < u.end() && u.end() <= text.length(), u::toString);
        assertTrue(u.start() >= previousStart, u::toString); // in text order
        previousStart = u.start();
      }
    }
  }

  @FuzzTest(maxDuration = "30s")
  void matcherAgreesWithTheReference(FuzzedDataProvider data) {
    Normalizer n = PRESETS.get(data.consumeInt(0, 2));
    List<Term> terms = new ArrayList<>();
    int count = data.consumeInt(1, 4);
    for (int i = 0; i < count; i++) {
      String t = data.consumeString(6);
      MatchMode mode = MatchMode.values()[data.consumeInt(0, 3)];
      if (!t.isEmpty() && !n.units(t).isEmpty()) {
        terms.add(new Term("t" + i, t, "fuzz", 1.0, mode));
      }
    }
    // The word index (default, off, or with keys of one to three symbols), the read path (the
    // default, or chunks of one or five chars) and the cut scans.
    int wordIndex = data.consumeInt(-1, 3);
    int chunk = new int[] {-1, 1, 5}[data.consumeInt(0, 2)];
    int dualFrom = data.consumeBoolean() ? 1 : -1; // texts of any length cut in two, or the defaults
    String text = data.consumeRemainingAsString();
    if (terms.isEmpty()) {
      return;
    }
    TermMatcher m = TermMatcher.builder().normalizer(n).addAll(terms)
        .tuning(MatcherTuning.DEFAULT.wordIndex(wordIndex).scanChunk(chunk).dualScanFrom(dualFrom))
        .build();
    List<NaiveTermMatcher.Hit> actual = new ArrayList<>();
    m.match(text, (t, s, e) -> actual.add(new NaiveTermMatcher.Hit(t, s, e)));
    actual.sort(null);
    assertEquals(new NaiveTermMatcher(n, terms, List.of()).find(text), actual);
  }
}
