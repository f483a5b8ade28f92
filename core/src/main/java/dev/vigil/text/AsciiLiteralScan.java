package dev.vigil.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Finds every occurrence of a few ASCII literals with {@link String#indexOf(int, int)}: for each
 * literal, the occurrences of its rarest char (by English letter frequency) are looked up, and the
 * literal is compared around each. The JIT compiles {@code indexOf} to vector instructions, so a
 * regular expression's prefilter reads a post in a fraction of the time of a pass of the automaton,
 * which takes a dependent table load per char.
 *
 * <p>Case-insensitive literals match as RE2/J's {@code (?i)} does, which for ASCII letters also
 * accepts two chars outside ASCII: {@code ſ} (U+017F) for s and the Kelvin sign (U+212A) for k. A text
 * holding either is left to the automaton ({@link #find} returns false), so no match of the pattern is
 * ever missed.
 *
 * <p>Immutable and thread safe. Not API.
 */
final class AsciiLiteralScan {
  /** Beyond this many {@code indexOf} passes per text, one pass of the automaton costs less. */
  private static final int MAX_PASSES = 6;

  /** The chars looked up, each with the literals and the offset of that char in them. */
  private final char[] anchors;
  private final int[][] literalIds;
  private final int[][] offsets;
  private final String[] literals;
  private final boolean caseInsensitive;

  private AsciiLiteralScan(char[] anchors, int[][] literalIds, int[][] offsets, String[] literals,
      boolean caseInsensitive) {
    this.anchors = anchors;
    this.literalIds = literalIds;
    this.offsets = offsets;
    this.literals = literals;
    this.caseInsensitive = caseInsensitive;
  }

  /**
   * A scan for {@code literals} (term ids are their indexes), or null when one is empty or outside
   * ASCII, or when they would need more than {@value #MAX_PASSES} passes.
   */
  static @Nullable AsciiLiteralScan of(List<String> literals, boolean caseInsensitive) {
    Map<Character, List<int[]>> byAnchor = new LinkedHashMap<>();
    String[] texts = new String[literals.size()];
    for (int id = 0; id < literals.size(); id++) {
      String literal = caseInsensitive ? literals.get(id).toLowerCase(Locale.ROOT) : literals.get(id);
      if (literal.isEmpty() || !literal.chars().allMatch(c -> c < 0x80)) {
        return null;
      }
      texts[id] = literal;
      int best = 0;
      for (int i = 1; i < literal.length(); i++) {
        if (frequency(literal.charAt(i)) < frequency(literal.charAt(best))) {
          best = i;
        }
      }
      byAnchor.computeIfAbsent(literal.charAt(best), c -> new ArrayList<>()).add(new int[] {id, best});
    }
    List<Character> chars = new ArrayList<>();
    for (char c : byAnchor.keySet()) {
      chars.add(c);
      if (caseInsensitive && isLowerAsciiLetter(c)) {
        chars.add((char) (c - 0x20));
      }
    }
    if (chars.size() > MAX_PASSES) {
      return null;
    }
    char[] anchors = new char[chars.size()];
    int[][] ids = new int[chars.size()][];
    int[][] offsets = new int[chars.size()][];
    for (int a = 0; a < anchors.length; a++) {
      anchors[a] = chars.get(a);
      char key = caseInsensitive ? Character.toLowerCase(anchors[a]) : anchors[a];
      List<int[]> group = byAnchor.get(key);
      ids[a] = group.stream().mapToInt(g -> g[0]).toArray();
      offsets[a] = group.stream().mapToInt(g -> g[1]).toArray();
    }
    return new AsciiLiteralScan(anchors, ids, offsets, texts, caseInsensitive);
  }

  /**
   * Reports every occurrence of every literal in {@code text} to {@code handler}, grouped by the char
   * looked up (not in text order); returns false, reporting nothing, when the text must go to the
   * automaton instead (see the class comment).
   */
  boolean find(String text, HitHandler handler) {
    if (caseInsensitive && (text.indexOf('\u017F') >= 0 || text.indexOf('\u212A') >= 0)) {
      return false;
    }
    int n = text.length();
    for (int a = 0; a < anchors.length; a++) {
      int[] ids = literalIds[a];
      int[] at = offsets[a];
      for (int p = text.indexOf(anchors[a]); p >= 0; p = text.indexOf(anchors[a], p + 1)) {
        for (int k = 0; k < ids.length; k++) {
          String literal = literals[ids[k]];
          int start = p - at[k];
          if (start >= 0 && start + literal.length() <= n && matchesAt(text, start, literal)) {
            handler.onHit(ids[k], start, start + literal.length());
          }
        }
      }
    }
    return true;
  }

  private boolean matchesAt(String text, int start, String literal) {
    for (int i = 0; i < literal.length(); i++) {
      char c = text.charAt(start + i);
      char l = literal.charAt(i);
      if (c != l && !(caseInsensitive && isLowerAsciiLetter(l) && (c ^ 0x20) == l)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLowerAsciiLetter(char c) {
    return c >= 'a' && c <= 'z';
  }

  /** Rough share of a char in English text, in per mille: letters by frequency, space most common. */
  private static int frequency(char c) {
    char lower = Character.toLowerCase(c);
    if (isLowerAsciiLetter(lower)) {
      return LETTERS[lower - 'a'];
    }
    return c == ' ' ? 180 : 5;
  }

  private static final int[] LETTERS = {
    82, 15, 28, 43, 127, 22, 20, 61, 70, 2, 8, 40, 24, // a .. m
    67, 75, 19, 1, 60, 63, 91, 28, 10, 24, 2, 20, 1 // n .. z
  };

  @Override
  public String toString() {
    return "AsciiLiteralScan" + List.of(literals) + " on " + new String(anchors);
  }
}
