package dev.vigil.text;

import static dev.vigil.text.ScanTables.CharEntry.HOT;
import static dev.vigil.text.ScanTables.CharEntry.SPACE;
import static dev.vigil.text.ScanTables.CharEntry.SYMBOL;
import static dev.vigil.text.ScanTables.CharEntry.WORD;

import dev.vigil.internal.PerThread;
import dev.vigil.text.ScanTables.Transition;
import org.jspecify.annotations.Nullable;

/**
 * The scan of {@link ScanPlan#ANCHORED}: lists of single whole words, whose automaton is the bare trie,
 * entered at word starts only and parked in the dead state inside a word no term begins. No term holds
 * whitespace, so a run of it needs no special care (each char of it leads to the root), and the last
 * unit before a plain char always starts one char back (after a special char, the scan resumes past
 * the plain char that follows it).
 *
 * <p>A fully dense trie scans a text of {@link MatcherTuning#shortDualFrom()} chars or more (straight
 * from the string), or of {@link MatcherTuning#dualFrom()} or more (through the buffer), in two halves
 * at once ({@link #dualScan}): each half is a chain of reads that wait on the one before, and two
 * independent chains overlap their waits on memory. Hits still come in the order they end.
 */
final class AnchoredScan extends CodePointScan {
  /** How far past the middle {@link #splitPoint} looks for a place to cut. */
  private static final int SPLIT_WINDOW = 1 << 16;

  private final int dualFrom;
  private final int shortDualFrom;

  AnchoredScan(ScanTables tables, PerThread<ScanScratch> scratch, boolean hasAllow,
      MatcherTuning tuning) {
    super(tables, scratch, hasAllow);
    this.dualFrom = tuning.dualFrom();
    this.shortDualFrom = tuning.shortDualFrom();
  }

  @Override
  void scan(String text, HitHandler handler, @Nullable ScanScratch s) {
    int n = text.length();
    if (s != null) {
      int mid = !hasAllow && tables.fullyDense() && n >= dualFrom ? splitPoint(text) : -1;
      if (mid > 0) {
        dualScan(text, handler, s, mid);
      } else {
        range(text, handler, s, 0, n, ScanTables.ROOT_CODE, 0);
      }
      if (hasAllow) {
        s.flushFiltered(handler);
      }
      return;
    }
    int mid = tables.fullyDense() && n >= shortDualFrom ? splitPoint(text) : -1;
    if (mid > 0) {
      shortDualScan(text, handler, mid);
    } else {
      shortRange(text, handler, 0, n, ScanTables.ROOT_CODE, 0);
    }
  }

  /**
   * {@link #range} for short texts, straight from the string (no buffers, and no allow-list: the
   * matcher sends texts with one through the buffers).
   */
  private int shortRange(String text, HitHandler handler, int from, int end, int code,
      int plainFrom) {
    final int[] table = chars;
    final int[] rows = this.rows;
    final int dense = denseLimit;
    final int n = text.length();
    @Nullable ScanScratch s = null;
    int p = from;
    while (p < end) {
      // The inner loop only steps: it leaves at a report or a special char, so that the JIT keeps
      // the reporting code (inlined, it made the loop 45% slower) out of it.
      int e = 0;
      int t = 0;
      for (; p < end; p++) {
        e = table[text.charAt(p)];
        if ((e & HOT) != 0) {
          break;
        }
        t = code < dense ? rows[code + (e & SYMBOL)] : tables.sparseStep(code, e & SYMBOL);
        if (t < 0) {
          break;
        }
        code = t;
      }
      if (p >= end) {
        break;
      }
      if ((e & HOT) == 0) {
        emitter.emitBack(text, code, p - 1, p, 0, (e & WORD) != 0, plainFrom, s, handler);
        code = t & Transition.CODE;
        p++;
        continue;
      }
      if (s == null) {
        s = scratch.peek();
      }
      int q = special.special(text, p, code, p - 1, afterSpace(text, p), handler, s);
      code = s.code;
      plainFrom = q;
      p = q < n ? q + 1 : n;
    }
    if (end == n && tables.pendingAt(code)) {
      emitter.emitBack(text, code, n - 1, n, 0, false, plainFrom, s, handler);
    }
    return code;
  }

  /**
   * {@link #dualScan} for short texts (chat messages): both halves in one loop, straight from the
   * string. An event in the second half (a report or a special char) ends the shared loop, so that
   * nothing of it is held back: the first half finishes alone, then the second from where it stopped.
   */
  private void shortDualScan(String text, HitHandler handler, int mid) {
    final int[] table = chars;
    final int[] rows = this.rows;
    final int n = text.length();
    @Nullable ScanScratch s = null;
    int pa = 0;
    int pb = mid;
    int sa = ScanTables.ROOT_CODE;
    int sb = ScanTables.ROOT_CODE;
    int plainA = 0;
    while (pa < mid && pb < n) {
      int steps = Math.min(mid - pa, n - pb);
      int ea = 0;
      int eb = 0;
      int ta = 0;
      int tb = 0;
      int k = 0;
      for (; k < steps; k++) {
        ea = table[text.charAt(pa + k)];
        eb = table[text.charAt(pb + k)];
        ta = rows[sa + (ea & SYMBOL)];
        tb = rows[sb + (eb & SYMBOL)];
        if ((((ea | eb) & HOT) | ((ta | tb) & Transition.REPORT)) != 0) {
          break;
        }
        sa = ta;
        sb = tb;
      }
      pa += k;
      pb += k;
      if (k == steps || (eb & HOT) != 0 || tb < 0) {
        break; // a half is done, or the second half has an event: each goes on alone
      }
      // The first half's event; the second half takes its char.
      sb = tb;
      pb++;
      if ((ea & HOT) != 0) {
        if (s == null) {
          s = scratch.peek();
        }
        int q = special.special(text, pa, sa, pa - 1, afterSpace(text, pa), handler, s);
        sa = s.code;
        plainA = q;
        pa = q + 1; // q < mid - 1: see splitPoint
      } else {
        emitter.emitBack(text, sa, pa - 1, pa, 0, (ea & WORD) != 0, plainA, s, handler);
        sa = ta & Transition.CODE;
        pa++;
      }
    }
    if (pa < mid) {
      shortRange(text, handler, pa, mid, sa, plainA);
    }
    shortRange(text, handler, pb, n, sb, mid);
  }

  /**
   * Scans {@code text[from, end)} from the state of {@code code} (the automaton's state before {@code
   * from}; units from {@code plainFrom} on are single plain chars) through the per-thread buffer, and,
   * when {@code end} is the text's end, reports what is pending there. Returns the state's code at
   * {@code end}. A range that ends inside the text must end after a plain char that is neither a word
   * char nor whitespace, so that no special run crosses it. Its inner loop runs over an array, without
   * the string's per-char checks of coder and bounds (about a third faster on long text; on short
   * texts, fetching the buffer costs more than it saves).
   */
  private int range(String text, HitHandler handler, ScanScratch s, int from, int end, int code,
      int plainFrom) {
    final int[] table = chars;
    final int[] rows = this.rows;
    final int dense = denseLimit;
    final int n = text.length();
    final char[] buf = s.chars;
    int base = from; // buf holds text[base, base + len)
    int len = 0;
    int i = 0;
    while (true) {
      if (i >= len) {
        base += len;
        if (base >= end) {
          break;
        }
        len = Math.min(buf.length, end - base);
        text.getChars(base, base + len, buf, 0);
        i = 0;
      }
      // As in shortRange, the inner loop leaves at a report or a special char.
      int e = 0;
      int t = 0;
      for (; i < len; i++) {
        e = table[buf[i]];
        if ((e & HOT) != 0) {
          break;
        }
        t = code < dense ? rows[code + (e & SYMBOL)] : tables.sparseStep(code, e & SYMBOL);
        if (t < 0) {
          break;
        }
        code = t;
      }
      if (i < len && (e & HOT) == 0) {
        int p = base + i;
        emitter.emitBack(text, code, p - 1, p, 0, (e & WORD) != 0, plainFrom, s, handler);
        code = t & Transition.CODE;
        i++;
        continue;
      }
      if (i < len) {
        int p = base + i;
        int q = special.special(text, p, code, p - 1, afterSpace(text, p), handler, s);
        code = s.code;
        plainFrom = q;
        int next = q < n ? q + 1 : n;
        if (next - base <= len) {
          i = next - base;
        } else {
          base = next; // past the buffered chunk: refill from there
          len = 0;
          i = 0;
        }
      }
    }
    if (end == n && tables.pendingAt(code)) {
      emitter.emitBack(text, code, n - 1, n, 0, false, plainFrom, s, handler);
    }
    return code;
  }

  /**
   * Where a text can be cut in two for the dual scans: the index after the first char, from the middle
   * on, that is plain and not a word char, with a plain char after it and a plain char that is not
   * whitespace before it. There the automaton is at its root with nothing pending, and no run of
   * special chars (which takes whitespace along) crosses the cut. -1 if there is none within the next
   * {@link #SPLIT_WINDOW} chars (such a text is scanned whole).
   */
  private int splitPoint(String text) {
    final int[] table = chars;
    int n = text.length();
    int last = (int) Math.min(n - 1L, n / 2 + (long) SPLIT_WINDOW);
    for (int i = Math.max(1, n / 2); i < last; i++) {
      if ((table[text.charAt(i)] & (HOT | WORD)) == 0
          && (table[text.charAt(i - 1)] & (HOT | SPACE)) == 0
          && (table[text.charAt(i + 1)] & HOT) == 0) {
        return i + 1;
      }
    }
    return -1;
  }

  /**
   * Scans {@code text[0, mid)} and {@code text[mid, n)} in one loop, a char of each per step, through
   * the two chunk buffers. Each half's scan is a chain of reads that wait on the one before (the next
   * row depends on the last), so one chain leaves the processor waiting on memory; two independent
   * chains overlap their waits. Hits of the second half are held back (in the scratch's block hits,
   * free here: there is no allow-list) and reported after the first half's, so that hits still come
   * in the order they end. When one half is done, the other finishes alone.
   */
  private void dualScan(String text, HitHandler handler, ScanScratch s, int mid) {
    final int[] table = chars;
    final int[] rows = this.rows;
    final int n = text.length();
    final char[] bufA = s.chars;
    final char[] bufB = s.chars2;
    final HitHandler later = s.holdBack;
    int pa = 0;
    int pb = mid;
    int sa = ScanTables.ROOT_CODE;
    int sb = ScanTables.ROOT_CODE;
    int plainA = 0;
    int plainB = mid;
    int baseA = 0; // bufA holds text[baseA, baseA + lenA), bufB text[baseB, baseB + lenB)
    int lenA = 0;
    int baseB = mid;
    int lenB = 0;
    while (true) {
      if (pa - baseA >= lenA || pa < baseA) {
        if (pa >= mid) {
          break;
        }
        baseA = pa;
        lenA = Math.min(bufA.length, mid - pa);
        text.getChars(pa, pa + lenA, bufA, 0);
      }
      if (pb - baseB >= lenB || pb < baseB) {
        if (pb >= n) {
          break;
        }
        baseB = pb;
        lenB = Math.min(bufB.length, n - pb);
        text.getChars(pb, pb + lenB, bufB, 0);
      }
      int ia = pa - baseA;
      int ib = pb - baseB;
      int steps = Math.min(lenA - ia, lenB - ib);
      int ea = 0;
      int eb = 0;
      int ta = 0;
      int tb = 0;
      int k = 0;
      for (; k < steps; k++) {
        ea = table[bufA[ia + k]];
        eb = table[bufB[ib + k]];
        ta = rows[sa + (ea & SYMBOL)];
        tb = rows[sb + (eb & SYMBOL)];
        if ((((ea | eb) & HOT) | ((ta | tb) & Transition.REPORT)) != 0) {
          break; // a report or a special char in either half
        }
        sa = ta;
        sb = tb;
      }
      pa += k;
      pb += k;
      if (k == steps) {
        continue;
      }
      // Each half takes its char, as range would.
      if ((ea & HOT) != 0) {
        int q = special.special(text, pa, sa, pa - 1, afterSpace(text, pa), handler, s);
        sa = s.code;
        plainA = q;
        pa = q + 1; // q < mid - 1: see splitPoint
      } else {
        if (ta < 0) {
          emitter.emitBack(text, sa, pa - 1, pa, 0, (ea & WORD) != 0, plainA, s, handler);
        }
        sa = ta & Transition.CODE;
        pa++;
      }
      if ((eb & HOT) != 0) {
        int q = special.special(text, pb, sb, pb - 1, afterSpace(text, pb), later, s);
        sb = s.code;
        plainB = q;
        pb = q < n ? q + 1 : n;
      } else {
        if (tb < 0) {
          emitter.emitBack(text, sb, pb - 1, pb, 0, (eb & WORD) != 0, plainB, s, later);
        }
        sb = tb & Transition.CODE;
        pb++;
      }
    }
    if (pa < mid) {
      range(text, handler, s, pa, mid, sa, plainA);
    }
    s.replayBlocks(handler);
    range(text, handler, s, pb, n, sb, plainB);
  }
}
