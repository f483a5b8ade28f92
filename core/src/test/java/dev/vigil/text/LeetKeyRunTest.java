package dev.vigil.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run of a leet key that no letter stands beside ("44") is two units of the key itself. The fast
 * gear's rows once let a state whose last symbol only HOT chars have (the key's) stay on it, as if the
 * symbol were whitespace (no char it reads was anything but whitespace, vacuously), and a term "4"
 * ending before the second key was lost; the careful loop reads those keys through the same rows.
 */
class LeetKeyRunTest {

  @Test
  void aRunOfKeysIsAUnitPerKey() {
    for (MatchMode mode : MatchMode.values()) {
      for (String key : List.of("4", "0", "1", "$", "@")) {
        Term term = new Term(key, key, "x", 1.0, mode);
        TermMatcher m = TermMatcher.builder().normalizer(Normalizer.aggressive()).add(term).build();
        NaiveTermMatcher naive = new NaiveTermMatcher(Normalizer.aggressive(), List.of(term),
            List.of());
        for (String text : List.of(key + key, key + key + " ", " " + key + key + key, key + " " + key,
            "ab " + key + key + " cd")) {
          List<NaiveTermMatcher.Hit> actual = new ArrayList<>();
          m.match(text, (t, s, e) -> actual.add(new NaiveTermMatcher.Hit(t, s, e)));
          actual.sort(null);
          assertEquals(naive.find(text), actual, () -> mode + " '" + key + "' in '" + text + "'");
        }
      }
    }
  }
}
