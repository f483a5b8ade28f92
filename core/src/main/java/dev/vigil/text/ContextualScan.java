package dev.vigil.text;

import dev.vigil.internal.PerThread;
import org.jspecify.annotations.Nullable;

/**
 * The scan of {@link ScanPlan#CONTEXTUAL}: normalizers whose stages look at context ({@code aggressive}:
 * leetspeak, spaced-out letters, repeats), which only a {@link NormalizingCursor} with its lookahead
 * can apply. The cursor hands over one unit at a time; the scan steps the {@link Trie} as it is (rows
 * for the shallow states, children and failures below) and keeps the last units in a ring, from which a
 * hit takes its start, checks its word boundary before and its repeat counts. Slower than the
 * per-code-point scans, which the other presets get; the arrays only it needs live here and in its
 * {@link Ring}. Immutable.
 */
final class ContextualScan extends Scan {
  /** The per-thread part: the cursor, and a ring of the last units, a power of two longer than any term. */
  static final class Ring {
    final NormalizingCursor cursor;
    final int[] start;
    final int[] end;
    final int[] count;
    final boolean[] word;

    Ring(NormalizingCursor cursor, int size) {
      this.cursor = cursor;
      this.start = new int[size];
      this.end = new int[size];
      this.count = new int[size];
      this.word = new boolean[size];
    }
  }

  private final Trie trie;
  private final PatternSet patterns;
  private final Alphabet alphabet;
  private final PerThread<ScanScratch> scratch;
  private final boolean hasAllow;

  ContextualScan(Trie trie, PatternSet patterns, PerThread<ScanScratch> scratch) {
    this.trie = trie;
    this.patterns = patterns;
    this.alphabet = patterns.alphabet;
    this.scratch = scratch;
    this.hasAllow = patterns.hasAllow();
  }

  /** A ring for {@code normalizer}'s cursor, long enough for the longest term and its boundary. */
  static Ring ring(Normalizer normalizer, int maxLength) {
    return new Ring(normalizer.cursor(), Integer.highestOneBit(Math.max(4, maxLength + 2) * 2 - 1));
  }

  @Override
  void scan(String text, HitHandler handler, @Nullable ScanScratch scratch) {
    ScanScratch s = scratch != null ? scratch : this.scratch.peek();
    Ring ring = s.ring;
    NormalizingCursor cursor = ring.cursor;
    cursor.reset(text);
    int mask = ring.start.length - 1;
    boolean[] emits = trie.emits;
    int state = Trie.ROOT;
    int i = 0;
    while (cursor.next()) {
      int cp = cursor.codePoint();
      boolean word = WordChars.isWord(cp);
      if (emits[state]) {
        emit(state, i - 1, word, ring, s, handler);
      }
      int r = i & mask;
      ring.start[r] = cursor.start();
      ring.end[r] = cursor.end();
      ring.count[r] = cursor.count();
      ring.word[r] = word;
      state = step(state, alphabet.symbol(cp));
      i++;
    }
    if (emits[state]) {
      emit(state, i - 1, false, ring, s, handler);
    }
    if (hasAllow) {
      s.flushFiltered(handler);
    }
  }

  private int step(int state, int sym) {
    int s = state;
    while (true) {
      if (s < trie.denseStates) {
        return trie.rows[s * trie.alphabet + sym];
      }
      int child = trie.childOf(s, sym);
      if (child >= 0) {
        return child;
      }
      s = trie.fail[s];
    }
  }

  /** Reports the patterns of {@code state} and its output chain that end at unit {@code last}. */
  private void emit(int state, int last, boolean nextIsWord, Ring ring, ScanScratch s,
      HitHandler handler) {
    int mask = ring.start.length - 1;
    int[] outPattern = trie.outPattern;
    int[] outLink = trie.outLink;
    for (int st = outPattern[state] >= 0 ? state : outLink[state]; st >= 0; st = outLink[st]) {
      for (int p = outPattern[st]; p >= 0; p = trie.nextPattern[p]) {
        int first = last - patterns.symbols[p].length + 1;
        if (patterns.checkEnd[p] && nextIsWord) {
          continue;
        }
        if (patterns.checkStart[p] && first > 0 && ring.word[(first - 1) & mask]) {
          continue;
        }
        int[] counts = patterns.counts[p];
        if (counts != null && !countsHold(counts, first, ring.count, mask)) {
          continue;
        }
        ScanScratch.report(hasAllow, patterns.owner[p], ring.start[first & mask],
            ring.end[last & mask], s, handler);
      }
    }
  }

  private static boolean countsHold(int[] counts, int first, int[] ringCount, int mask) {
    for (int j = 0; j < counts.length; j++) {
      if (ringCount[(first + j) & mask] < counts[j]) {
        return false;
      }
    }
    return true;
  }
}
