package dev.vigil.examples;

import dev.vigil.Classifier;
import dev.vigil.Content;
import dev.vigil.Evidence;
import dev.vigil.Signal;
import java.util.ArrayList;
import java.util.List;

/**
 * A custom classifier, written the way a team writes its own signals: scores how much of the text is
 * upper case ("shouting"), with the longest stretch of upper-case letters as evidence (non-letters
 * such as spaces do not break a stretch; a lower-case letter does).
 *
 * <p>Score: 0 below {@code minLetters} letters (short texts such as "OK" or "USA" are not shouting);
 * otherwise {@code (upperShare - 0.5) / 0.4}, clamped to [0, 1], so that half upper case scores 0 and
 * 90% or more scores 1.
 */
public final class ShoutingClassifier implements Classifier {
  private final String name;
  private final int minLetters;

  /** A classifier with the given name that ignores texts with fewer than {@code minLetters} letters. */
  public ShoutingClassifier(String name, int minLetters) {
    this.name = name;
    this.minLetters = minLetters;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Signal classify(Content content) {
    if (content.fieldCount() == 0) {
      return Signal.notApplicable();
    }
    double best = 0.0;
    List<Evidence> evidence = new ArrayList<>(1);
    for (int f = 0; f < content.fieldCount(); f++) {
      String text = content.fieldText(f);
      int letters = 0;
      int upper = 0;
      int runStart = -1;
      int bestStart = 0;
      int bestEnd = 0;
      for (int i = 0; i < text.length(); ) {
        int cp = text.codePointAt(i);
        int next = i + Character.charCount(cp);
        if (Character.isLetter(cp)) {
          letters++;
          if (Character.isUpperCase(cp)) {
            upper++;
            if (runStart < 0) {
              runStart = i;
            }
            if (next - runStart > bestEnd - bestStart) {
              bestStart = runStart;
              bestEnd = next;
            }
          } else {
            runStart = -1;
          }
        }
        i = next;
      }
      if (letters < minLetters) {
        continue;
      }
      double score = Math.max(0.0, Math.min(1.0, ((double) upper / letters - 0.5) / 0.4));
      if (score > 0.0) {
        best = Math.max(best, score);
        evidence.add(Evidence.of(content.fieldName(f), text, bestStart, bestEnd, name, "spam"));
      }
    }
    return best > 0.0 ? Signal.of(best, evidence) : Signal.notMatched();
  }

  @Override
  public String expression() {
    return "shouting(" + name + ")";
  }

  @Override
  public String toString() {
    return expression();
  }
}
