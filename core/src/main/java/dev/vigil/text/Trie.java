package dev.vigil.text;

import dev.vigil.internal.IntBuffer;
import java.util.Arrays;

/**
 * The second stage of a {@link TermMatcher}'s build: the Aho-Corasick automaton (Aho and Corasick, CACM
 * 1975) of a {@link PatternSet}, by state number. States are numbered breadth first, the root 0; a
 * state's children are consecutive and sorted by symbol. Each state has a failure link (the longest
 * proper suffix of its path that is a state), its own patterns (those whose symbols are its path) and
 * an output link (the nearest state on its failure chain with patterns of its own).
 *
 * <p>With {@code wordStart} (every pattern starts at a word start, some span several words), failure
 * links lead only to suffixes that start at a word start: the chain ends in the dead state {@link
 * #dead()} (one past the trie; no children, no patterns) when the text is inside a word, and at the root
 * after a non-word char.
 *
 * <p>The shallowest {@link #denseStates} states also get full rows (a DFA: the target of every symbol,
 * failures resolved), within a memory budget; the deep ones step through their children and failures.
 * The contextual scan ({@link ContextualScan}) runs on these arrays, its rows rewritten; per-code-point
 * normalizers get them laid out for the scan by {@link TableLayout}. Immutable once built.
 */
final class Trie {
  static final int ROOT = 0;
  /** A list whose full rows take at most this many entries (16 MB) gets them for every state. */
  static final long FULLY_DENSE_ENTRIES = 4L << 20;

  final int states;
  final int alphabet;
  final int[] firstChild; // by state, and one past the last: children of s are [firstChild[s], firstChild[s + 1])
  final int[] edgeSymbol; // by state: the symbol on the edge into it
  final int[] fail;
  final int[] outPattern; // by state: its first own pattern, or -1
  final int[] nextPattern; // by pattern: the next pattern of the same state, or -1
  final int[] outLink; // by state: the nearest state on its failure chain with own patterns, or -1
  final boolean[] emits; // by state: has own patterns or an output link
  final boolean wordStart;
  /**
   * Rows of the shallowest states, {@link #alphabet} targets each; with wordStart the dead state's
   * next; then the spare rows.
   */
  final int[] rows;
  final int denseStates;

  /**
   * Builds the trie of {@code patterns}, its failure and output links and its dense rows.
   *
   * @param wholeWords whether the list may be scanned through a word index, whose trie serves only
   *     the words the index does not hold and the phrases (a smaller budget for rows then does)
   * @param denseBudget the number of row entries to allow, or -1 for the default budget
   * @param spareRows rows left empty after the others, for states of the scan's own (the contextual
   *     scan's single letter)
   */
  Trie(PatternSet patterns, boolean wordStart, boolean wholeWords, long denseBudget, int spareRows) {
    this.wordStart = wordStart;
    this.alphabet = patterns.alphabet.size();
    int[][] seqs = patterns.symbols;
    int n = seqs.length;
    Integer[] boxed = new Integer[n];
    for (int i = 0; i < n; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, (x, y) -> Arrays.compare(seqs[x], seqs[y]));
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = boxed[i];
    }
    // Each state covers a range [lo, hi) of sorted patterns sharing its prefix (its depth).
    IntBuffer lo = new IntBuffer();
    IntBuffer hi = new IntBuffer();
    IntBuffer depth = new IntBuffer();
    IntBuffer first = new IntBuffer();
    IntBuffer sym = new IntBuffer();
    IntBuffer outP = new IntBuffer();
    lo.add(0);
    hi.add(n);
    depth.add(0);
    sym.add(0);
    nextPattern = new int[n];
    Arrays.fill(nextPattern, -1);
    for (int s = 0; s < lo.size(); s++) {
      int d = depth.get(s);
      int z = hi.get(s);
      first.add(lo.size());
      int head = -1;
      int i = lo.get(s);
      // Patterns that end here come first in the range (a shorter prefix sorts first).
      while (i < z && seqs[order[i]].length == d) {
        int p = order[i];
        nextPattern[p] = head;
        head = p;
        i++;
      }
      outP.add(head);
      while (i < z) {
        int c = seqs[order[i]][d];
        int j = i + 1;
        while (j < z && seqs[order[j]][d] == c) {
          j++;
        }
        lo.add(i);
        hi.add(j);
        depth.add(d + 1);
        sym.add(c);
        i = j;
      }
    }
    states = lo.size();
    first.add(states);
    firstChild = first.toArray();
    edgeSymbol = sym.toArray();
    outPattern = outP.toArray();
    fail = new int[states];
    outLink = new int[states];
    emits = new boolean[states];
    outLink[ROOT] = -1;
    boolean[] isWord = patterns.alphabet.wordFlags();
    int dead = dead();
    // Failure links in breadth-first order: a state's failure is shallower, so already known. The
    // chain ends at the root, or (wordStart) at the dead state where the text is inside a word.
    for (int s = 0; s < states; s++) {
      for (int c = firstChild[s]; c < firstChild[s + 1]; c++) {
        int edge = edgeSymbol[c];
        int t = -1;
        for (int f = s == ROOT ? dead : fail[s]; f != dead; f = fail[f]) {
          t = childOf(f, edge);
          if (t >= 0 || f == ROOT) {
            break;
          }
        }
        fail[c] = t >= 0 ? t : wordStart && isWord[edge] ? dead : ROOT;
        int fc = fail[c];
        outLink[c] = fc == dead ? -1 : outPattern[fc] >= 0 ? fc : outLink[fc];
      }
      emits[s] = outPattern[s] >= 0 || outLink[s] >= 0;
    }
    // Dense rows for the shallowest states, within a memory budget: every state when its rows fit in
    // 16 MB (a few hundred thousand states); otherwise the shallow states only: 8 MB for whole single
    // words (12 MB for any other list: phrases, or terms not bound to word starts), or 100 bytes per
    // pattern for larger lists (a million random words then get rows down to depth four, where a scan
    // of English text mostly leaves the trie), and never more than about 24 entries per state. The
    // scans of the other lists leave their inner loop for every sparse step, where the anchored scan
    // of single words takes it inline: with 12 MB rather than 8, the 55,000 terms of the policy
    // benchmark get rows for depth four and part of five. Large lists of whole words (and phrases of
    // them) scan through their word index: the trie serves only words with special chars, words
    // longer than the index's keys and the first words of phrases, so 10 entries per pattern (40
    // bytes) do.
    long full = (long) states * alphabet;
    long floor = patterns.singleWords ? 2L << 20 : 3L << 20;
    long budget = denseBudget >= 0 ? denseBudget
        : full <= FULLY_DENSE_ENTRIES ? full
        : wholeWords ? Math.min(Math.max(256L << 10, 10L * n), Math.max(256L << 10, 24L * states))
        : Math.min(Math.max(floor, 25L * n), Math.max(256L << 10, 24L * states));
    denseStates = (int) Math.min(states, Math.max(1, budget / alphabet));
    // With wordStart, the dead state's row comes last: on a word char it stays, on any other it goes
    // to the root; a missing transition of the root or of a state failing to it goes the same way.
    rows = new int[(denseStates + (wordStart ? 1 : 0) + spareRows) * alphabet];
    for (int s = 0; s < denseStates; s++) {
      int row = s * alphabet;
      int f = fail[s];
      for (int c = 0; c < alphabet; c++) {
        rows[row + c] = s == ROOT || f == dead ? (wordStart && isWord[c] ? dead : ROOT)
            : rows[f * alphabet + c];
      }
      for (int c = firstChild[s]; c < firstChild[s + 1]; c++) {
        rows[row + edgeSymbol[c]] = c;
      }
    }
    if (wordStart) {
      for (int c = 0; c < alphabet; c++) {
        rows[denseStates * alphabet + c] = isWord[c] ? dead : ROOT;
      }
    }
  }

  /** The dead state's number: one past the trie's states (it exists only with wordStart, or anchored). */
  int dead() {
    return states;
  }

  /** The child of {@code state} on {@code sym}, or -1: a binary search of its sorted children. */
  int childOf(int state, int sym) {
    int lo = firstChild[state];
    int hi = firstChild[state + 1] - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int m = edgeSymbol[mid];
      if (m < sym) {
        lo = mid + 1;
      } else if (m > sym) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** The number of children of {@code state} (0 for the dead state). */
  int children(int state) {
    return state < states ? firstChild[state + 1] - firstChild[state] : 0;
  }
}
