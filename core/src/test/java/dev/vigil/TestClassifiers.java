package dev.vigil;

import java.util.ArrayList;
import java.util.List;

/** Leaf classifiers with known behaviour, for composition tests. */
final class TestClassifiers {
  private TestClassifiers() {}

  /**
   * Scores {@code score} when any field contains {@code needle}, with one evidence item per occurrence;
   * not applicable when the content has no fields.
   */
  static Classifier finds(String name, String needle, double score) {
    return new Classifier() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Signal classify(Content content) {
        if (content.fieldCount() == 0) {
          return Signal.notApplicable();
        }
        List<Evidence> evidence = new ArrayList<>();
        for (int f = 0; f < content.fieldCount(); f++) {
          String text = content.fieldText(f);
          for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            evidence.add(Evidence.of(content.fieldName(f), text, i, i + needle.length(), name, "test"));
          }
        }
        return evidence.isEmpty() ? Signal.notMatched() : Signal.of(score, evidence);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  /** Always the given score, no evidence. */
  static Classifier constant(String name, double score) {
    return Classifier.of(name, c -> Signal.of(score));
  }

  /** Always not applicable. */
  static Classifier absent(String name) {
    return Classifier.of(name, c -> Signal.notApplicable());
  }

  /** Always throws. */
  static Classifier throwing(String name) {
    return Classifier.of(name, c -> {
      throw new IllegalStateException("model endpoint down");
    });
  }

  /** Always returns null. */
  static Classifier returningNull(String name) {
    return Classifier.of(name, c -> null);
  }

  /** Tries to return NaN (which Signal refuses, so it throws). */
  static Classifier nan(String name) {
    return Classifier.of(name, c -> Signal.of(Double.NaN));
  }

  /** Tries to return 1.5. */
  static Classifier outOfRange(String name) {
    return Classifier.of(name, c -> Signal.of(1.5));
  }
}
