package dev.vigil.text;

import static dev.vigil.text.ContextualRows.FLAGS;
import static dev.vigil.text.ContextualRows.REPORT;
import static dev.vigil.text.ContextualRows.SINGLE;
import static dev.vigil.text.ContextualRows.SPARSE;
import static dev.vigil.text.PlainChars.HOT;
import static dev.vigil.text.PlainChars.DIGIT;
import static dev.vigil.text.PlainChars.INNER;
import static dev.vigil.text.PlainChars.KEY;
import static dev.vigil.text.PlainChars.LETTER;
import static dev.vigil.text.PlainChars.SPACE;
import static dev.vigil.text.PlainChars.STOP;
import static dev.vigil.text.PlainChars.SYMBOL;
import static dev.vigil.text.PlainChars.WORD;
import static dev.vigil.text.PlainChars.isCheckpoint;
import static dev.vigil.text.PlainChars.mayChain;
import static dev.vigil.text.PlainChars.mayBeLetter;

import dev.vigil.internal.IntBuffer;
import dev.vigil.internal.PerThread;
import org.jspecify.annotations.Nullable;

/**
 * The scan of {@link ScanPlan#CONTEXTUAL}: normalizers whose stages look at context ({@code aggressive}:
 * leetspeak, spaced-out letters, repeats). It steps the {@link Trie}, whose rows it lays out for itself
 * (breadth first, a code per transition with a flag where a hit may end), one normalized unit at a time.
 *
 * <h2>Two modes</h2>
 * Most text holds no evasion, and there the contextual stages change nothing but merge runs: a word
 * of two letters or more is never a link of a spaced-out chain, and a separator between such words is
 * never dropped. So the scan reads such stretches itself (the <em>plain</em> mode: one table read per
 * char, {@link PlainChars}; repeats and whitespace runs merged as the stages merge them) and hands the
 * rest to a {@link NormalizingCursor} (the <em>exact</em> mode). What the plain mode cannot read (a
 * digit or leet symbol that may stand for a letter, a mark or an invisible char, a surrogate, a char
 * that folds to several, a single letter that another single letter follows) sends the scan back to
 * its last <em>checkpoint</em> and through the cursor from there.
 *
 * <p>A checkpoint is a place {@code c} where a word of at least two plain letters ends and a plain
 * separator follows ({@code text[c-2]} and {@code text[c-1]} plain letters, {@code text[c]} a plain
 * separator). There no stage carries anything across: the leet stage looks at its neighbours only
 * (two letters), the separator stage has ended any chain (a letter with a letter beside it is not
 * single), the repeat stage has ended its run (a separator is not a letter), and the whitespace stage
 * has nothing pending (a letter is not whitespace). So a cursor started at {@code c} with that context
 * ({@link NormalizingCursor#resetAfterWord}) yields the units of a cursor that read the whole text,
 * and the exact mode returns to the plain one at the first checkpoint past the trouble.
 *
 * <p>The exact mode keeps the last units in a ring, from which a hit takes its start, checks its word
 * boundary before and its repeat counts. The plain mode keeps none: a hit walks back over the text
 * for its units, and into the ring before the place the plain mode began; when it gives up, it writes
 * the units before its checkpoint into the ring for the exact mode. Its hits wait until the next
 * checkpoint, so that going back never reports one twice.
 *
 * <p>The plain mode has two gears: the careful loop, which tracks the last chars, the checkpoints and
 * the single letters, and the fast gear, which reads a table entry and a transition per char as the
 * per-code-point scans do and hands back to the careful loop wherever something may need a look; the
 * rows are rewritten for it (see {@link ContextualRows#gearUp} and {@link #plainMode}).
 *
 * <p>The differential properties against the naive reference are the judge of all this
 * (TermMatcherProperties, ContextualScanProperties). Immutable.
 */
final class ContextualScan extends Scan {

  private final Trie trie;
  private final PatternSet patterns;
  private final Alphabet alphabet;
  private final PerThread<ScanScratch> scratch;
  private final boolean hasAllow;
  private final FoldTable fold;
  private final int @Nullable [] leet;
  private final boolean repeats;
  /** Per UTF-16 char: what the plain mode makes of it ({@link PlainChars}). */
  private final int[] plain;
  /** The trie's rows as this scan reads them, and what it asks of a state. */
  private final ContextualRows layout;

  ContextualScan(Trie trie, PatternSet patterns, Normalizer normalizer,
      PerThread<ScanScratch> scratch) {
    this.trie = trie;
    this.patterns = patterns;
    this.alphabet = patterns.alphabet;
    this.scratch = scratch;
    this.hasAllow = patterns.hasAllow();
    this.fold = normalizer.table();
    this.leet = normalizer.leetTable();
    this.repeats = normalizer.has(Normalizer.Stage.REPEATS);
    this.plain = PlainChars.of(normalizer, alphabet);
    this.layout = new ContextualRows(trie, patterns, plain, repeats);
  }

  @Override
  void scan(String text, HitHandler handler, @Nullable ScanScratch scratch) {
    ScanScratch s = scratch != null ? scratch : this.scratch.peek();
    ContextualRing ring = s.ring;
    ring.checkpoint = 0;
    ring.checkpointCode = layout.code(Trie.ROOT);
    ring.checkpointUnit = 0;
    ring.floor = 0;
    ring.waiting.clear();
    int trouble;
    while ((trouble = plainMode(text, plain, ring, s, handler)) >= 0
        && exact(text, trouble, ring, s, handler)) {
      // Each round reads from the last checkpoint to the next one past the trouble.
    }
    if (hasAllow) {
      s.flushFiltered(handler);
    }
  }

  /**
   * Reads the text from the ring's checkpoint in the plain mode. Returns -1 at the text's end, or
   * where it found what it cannot read: the ring's checkpoint is then where the exact mode starts, the
   * ring holds the units before it, and the hits found since it are dropped (the exact mode finds them
   * again).
   *
   * <p>Two gears. The careful loop reads a char, its table entry and its transition, and leaves only
   * for an event: a char it cannot read, the end of a word (a single letter, or a checkpoint), a
   * repeat or a run of whitespace (one unit), a transition that may end a hit, or a sparse state. At
   * each checkpoint it records with nothing held, and at the text's start, it shifts into the
   * <em>fast gear</em>, which reads a table entry and a transition per char and nothing else, as the
   * per-code-point scans do: the rows ({@link ContextualRows#gearUp}) keep repeats and whitespace runs
   * in their state and report where a single letter may end, and a HOT char, a digit or a {@code
   * STOP} separator stops it too. Where it stops, the careful loop takes over at that char, the two
   * chars before it read from the text. The fast gear records no checkpoints, so when the careful loop
   * must end the plain mode after the fast gear has moved past its last recorded one, it goes back to
   * where the fast gear began and reads on carefully to the same place (no char is read more than
   * twice), so that the exact mode starts from the last checkpoint before the trouble.
   * Neither gear keeps units: a hit walks back over the text for its units ({@link #collect}).
   */
  private int plainMode(String text, int[] table, ContextualRing ring, ScanScratch s,
      HitHandler handler) {
    final int n = text.length();
    final int[] rows = trie.rows;
    final char[] buf = s.chars;
    final int from = ring.checkpoint;
    final int fromUnit = ring.checkpointUnit;
    int code = ring.checkpointCode;
    // The last checkpoint recorded (the ring's is set from these when the plain mode ends), and
    // whether hits found since it wait in the ring.
    int checkpoint = from;
    int checkpointCode = code;
    boolean held = false;
    int prev = 0; // the table entries of the last two chars (0: neither letter nor space)
    int prev2 = 0;
    // Where the fast gear began after the last checkpoint recorded, and the state there (-1: it has
    // not moved since); after going back there, the fast gear stays off up to the place of trouble.
    int fastFrom = -1;
    int fastCode = 0;
    int carefulTo = -1;
    // Where in the chunk the fast gear may begin outside the careful loop (-1: nowhere): the text's
    // start, a checkpoint with nothing held (a chat message is often over before the careful loop
    // reaches its first checkpoint), and a checkpoint that handed over the hits held before it.
    int gearAt = from == 0 ? 0 : -1;
    // The text is read through the buffer: an array read has none of the string's per-char checks.
    int base = from;
    chunks:
    while (base < n) {
      int len = Math.min(buf.length, n - base);
      text.getChars(base, base + len, buf, 0);
      int j = 0;
      while (j < len) {
        if (j == gearAt) {
          gearAt = -1;
          if (base + j > carefulTo && (code & SPARSE) == 0) {
            long gear = fastGear(text, base, buf, j, len, code, rows, table);
            int k = (int) gear;
            if (k > j && k >= 2) {
              fastFrom = base + j;
              fastCode = code;
              code = (int) (gear >>> 32);
              prev = table[buf[k - 1]];
              prev2 = table[buf[k - 2]];
              j = k;
              if (j == len) {
                break;
              }
            }
          }
        }
        int e = 0;
        if ((code & SPARSE) == 0) {
          for (; j < len; j++) {
            e = table[buf[j]];
            if ((e & HOT) != 0) {
              break;
            }
            int letterBefore = prev & LETTER;
            if (letterBefore != 0 && (e & LETTER) != 0 && ((e ^ prev) & SYMBOL) == 0) {
              break; // a repeat
            }
            if ((prev & e & SPACE) != 0) {
              break; // whitespace after whitespace
            }
            int t = rows[code + (e & SYMBOL)];
            if ((t & (REPORT | SPARSE)) != 0) {
              break;
            }
            if (letterBefore == 0 || (e & LETTER) != 0) {
              code = t;
              prev2 = prev;
              prev = e;
              continue;
            }
            if ((prev2 & LETTER) == 0 || held || (e & DIGIT) != 0) {
              break; // a single letter, hits to hand over at this checkpoint, or a digit
            }
            // The end of a word: a checkpoint; then the fast gear from the char after it.
            checkpoint = base + j;
            checkpointCode = code;
            code = t;
            prev2 = prev;
            prev = e;
            fastFrom = -1;
            int k = j + 1;
            if (base + k > carefulTo && (e & STOP) == 0) {
              long gear = fastGear(text, base, buf, k, len, t, rows, table);
              int c = (int) (gear >>> 32);
              k = (int) gear;
              if (k > j + 1) {
                fastFrom = base + j + 1;
                fastCode = t;
                code = c;
                prev = table[buf[k - 1]];
                prev2 = table[buf[k - 2]];
                j = k - 1;
              }
            }
          }
          if (j == len) {
            break;
          }
        } else {
          e = table[buf[j]];
        }
        // An event at p.
        int p = base + j;
        j++;
        // Trouble: a leet key that stands for a letter here, or a single letter that may be a link
        // of a chain; the cursor reads from the last checkpoint.
        boolean trouble = false;
        if ((e & HOT) != 0) {
          // A leet key stays what it is where no letter stands beside it ("2024", "hello!").
          trouble = (e & KEY) == 0;
          if (!trouble) {
            boolean letterBefore = (prev & LETTER) != 0;
            boolean letterAfter = mayBeLetter(text, p + 1, table);
            trouble = (e & INNER) != 0 ? letterBefore && letterAfter : letterBefore || letterAfter;
          }
        }
        boolean letter = (e & LETTER) != 0;
        if ((prev & LETTER) != 0 && letter && repeats && ((e ^ prev) & SYMBOL) == 0
            || (prev & e & SPACE) != 0) {
          prev2 = prev; // the repeat stage, or the whitespace stage, makes the run one unit
          prev = e;
          continue;
        }
        // (A letter before a digit is not single, and a digit is no place for a checkpoint.)
        boolean wordEnd = (prev & LETTER) != 0 && !letter && (e & DIGIT) == 0;
        trouble = trouble || wordEnd && (prev2 & LETTER) == 0 && mayChain(text, p, table);
        if (trouble) {
          if (fastFrom >= 0) {
            // Back to where the fast gear began, to find the last checkpoint before p.
            base = fastFrom;
            code = fastCode;
            prev = base > 0 ? table[text.charAt(base - 1)] : 0;
            prev2 = base > 1 ? table[text.charAt(base - 2)] : 0;
            held = false;
            ring.waiting.clear();
            carefulTo = p;
            fastFrom = -1;
            continue chunks;
          }
          return abort(text, p, checkpoint, checkpointCode, from, fromUnit, table, ring);
        }
        // A unit starts at p. (At a checkpoint, what ends before its unit has been reported.)
        int sym = e & SYMBOL;
        boolean word = (e & WORD) != 0;
        int next;
        if ((code & SPARSE) == 0) {
          int t = rows[code + sym];
          if (t < 0 && p != from) {
            held |= plainEmit(text, layout.state(code), p, word, from, fromUnit, table, ring);
          }
          next = t & ~FLAGS;
        } else {
          int state = code & ~SPARSE;
          if (p != from && (word ? layout.emitsBeforeWord[state] : layout.emits[state])) {
            held |= plainEmit(text, state, p, word, from, fromUnit, table, ring);
          }
          next = layout.code(layout.step(state, sym));
        }
        boolean recorded = wordEnd && (prev2 & LETTER) != 0 && (e & HOT) == 0;
        if (recorded) {
          flushWaiting(ring, s, handler);
          held = false;
          checkpoint = p;
          checkpointCode = code;
          fastFrom = -1;
        }
        code = next;
        prev2 = prev;
        prev = e;
        if (recorded && j < len && (e & STOP) == 0) {
          gearAt = j; // (a list that hits often: rather than a word later)
        }
      }
      base += len;
    }
    int state = layout.state(code);
    if (n > from && layout.emits[state]) {
      plainEmit(text, state, n, false, from, fromUnit, table, ring);
    }
    flushWaiting(ring, s, handler);
    return -1;
  }

  /**
   * The fast gear: from {@code buf[k]} (the text's char {@code base + k}) in state {@code code}, reads
   * one table entry and one transition per char until a HOT char, a digit, a {@code STOP} separator, a
   * sparse state, a transition that may end a hit, or a single letter that may be a link of a chain
   * (or {@code len}); returns the state before that char (high half) and its place (low half). A
   * transition that reports only because a single letter may end there ({@code SINGLE}) it checks
   * itself, outside the inner loop ({@link #fastSteps}): a letter with another before it, or a single
   * one that no other follows, is read on as the careful loop would.
   */
  private static long fastGear(String text, int base, char[] buf, int k, int len, int code,
      int[] rows, int[] table) {
    int c = code;
    int i = k;
    while (true) {
      long steps = fastSteps(buf, i, len, c, rows, table);
      c = (int) (steps >>> 32);
      i = (int) steps;
      if (i >= len || i < 2) {
        break;
      }
      int f = table[buf[i]];
      if ((f & (HOT | DIGIT | STOP)) != 0) {
        break;
      }
      int u = rows[c + (f & SYMBOL)];
      if ((u & (SINGLE | SPARSE)) != SINGLE
          || (table[buf[i - 1]] & LETTER) != 0 && (table[buf[i - 2]] & LETTER) == 0
          && mayChain(text, base + i, table)) {
        break;
      }
      c = u & ~FLAGS;
      i++;
    }
    return (long) c << 32 | i;
  }

  /**
   * The fast gear's inner loop, alone so that the JIT keeps it tight: one table entry and one
   * transition per char, until a char or a transition asks for a look; returns as {@link #fastGear}.
   */
  private static long fastSteps(char[] buf, int k, int len, int code, int[] rows, int[] table) {
    int c = code;
    int i = k;
    for (; i < len; i++) {
      int f = table[buf[i]];
      if ((f & (HOT | DIGIT | STOP)) != 0) {
        break;
      }
      int u = rows[c + (f & SYMBOL)];
      if ((u & (REPORT | SPARSE)) != 0) {
        break;
      }
      c = u;
    }
    return (long) c << 32 | i;
  }

  /**
   * Ends the plain mode at {@code p}: drops the hits found since the last checkpoint, makes it the
   * ring's, and writes the units before it into the ring, for the exact mode. Returns {@code p}.
   */
  private int abort(String text, int p, int checkpoint, int checkpointCode, int from, int fromUnit,
      int[] table, ContextualRing ring) {
    // (Numbered by chars: see ContextualRing.floor.)
    int unit = fromUnit + (checkpoint - from);
    ring.waiting.clear();
    int got = collect(text, checkpoint, from, fromUnit, table, ring, ring.backStart.length);
    ring.checkpoint = checkpoint;
    ring.checkpointCode = checkpointCode;
    ring.checkpointUnit = unit;
    // Fewer than the longest term and one: the text starts there. Else no one reads further back.
    ring.floor = unit - got;
    int mask = ring.start.length - 1;
    for (int m = 0; m < got; m++) {
      int r = (unit - 1 - m) & mask;
      ring.start[r] = ring.backStart[m];
      ring.count[r] = ring.backCount[m];
      ring.word[r] = ring.backWord[m];
    }
    return p;
  }

  /**
   * Walks back from {@code end} (where a unit starts, or the text's end) over the units before it,
   * into the ring's back arrays (index 0 the last unit): over the text down to {@code from} (read in
   * the plain mode: repeats and whitespace runs are one unit each), then from the ring (the units
   * before {@code from}, unit {@code fromUnit - 1} first). Returns how many it found: {@code need}
   * (at most the longest term and one), or fewer at the text's start.
   */
  private int collect(String text, int end, int from, int fromUnit, int[] table,
      ContextualRing ring, int need) {
    int m = 0;
    int q = end;
    while (m < need && q > from) {
      int e = table[text.charAt(q - 1)];
      int st = q - 1;
      if ((e & LETTER) != 0 && repeats) {
        while (st > from && (table[text.charAt(st - 1)] & (LETTER | HOT)) == LETTER
            && ((table[text.charAt(st - 1)] ^ e) & SYMBOL) == 0) {
          st--;
        }
      } else if ((e & SPACE) != 0) {
        while (st > from && (table[text.charAt(st - 1)] & SPACE) != 0) {
          st--;
        }
      }
      ring.backStart[m] = st;
      ring.backCount[m] = (e & LETTER) != 0 ? q - st : 1;
      ring.backWord[m] = (e & WORD) != 0;
      m++;
      q = st;
    }
    int mask = ring.start.length - 1;
    for (int u = fromUnit - 1; m < need && u >= ring.floor && q <= from; m++) {
      int r = u & mask;
      ring.backStart[m] = ring.start[r];
      ring.backCount[m] = ring.count[r];
      ring.backWord[m] = ring.word[r];
      u--;
    }
    return m;
  }

  /**
   * Holds back the patterns of {@code state} and its output chain that end where the unit at {@code
   * end} starts, their units walked back over the text ({@link #collect}); returns whether it held
   * any.
   */
  private boolean plainEmit(String text, int state, int end, boolean nextIsWord, int from,
      int fromUnit, int[] table, ContextualRing ring) {
    if (!layout.emits[state]) {
      return false; // the fast gear's reports reach states without outputs too
    }
    int got = -1;
    boolean any = false;
    int[] outPattern = trie.outPattern;
    int[] outLink = trie.outLink;
    for (int st = outPattern[state] >= 0 ? state : outLink[state]; st >= 0; st = outLink[st]) {
      for (int q = outPattern[st]; q >= 0; q = trie.nextPattern[q]) {
        if (patterns.checkEnd[q] && nextIsWord) {
          continue;
        }
        if (got < 0) {
          got = collect(text, end, from, fromUnit, table, ring, layout.emitReach[state]);
        }
        int k = patterns.symbols[q].length;
        if (k > got || patterns.checkStart[q] && k < got && ring.backWord[k]) {
          continue;
        }
        int[] counts = patterns.counts[q];
        boolean hold = true;
        for (int j = 0; counts != null && j < counts.length && hold; j++) {
          hold = ring.backCount[k - 1 - j] >= counts[j];
        }
        if (hold) {
          ring.waiting.add(patterns.owner[q], ring.backStart[k - 1], end);
          any = true;
        }
      }
    }
    return any;
  }

  /**
   * Reads the text through the cursor from the ring's checkpoint; stops at the first checkpoint past
   * {@code trouble}, sets the ring's checkpoint there and returns true; returns false at the text's
   * end.
   */
  private boolean exact(String text, int trouble, ContextualRing ring, ScanScratch s,
      HitHandler handler) {
    NormalizingCursor cursor = ring.cursor;
    int from = ring.checkpoint;
    if (from == 0) {
      cursor.reset(text);
    } else {
      cursor.resetAfterWord(text, from, plainLetter(text.charAt(from - 1)));
    }
    int mask = ring.start.length - 1;
    boolean[] emits = layout.emits;
    int state = layout.state(ring.checkpointCode);
    int i = ring.checkpointUnit;
    boolean first = from > 0; // a checkpoint's unit: what ends before it has been reported
    while (cursor.next()) {
      int cp = cursor.codePoint();
      boolean word = WordChars.isWord(cp);
      if (!first) {
        if (emits[state]) {
          emit(state, i - 1, ring.end[(i - 1) & mask], word, ring, s, handler);
        }
        int at = cursor.start();
        if (at > trouble && isCheckpoint(text, at, plain)) {
          ring.checkpoint = at;
          ring.checkpointCode = layout.code(state);
          ring.checkpointUnit = i;
          return true;
        }
      }
      first = false;
      int r = i & mask;
      ring.start[r] = cursor.start();
      ring.end[r] = cursor.end();
      ring.count[r] = cursor.count();
      ring.word[r] = word;
      state = layout.step(state, alphabet.symbol(cp));
      i++;
    }
    if (emits[state]) {
      emit(state, i - 1, ring.end[(i - 1) & mask], false, ring, s, handler);
    }
    return false;
  }

  /** The code point a plain letter becomes after the fold and leet stages. */
  private int plainLetter(char c) {
    int f = fold.fold(c);
    return leet != null && f < 128 && leet[f] >= 0 ? leet[f] : f;
  }

  /**
   * Reports the patterns of {@code state} and its output chain that end at unit {@code last} (whose
   * span ends at {@code end}).
   */
  private void emit(int state, int last, int end, boolean nextIsWord, ContextualRing ring,
      ScanScratch s, HitHandler handler) {
    int mask = ring.start.length - 1;
    int[] outPattern = trie.outPattern;
    int[] outLink = trie.outLink;
    for (int st = outPattern[state] >= 0 ? state : outLink[state]; st >= 0; st = outLink[st]) {
      for (int p = outPattern[st]; p >= 0; p = trie.nextPattern[p]) {
        int first = last - patterns.symbols[p].length + 1;
        if (patterns.checkEnd[p] && nextIsWord) {
          continue;
        }
        if (patterns.checkStart[p] && first > ring.floor && ring.word[(first - 1) & mask]) {
          continue;
        }
        int[] counts = patterns.counts[p];
        if (counts != null && !countsHold(counts, first, ring.count, mask)) {
          continue;
        }
        int start = ring.start[first & mask];
        ScanScratch.report(hasAllow, patterns.owner[p], start, end, s, handler);
      }
    }
  }

  private void flushWaiting(ContextualRing ring, ScanScratch s, HitHandler handler) {
    IntBuffer w = ring.waiting;
    int size = w.size();
    if (size == 0) {
      return;
    }
    for (int h = 0; h < size; h += 3) {
      ScanScratch.report(hasAllow, w.get(h), w.get(h + 1), w.get(h + 2), s, handler);
    }
    w.clear();
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
