package dev.vigil.text;

import static dev.vigil.text.ScanTables.CharEntry.HOT;
import static dev.vigil.text.ScanTables.CharEntry.SPACE;
import static dev.vigil.text.ScanTables.CharEntry.SYMBOL;
import static dev.vigil.text.ScanTables.CharEntry.WORD;

import dev.vigil.internal.PerThread;
import dev.vigil.text.ScanTables.Transition;
import org.jspecify.annotations.Nullable;

/**
 * The scan of {@link ScanPlan#AUTOMATON} and {@link ScanPlan#WORD_STARTS}: the full Aho-Corasick
 * automaton, one step per unit, with whitespace runs as one unit. Its inner loop reads one char-table
 * entry and one transition per char and tests the transition's sign; it leaves only for a report, a
 * deep (sparse) state's step or a special char. A hit inside a stretch of plain chars finds its start
 * by subtraction, so the scan keeps no per-unit history. Texts up to {@link MatcherTuning#shortText()}
 * chars are read straight from the string, longer ones through the per-thread buffer a chunk at a time
 * (an array read has none of the string's per-char checks).
 */
final class AutomatonScan extends CodePointScan {
  AutomatonScan(ScanTables tables, PerThread<ScanScratch> scratch, boolean hasAllow) {
    super(tables, scratch, hasAllow);
  }

  @Override
  void scan(String text, HitHandler handler, @Nullable ScanScratch s) {
    if (s != null) {
      bufferedScan(text, handler, s);
      return;
    }
    final int[] table = chars;
    final int[] rows = this.rows;
    final int dense = denseLimit;
    final int n = text.length();
    int code = ScanTables.ROOT_CODE;
    int lastStart = 0; // where the last unit's code point starts; it ends where the next unit starts
    boolean lastWasSpace = false;
    int plainFrom = 0; // from here to the last unit, every unit is one plain char
    int p = 0;
    while (p < n) {
      // The inner loop only steps: it leaves at a report or a special char, so that the JIT keeps
      // the reporting code out of it (see AnchoredScan).
      int e = 0;
      int t = 0;
      for (; p < n; p++) {
        e = table[text.charAt(p)];
        if ((e & HOT) != 0) {
          break;
        }
        boolean space = (e & SPACE) != 0;
        if (space & lastWasSpace) {
          plainFrom = p + 1; // a whitespace run is one unit
          continue;
        }
        if (code >= dense) {
          break; // a deep state's step, out of the loop (inlined, it made the loop slower)
        }
        lastWasSpace = space;
        t = rows[code + (e & SYMBOL)];
        if (t < 0) {
          break;
        }
        code = t;
        lastStart = p;
      }
      if (p >= n) {
        break;
      }
      if ((e & HOT) == 0 && code >= dense) {
        lastWasSpace = (e & SPACE) != 0;
        t = tables.sparseStep(code, e & SYMBOL);
        if (t < 0) {
          emitter.emitBack(text, code, lastStart, p, 0, (e & WORD) != 0, plainFrom, s, handler);
        }
        code = t & Transition.CODE;
        lastStart = p++;
        continue;
      }
      if ((e & HOT) == 0) {
        // Leaving a state whose outputs may hold here: report them, then go on.
        emitter.emitBack(text, code, lastStart, p, 0, (e & WORD) != 0, plainFrom, s, handler);
        code = t & Transition.CODE;
        lastStart = p++;
        continue;
      }
      // Rare chars leave the hot loop: the state goes through the scratch object and back. (A scan
      // reentered from a handler may share that object: each writes it only just before reading.)
      if (s == null) {
        s = scratch.peek();
      }
      int q = special.special(text, p, code, lastStart, lastWasSpace, handler, s);
      code = s.code;
      plainFrom = q;
      lastStart = q;
      lastWasSpace = false;
      p = q < n ? q + 1 : n;
    }
    if (tables.pendingAt(code)) {
      emitter.emitBack(text, code, lastStart, n, 0, false, plainFrom, s, handler);
    }
  }

  /** {@link #scan} for long texts, read through the per-thread buffer a chunk at a time. */
  private void bufferedScan(String text, HitHandler handler, ScanScratch s) {
    final int[] table = chars;
    final int[] rows = this.rows;
    final int dense = denseLimit;
    final int n = text.length();
    final char[] buf = s.chars;
    int code = ScanTables.ROOT_CODE;
    int lastStart = 0;
    boolean lastWasSpace = false;
    int plainFrom = 0;
    int base = 0; // buf holds text[base, base + len)
    int len = 0;
    int i = 0;
    while (true) {
      if (i >= len) {
        base += len;
        if (base >= n) {
          break;
        }
        len = Math.min(buf.length, n - base);
        text.getChars(base, base + len, buf, 0);
        i = 0;
      }
      int e = 0;
      int t = 0;
      for (; i < len; i++) {
        e = table[buf[i]];
        if ((e & HOT) != 0) {
          break;
        }
        boolean space = (e & SPACE) != 0;
        if (space & lastWasSpace) {
          plainFrom = base + i + 1; // a whitespace run is one unit
          continue;
        }
        if (code >= dense) {
          break; // a deep state's step, out of the loop (inlined, it made the loop slower)
        }
        lastWasSpace = space;
        t = rows[code + (e & SYMBOL)];
        if (t < 0) {
          break;
        }
        code = t;
        lastStart = base + i;
      }
      if (i < len && (e & HOT) == 0 && code >= dense) {
        lastWasSpace = (e & SPACE) != 0;
        t = tables.sparseStep(code, e & SYMBOL);
        if (t < 0) {
          emitter.emitBack(text, code, lastStart, base + i, 0, (e & WORD) != 0, plainFrom, s,
              handler);
        }
        code = t & Transition.CODE;
        lastStart = base + i;
        i++;
        continue;
      }
      if (i < len && (e & HOT) == 0) {
        emitter.emitBack(text, code, lastStart, base + i, 0, (e & WORD) != 0, plainFrom, s, handler);
        code = t & Transition.CODE;
        lastStart = base + i;
        i++;
        continue;
      }
      if (i < len) {
        int q = special.special(text, base + i, code, lastStart, lastWasSpace, handler, s);
        code = s.code;
        plainFrom = q;
        lastStart = q;
        lastWasSpace = false;
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
    if (tables.pendingAt(code)) {
      emitter.emitBack(text, code, lastStart, n, 0, false, plainFrom, s, handler);
    }
    if (hasAllow) {
      s.flushFiltered(handler);
    }
  }
}
