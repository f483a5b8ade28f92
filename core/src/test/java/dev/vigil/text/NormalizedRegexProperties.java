package dev.vigil.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.vigil.Content;
import dev.vigil.Evidence;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A regex over normalized text reports what a reference reports (the bare pattern over
 * {@link Normalizer#units}, spans mapped back), prefilter or not, and its evidence points at the
 * original: every span's text, normalized, holds a match of the pattern.
 */
class NormalizedRegexProperties {

  private static final List<String> PATTERNS = List.of("gift cards?", "\\bpay( me)?\\b", "free",
      "cash ?app", "[a-z]+ card", "\\d{3}", "gift|pay", "(?i)wire", "e", "\\bfre+\\b", "c[a-z]{2}h",
      "gift\\s+card", "^pay");

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> piece = Arbitraries.of("gift", "g\u0456ft", "GIFT", "g\u200Bift", "gi\u00adft",
        "\uff47\uff49\uff46\uff54", "card", "cards", "c\u0430rd", "pay", "p a y", "p.a.y", "PAY", " me",
        " ", "  ", "\u3000", "free", "fr\u00e9\u00e9", "FREEEE", "cash", "app", "c\u0430sh", "555",
        "1", "w1re", "wire", "\u00df", "\ud83d\ude00", "e\u0301", "\u200D", ".", "x");
    return piece.list().ofMaxSize(10).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<Normalizer> normalizers() {
    return Arbitraries.of(Normalizer.standard(), Normalizer.aggressive(),
        Normalizer.builder().stages(Normalizer.Stage.INVISIBLES, Normalizer.Stage.LOOKALIKES).build());
  }

  @Property(tries = 2000)
  void evidenceEqualsTheReferenceOverNormalizedUnits(@ForAll("texts") String text,
      @ForAll("normalizers") Normalizer normalizer) {
    for (String pattern : PATTERNS) {
      RegexClassifier r = RegexClassifier.builder("r", pattern).category("c").normalizer(normalizer)
          .build();
      List<Evidence> got = r.classify(Content.of(text)).evidence();
      assertEquals(reference(pattern, normalizer, text), got,
          () -> pattern + " over " + normalizer + " of '" + text + "'");
    }
  }

  @Property(tries = 2000)
  void everySpanNormalizedHoldsAMatch(@ForAll("texts") String text) {
    // Per-code-point stages only: contextual ones (separators, leetspeak) read neighbours outside a span.
    Normalizer standard = Normalizer.standard();
    for (String pattern : PATTERNS) {
      RegexClassifier r = RegexClassifier.builder("r", pattern).normalizer(standard).build();
      for (Evidence e : r.classify(Content.of(text)).evidence()) {
        String form = standard.normalize(e.text());
        assertTrue(Pattern.compile(pattern).matcher(form).find() || anchored(pattern),
            () -> pattern + ": span '" + e.text() + "' of '" + text + "' normalizes to '" + form + "'");
        assertEquals(text.substring(e.start(), e.end()), e.text());
      }
    }
  }

  /** Anchors and word boundaries read chars outside the span: a span alone may not match them. */
  private static boolean anchored(String pattern) {
    return pattern.contains("^") || pattern.contains("\\b");
  }

  /**
   * The bare pattern over the normalized units, spans mapped back. Repeats are not a stage a pattern
   * reads (it says {@code e+}): the units are those of the normalizer without it.
   */
  private static List<Evidence> reference(String pattern, Normalizer normalizer, String text) {
    StringBuilder sb = new StringBuilder();
    List<int[]> spans = new ArrayList<>();
    for (Normalizer.Unit u : normalizer.withoutRepeats().units(text)) {
      assertEquals(1, u.count());
      sb.appendCodePoint(u.codePoint());
      for (int c = 0; c < Character.charCount(u.codePoint()); c++) {
        spans.add(new int[] {u.start(), u.end()});
      }
    }
    List<Evidence> out = new ArrayList<>();
    Matcher m = Pattern.compile(pattern).matcher(sb);
    while (m.find()) {
      if (m.start() == m.end()) {
        continue;
      }
      out.add(Evidence.of("body", text, spans.get(m.start())[0], spans.get(m.end() - 1)[1], "r", "c"));
    }
    return out;
  }
}
