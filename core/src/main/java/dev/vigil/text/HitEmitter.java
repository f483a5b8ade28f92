package dev.vigil.text;

import dev.vigil.text.ScanTables.CharEntry;
import dev.vigil.text.ScanTables.OutputInfo;
import org.jspecify.annotations.Nullable;

/**
 * Turns a state's outputs into hits, for the scans of per-code-point normalizers: checks each output's
 * word boundaries and finds where its hit starts in the original text. The scans keep no per-unit
 * history, so the start comes either by subtraction (inside a stretch of plain chars, one unit each)
 * or, rarely, by walking back over the text ({@link #unitsBack}). Immutable.
 */
final class HitEmitter {
  /** What {@link #unitsBack} returns when the text has too few units. */
  private static final long NONE = -1L;

  private final int[] chars;
  private final int[] outputs;
  private final ScanTables tables;
  private final FoldTable fold;
  private final boolean foldWhitespace;
  private final boolean hasAllow;

  HitEmitter(ScanTables tables, boolean hasAllow) {
    this.tables = tables;
    this.chars = tables.chars;
    this.outputs = tables.outputs;
    this.fold = tables.fold;
    this.foldWhitespace = tables.foldWhitespace;
    this.hasAllow = hasAllow;
  }

  /**
   * Reports the outputs of the state of {@code code}, whose last unit is described by the other
   * arguments: it starts at {@code lastStart} (index {@code lastIndex} in its code point's expansion)
   * and ends at {@code lastEnd}; {@code nextIsWord}: the unit after it is a word char. Units from
   * {@code plainFrom} on are single plain chars.
   */
  void emitBack(String text, int code, int lastStart, int lastEnd, int lastIndex,
      boolean nextIsWord, int plainFrom, @Nullable ScanScratch s, HitHandler handler) {
    final int[] o = outputs;
    for (int r = tables.firstOutput(code); r >= 0; r = o[r + 1]) {
      for (int k = r + 2, end = r + 2 + 2 * o[r]; k < end; k += 2) {
        int info = o[k + 1];
        if ((info & OutputInfo.END) != 0 && nextIsWord) {
          continue;
        }
        int length = info & OutputInfo.LENGTH;
        boolean checkStart = (info & OutputInfo.START) != 0;
        int start = lastStart - length + 1;
        if (start >= plainFrom) {
          if (checkStart && start > 0) {
            if (start > plainFrom) {
              if ((chars[text.charAt(start - 1)] & CharEntry.WORD) != 0) {
                continue;
              }
            } else {
              long before = unitsBack(text, start, 0, 1);
              if (before != NONE && WordChars.isWord(unitCodePoint(text, before))) {
                continue;
              }
            }
          }
        } else {
          // Walk back to the pattern's first unit, then one more for the start boundary.
          long first = unitsBack(text, lastStart, lastIndex, length - 1);
          start = (int) (first >>> 32);
          if (checkStart) {
            long before = unitsBack(text, start, (int) first, 1);
            if (before != NONE && WordChars.isWord(unitCodePoint(text, before))) {
              continue;
            }
          }
        }
        ScanScratch.report(hasAllow, o[k], start, lastEnd, s, handler);
      }
    }
  }

  /** Reports one term's hit (the word index's, which needs no walk). */
  void report(int term, int start, int end, @Nullable ScanScratch s, HitHandler handler) {
    ScanScratch.report(hasAllow, term, start, end, s, handler);
  }

  /**
   * The unit {@code k} units before the unit at ({@code start}, {@code index}): the position where its
   * code point (or whitespace run) starts, in the high 32 bits, and its index in that code point's
   * expansion, in the low 32 bits; {@link #NONE} when the text has fewer units before.
   */
  private long unitsBack(String text, int start, int index, int k) {
    if (k <= index) {
      return ((long) start << 32) | (index - k);
    }
    k -= index; // units still to step back, across code points
    int q = start;
    while (true) {
      if (q == 0) {
        return NONE;
      }
      int cp = text.codePointBefore(q);
      int at = q - Character.charCount(cp);
      int f = fold.fold(cp);
      if (f == FoldTable.DROP) {
        q = at;
        continue;
      }
      int units = f >= 0 ? 1 : fold.expansion(f).length;
      int c = f >= 0 ? f : fold.expansion(f)[units - 1];
      if (foldWhitespace && units == 1 && Character.isWhitespace(c)) {
        // A whitespace run, with the invisibles inside it, is one unit starting at its first space.
        int runStart = at;
        int r = at;
        while (r > 0) {
          int b = text.codePointBefore(r);
          int bf = fold.fold(b);
          if (bf == FoldTable.DROP) {
            r -= Character.charCount(b);
          } else if (bf >= 0 && Character.isWhitespace(bf)) {
            r -= Character.charCount(b);
            runStart = r;
          } else {
            break;
          }
        }
        if (--k == 0) {
          return (long) runStart << 32;
        }
        q = runStart;
        continue;
      }
      if (k <= units) {
        return ((long) at << 32) | (units - k);
      }
      k -= units;
      q = at;
    }
  }

  /** The normalized code point of a unit found by {@link #unitsBack}. */
  private int unitCodePoint(String text, long unit) {
    int at = (int) (unit >>> 32);
    int cp = text.codePointAt(at);
    int f = fold.fold(cp);
    int c = f >= 0 ? f : fold.expansion(f)[(int) unit];
    return foldWhitespace && Character.isWhitespace(c) ? ' ' : c;
  }
}
