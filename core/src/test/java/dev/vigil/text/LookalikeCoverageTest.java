package dev.vigil.text;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Measures Vigil's own look-alike folding against Unicode's confusables.txt: which share of the
 * characters confusable with a Latin letter or digit the aggressive preset folds to that letter.
 */
class LookalikeCoverageTest {

  @Test
  void reportsCoverageOfConfusablesWithLatinLettersAndDigits() throws IOException {
    Path conf = SharedData.require("unicode-security-17.0.0/confusables.txt");
    Normalizer n = Normalizer.aggressive();
    Map<String, int[]> byScript = new TreeMap<>();
    int folded = 0;
    int total = 0;
    int unknownToJava = 0;
    for (Confusables.Pair pair : Confusables.toLatinLettersAndDigits(conf)) {
      int s = pair.source();
      int t = pair.target();
      total++;
      if (!Character.isDefined(s)) {
        unknownToJava++;
      }
      // Aggressive folds l and I to i (1 stands for both), so compare folded forms.
      String want = n.normalize("x" + Character.toString(Character.toLowerCase(t)) + "x");
      String got = n.normalize("x" + Character.toString(s) + "x");
      boolean ok = want.equals(got);
      folded += ok ? 1 : 0;
      int[] c = byScript.computeIfAbsent(Character.UnicodeScript.of(s).toString(), k -> new int[2]);
      c[0] += ok ? 1 : 0;
      c[1]++;
    }
    StringBuilder report = new StringBuilder(String.format(
        "aggressive folds %d of %d characters confusable with a Latin letter or digit (%.1f%%);"
            + " %d are not yet assigned in this JDK's Unicode version%n",
        folded, total, 100.0 * folded / total, unknownToJava));
    byScript.forEach((script, c) -> report.append(String.format("  %-22s %4d / %4d%n", script, c[0],
        c[1])));
    SharedData.report("lookalike-coverage", report.toString());
    assertTrue(folded > 0.7 * total, report::toString);
  }
}
