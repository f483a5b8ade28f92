package dev.vigil.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * "Did you mean": the known name closest to a misspelt one, by edit distance. The loader's errors use it
 * for keys, kinds, signals and parameters; tools built on policy files (the examples CLI, for its
 * options) use it so that every suggestion Vigil makes follows the same rule. Stateless.
 */
public final class Suggest {
  private Suggest() {}

  /** Lists of this many names or fewer are printed whole when nothing is close. */
  private static final int LIST_ALL = 12;

  /**
   * The end of a message about an unknown {@code word}: {@code "; did you mean 'weight'?"} when a known
   * name is close, else {@code "; expected one of a, b, c"} (or nothing for long lists).
   */
  static String hint(String word, Collection<String> known) {
    String close = closest(word, known);
    if (close != null) {
      return "; did you mean '" + close + "'?";
    }
    if (known.isEmpty()) {
      return "";
    }
    if (known.size() <= LIST_ALL) {
      return "; expected " + (known.size() == 1 ? "" : "one of ") + String.join(", ", known);
    }
    return "";
  }

  /**
   * The known name closest to {@code word}: equal ignoring case, or within an edit distance of a third
   * of the word's length (at least 1, at most 3), transpositions counting one. Null when none is close.
   */
  public static @Nullable String closest(String word, Collection<String> known) {
    String lower = word.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    int limit = Math.max(1, Math.min(3, word.length() / 3));
    for (String k : known) {
      if (k.toLowerCase(Locale.ROOT).equals(lower)) {
        return k;
      }
      int d = distance(lower, k.toLowerCase(Locale.ROOT), limit);
      if (d <= limit && d < word.length() && d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Optimal string alignment distance, giving up (returning limit + 1) on long or distant words. */
  static int distance(String a, String b, int limit) {
    if (Math.abs(a.length() - b.length()) > limit || a.length() > 200 || b.length() > 200) {
      return limit + 1;
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }

  /** The names as a list for messages, in order. */
  static List<String> sorted(Collection<String> names) {
    List<String> l = new ArrayList<>(names);
    l.sort(null);
    return l;
  }
}
