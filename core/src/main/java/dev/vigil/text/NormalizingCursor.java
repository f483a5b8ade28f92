package dev.vigil.text;

/**
 * Streams the normalized units of a text, each with the span of original text it came from. Reused
 * per thread: {@link #reset} it for each text; it allocates nothing while scanning.
 *
 * <p>The pipeline, each stage pulling from the one before with a small, bounded lookahead:
 * <ol>
 *   <li><b>Fold</b> (context-free, {@link FoldTable}): each code point becomes zero or more code points;
 *       invisible characters and stripped marks become nothing. A unit's span is its code point's span;
 *       stripped combining marks that follow a unit extend its span, so evidence keeps whole characters.
 *   <li><b>Leetspeak</b> (optional): a unit whose code point is a key of the leet map becomes its letter
 *       when the key is itself a letter ({@code l}), or when the previous unit (as output) is a letter
 *       or the next unit (before mapping) is a letter; for keys that are common punctuation
 *       ({@code ! | +}), both neighbours must be letters.
 *   <li><b>Separators</b> (optional): in a chain of at least three single letters (a letter with no
 *       letter or digit on either side) separated by runs of one to three separator units (neither
 *       letter nor digit, nor a line break), the separator units are dropped. Every run of a chain is of
 *       the first run's kind: without whitespace, or with whitespace and of the same length; a run of
 *       another kind ends the chain, and its last letter starts the next one (where it does not count
 *       toward the three if the chain it ended was joined). So {@code f.u.c.k y.o.u} and
 *       {@code f u c k  y o u} stay two words, and {@code m-e-n-a-g-e  a  t-r-o-i-s} reads
 *       "menage a trois".
 *   <li><b>Repeats</b> (optional): a run of the same letter becomes one unit whose {@link #count()} is
 *       the run's length and whose span covers the run.
 *   <li><b>Whitespace</b> (optional): a run of whitespace units becomes one space whose span covers
 *       the run.
 * </ol>
 * The test suite holds a separate, list-based implementation of the same definition and checks the two
 * agree.
 */
final class NormalizingCursor {
  private static final int RING = 32; // power of two, > the longest lookahead (about 12 units)
  private static final int MASK = RING - 1;

  private final FoldTable fold;
  private final int[] leet; // leet map for code points < 128, or null; -1 = not a key
  private final boolean separators;
  private final boolean repeats;
  private final boolean whitespace;

  // Whitespace stage: one unit of lookahead.
  private boolean hasSpacePeek;
  private int sCp;
  private int sStart;
  private int sEnd;
  private int sCount;

  private CharSequence text = "";
  private int pos;

  // Fold stage output queue (before leet mapping).
  private final int[] fCp = new int[RING];
  private final int[] fStart = new int[RING];
  private final int[] fEnd = new int[RING];
  private int fHead;
  private int fTail;
  private int pendingExpansion = 0; // index into expansion still to emit, or 0
  private int[] expansion;
  private int expansionStart;
  private int expansionEnd;
  private int lastLeetOut = -1; // the code point of the last unit the leet stage produced

  // Leet stage output queue (input of the separator stage).
  private final int[] lCp = new int[RING];
  private final int[] lStart = new int[RING];
  private final int[] lEnd = new int[RING];
  private int lHead;
  private int lTail;

  // Separator stage state.
  private int prevSepInputCp = -1; // the last unit consumed from the leet queue, emitted or dropped
  private int dropRun; // separator units still to drop
  private int chainLength;
  private boolean expectChain;
  private int chainKind; // the kind of the chain's first separator run: 0, or its length if spaced
  private int runKind; // set by separatorRunAt

  // Separator stage output, one unit of lookahead for the repeat stage.
  private boolean hasPeek;
  private int peekCp;
  private int peekStart;
  private int peekEnd;

  // The current unit.
  private int cp;
  private int start;
  private int end;
  private int count;

  /**
   * A cursor with the given fold table and optional contextual stages.
   *
   * @param leet the leet map indexed by ASCII code point (-1 where not a key), or null to skip
   * @param whitespace whether runs of whitespace become one space
   */
  public NormalizingCursor(FoldTable fold, int[] leet, boolean separators, boolean repeats,
      boolean whitespace) {
    this.fold = fold;
    this.leet = leet;
    this.separators = separators;
    this.repeats = repeats;
    this.whitespace = whitespace;
  }

  /** Starts over on {@code text}. */
  public void reset(CharSequence text) {
    this.text = text;
    pos = 0;
    fHead = fTail = 0;
    lHead = lTail = 0;
    pendingExpansion = 0;
    expansion = null;
    lastLeetOut = -1;
    prevSepInputCp = -1;
    dropRun = 0;
    chainLength = 0;
    expectChain = false;
    hasPeek = false;
    hasSpacePeek = false;
  }

  /**
   * Starts over on {@code text} at {@code from}, as if the units before it had been read and the last
   * of them were a letter that is not single (the second of two letters or more) with code point
   * {@code letter} after the leet stage. Where the char at {@code from} is a separator (neither letter
   * nor digit) and not a mark, the units from {@code from} on are then the same as those of a cursor
   * that read the whole text: no stage keeps anything else across such a place (see {@link
   * ContextualScan}).
   */
  public void resetAfterWord(CharSequence text, int from, int letter) {
    reset(text);
    pos = from;
    lastLeetOut = letter;
    prevSepInputCp = letter;
  }

  /** Advances to the next unit; false at the end of the text. */
  public boolean next() {
    if (!whitespace) {
      return repeatNext();
    }
    if (!hasSpacePeek) {
      if (!repeatNext()) {
        return false;
      }
    } else {
      hasSpacePeek = false;
      cp = sCp;
      start = sStart;
      end = sEnd;
      count = sCount;
    }
    if (!CharClass.isWhitespace(cp)) {
      return true;
    }
    int runStart = start;
    int runEnd = end;
    while (repeatNext()) {
      if (CharClass.isWhitespace(cp)) {
        runEnd = end;
      } else {
        hasSpacePeek = true;
        sCp = cp;
        sStart = start;
        sEnd = end;
        sCount = count;
        break;
      }
    }
    cp = ' ';
    start = runStart;
    end = runEnd;
    count = 1;
    return true;
  }

  private boolean repeatNext() {
    if (!repeats) {
      if (!separatorNext()) {
        return false;
      }
      cp = peekCp;
      start = peekStart;
      end = peekEnd;
      count = 1;
      return true;
    }
    if (!hasPeek) {
      if (!separatorNext()) {
        return false;
      }
    }
    hasPeek = false;
    cp = peekCp;
    start = peekStart;
    end = peekEnd;
    count = 1;
    if (CharClass.isLetter(cp)) {
      while (separatorNext()) {
        if (peekCp == cp) {
          end = peekEnd;
          count++;
        } else {
          hasPeek = true;
          break;
        }
      }
    }
    return true;
  }

  /** The current unit's code point. */
  public int codePoint() {
    return cp;
  }

  /** Where the current unit starts in the original text (UTF-16 index). */
  public int start() {
    return start;
  }

  /** Where the current unit ends in the original text (exclusive). */
  public int end() {
    return end;
  }

  /** How many repeated letters the unit stands for (1 unless the repeat stage merged a run). */
  public int count() {
    return count;
  }

  // ---- separator stage: reads the leet queue, writes peekCp/peekStart/peekEnd ----

  private boolean separatorNext() {
    if (!separators) {
      if (!leetEnsure(1)) {
        return false;
      }
      takeLeet();
      return true;
    }
    while (true) {
      if (!leetEnsure(1)) {
        return false;
      }
      int c = lCp[lHead & MASK];
      if (dropRun > 0) {
        dropRun--;
        prevSepInputCp = c;
        lHead++;
        continue;
      }
      boolean single = isSingleLetterAt(0);
      takeLeet();
      if (single) {
        if (expectChain) {
          chainLength++;
        } else {
          chainLength = 1;
          chainKind = -1;
        }
        expectChain = false;
        int run = separatorRunAt(0);
        int kind = runKind;
        if (run > 0 && isSingleLetterAt(run)) {
          if (chainKind >= 0 && kind != chainKind) {
            // Separators of another kind: this letter ends its chain and starts the next. If the
            // chain it ends was joined (three letters or more), it belongs to that word and does not
            // count in the next chain.
            chainLength = chainLength >= 3 ? 0 : 1;
          }
          chainKind = kind;
          expectChain = true;
          if (chainLength >= 2 || lettersAhead(run, 3 - chainLength)) {
            dropRun = run;
          }
        }
      } else if (!isSeparator(c)) {
        chainLength = 0;
        expectChain = false;
      }
      return true;
    }
  }

  private void takeLeet() {
    int i = lHead & MASK;
    peekCp = lCp[i];
    peekStart = lStart[i];
    peekEnd = lEnd[i];
    prevSepInputCp = peekCp;
    lHead++;
  }

  /** Whether the unit {@code k} ahead in the leet queue is a single letter. */
  private boolean isSingleLetterAt(int k) {
    if (!leetEnsure(k + 1)) {
      return false;
    }
    int c = lCp[(lHead + k) & MASK];
    if (!CharClass.isLetter(c)) {
      return false;
    }
    int before = k == 0 ? prevSepInputCp : lCp[(lHead + k - 1) & MASK];
    if (before >= 0 && CharClass.isLetterOrDigit(before)) {
      return false;
    }
    if (leetEnsure(k + 2)) {
      return !CharClass.isLetterOrDigit(lCp[(lHead + k + 1) & MASK]);
    }
    return true;
  }

  /**
   * Whether at least {@code needed} more single letters follow in the current chain, the first after a
   * separator run of {@code run} units that is already known to be followed by one.
   */
  private boolean lettersAhead(int run, int needed) {
    int k = run; // index of the next single letter
    for (int found = 1; found < needed; found++) {
      int r = separatorRunAt(k + 1);
      if (r == 0 || runKind != chainKind || !isSingleLetterAt(k + 1 + r)) {
        return false;
      }
      k += 1 + r;
    }
    return true;
  }

  /** The length (1 to 3) of the separator run starting {@code k} ahead, or 0 if there is none. */
  private int separatorRunAt(int k) {
    int n = 0;
    boolean space = false;
    while (n < 4 && leetEnsure(k + n + 1) && isSeparator(lCp[(lHead + k + n) & MASK])) {
      space |= CharClass.isWhitespace(lCp[(lHead + k + n) & MASK]);
      n++;
    }
    runKind = space ? n : 0;
    return n >= 1 && n <= 3 ? n : 0;
  }

  private static boolean isSeparator(int c) {
    return !CharClass.isLetterOrDigit(c) && c != '\n' && c != '\r';
  }

  // ---- leet stage: reads the fold queue, fills the leet queue ----

  private boolean leetEnsure(int k) {
    while (lTail - lHead < k) {
      if (!foldEnsure(1)) {
        return false;
      }
      int i = fHead & MASK;
      int c = fCp[i];
      if (leet != null && c < 128 && leet[c] >= 0) {
        boolean prevLetter = lastLeetOut >= 0 && CharClass.isLetter(lastLeetOut);
        boolean nextLetter = foldEnsure(2) && CharClass.isLetter(fCp[(fHead + 1) & MASK]);
        boolean inner = c == '!' || c == '|' || c == '+';
        if (CharClass.isLetter(c) || (inner ? prevLetter && nextLetter : prevLetter || nextLetter)) {
          c = leet[c];
        }
      }
      int j = lTail & MASK;
      lCp[j] = c;
      lStart[j] = fStart[i];
      lEnd[j] = fEnd[i];
      lTail++;
      fHead++;
      lastLeetOut = c;
    }
    return true;
  }

  // ---- fold stage: reads the text, fills the fold queue ----

  private boolean foldEnsure(int k) {
    while (fTail - fHead < k) {
      if (!foldOne()) {
        return false;
      }
    }
    return true;
  }

  /** Appends at least one unit to the fold queue; false at the end of the text. */
  private boolean foldOne() {
    if (expansion != null) {
      push(expansion[pendingExpansion], expansionStart, expansionEnd);
      if (++pendingExpansion == expansion.length) {
        expansion = null;
        pendingExpansion = 0;
      }
      return true;
    }
    int n = text.length();
    while (pos < n) {
      int s = pos;
      int c = Character.codePointAt(text, pos);
      pos += Character.charCount(c);
      int f = fold.fold(c);
      if (f == FoldTable.DROP) {
        continue;
      }
      int e = absorbStrippedMarks();
      if (f >= 0) {
        push(f, s, e);
      } else {
        int[] x = fold.expansion(f);
        push(x[0], s, e);
        if (x.length > 1) {
          expansion = x;
          pendingExpansion = 1;
          expansionStart = s;
          expansionEnd = e;
        }
      }
      return true;
    }
    return false;
  }

  /** Moves past combining marks that fold to nothing, returning the end of the current unit's span. */
  private int absorbStrippedMarks() {
    int n = text.length();
    while (pos < n) {
      int c = Character.codePointAt(text, pos);
      if (CharClass.isNonSpacingOrEnclosingMark(c) && fold.fold(c) == FoldTable.DROP) {
        pos += Character.charCount(c);
      } else {
        break;
      }
    }
    return pos;
  }

  private void push(int c, int s, int e) {
    int j = fTail & MASK;
    fCp[j] = c;
    fStart[j] = s;
    fEnd[j] = e;
    fTail++;
  }
}
