package dev.vigil.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.Classifier;
import dev.vigil.ClassifierContract;
import dev.vigil.Classifiers;
import dev.vigil.Content;
import dev.vigil.Evidence;
import dev.vigil.Outcome;
import dev.vigil.Signal;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TextFeaturesTest implements ClassifierContract {

  @Override
  public Classifier classifier() {
    return Classifiers.anyOf(TextFeatures.shouting(), TextFeatures.repeatedCharacters(),
        TextFeatures.emojiDensity(), TextFeatures.mixedScripts(), TextFeatures.invisibles(),
        TextFeatures.digitShare());
  }

  @Override
  public List<String> samples() {
    return List.of("STOP SHOUTING AT ME NOW", "nooooooo!!!!!!", "\ud83d\ude00\ud83d\ude00\ud83d\ude00 ok",
        "p\u0430ypal", "sh\u200bit", "call 555 0123 4567");
  }

  private static String spans(Signal s) {
    return s.evidence().stream().map(e -> e.start() + "-" + e.end() + ":" + e.text())
        .collect(Collectors.joining(" "));
  }

  @Test
  void shoutingScoresTheUpperCaseShareAboveTheRamp() {
    Signal s = TextFeatures.shouting().classify(Content.of("STOP DOING THIS now"));
    // 13 of 16 cased letters are upper case: (0.8125 - 0.5) / 0.4
    assertEquals(0.78125, s.score(), 1e-9);
    assertEquals("0-15:STOP DOING THIS", spans(s));
    assertEquals(Outcome.NOT_MATCHED, TextFeatures.shouting().classify(Content.of("OK USA")).outcome());
    assertEquals(Outcome.MATCHED, TextFeatures.shouting().minimum(2).classify(Content.of("OK USA"))
        .outcome());
  }

  @Test
  void repeatedCharacters() {
    Signal s = TextFeatures.repeatedCharacters().classify(Content.of("nooooooo way!!!!!!!!!!"));
    assertEquals(1.0, s.score()); // the longest run, 10 '!', reaches the top of the ramp
    assertEquals("1-8:ooooooo 12-22:!!!!!!!!!!", spans(s));
    assertEquals(Outcome.NOT_MATCHED,
        TextFeatures.repeatedCharacters().classify(Content.of("good    feet")).outcome());
  }

  @Test
  void emojiDensityCountsSequencesAsOneRun() {
    String text = "win \ud83d\udcb0\ud83d\udcb0\ud83d\udcb0 now \ud83d\udc68\u200d\ud83d\udcbb";
    Signal s = TextFeatures.emojiDensity().classify(Content.of(text));
    // 5 emoji among 11 visible code points: (0.4545 - 0.2) / 0.4
    assertEquals((5.0 / 11 - 0.2) / 0.4, s.score(), 1e-9);
    assertEquals(List.of(new Evidence("body", 4, 10, "\ud83d\udcb0\ud83d\udcb0\ud83d\udcb0",
        "emoji-density", "text-feature"), new Evidence("body", 15, 20,
        "\ud83d\udc68\u200d\ud83d\udcbb", "emoji-density", "text-feature")), s.evidence());
  }

  @Test
  void mixedScriptsFindsHomoglyphWords() {
    Signal s = TextFeatures.mixedScripts().classify(Content.of("log in to p\u0430yp\u0430l now, "
        + "\u043f\u0440\u0438\u0432\u0435\u0442 friend"));
    assertEquals(1.0, s.score());
    assertEquals("10-16:p\u0430yp\u0430l", spans(s));
  }

  @Test
  void invisiblesBetweenLettersAreEvidence() {
    Signal s = TextFeatures.invisibles().classify(Content.of("sh\u200bi\u200dt, \ud83d\udc68\u200d\ud83d\udcbb"));
    assertEquals(2.0 / 3, s.score(), 1e-9);
    assertEquals(List.of(2, 4), s.evidence().stream().map(Evidence::start)
        .collect(Collectors.toList()));
  }

  @Test
  void digitShare() {
    Signal s = TextFeatures.digitShare().classify(Content.of("call 0800 555 0199 now"));
    // 11 digits of 18 letters and digits: (0.611 - 0.3) / 0.5
    assertEquals((11.0 / 18 - 0.3) / 0.5, s.score(), 1e-9);
    assertEquals("5-9:0800 10-13:555 14-18:0199", spans(s));
  }

  @Test
  void thresholdsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> TextFeatures.shouting().between(0.9, 0.5));
    assertThrows(IllegalArgumentException.class, () -> TextFeatures.digitShare().minimum(-1));
    assertEquals("shouting(0.6..0.8)", TextFeatures.shouting().between(0.6, 0.8).toString());
  }

  @Test
  void hugeRunsAreReportedByTheirStartNotCopied() {
    String text = "x" + "\ud83d\ude00".repeat(100_000);
    Signal s = TextFeatures.repeatedCharacters().classify(Content.of(text));
    Evidence e = s.evidence().get(0);
    assertEquals(1, e.start());
    assertEquals(1 + 200, e.end()); // 100 whole emoji: the cut never splits a pair
    assertEquals(text.substring(1, 201), e.text());
  }
}
