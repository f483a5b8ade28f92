package dev.vigil;

import dev.vigil.Decision.Truncation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link Policy}'s scan limits (step 1 of an evaluation): how many chars of each field its
 * classifiers read, so that one huge field cannot make an evaluation slow; the decision says which
 * fields were cut ({@link Decision#truncations()}). Immutable.
 */
final class ScanLimits {
  private final int maxChars;
  private final Map<String, Integer> byField;

  ScanLimits(int maxChars, Map<String, Integer> byField) {
    this.maxChars = maxChars;
    this.byField = Map.copyOf(byField);
  }

  /** The content with each field cut to its limit; the content itself when none is cut. */
  Content apply(Content content) {
    int fields = content.fieldCount();
    int[] limits = null;
    for (int f = 0; f < fields; f++) {
      int limit = limit(content.fieldName(f));
      if (content.fieldText(f).length() > limit) {
        if (limits == null) {
          limits = new int[fields];
          java.util.Arrays.fill(limits, -1);
        }
        limits[f] = limit;
      }
    }
    return limits == null ? content : content.truncated(limits);
  }

  private int limit(String field) {
    Integer limit = byField.isEmpty() ? null : byField.get(field);
    return limit == null ? maxChars : limit;
  }

  /** The fields that {@link #apply} cut, for the decision. */
  static List<Truncation> truncations(Content content, Content scanned) {
    if (scanned == content) {
      return List.of();
    }
    List<Truncation> out = new ArrayList<>(1);
    for (int f = 0; f < content.fieldCount(); f++) {
      int length = content.fieldText(f).length();
      int cut = scanned.fieldText(f).length();
      if (cut < length) {
        out.add(new Truncation(content.fieldName(f), length, cut));
      }
    }
    return List.copyOf(out);
  }
}
