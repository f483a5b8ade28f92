package dev.vigil.text;

import static dev.vigil.text.PlainChars.DIGIT;
import static dev.vigil.text.PlainChars.HOT;
import static dev.vigil.text.PlainChars.LETTER;
import static dev.vigil.text.PlainChars.SPACE;
import static dev.vigil.text.PlainChars.STOP;
import static dev.vigil.text.PlainChars.SYMBOL;
import static dev.vigil.text.PlainChars.WORD;

/**
 * The {@link Trie}'s rows as {@link ContextualScan} reads them: in breadth-first order, a <em>code</em>
 * per transition (a dense target's row offset, or a sparse target's number with {@link #SPARSE}) with
 * flags where leaving the state may end a hit ({@link #REPORT}) or only a single letter may end
 * ({@link #SINGLE}), and rewritten for the plain mode's fast gear ({@link #gearUp}). Also what the scan
 * asks of a state: its code, the state of a code, the step the rows no longer hold (self-loops), and
 * whether it emits.
 *
 * <p>Built once with the matcher (it rewrites the trie's rows, which are the matcher's alone, and marks
 * {@code STOP} chars in the plain table it is given); immutable after, safe to share across threads.
 */
final class ContextualRows {
  /** In the trie's rows, rewritten by this layout: leaving the state on this symbol may end a hit. */
  static final int REPORT = Integer.MIN_VALUE;
  /** In the rows: the target is a sparse state (its number follows), not a dense row's offset. */
  static final int SPARSE = 1 << 30;
  /**
   * In the rows, with REPORT: the transition reports only because a single letter may end there (no
   * hit can), so that the fast gear can check the letter itself and read on.
   */
  static final int SINGLE = 1 << 29;
  /** The flags of a transition, which its target's code is without. */
  static final int FLAGS = REPORT | SINGLE;
  /** The rows this layout asks of the trie beyond its own: the single letter's. */
  static final int SPARE_ROWS = 1;

  private final Trie trie;
  /** Per UTF-16 char: what the plain mode makes of it ({@link PlainChars}); gearUp marks STOP. */
  private final int[] plain;
  private final boolean repeats;
  /**
   * By state: whether it may report a hit before a word char (it emits a pattern that needs no word
   * boundary after it). Inside words of a list of whole words, no state does, and no unit looks.
   */
  final boolean[] emitsBeforeWord;
  /**
   * By state: how many units before a hit's end its outputs need to see, the longest pattern's symbols
   * and one (whether the unit before it is a word char). On lists of long words, walking back as far as
   * the longest term of the list at every hit cost a fifth of the scan.
   */
  final int[] emitReach;
  private final int dense;
  private final int width;
  /** By state, the dead state (one past the trie, with wordStart) included: whether it has outputs. */
  final boolean[] emits;
  /** The dead state's number, or -1 without one; the code of its row. */
  private final int dead;
  private final int deadCode;
  /**
   * 2^64 / width, rounded up: a dense code (a multiple of the width below 2^30) times it, high half,
   * is the state, without a division (the error, state * (2^64 mod width) / 2^64, stays below one).
   */
  private final long inverseWidth;
  /**
   * The single letter's state (see {@link #gearUp}): its number (two past the trie's states) and its
   * code (the spare row's offset).
   */
  private final int single;
  private final int singleCode;
  /**
   * By dense state: the symbol of its self-loop (its own last symbol, a letter that repeats or a
   * whitespace char after one), or -1; and the transition that the loop replaced, which the exact
   * mode takes (its units never repeat so, but it must not depend on that).
   */
  private final int[] loopSymbol;
  private final int[] loopReplaced;

  /**
   * Lays out {@code trie}'s rows (which the trie must have made with {@link #SPARE_ROWS} spare rows)
   * for the plain mode of {@code plain}'s normalizer, with the repeat stage if {@code repeats}.
   */
  ContextualRows(Trie trie, PatternSet patterns, int[] plain, boolean repeats) {
    this.trie = trie;
    this.plain = plain;
    this.repeats = repeats;
    Alphabet alphabet = patterns.alphabet;
    this.dense = trie.denseStates;
    this.width = trie.alphabet;
    this.dead = trie.wordStart ? trie.dead() : -1;
    this.deadCode = dense * width;
    this.inverseWidth = Long.divideUnsigned(-1L, width) + 1;
    this.single = trie.states + 1;
    this.emits = java.util.Arrays.copyOf(trie.emits, trie.states + 2);
    this.emitsBeforeWord = new boolean[trie.states + 2];
    this.emitReach = new int[trie.states + 2];
    for (int state = 0; state < trie.states; state++) {
      for (int st = trie.outPattern[state] >= 0 ? state : trie.outLink[state]; st >= 0;
          st = trie.outLink[st]) {
        for (int q = trie.outPattern[st]; q >= 0; q = trie.nextPattern[q]) {
          emitsBeforeWord[state] |= !patterns.checkEnd[q];
          emitReach[state] = Math.max(emitReach[state], patterns.symbols[q].length + 1);
        }
      }
    }
    // The rows become codes, as the plain mode reads them (the trie is this matcher's alone): a dense
    // target's row offset or a sparse target's number with SPARSE, and REPORT where leaving the
    // state on the symbol may end a hit, so that the plain mode reads one int per char.
    // The dense rows stay in the trie's breadth-first order (a dense state's row is its number), the
    // shallow states first: the fast gear reads one row per char, mostly of the shallowest states,
    // which then share cache lines and pages. Laid out depth first (as TableLayout lays out the
    // anchored scans' rows, where it saves a fifth), they were 3% to 5% slower here on 5,000-word
    // lists in alternated JVMs, and no faster on the dense dictionary. The dead state's row stays last.
    int[] rows = trie.rows;
    int[] laid = new int[rows.length];
    boolean[] isWord = alphabet.wordFlags();
    if (rows.length >= SINGLE || trie.states + 2 >= SINGLE) {
      // (Codes keep the flags' bits free; no list that fits in a heap comes near.)
      throw new IllegalArgumentException("too many states for the contextual scan: " + trie.states);
    }
    int laidRows = rows.length / width - SPARE_ROWS;
    this.singleCode = laidRows * width;
    for (int st = 0; st < laidRows; st++) {
      int to = st * width;
      for (int c = 0; c < width; c++) {
        int t = rows[st * width + c];
        boolean report = st < dense && emits[st] && (!isWord[c] || emitsBeforeWord[st]);
        laid[to + c] = code(t) | (report ? REPORT : 0);
      }
    }
    this.loopSymbol = new int[dense];
    this.loopReplaced = new int[dense];
    gearUp(laid);
    System.arraycopy(laid, 0, rows, 0, rows.length);
  }

  /**
   * Rewrites the laid-out rows for the fast gear (see {@link ContextualScan}), which reads one table
   * entry and one transition per char and leaves only where a char is HOT, a digit or a {@code STOP}
   * separator, or where the transition says so (REPORT, SPARSE):
   * <ul>
   *   <li>a repeat (the same letter again, with the repeat stage) or a whitespace char after one (with
   *       the whitespace stage) makes one unit with the char before: a state whose last symbol is such
   *       a symbol stays where it is on it, as the stages' merge leaves it;
   *   <li>a single letter (a letter with no letter before or after it) may be a link of a spaced-out
   *       chain, which the careful loop checks: the states that can hold one (whose last symbol may be
   *       a letter, at depth one or after a symbol that may be a separator) report on every symbol
   *       that may be a separator. A letter after a separator that leads to the dead state (no term
   *       starts with it), or to the root in a list not bound to word starts, leads to the single
   *       letter's own state instead, which goes on as that state would and reports on separators.
   * </ul>
   * Every single letter the fast gear reads comes after a separator it read or after the checkpoint
   * where it began (neither a {@code STOP} char), so its state is one of those. A spurious report
   * costs a careful look; a missed one would lose a chain, so every test here errs on the side of
   * reporting (ContextualScanProperties is the judge). Marks {@code STOP} in the plain table.
   */
  private void gearUp(int[] laid) {
    // What the chars of each symbol are, among those the plain mode reads (never the HOT ones).
    boolean[] maybeLetter = new boolean[width];
    boolean[] maybeSeparator = new boolean[width];
    boolean[] notLetter = new boolean[width];
    boolean[] notSpace = new boolean[width];
    boolean[] maybeSpace = new boolean[width];
    for (int e : plain) {
      if ((e & HOT) == 0 && (e & LETTER) != 0) {
        maybeLetter[e & SYMBOL] = true;
      }
    }
    for (int c = 0; c < plain.length; c++) {
      int e = plain[c];
      if ((e & HOT) != 0) {
        continue;
      }
      int sym = e & SYMBOL;
      if ((e & (LETTER | DIGIT)) == 0) {
        if (maybeLetter[sym] || (e & WORD) != 0) {
          plain[c] = e | STOP; // a word char ('_'), or a separator whose symbol letters share
        } else {
          maybeSeparator[sym] = true;
        }
      }
      notLetter[sym] |= (e & LETTER) == 0;
      notSpace[sym] |= (e & SPACE) == 0;
      maybeSpace[sym] |= (e & SPACE) != 0;
    }
    int[] parent = new int[trie.states];
    for (int st = 0; st < trie.states; st++) {
      for (int child = trie.firstChild[st]; child < trie.firstChild[st + 1]; child++) {
        parent[child] = st;
      }
    }
    // Where a letter that begins no term leads: the dead state, or the root without one.
    int root = code(Trie.ROOT);
    int nowhere = dead >= 0 ? deadCode : root;
    for (int st = 0; st < dense; st++) {
      int to = st * width;
      int last = st == Trie.ROOT ? -1 : trie.edgeSymbol[st];
      boolean afterSeparator = st == Trie.ROOT || maybeSeparator[last];
      boolean mayBeSingle = st != Trie.ROOT && maybeLetter[last]
          && (parent[st] == Trie.ROOT || maybeSeparator[trie.edgeSymbol[parent[st]]]);
      for (int c = 0; c < width; c++) {
        int v = laid[to + c];
        if (afterSeparator && maybeLetter[c] && (v & ~REPORT) == nowhere) {
          v = singleCode | (v & REPORT);
        }
        if (mayBeSingle && maybeSeparator[c]) {
          v |= v < 0 ? REPORT : REPORT | SINGLE;
        }
        laid[to + c] = v;
      }
      loopSymbol[st] = -1;
      boolean repeatsHere = st != Trie.ROOT && repeats && maybeLetter[last] && !notLetter[last];
      boolean spacesHere = st != Trie.ROOT && maybeSpace[last] && !notSpace[last];
      if (repeatsHere || spacesHere) {
        loopSymbol[st] = last;
        loopReplaced[st] = laid[to + last] & ~FLAGS;
        laid[to + last] = to;
      }
    }
    // The single letter's row: with a dead state, the dead state's; else the root's, except that a
    // letter that begins no term leads back to the root (two letters are no single one).
    for (int c = 0; c < width; c++) {
      int v = dead >= 0 ? laid[deadCode + c] : laid[root + c];
      if (dead < 0 && (v & ~REPORT) == singleCode) {
        v = root | (v & REPORT);
      }
      laid[singleCode + c] = v | (!maybeSeparator[c] ? 0 : v < 0 ? REPORT : REPORT | SINGLE);
    }
  }

  /** The code of state {@code t}: its row's offset if it is dense, else its number with SPARSE. */
  int code(int t) {
    return t < dense ? t * width : t == dead ? deadCode : t == single ? singleCode
        : SPARSE | t;
  }

  /** The state of a code (without REPORT). */
  int state(int code) {
    if ((code & SPARSE) != 0) {
      return code & ~SPARSE;
    }
    // (Without a dead state, the single letter's row is where the dead state's would be.)
    return code == singleCode ? single : code == deadCode && dead >= 0 ? dead
        : (int) Math.multiplyHigh(code, inverseWidth);
  }

  /** The state after {@code state} on {@code sym}. */
  int step(int state, int sym) {
    int s = state;
    while (true) {
      if (s < dense) {
        int t = sym == loopSymbol[s] ? loopReplaced[s] : trie.rows[code(s) + sym];
        return state(t & ~FLAGS);
      }
      if (s == dead || s == single && dead >= 0) {
        return state(trie.rows[deadCode + sym] & ~FLAGS);
      }
      if (s == single) {
        s = Trie.ROOT; // without a dead state, the single letter's state steps as the root does
        continue;
      }
      int child = trie.childOf(s, sym);
      if (child >= 0) {
        return child;
      }
      s = trie.fail[s];
    }
  }
}
