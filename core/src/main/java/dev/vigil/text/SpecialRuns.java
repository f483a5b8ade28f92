package dev.vigil.text;

import dev.vigil.text.ScanTables.CharEntry;
import dev.vigil.text.ScanTables.Transition;

/**
 * The per-code-point scans' slow path: a run of chars that are not plain single units (dropped
 * invisibles and marks, surrogate pairs, chars that fold to several units, whitespace after them).
 * The scans' inner loops leave for it at the first such char and resume at the plain char after the
 * run, so that they never carry per-unit history; this class steps the automaton unit by unit over
 * the run, and reports hits through {@link HitEmitter}, which walks back over the text where units
 * are not single chars. The scan's state crosses over in the {@link ScanScratch}. Immutable.
 */
final class SpecialRuns {
  private final ScanTables tables;
  private final HitEmitter emitter;
  private final int[] chars;
  private final int[] rows;
  private final int denseLimit;
  private final FoldTable fold;
  private final boolean foldWhitespace;

  SpecialRuns(ScanTables tables, HitEmitter emitter) {
    this.tables = tables;
    this.emitter = emitter;
    this.chars = tables.chars;
    this.rows = tables.rows;
    this.denseLimit = tables.denseLimit;
    this.fold = tables.fold;
    this.foldWhitespace = tables.foldWhitespace;
  }

  /**
   * Takes over from an inner loop at the special char at {@code p}, in the state of {@code code}, whose
   * last unit started at {@code lastStart}: handles the run of special chars from there, then takes
   * the plain char after it (which is not whitespace). Returns that char's index, or the text's end;
   * the state after it is in {@code s.code} (the root at the end, where everything is reported).
   */
  int special(String text, int p, int code, int lastStart, boolean lastWasSpace,
      HitHandler handler, ScanScratch s) {
    s.code = code;
    s.pending = tables.pendingAt(code);
    s.lastStart = lastStart;
    s.lastEnd = p;
    s.lastIndex = 0;
    s.lastWasSpace = lastWasSpace;
    int q = run(text, p, handler, s);
    int at = s.code;
    if (q < text.length()) {
      int e = chars[text.charAt(q)];
      if (s.pending) {
        emitter.emitBack(text, at, s.lastStart, s.lastEnd, s.lastIndex, (e & CharEntry.WORD) != 0,
            Integer.MAX_VALUE, s, handler);
      }
      s.code = tables.step(at, e & CharEntry.SYMBOL) & Transition.CODE;
    } else {
      if (s.pending) {
        emitter.emitBack(text, at, s.lastStart, s.lastEnd, s.lastIndex, false, Integer.MAX_VALUE,
            s, handler);
      }
      s.code = ScanTables.ROOT_CODE;
    }
    return q;
  }

  /**
   * Handles a run of chars that are not plain single units, starting at {@code p}, and returns the index
   * of the next plain char (or the end). The last unit's end, as the inner loop would compute it, is
   * {@code p} when it enters, since the last unit was a plain char right before it (or nothing).
   */
  private int run(String text, int p, HitHandler handler, ScanScratch s) {
    final int n = text.length();
    int code = s.code;
    boolean pending = s.pending;
    int lastStart = s.lastStart;
    int lastEnd = s.lastEnd;
    int lastIndex = s.lastIndex;
    // The inner loop hands over right after a plain or space unit (or at the start): marks here
    // extend that unit.
    boolean absorbing = p > 0;
    boolean lastWasSpace = s.lastWasSpace;
    while (p < n) {
      int e = chars[text.charAt(p)];
      if ((e & CharEntry.SPECIAL) == 0) {
        break;
      }
      if ((e & CharEntry.DROP) != 0) {
        if ((e & CharEntry.MARK) != 0 && absorbing) {
          lastEnd = p + 1;
        } else {
          absorbing = false;
        }
        p++;
        continue;
      }
      if ((e & CharEntry.SPACE) != 0) {
        if (lastWasSpace) {
          lastEnd = p + 1;
        } else {
          if (pending) {
            emitter.emitBack(text, code, lastStart, lastEnd, lastIndex, false, Integer.MAX_VALUE, s,
                handler);
          }
          code = step(code, e & CharEntry.SYMBOL);
          pending = tables.pendingAt(code);
          lastStart = p;
          lastEnd = p + 1;
          lastIndex = 0;
          lastWasSpace = true;
        }
        absorbing = true;
        p++;
        continue;
      }
      int cp = text.codePointAt(p);
      int next = p + Character.charCount(cp);
      int f = fold.fold(cp);
      if (f == FoldTable.DROP) {
        int type = Character.getType(cp);
        if ((type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) && absorbing) {
          lastEnd = next;
        } else {
          absorbing = false;
        }
        p = next;
        continue;
      }
      int end = absorbMarks(text, next);
      int units = f >= 0 ? 1 : fold.expansion(f).length;
      for (int u = 0; u < units; u++) {
        int c = f >= 0 ? f : fold.expansion(f)[u];
        if (foldWhitespace && Character.isWhitespace(c)) {
          if (lastWasSpace) {
            lastEnd = end;
            continue;
          }
          c = ' ';
        }
        boolean word = WordChars.isWord(c);
        if (pending) {
          emitter.emitBack(text, code, lastStart, lastEnd, lastIndex, word, Integer.MAX_VALUE, s,
              handler);
        }
        code = step(code, tables.alphabet.symbol(c));
        pending = tables.pendingAt(code);
        lastStart = p;
        lastEnd = end;
        lastIndex = u;
        lastWasSpace = c == ' ' && foldWhitespace;
      }
      absorbing = true;
      p = end;
    }
    s.code = code;
    s.pending = pending;
    s.lastStart = lastStart;
    s.lastEnd = lastEnd;
    s.lastIndex = lastIndex;
    return p;
  }

  private int step(int code, int sym) {
    return (code < denseLimit ? rows[code + sym] : tables.sparseStep(code, sym)) & Transition.CODE;
  }

  /** The end of the stripped combining marks starting at {@code from}. */
  private int absorbMarks(String text, int from) {
    int end = from;
    int n = text.length();
    while (end < n) {
      int m = text.codePointAt(end);
      int type = Character.getType(m);
      if ((type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK)
          && fold.fold(m) == FoldTable.DROP) {
        end += Character.charCount(m);
      } else {
        break;
      }
    }
    return end;
  }
}
