package dev.vigil.text;

import dev.vigil.internal.IntBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The first stage of a {@link TermMatcher}'s build: the terms and allow-list entries, normalized into
 * units and written in the {@link Alphabet}'s symbols, one <em>pattern</em> per distinct (list,
 * normalized form, repeat counts, mode). A pattern is a block term ({@link #owner} at least 0: its index
 * among the kept terms) or an allow entry ({@code -1 - index} among the allow entries). The first term
 * added of a set of duplicates is kept, the others dropped.
 *
 * <p>Also says what the rest of the build chooses its plan by ({@link ScanPlan}): whether every pattern
 * is a single whole word, starts at a word start, ends at a word end. Immutable once built.
 */
final class PatternSet {
  final Term[] terms;
  /** The list of each kept term ({@link TermLists}), or null when all are in list 0. */
  final int @Nullable [] groups;
  final String[] allowTexts;
  final Alphabet alphabet;

  // Per pattern.
  final int[][] symbols;
  final int[] owner; // term index, or -1 - allow index
  final int[] @Nullable [] counts; // per unit minimum repeat count, or null when all are 1
  final boolean[] checkStart; // needs a word boundary before it
  final boolean[] checkEnd; // ... and after it
  final int maxLength; // in units

  /** Every pattern is one whole word: all word chars, bound to a word start (not always to its end). */
  final boolean singleWords;
  /** Every pattern needs a word boundary before it. */
  final boolean startAtWords;
  /** Every pattern needs a word boundary after it. */
  final boolean endAtWords;

  /**
   * Normalizes {@code terms} (of lists {@code groups}, side by side) and the allow entries.
   *
   * @throws IllegalArgumentException naming the entry when one normalizes to nothing
   */
  PatternSet(Normalizer normalizer, List<Term> terms, List<Integer> groups, List<String> allowTexts,
      List<MatchMode> allowModes) {
    NormalizingCursor cursor = normalizer.cursor();
    List<int[]> codePoints = new ArrayList<>();
    List<int[]> countsList = new ArrayList<>();
    IntBuffer owners = new IntBuffer();
    List<MatchMode> modes = new ArrayList<>();
    List<Term> kept = new ArrayList<>();
    IntBuffer keptGroups = new IntBuffer();
    Set<String> seen = new HashSet<>();
    Set<Integer> used = new TreeSet<>();
    IntBuffer cps = new IntBuffer();
    IntBuffer cnt = new IntBuffer();
    int entries = terms.size() + allowTexts.size();
    for (int e = 0; e < entries; e++) {
      boolean allow = e >= terms.size();
      int a = e - terms.size();
      String text = allow ? allowTexts.get(a) : terms.get(e).text();
      MatchMode mode = allow ? allowModes.get(a) : terms.get(e).mode();
      cursor.reset(text);
      cps.clear();
      cnt.clear();
      while (cursor.next()) {
        cps.add(cursor.codePoint());
        cnt.add(cursor.count());
      }
      if (cps.isEmpty()) {
        throw new IllegalArgumentException((allow ? "allow-list entry '" + text + "'"
            : "term '" + terms.get(e).id() + "'") + " normalizes to nothing under the "
            + normalizer + " normalizer");
      }
      int[] units = cps.toArray();
      int[] repeats = cnt.toArray();
      String key = (allow ? "A" : "B" + groups.get(e)) + mode + Arrays.toString(units)
          + Arrays.toString(repeats);
      if (!seen.add(key)) {
        continue;
      }
      boolean anyCount = false;
      for (int c : repeats) {
        anyCount |= c > 1;
      }
      codePoints.add(units);
      countsList.add(anyCount ? repeats : null);
      modes.add(mode);
      if (allow) {
        owners.add(-1 - a);
      } else {
        owners.add(kept.size());
        kept.add(terms.get(e));
        keptGroups.add(groups.get(e));
      }
      for (int c : units) {
        used.add(c);
      }
    }
    this.terms = kept.toArray(new Term[0]);
    boolean grouped = false;
    for (int g = 0; g < keptGroups.size(); g++) {
      grouped |= keptGroups.get(g) != 0;
    }
    this.groups = grouped ? keptGroups.toArray() : null;
    this.allowTexts = allowTexts.toArray(new String[0]);
    this.alphabet = new Alphabet(used.stream().mapToInt(Integer::intValue).toArray());

    int patterns = codePoints.size();
    symbols = new int[patterns][];
    owner = owners.toArray();
    counts = countsList.toArray(new int[0][]);
    checkStart = new boolean[patterns];
    checkEnd = new boolean[patterns];
    boolean single = true;
    boolean start = true;
    boolean end = true;
    int longest = 0;
    for (int p = 0; p < patterns; p++) {
      int[] units = codePoints.get(p);
      int[] seq = new int[units.length];
      for (int i = 0; i < units.length; i++) {
        seq[i] = alphabet.symbol(units[i]);
      }
      symbols[p] = seq;
      MatchMode mode = modes.get(p);
      checkStart[p] = (mode == MatchMode.WORD || mode == MatchMode.PREFIX)
          && WordChars.isWord(units[0]);
      checkEnd[p] = (mode == MatchMode.WORD || mode == MatchMode.SUFFIX)
          && WordChars.isWord(units[units.length - 1]);
      boolean singleWord = checkStart[p];
      for (int cp : units) {
        singleWord &= WordChars.isWord(cp);
      }
      single &= singleWord;
      start &= checkStart[p];
      end &= checkEnd[p];
      longest = Math.max(longest, seq.length);
    }
    this.singleWords = single;
    this.startAtWords = start;
    this.endAtWords = end;
    this.maxLength = longest;
  }

  /** The number of patterns. */
  int size() {
    return symbols.length;
  }

  /** Whether there are allow entries (block hits are then held back until the scan's end). */
  boolean hasAllow() {
    return allowTexts.length > 0;
  }
}
