package dev.vigil.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Finds every occurrence of a few ASCII literals in one branch-light pass: each literal is known by its
 * rarest pair of adjacent chars (by English letter frequency), and the scan hashes each pair of the text
 * to a bit of a 1,024-bit set, verifying the literals whose pair hashes there only when the bit is set.
 * The hash keeps the low five bits of each char, which ignores ASCII case, so most text sets no bit and
 * the branch is nearly always predicted right: the pass costs a few cycles per char, where the
 * automaton's pass waits on a dependent table load per char.
 *
 * <p>Case-insensitive literals match as RE2/J's {@code (?i)} does, which for ASCII letters also accepts
 * two chars outside ASCII: {@code ſ} (U+017F) for s and the Kelvin sign (U+212A) for k. A text holding
 * either is left to the automaton ({@link #find} returns false), so no match of the pattern is ever
 * missed.
 *
 * <p>Immutable and thread safe. Not API.
 */
final class AsciiLiteralScan {
  /** Beyond this many literals the set fills up and the automaton costs less. */
  private static final int MAX_LITERALS = 64;

  private final long[] pairs = new long[16];
  /** For each hash with its bit set: the literals and the offset of their pair's second char. */
  private final int[][] literalIds = new int[1024][];
  private final int[][] offsets = new int[1024][];
  private final String[] literals;
  private final boolean caseInsensitive;

  private AsciiLiteralScan(String[] literals, boolean caseInsensitive) {
    this.literals = literals;
    this.caseInsensitive = caseInsensitive;
  }

  /**
   * A scan for {@code literals} (term ids are their indexes), or null when one is shorter than two chars
   * or outside ASCII, or when there are more than {@value #MAX_LITERALS}.
   */
  static @Nullable AsciiLiteralScan of(List<String> literals, boolean caseInsensitive) {
    if (literals.isEmpty() || literals.size() > MAX_LITERALS) {
      return null;
    }
    String[] texts = new String[literals.size()];
    for (int id = 0; id < texts.length; id++) {
      String literal = caseInsensitive ? literals.get(id).toLowerCase(Locale.ROOT) : literals.get(id);
      if (literal.length() < 2 || !literal.chars().allMatch(c -> c < 0x80)) {
        return null;
      }
      texts[id] = literal;
    }
    AsciiLiteralScan scan = new AsciiLiteralScan(texts, caseInsensitive);
    List<List<int[]>> byHash = new ArrayList<>();
    for (int h = 0; h < 1024; h++) {
      byHash.add(null);
    }
    for (int id = 0; id < texts.length; id++) {
      String literal = texts[id];
      int best = 1;
      for (int i = 2; i < literal.length(); i++) {
        if (rarity(literal, i) < rarity(literal, best)) {
          best = i;
        }
      }
      int h = hash(literal.charAt(best - 1), literal.charAt(best));
      scan.pairs[h >>> 6] |= 1L << h;
      if (byHash.get(h) == null) {
        byHash.set(h, new ArrayList<>());
      }
      byHash.get(h).add(new int[] {id, best});
    }
    for (int h = 0; h < 1024; h++) {
      List<int[]> group = byHash.get(h);
      if (group != null) {
        scan.literalIds[h] = group.stream().mapToInt(g -> g[0]).toArray();
        scan.offsets[h] = group.stream().mapToInt(g -> g[1]).toArray();
      }
    }
    return scan;
  }

  /** The low five bits of two chars: letters keep their identity whatever their case. */
  private static int hash(char first, char second) {
    return (first & 0x1F) << 5 | second & 0x1F;
  }

  /**
   * Reports every occurrence of every literal in {@code text} to {@code handler}, in the order they
   * end; returns false, reporting nothing, when the text must go to the automaton instead (see the class
   * comment).
   */
  boolean find(String text, char[] buffer, HitHandler handler) {
    if (caseInsensitive && (text.indexOf('\u017F') >= 0 || text.indexOf('\u212A') >= 0)) {
      return false;
    }
    final long[] set = pairs;
    int n = text.length();
    int previous = 0;
    // Read through a buffer: String.charAt tests the string's coder and bounds at every char, which
    // here cost as much as the rest of the loop.
    for (int base = 0; base < n; base += buffer.length) {
      int len = Math.min(buffer.length, n - base);
      text.getChars(base, base + len, buffer, 0);
      for (int i = 0; i < len; i++) {
        int c = buffer[i] & 0x1F;
        int h = previous << 5 | c;
        previous = c;
        if ((set[h >>> 6] & 1L << h) != 0 && base + i > 0) {
          verify(text, base + i, h, handler);
        }
      }
    }
    return true;
  }

  /** Checks the literals whose pair hashes to {@code h} against the text, their pair ending at i. */
  private void verify(String text, int i, int h, HitHandler handler) {
    int[] ids = literalIds[h];
    int[] at = offsets[h];
    for (int k = 0; k < ids.length; k++) {
      String literal = literals[ids[k]];
      int start = i - at[k];
      if (start >= 0 && start + literal.length() <= text.length() && matchesAt(text, start, literal)) {
        handler.onHit(ids[k], start, start + literal.length());
      }
    }
  }

  private boolean matchesAt(String text, int start, String literal) {
    for (int i = 0; i < literal.length(); i++) {
      char c = text.charAt(start + i);
      char l = literal.charAt(i);
      if (c != l && !(caseInsensitive && l >= 'a' && l <= 'z' && (c ^ 0x20) == l)) {
        return false;
      }
    }
    return true;
  }

  /** How common the pair ending at {@code i} is in English text, roughly: the product of its chars'. */
  private static int rarity(String literal, int i) {
    return frequency(literal.charAt(i - 1)) * frequency(literal.charAt(i));
  }

  /** Rough share of a char in English text, in per mille: letters by frequency, space most common. */
  private static int frequency(char c) {
    char lower = Character.toLowerCase(c);
    if (lower >= 'a' && lower <= 'z') {
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
    return "AsciiLiteralScan" + List.of(literals);
  }
}
