package dev.vigil.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Every English term of LDNOOBW, evaded in each way and embedded in a sentence, is found: 100% for the
 * kinds of evasion a preset claims. Look-alike letters come from Unicode's confusables.txt, not from
 * Vigil's own table.
 */
class EvasionTest {
  private static List<String> terms;
  private static Map<Integer, List<Integer>> confusables; // Latin lower-case letter -> imitators

  /** Reads the data once; skips the calling test, saying what is missing, when it is absent. */
  private static synchronized void load() throws IOException {
    Path en = SharedData.require("ldnoobw/en");
    Path conf = SharedData.require("unicode-security-17.0.0/confusables.txt");
    if (terms != null) {
      return;
    }
    terms = new ArrayList<>();
    for (String line : Files.readAllLines(en)) {
      if (!line.isBlank()) {
        terms.add(line.strip());
      }
    }
    confusables = new TreeMap<>();
    for (Confusables.Pair pair : Confusables.toLatinLettersAndDigits(conf)) {
      int s = pair.source();
      int t = pair.target();
      if (!(t >= 'a' && t <= 'z' || t >= 'A' && t <= 'Z') || !Character.isLetter(s)
          || !claimedScript(s)) {
        continue;
      }
      // Capital I-forms imitate both I and l; folding takes them to i, as it does Latin I.
      String base = java.text.Normalizer.normalize(Character.toString(s),
          java.text.Normalizer.Form.NFKD);
      if (Character.toLowerCase(t) == 'l' && Character.isUpperCase(base.codePointAt(0))) {
        continue;
      }
      confusables.computeIfAbsent(Character.toLowerCase(t), k -> new ArrayList<>()).add(s);
    }
  }

  /** The scripts whose look-alikes the presets claim (mathematical and fullwidth forms included). */
  private static boolean claimedScript(int cp) {
    Character.UnicodeScript s = Character.UnicodeScript.of(cp);
    return cp < 0x1D200 && (s == Character.UnicodeScript.CYRILLIC
        || s == Character.UnicodeScript.GREEK || s == Character.UnicodeScript.ARMENIAN
        || s == Character.UnicodeScript.CHEROKEE)
        || cp >= 0x1D400 && cp <= 0x1D7FF || cp >= 0xFF01 && cp <= 0xFF5E;
  }

  // ---- evasions: each turns a term into an evaded variant ----

  private static String mapLetters(String term, java.util.function.IntUnaryOperator f) {
    StringBuilder sb = new StringBuilder();
    term.codePoints().forEach(c -> sb.appendCodePoint(c >= 'a' && c <= 'z' ? f.applyAsInt(c) : c));
    return sb.toString();
  }

  private static String interleave(String term, String... fillers) {
    StringBuilder sb = new StringBuilder();
    int[] cps = term.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      sb.appendCodePoint(cps[i]);
      if (i + 1 < cps.length && Character.isLetter(cps[i]) && Character.isLetter(cps[i + 1])) {
        sb.append(fillers[i % fillers.length]);
      }
    }
    return sb.toString();
  }

  private static final Map<String, BiFunction<String, SplittableRandom, String>> EVASIONS =
      new LinkedHashMap<>();

  static {
    EVASIONS.put("case", (t, r) -> r.nextBoolean() ? t.toUpperCase(java.util.Locale.ROOT)
        : Character.toUpperCase(t.charAt(0)) + t.substring(1));
    EVASIONS.put("compatibility", (t, r) -> {
      int kind = r.nextInt(3);
      return mapLetters(t, c -> kind == 0 ? 0xFF41 + c - 'a' : kind == 1 ? 0x1D41A + c - 'a'
          : 0x24D0 + c - 'a');
    });
    EVASIONS.put("diacritics", (t, r) -> mapLetters(t, c -> c).codePoints()
        .collect(StringBuilder::new, (sb, c) -> {
          sb.appendCodePoint(c);
          if (c >= 'a' && c <= 'z') {
            sb.append(r.nextBoolean() ? "\u0301" : "\u0308");
          }
        }, StringBuilder::append).toString());
    EVASIONS.put("invisibles", (t, r) -> interleave(t, "\u200b", "\u200d", "\u00ad", "\u2060",
        "\ufe0f"));
    EVASIONS.put("lookalikes", (t, r) -> mapLetters(t, c -> {
      List<Integer> options = confusables.get(c);
      return options == null ? c : options.get(r.nextInt(options.size()));
    }));
    EVASIONS.put("leetspeak", (t, r) -> {
      // Every second letter of each word, so each substitute stands next to a letter.
      StringBuilder sb = new StringBuilder();
      int inWord = 0;
      for (char c : t.toCharArray()) {
        inWord = Character.isLetter(c) ? inWord + 1 : 0;
        String leet = "aeiostbg".indexOf(c) >= 0 && inWord % 2 == 0
            ? String.valueOf("43105789".charAt("aeiostbg".indexOf(c))) : String.valueOf(c);
        sb.append(c == 's' && inWord % 2 == 0 && r.nextBoolean() ? "$" : leet);
      }
      return sb.toString();
    });
    EVASIONS.put("separators", (t, r) -> {
      String sep = new String[] {".", " ", "-", " . ", "*"}[r.nextInt(5)];
      StringBuilder sb = new StringBuilder();
      for (String word : t.split(" ")) {
        if (sb.length() > 0) {
          sb.append("  ");
        }
        sb.append(word.length() >= 3 && word.chars().allMatch(Character::isLetter)
            ? String.join(sep, word.split("")) : word);
      }
      return sb.toString();
    });
    EVASIONS.put("repeats", (t, r) -> {
      StringBuilder sb = new StringBuilder();
      for (char c : t.toCharArray()) {
        sb.append(c);
        if ("aeiou".indexOf(c) >= 0) {
          sb.append(String.valueOf(c).repeat(1 + r.nextInt(4)));
        }
      }
      return sb.toString();
    });
    EVASIONS.put("standard-combined", (t, r) -> EVASIONS.get("invisibles").apply(
        EVASIONS.get("lookalikes").apply(EVASIONS.get("case").apply(t, r), r), r));
    EVASIONS.put("aggressive-combined", (t, r) -> EVASIONS.get("lookalikes").apply(
        EVASIONS.get("repeats").apply(EVASIONS.get("leetspeak").apply(t, r), r), r));
  }

  private static final Set<String> STANDARD_CLAIMS = Set.of("case", "compatibility", "diacritics",
      "invisibles", "lookalikes", "standard-combined");

  /** Runs every evasion against one preset; returns kind -> {found, total}. */
  private static Map<String, int[]> run(Normalizer normalizer, List<String> failures) {
    TermMatcher m = TermMatcher.builder().normalizer(normalizer)
        .addAll(terms.stream().map(Term::of).collect(java.util.stream.Collectors.toList()))
        .build();
    Map<String, int[]> found = new LinkedHashMap<>();
    for (Map.Entry<String, BiFunction<String, SplittableRandom, String>> e : EVASIONS.entrySet()) {
      SplittableRandom random = new SplittableRandom(7);
      int[] f = new int[2];
      for (String term : terms) {
        String variant = e.getValue().apply(term, random);
        String sentence = "well, " + variant + " is what they said";
        String normalized = normalizer.normalize(term);
        boolean hit = m.find(sentence).stream()
            .anyMatch(h -> normalizer.normalize(h.term().text()).equals(normalized));
        f[0] += hit ? 1 : 0;
        f[1]++;
        boolean claimed = normalizer != Normalizer.standard() || STANDARD_CLAIMS.contains(e.getKey());
        if (!hit && claimed && failures.size() < 40) {
          failures.add(normalizer + "/" + e.getKey() + ": '" + term + "' as '" + variant + "' -> '"
              + normalizer.normalize(sentence) + "'");
        }
      }
      found.put(e.getKey(), f);
    }
    return found;
  }

  @Test
  void everyTermIsFoundUnderEveryEvasionThePresetClaims() throws IOException {
    load();
    List<String> failures = new ArrayList<>();
    Map<String, int[]> standard = run(Normalizer.standard(), failures);
    Map<String, int[]> aggressive = run(Normalizer.aggressive(), failures);
    StringBuilder report = new StringBuilder(String.format(
        "%-20s %10s %10s   (%d LDNOOBW English terms, each in a sentence)%n", "evasion", "standard",
        "aggressive", terms.size()));
    for (String kind : EVASIONS.keySet()) {
      int[] s = standard.get(kind);
      int[] a = aggressive.get(kind);
      report.append(String.format("%-20s %9.1f%% %9.1f%%%n", kind, 100.0 * s[0] / s[1],
          100.0 * a[0] / a[1]));
    }
    SharedData.report("evasion", report.toString());
    List<String> missed = new ArrayList<>();
    for (String kind : EVASIONS.keySet()) {
      if (STANDARD_CLAIMS.contains(kind)) {
        int[] s = standard.get(kind);
        if (s[0] != s[1]) {
          missed.add("standard/" + kind);
        }
      }
      int[] a = aggressive.get(kind);
      if (a[0] != a[1]) {
        missed.add("aggressive/" + kind);
      }
    }
    assertEquals(List.of(), missed, () -> String.join("\n", failures));
  }

  @Test
  void everyLanguageCompilesAndEachTermIsFoundInASentence() throws IOException {
    load();
    Path dir = SharedData.require("ldnoobw/en").getParent();
    List<String> languages = new ArrayList<>();
    try (var files = Files.list(dir)) {
      files.filter(p -> !p.getFileName().toString().contains(".")
          && !p.getFileName().toString().equals("LICENSE")).forEach(p -> languages.add(
              p.getFileName().toString()));
    }
    languages.sort(null);
    assertEquals(28, languages.size(), languages::toString);
    StringBuilder report = new StringBuilder();
    List<String> failures = new ArrayList<>();
    for (String lang : languages) {
      TermList list = TermList.loader().category(lang).load(dir.resolve(lang));
      TermMatcher m = TermMatcher.builder().addAll(list.terms()).build();
      int found = 0;
      for (Term t : list.terms()) {
        String sentence = "x " + t.text() + " y";
        String normalized = m.normalizer().normalize(t.text());
        if (m.find(sentence).stream().anyMatch(
            h -> m.normalizer().normalize(h.term().text()).equals(normalized))) {
          found++;
        } else if (failures.size() < 20) {
          failures.add(lang + ": " + t.text());
        }
      }
      report.append(String.format("%-16s %4d terms, %4d found, %d duplicates merged%n", lang,
          list.terms().size(), found, list.duplicates()));
    }
    SharedData.report("languages", report.toString());
    assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
  }
}
