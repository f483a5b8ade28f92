package dev.vigil.text;

import static dev.vigil.text.ScanTables.CharEntry.HOT;
import static dev.vigil.text.ScanTables.CharEntry.SPACE;
import static dev.vigil.text.ScanTables.CharEntry.SYMBOL;
import static dev.vigil.text.ScanTables.CharEntry.WORD;

import dev.vigil.internal.PerThread;
import dev.vigil.text.ScanTables.Transition;
import org.jspecify.annotations.Nullable;

/**
 * The scan of {@link ScanPlan#WORD_INDEX} and {@link ScanPlan#PHRASE_INDEX}: large lists of whole words,
 * through their {@link WordIndex}. Each word of plain chars is looked up once, at its end, by its packed
 * symbols, instead of walked down the trie, where each step is a read that waits on the one before and,
 * in a large dictionary, misses the cache; the lookups of consecutive words are independent, so the
 * processor overlaps their misses. A word longer than the index's keys is looked up by two keys up to
 * twice their length, and walked down the trie beyond. The automaton takes over, from a word start in
 * the root state, for a word with a special char (an invisible char, a mark, a char that folds to
 * several) and (with phrases) a phrase's first word longer than the keys; and for the first word of a
 * phrase where the {@link PhraseIndex} cannot tell what it and the next word are, which it enters in
 * that word's state: it reads on as
 * {@link AutomatonScan} would until no pattern it opened is still open ({@link #run}), and the lookups
 * go on from there.
 *
 * <p>Why the lookups may start again wherever the automaton leaves off: every pattern starts at a word
 * start and ends at a word end, so a pattern still open at a word's end began at a whole word of the
 * text that is the pattern's first word, and the index knows every such word. While no looked-up word is
 * one, the automaton would be in its root state at every word start; a lookup is what it would do from
 * there.
 *
 * <p>Why only large lists: the index costs a lookup per word of the text, the trie a read per char.
 * With full rows (lists up to some 20,000 words) that read mostly hits the cache and {@link
 * AnchoredScan} or {@link AutomatonScan} is faster; in a larger trie, a text whose words the list holds
 * (a dictionary) walks deep into it and waits on memory at every char. See {@code benchmarks/README.md}
 * (LargeDictionaryBenchmark) for the figures.
 */
final class WordScan extends CodePointScan {
  private final WordIndex index;
  private final int maxLength;
  /**
   * The list has phrases (the tables are the automaton's, with failures to word starts): their first
   * two words; null for single words.
   */
  private final @Nullable PhraseIndex phrases;

  WordScan(ScanTables tables, PerThread<ScanScratch> scratch, boolean hasAllow, WordIndex index,
      int maxLength) {
    super(tables, scratch, hasAllow);
    this.index = index;
    this.maxLength = maxLength;
    this.phrases = index.phrases();
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
        p = run(text, p - length, p - length, ScanTables.ROOT_CODE, handler, s) - 1;
      } else if (length != 0) {
        int resume = wordEnd(text, p - length, p, key, -1, handler, s);
        if (resume >= 0) {
          p = resume - 1;
        }
      }
      key = 0;
      length = 0;
    }
    if (length != 0) {
      wordEnd(text, n - length, n, key, -1, handler, s);
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
        s.touched += index.touch(keys, spans, words);
        int resume = -1;
        for (int k = 0; k < words; k++) {
          long span = spans[k];
          int end = (int) (span >>> 32);
          int r = wordEnd(text, end - (int) span, end, keys[k], k + 1 < words ? k + 1 : -1, handler,
              s);
          if (r >= 0) {
            // The automaton read on from this word, most often to the next word's start: the lookups
            // go on there, past the words it read, or the chunk is packed again from where it left off.
            while (k + 1 < words && start(spans[k + 1]) < r) {
              k++;
            }
            if (k + 1 < words ? start(spans[k + 1]) != r : length == 0 || r != base + i - length) {
              resume = r;
              break;
            }
          }
        }
        if (resume < 0 && i < len) {
          int from = base + i - length;
          resume = run(text, from, from, ScanTables.ROOT_CODE, handler, s);
        }
        if (resume >= 0) {
          // The automaton read on from a word of this chunk past what the lookups can go on from.
          key = 0;
          length = 0;
          inWord = 0;
          if (resume - base < len) {
            i = resume - base;
            continue;
          }
          next = resume; // past the buffered chunk: refill from there
          break;
        }
      }
      base = next;
    }
    if (length != 0) {
      wordEnd(text, n - length, n, key, -1, handler, s);
    }
    if (hasAllow) {
      s.flushFiltered(handler);
    }
  }

  /** Where the word of a {@code ScanScratch.wordSpans} entry starts. */
  private static int start(long span) {
    return (int) (span >>> 32) - (int) span;
  }

  /**
   * Reports the hits of the word of plain chars {@code text[start, end)}, whose packed symbols are {@code
   * key} (exact for words up to the index's longest). The char before the word, if any, is a plain
   * non-word char; {@code next}, the index in {@code s}'s word buffers of the word packed after it, or
   * -1. Returns -1, or where the lookups go on when the automaton read on past the word.
   */
  private int wordEnd(String text, int start, int end, long key, int next, HitHandler handler,
      @Nullable ScanScratch s) {
    if (end - start <= index.maxLength()) {
      long v = index.get(key);
      if (v != WordIndex.ABSENT) {
        return wordHit(text, start, end, v, next, handler, s);
      }
    } else if (end - start <= maxLength) {
      return longWord(text, start, end, key, handler, s);
    }
    return -1;
  }

  /**
   * Reports a word found in the index, or reads on from the first word of a phrase (out of the scan's
   * loop, which inlines what it calls). Returns as {@link #wordEnd}.
   */
  private int wordHit(String text, int start, int end, long v, int next, HitHandler handler,
      @Nullable ScanScratch s) {
    if (v >= WordIndex.PHRASE) {
      if (next >= 0 && s != null && pairAbsent(text, end, v, s.wordSpans[next], s.wordKeys[next])) {
        // Most first words: what phraseStart would find out by the pair's bit alone, without the
        // call (too large to inline), whose branches and spills cost about as much as the lookup.
        reportOwn(text, start, end, v, handler, s);
        return -1;
      }
      return phraseStart(text, start, end, v, next, handler, s);
    }
    if (v >= Integer.MIN_VALUE) {
      emitter.report((int) v, start, end, s, handler);
    } else {
      emitter.emitBack(text, (int) v, end - 1, end, 0, false, Math.max(0, start - 1), s, handler);
    }
    return -1;
  }

  /**
   * The first word of a phrase, {@code text[start, end)}, with index value {@code v} ({@link
   * WordIndex#phrase}); {@code packed} as {@code next} of {@link #wordEnd}. Where one whitespace char
   * and a word of plain chars follow it, the {@link PhraseIndex} says what the two words are: none of
   * the phrases (most often), one of them to report, or the start of one the automaton must read on
   * through; where a non-word char or the text's end follows, or a space and a non-word char, the
   * value's flags say whether any phrase may go on; any other text goes through the automaton. Returns
   * as {@link #wordEnd}: where the automaton left off, or -1 (the lookups go on with the next word, so
   * its own hits are reported there, after the phrase's, which end with it and are longer).
   */
  private int phraseStart(String text, int start, int end, long v, int packed, HitHandler handler,
      @Nullable ScanScratch s) {
    int code = (int) v & WordIndex.PHRASE_MASK;
    final int n = text.length();
    int pair;
    int secondEnd = end;
    if (phrases == null) {
      pair = PhraseIndex.READ_ON;
    } else if (end >= n) {
      pair = PhraseIndex.ABSENT; // nothing after the word
    } else {
      int e = chars[text.charAt(end)]; // a non-word char: the one that ended the word
      if ((e & HOT) != 0) {
        pair = PhraseIndex.READ_ON;
      } else if ((e & SPACE) == 0) {
        pair = (v & WordIndex.OTHER_AFTER) != 0 ? PhraseIndex.READ_ON : PhraseIndex.ABSENT;
      } else {
        long next;
        int length;
        long span = packed >= 0 && s != null ? s.wordSpans[packed] : 0;
        if (span != 0 && start(span) == end + 1) {
          // The next word is packed already, right after the whitespace char: the second word.
          next = s.wordKeys[packed];
          length = (int) span;
        } else {
          next = nextWord(text, end);
          length = next == 0 ? -1
              : (64 - Long.numberOfLeadingZeros(next) + index.bits() - 1) / index.bits();
        }
        if (length < 0) {
          // No word to look up. After the space, a plain char that begins none ("the (", "a -")
          // goes on no phrase unless the flag says one has such a char there: the pair is absent,
          // where the automaton would read a few chars to find that out.
          pair = end + 1 < n && (chars[text.charAt(end + 1)] & (WORD | SPACE | HOT)) == 0
              && (v & WordIndex.OTHER_SECOND) == 0 ? PhraseIndex.ABSENT : PhraseIndex.READ_ON;
        } else if (length > index.maxLength()) {
          pair = (v & WordIndex.LONG_SECOND) != 0 ? PhraseIndex.READ_ON : PhraseIndex.ABSENT;
        } else {
          pair = phrases.get(code, next);
          secondEnd = end + 1 + length;
        }
      }
    }
    if (pair == PhraseIndex.READ_ON) {
      return run(text, start, end, code, handler, s);
    }
    reportOwn(text, start, end, v, handler, s);
    if (pair != PhraseIndex.ABSENT) {
      emitter.report(pair, start, secondEnd, s, handler);
    }
    return -1;
  }

  /**
   * Whether the first word of a phrase that ends at {@code end}, with index value {@code v}, is
   * followed by one whitespace char and the packed word {@code span} and {@code key} (the next in the
   * scratch's word buffers) in a pair that the {@link PhraseIndex}'s filter rules out: then no phrase
   * goes on from it, as {@link #phraseStart} would find.
   */
  private boolean pairAbsent(String text, int end, long v, long span, long key) {
    return phrases != null && start(span) == end + 1 && (int) span <= index.maxLength()
        && (chars[text.charAt(end)] & (SPACE | HOT)) == SPACE
        && !phrases.mayHave((int) v & WordIndex.PHRASE_MASK, key);
  }

  /** Reports what the first word of a phrase, with index value {@code v}, reports of its own. */
  private void reportOwn(String text, int start, int end, long v, HitHandler handler,
      @Nullable ScanScratch s) {
    int own = WordIndex.own(v);
    if (own > 1) {
      emitter.report(own - 2, start, end, s, handler);
    } else if (own == 1) {
      emitter.emitBack(text, (int) v & WordIndex.PHRASE_MASK, end - 1, end, 0, false,
          Math.max(0, start - 1), s, handler);
    }
  }

  /**
   * The index key of the word after {@code end} when one plain whitespace char and a word of plain
   * chars, no longer than the index's keys, follow there; else 0 (every word's key is other than 0).
   */
  private long nextWord(String text, int end) {
    final int n = text.length();
    final int[] table = chars;
    if (end + 1 >= n || (table[text.charAt(end)] & (SPACE | HOT)) != SPACE) {
      return 0;
    }
    final int bits = index.bits();
    int q = end + 1;
    int limit = Math.min(n, q + index.maxLength());
    long key = 0;
    for (int e; q < limit && ((e = table[text.charAt(q)]) & (WORD | HOT)) == WORD; q++) {
      key = (key << bits) | (e & SYMBOL);
    }
    if (q < n && (table[text.charAt(q)] & (WORD | HOT)) != 0) {
      return 0; // a special char in the word, or a word longer than the index's keys
    }
    return key;
  }

  /**
   * A word longer than the index's keys hold, whose symbols {@code key} holds the last of: where a
   * phrase may begin with such a word, reads on from its start through the automaton; else looks it up
   * by two keys when it is at most twice their length, or walks the trie. Returns as {@link #wordEnd}.
   */
  private int longWord(String text, int start, int end, long key, HitHandler handler,
      @Nullable ScanScratch s) {
    if (phrases != null && phrases.mayBeginLong(PhraseIndex.longWord(key, end - start))) {
      return run(text, start, start, ScanTables.ROOT_CODE, handler, s);
    }
    final int[] table = chars;
    int headEnd = end - index.maxLength();
    if (headEnd - start <= index.maxLength()) {
      // Up to twice the keys' length: looked up by its first symbols and its last, in the index.
      final int bits = index.bits();
      long head = 0;
      for (int q = start; q < headEnd; q++) {
        head = (head << bits) | (table[text.charAt(q)] & SYMBOL);
      }
      long v = index.getLong(head, key & index.lastMask());
      return v == WordIndex.ABSENT ? -1 : wordHit(text, start, end, v, -1, handler, s);
    }
    int code = ScanTables.ROOT_CODE;
    for (int q = start; q < end; q++) {
      code = tables.step(code, table[text.charAt(q)] & SYMBOL) & Transition.CODE;
    }
    if (tables.pendingAt(code)) {
      emitter.emitBack(text, code, end - 1, end, 0, false, Math.max(0, start - 1), s, handler);
    }
    return -1;
  }

  /**
   * Runs the automaton over the text from {@code p}, in the state of {@code code}, as {@link
   * AutomatonScan} would: {@code text[from, p)} is the start of a word, of plain chars, that took the
   * automaton from its root to that state ({@code from}, a word start, is where the root was). Goes on
   * until a word start where the automaton would be back in the state the root's step leads to, having
   * reported every hit before; returns that word start, or the text's end.
   *
   * <p>Single words (anchored tables) return at the first word start after the next plain non-word
   * char; phrases read on while one may still be open.
   */
  private int run(String text, int from, int p, int code, HitHandler handler,
      @Nullable ScanScratch s) {
    final int[] table = chars;
    final int[] rows = this.rows;
    final int n = text.length();
    int lastStart = p - 1;
    boolean lastWasSpace = p == from && afterSpace(text, p);
    boolean inWord = true; // at from, the word start the lookups left, there is nothing to go back to
    int plainFrom = from;
    while (p < n) {
      int e = table[text.charAt(p)];
      if ((e & HOT) != 0) {
        if (s == null) {
          s = scratch.peek();
        }
        int q = special.special(text, p, code, lastStart, lastWasSpace, handler, s);
        if (q >= n) {
          return n; // special reported everything
        }
        code = s.code;
        plainFrom = q;
        lastStart = q;
        lastWasSpace = false;
        inWord = (table[text.charAt(q)] & WORD) != 0;
        p = q + 1;
        continue;
      }
      boolean space = (e & SPACE) != 0;
      if (space & lastWasSpace) {
        plainFrom = p + 1; // a whitespace run is one unit
        p++;
        continue;
      }
      int sym = e & SYMBOL;
      boolean word = (e & WORD) != 0;
      int t = tables.step(code, sym);
      if (word && !inWord && (t & Transition.CODE) == (rows[ScanTables.ROOT_CODE + sym]
          & Transition.CODE)) {
        // No pattern open before this word goes on into it: the lookups take over here.
        if (t < 0) {
          emitter.emitBack(text, code, lastStart, p, 0, true, plainFrom, s, handler);
        }
        return p;
      }
      if (t < 0) {
        emitter.emitBack(text, code, lastStart, p, 0, word, plainFrom, s, handler);
      }
      code = t & Transition.CODE;
      lastStart = p;
      lastWasSpace = space;
      inWord = word;
      p++;
    }
    if (tables.pendingAt(code)) {
      emitter.emitBack(text, code, lastStart, n, 0, false, plainFrom, s, handler);
    }
    return n;
  }
}
