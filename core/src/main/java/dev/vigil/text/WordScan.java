package dev.vigil.text;

import static dev.vigil.text.ScanTables.CharEntry.HOT;
import static dev.vigil.text.ScanTables.CharEntry.SYMBOL;
import static dev.vigil.text.ScanTables.CharEntry.WORD;

import dev.vigil.internal.PerThread;
import dev.vigil.text.ScanTables.Transition;
import org.jspecify.annotations.Nullable;

/**
 * The scan of {@link ScanPlan#WORD_INDEX}: large lists of single whole words, through their {@link
 * WordIndex}. Each word of plain chars is looked up once, at its end, by its packed symbols, instead of
 * walked down the trie, where each step is a read that waits on the one before and, in a large
 * dictionary, misses the cache; the lookups of consecutive words are independent, so the processor
 * overlaps their misses. A word with a special char (an invisible char, a mark, a char that folds to
 * several) goes through the anchored trie from its start to the next plain non-word char ({@link
 * #untilGap}), and so does a word longer than the index's keys ({@link #longWord}).
 *
 * <p>Why only large lists: the index costs a lookup per word of the text, the trie a read per char.
 * With full rows (lists up to some 20,000 words) that read mostly hits the cache and {@link
 * AnchoredScan} is faster; in a larger trie, a text whose words the list holds (a dictionary) walks
 * deep into it and waits on memory at every char. See {@code benchmarks/README.md}
 * (LargeDictionaryBenchmark) for the figures.
 */
final class WordScan extends CodePointScan {
  private final WordIndex index;
  private final int maxLength;

  WordScan(ScanTables tables, PerThread<ScanScratch> scratch, boolean hasAllow, WordIndex index,
      int maxLength) {
    super(tables, scratch, hasAllow);
    this.index = index;
    this.maxLength = maxLength;
  }

  @Override
  void scan(String text, HitHandler handler, @Nullable ScanScratch s) {
    if (s != null) {
      bufferedScan(text, handler, s);
      return;
    }
    final int[] table = chars;
    final WordIndex index = this.index;
    final int bits = index.bits();
    final int n = text.length();
    long key = 0;
    int length = 0; // of the word being read (0: between words)
    for (int p = 0; p < n; p++) {
      int e = table[text.charAt(p)];
      if ((e & (WORD | HOT)) == WORD) {
        key = (key << bits) | (e & SYMBOL);
        length++;
        continue;
      }
      if ((e & HOT) != 0) {
        if (s == null) {
          s = scratch.peek();
        }
        p = untilGap(text, p - length, handler, s) - 1;
      } else if (length != 0) {
        wordEnd(text, p - length, p, key, handler, s);
      }
      key = 0;
      length = 0;
    }
    if (length != 0) {
      wordEnd(text, n - length, n, key, handler, s);
    }
  }

  /**
   * {@link #scan} for long texts, read through the per-thread buffer a chunk at a time, in two loops
   * per chunk: the first packs every word's symbols without a branch per char (it writes the current
   * word at every char and advances the count of words only where one ends; with a branch on the char's
   * kind, mispredicted about twice per word, that loop ran at half the speed), the second looks the
   * words up, each lookup independent of the one before, so that the processor overlaps their misses.
   */
  private void bufferedScan(String text, HitHandler handler, ScanScratch s) {
    final int[] table = chars;
    final WordIndex index = this.index;
    final int bits = index.bits();
    final int n = text.length();
    final char[] buf = s.chars;
    final long[] keys = s.wordKeys;
    final long[] spans = s.wordSpans;
    long key = 0;
    int length = 0;
    int inWord = 0;
    int base = 0; // buf holds text[base, base + len)
    while (base < n) {
      int len = Math.min(buf.length, n - base);
      text.getChars(base, base + len, buf, 0);
      int next = base + len;
      int i = 0;
      while (i < len) {
        int words = 0;
        int e = 0;
        for (; i < len; i++) {
          e = table[buf[i]];
          if ((e & HOT) != 0) {
            break;
          }
          int w = (e >>> 16) & 1; // WORD
          keys[words] = key;
          spans[words] = ((long) (base + i) << 32) | length;
          words += inWord & (w ^ 1);
          long mask = -(long) w;
          key = ((key << bits) | (e & SYMBOL)) & mask;
          length = (length + 1) & (int) mask;
          inWord = w;
        }
        s.touched += index.touch(keys, words);
        for (int k = 0; k < words; k++) {
          long span = spans[k];
          int end = (int) (span >>> 32);
          wordEnd(text, end - (int) span, end, keys[k], handler, s);
        }
        if (i < len) {
          int after = untilGap(text, base + i - length, handler, s);
          key = 0;
          length = 0;
          inWord = 0;
          if (after - base < len) {
            i = after - base;
            continue;
          }
          next = after; // past the buffered chunk: refill from there
          break;
        }
      }
      base = next;
    }
    if (length != 0) {
      wordEnd(text, n - length, n, key, handler, s);
    }
    if (hasAllow) {
      s.flushFiltered(handler);
    }
  }

  /**
   * Reports the hits of the word of plain chars {@code text[start, end)}, whose packed symbols are {@code
   * key} (exact for words up to the index's longest). The char before the word, if any, is a plain
   * non-word char.
   */
  private void wordEnd(String text, int start, int end, long key, HitHandler handler,
      @Nullable ScanScratch s) {
    if (end - start <= index.maxLength()) {
      long v = index.get(key);
      if (v != WordIndex.ABSENT) {
        wordHit(text, start, end, v, handler, s);
      }
    } else if (end - start <= maxLength) {
      longWord(text, start, end, handler, s);
    }
  }

  /** Reports a word found in the index (out of the scan's loop, which inlines what it calls). */
  private void wordHit(String text, int start, int end, long v, HitHandler handler,
      @Nullable ScanScratch s) {
    if (v >= Integer.MIN_VALUE) {
      emitter.report((int) v, start, end, s, handler);
    } else {
      emitter.emitBack(text, (int) v, end - 1, end, 0, false, Math.max(0, start - 1), s, handler);
    }
  }

  /** A word longer than the index's keys hold: walks the trie (such words are rare in most text). */
  private void longWord(String text, int start, int end, HitHandler handler,
      @Nullable ScanScratch s) {
    final int[] table = chars;
    int code = ScanTables.ROOT_CODE;
    for (int q = start; q < end; q++) {
      code = tables.step(code, table[text.charAt(q)] & SYMBOL) & Transition.CODE;
    }
    if (tables.pendingAt(code)) {
      emitter.emitBack(text, code, end - 1, end, 0, false, Math.max(0, start - 1), s, handler);
    }
  }

  /**
   * Runs the anchored automaton from {@code from} (a word start, or a char after a plain non-word char:
   * the trie's root either way) over a stretch with special chars, as {@link AnchoredScan} would, up to
   * and including the next plain non-word char after them, where the automaton is back at its root with
   * every hit before reported. Returns the index after that char, or the text's end.
   */
  private int untilGap(String text, int from, HitHandler handler, ScanScratch s) {
    final int[] table = chars;
    final int n = text.length();
    int code = ScanTables.ROOT_CODE;
    int plainFrom = from;
    int p = from;
    while (p < n) {
      int e = table[text.charAt(p)];
      if ((e & HOT) != 0) {
        int q = special.special(text, p, code, p - 1, afterSpace(text, p), handler, s);
        if (q >= n) {
          return n; // special reported everything
        }
        code = s.code;
        plainFrom = q;
        if ((table[text.charAt(q)] & WORD) == 0) {
          return q + 1;
        }
        p = q + 1;
        continue;
      }
      int t = tables.step(code, e & SYMBOL);
      if (t < 0) {
        emitter.emitBack(text, code, p - 1, p, 0, (e & WORD) != 0, plainFrom, s, handler);
      }
      code = t & Transition.CODE;
      p++;
      if ((e & WORD) == 0) {
        return p;
      }
    }
    if (tables.pendingAt(code)) {
      emitter.emitBack(text, code, n - 1, n, 0, false, plainFrom, s, handler);
    }
    return n;
  }
}
