package dev.vigil.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.Content;
import dev.vigil.Evidence;
import dev.vigil.Signal;
import dev.vigil.internal.Invisibles;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The repeats, emoji, mixed-scripts and digit-share features read each char's classes from a table
 * (so that a post costs a table read per char, not {@code Character}'s tests and a script's binary
 * search): the table equals {@code Character}'s classes for every char of the Basic Multilingual
 * Plane, and each feature's signal equals the one its measure through {@code Character} gives (the
 * measures as they were written before the table), on texts of letters of several scripts, marks,
 * invisible chars, digits of several systems, whitespace, emoji with joiners and skin tones, surrogate
 * pairs, lone surrogates and runs.
 */
class FeatureClassTableProperties {
  @Test
  void theTableIsCharactersClassesForEveryChar() {
    for (int c = 0; c < 0x10000; c++) {
      int k = FeatureChars.tableClasses((char) c);
      int at = c;
      boolean letter = Character.isLetter(c);
      Character.UnicodeScript script = Character.UnicodeScript.of(c);
      assertEquals(letter, (k & FeatureChars.LETTER) != 0, () -> "letter " + at);
      assertEquals(letter && script == Character.UnicodeScript.LATIN,
          (k & FeatureChars.LATIN) != 0, () -> "latin " + at);
      assertEquals(letter && (script == Character.UnicodeScript.CYRILLIC
              || script == Character.UnicodeScript.GREEK || script == Character.UnicodeScript.ARMENIAN
              || script == Character.UnicodeScript.CHEROKEE),
          (k & FeatureChars.LOOKALIKE) != 0, () -> "look-alike " + at);
      assertEquals(Character.getType(c) == Character.NON_SPACING_MARK,
          (k & FeatureChars.MARK) != 0, () -> "mark " + at);
      assertEquals(Invisibles.isInvisible(c), (k & FeatureChars.INVISIBLE) != 0,
          () -> "invisible " + at);
      assertEquals(Character.isDigit(c), (k & FeatureChars.DIGIT) != 0, () -> "digit " + at);
      assertEquals(Character.isWhitespace(c), (k & FeatureChars.SPACE) != 0,
          () -> "space " + at);
    }
  }

  @Property(tries = 400)
  void repeatsEqualTheMeasureThroughCharacter(@ForAll("texts") String text) {
    check(TextFeatures.repeatedCharacters(), 4, 10, repeats(text, 4), text);
    check(TextFeatures.repeatedCharacters().between(1, 3), 1, 3, repeats(text, 1), text);
  }

  @Property(tries = 400)
  void emojiEqualTheMeasureThroughCharacter(@ForAll("texts") String text) {
    check(TextFeatures.emojiDensity(), 0.2, 0.6, emoji(text, 5), text);
    check(TextFeatures.emojiDensity().between(0, 0.3).minimum(0), 0, 0.3, emoji(text, 0), text);
  }

  @Property(tries = 400)
  void mixedScriptsEqualTheMeasureThroughCharacter(@ForAll("texts") String text) {
    check(TextFeatures.mixedScripts(), 0, 1, mixedScripts(text), text);
  }

  @Property(tries = 400)
  void digitShareEqualsTheMeasureThroughCharacter(@ForAll("texts") String text) {
    check(TextFeatures.digitShare(), 0.3, 0.8, digits(text, 8), text);
    check(TextFeatures.digitShare().between(0, 0.2).minimum(0), 0, 0.2, digits(text, 0), text);
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> pieces = Arbitraries.of("a", "b", "e", "\u00e9", "\u0430", "\u0435", "\u03bf",
        "\u0561", "\u13a0", "\u0301", "\u200b", "\u00ad", "\u202e", "\ufeff", "1", "7", "\u0660",
        "\uff11", "\ud835\udfce", " ", "\t", "\u3000", "\u00a0", "!", ".", "\u4e2d", "\ud83d\ude00",
        "\u2600", "\u2b50", "\u200d", "\ufe0f", "\ud83c\udffb", "\ud801\udc00", "\ud835\udc00", "\ud83d",
        "\ude00", "aaaaa", "\u0430\u0430\u0430\u0430", "     ", "!!!!!!", "\ud83d\ude00\ud83d\ude00\ud83d\ude00");
    return pieces.list().ofMaxSize(40).map(l -> String.join("", l));
  }

  /** The feature's signal on {@code text} against the measure (value, then start and end pairs). */
  private static void check(TextFeatures.TextFeature feature, double low, double high,
      double[] measure, String text) {
    Signal s = feature.classify(Content.of(text));
    double expected = 0;
    List<int[]> spans = new ArrayList<>();
    if (measure != null) {
      double x = measure[0];
      expected = x <= low ? 0 : x >= high ? 1 : (x - low) / (high - low);
      for (int i = 1; expected > 0 && i < measure.length; i += 2) {
        int start = (int) measure[i];
        int end = Math.min((int) measure[i + 1], start + TextFeatures.MAX_EVIDENCE_CHARS);
        end = Evidence.splitsSurrogatePair(text, end) ? end - 1 : end;
        spans.add(new int[] {start, end});
      }
    }
    assertEquals(expected, s.score(), 0.0, () -> feature + " on " + escape(text));
    assertEquals(spans.size(), s.evidenceCount(), () -> feature + " on " + escape(text));
    for (int i = 0; i < Math.min(spans.size(), Signal.MAX_EVIDENCE); i++) {
      Evidence e = s.evidence().get(i);
      int[] span = spans.get(i);
      assertEquals(span[0], e.start(), () -> feature + " on " + escape(text));
      assertEquals(span[1], e.end(), () -> feature + " on " + escape(text));
    }
  }

  private static String escape(String text) {
    StringBuilder sb = new StringBuilder();
    text.chars().forEach(c -> sb.append(c < 0x80 && c >= 0x20 ? String.valueOf((char) c)
        : String.format("\\u%04x", c)));
    return sb.toString();
  }

  private static double[] measure(double value, List<Integer> spans) {
    double[] m = new double[1 + spans.size()];
    m[0] = value;
    for (int i = 0; i < spans.size(); i++) {
      m[i + 1] = spans.get(i);
    }
    return m;
  }

  // The measures through Character, as TextFeatures wrote them before its table.

  private static double[] repeats(String text, double low) {
    int longest = 0;
    List<Integer> spans = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int start = i;
      int length = 0;
      while (i < text.length() && text.codePointAt(i) == cp) {
        i += Character.charCount(cp);
        length++;
      }
      if (Character.isWhitespace(cp)) {
        continue;
      }
      longest = Math.max(longest, length);
      if (length > low) {
        spans.add(start);
        spans.add(i);
      }
    }
    return measure(longest, spans);
  }

  private static double[] emoji(String text, int minimum) {
    int visible = 0;
    int emoji = 0;
    List<Integer> spans = new ArrayList<>();
    int runStart = -1;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      boolean joiner = cp == 0x200D || cp == 0xFE0F || (cp >= 0x1F3FB && cp <= 0x1F3FF);
      if (FeatureChars.isEmoji(cp)) {
        emoji++;
        visible++;
        if (runStart < 0) {
          runStart = i;
        }
      } else if (!(joiner && runStart >= 0)) {
        if (runStart >= 0) {
          spans.add(runStart);
          spans.add(i);
          runStart = -1;
        }
        if (!Character.isWhitespace(cp)) {
          visible++;
        }
      }
      i = next;
    }
    if (runStart >= 0) {
      spans.add(runStart);
      spans.add(text.length());
    }
    return visible < minimum || visible == 0 ? null : measure((double) emoji / visible, spans);
  }

  private static double[] mixedScripts(String text) {
    int words = 0;
    List<Integer> spans = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      if (!Character.isLetter(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      boolean latin = false;
      boolean other = false;
      while (i < text.length()) {
        int c = text.codePointAt(i);
        if (!Character.isLetter(c) && Character.getType(c) != Character.NON_SPACING_MARK
            && !Invisibles.isInvisible(c)) {
          break;
        }
        if (Character.isLetter(c)) {
          Character.UnicodeScript s = Character.UnicodeScript.of(c);
          latin |= s == Character.UnicodeScript.LATIN;
          other |= s == Character.UnicodeScript.CYRILLIC || s == Character.UnicodeScript.GREEK
              || s == Character.UnicodeScript.ARMENIAN || s == Character.UnicodeScript.CHEROKEE;
        }
        i += Character.charCount(c);
      }
      if (latin && other) {
        words++;
        spans.add(start);
        spans.add(i);
      }
    }
    return measure(words, spans);
  }

  private static double[] digits(String text, int minimum) {
    int alnum = 0;
    int digits = 0;
    List<Integer> spans = new ArrayList<>();
    int runStart = -1;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (Character.isDigit(cp)) {
        digits++;
        alnum++;
        if (runStart < 0) {
          runStart = i;
        }
      } else {
        if (runStart >= 0) {
          spans.add(runStart);
          spans.add(i);
          runStart = -1;
        }
        if (Character.isLetter(cp)) {
          alnum++;
        }
      }
      i = next;
    }
    if (runStart >= 0) {
      spans.add(runStart);
      spans.add(text.length());
    }
    return alnum < minimum || alnum == 0 ? null : measure((double) digits / alnum, spans);
  }
}
