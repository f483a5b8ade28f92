package dev.vigil.text;

import dev.vigil.internal.IntBuffer;
import dev.vigil.text.ScanTables.CharEntry;
import dev.vigil.text.ScanTables.OutputInfo;
import dev.vigil.text.ScanTables.RecordHeader;
import dev.vigil.text.ScanTables.Transition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The third stage of a {@link TermMatcher}'s build, for per-code-point normalizers: lays the {@link
 * Trie} out as {@link ScanTables} (see there for every encoding) and builds the word index. Used once,
 * in the build, then dropped: it is the only place that knows both a state's number and its code.
 *
 * <p>Why this layout: the shallow states, where a scan spends nearly all its time, get full rows, and
 * a state is known by the offset of its row, so the next read needs no multiplication; deeper states
 * are compact records (their sorted children and failure in one place: a step reads one or two cache
 * lines, where the trie's arrays by state number took a miss in each of five arrays). Rows and records
 * are laid out depth first when the scan walks down the trie from word starts (anchored, or failing to
 * word starts only), so the states a word walks through lie close together (with the 55,000 terms of
 * the policy benchmark, a fifth less time than breadth first); otherwise breadth first, which keeps the
 * shallow states that failure transitions jump between in less memory.
 */
final class TableLayout {
  private final Trie trie;
  private final PatternSet patterns;
  private final boolean anchored;
  private final boolean hasDead;
  private final int states;
  private final int dead;
  // States with rows: the trie's dense states, and the dead state when the trie is fully dense.
  private final int denseStates;
  private final int stride;
  private final int denseLimit;
  // By dense index (see denseIndex): the row's place in the laid-out rows.
  private final int[] rowOf;
  // By state - denseStates: the sparse states' codes.
  private final int[] sparseCode;
  // By state: its first output record, or -1.
  private final int[] firstOutput;
  // By state: every output of the state needs a word boundary after it (a word char next reports
  // nothing, so the transition need not be flagged).
  private final boolean[] endBound;
  private final ScanTables tables;

  /**
   * Lays out {@code trie}, the automaton of {@code patterns}; {@code anchored}: the trie is entered at
   * word starts only ({@link ScanPlan#ANCHORED}), without failure links.
   */
  TableLayout(Trie trie, PatternSet patterns, Normalizer normalizer, boolean anchored) {
    this.trie = trie;
    this.patterns = patterns;
    this.anchored = anchored;
    this.hasDead = anchored || trie.wordStart;
    this.states = trie.states;
    this.dead = trie.dead();
    this.denseStates = hasDead && trie.denseStates == states ? states + 1 : trie.denseStates;
    int[] byState = anchored ? anchoredRows() : trie.rows;
    this.endBound = endBound();
    // The dead state always gets a row: inside words no term begins, the scan stays there.
    int tableRows = denseStates + (hasDead && dead >= denseStates ? 1 : 0);
    this.stride = trie.alphabet + 1;
    this.denseLimit = tableRows * stride;
    this.rowOf = new int[tableRows];
    this.firstOutput = new int[states + 1];
    int[] outputs = outputRecords();
    // Depth first, children in symbol order: dense states get rows, the others records. The dense
    // states are the shallowest (breadth-first numbers below denseStates), so their parents are dense
    // too. The dead state, no one's child, comes last.
    int all = hasDead ? states + 1 : states;
    int[] order = new int[all];
    int ordered = 0;
    int[] stack = new int[states];
    int top = 0;
    stack[top++] = Trie.ROOT;
    while (top > 0) {
      int st = stack[--top];
      order[ordered++] = st;
      for (int child = trie.firstChild[st + 1] - 1; child >= trie.firstChild[st]; child--) {
        stack[top++] = child;
      }
    }
    if (hasDead) {
      order[ordered++] = dead;
    }
    int row = 0;
    long size = 0;
    this.sparseCode = new int[Math.max(0, all - denseStates)];
    for (int i = 0; i < ordered; i++) {
      int st = order[i];
      int di = denseIndex(st);
      if (di >= 0) {
        rowOf[di] = hasDead ? row : di;
        row++;
      } else {
        sparseCode[st - denseStates] = (int) Math.min(Integer.MAX_VALUE, denseLimit + size);
        size += RecordHeader.SIZE + 2L * trie.children(st);
      }
    }
    if (denseLimit + size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("the automaton is too large: " + states + " states");
    }
    int[] records = new int[(int) size];
    for (int i = 0; i < ordered; i++) {
      int st = order[i];
      if (denseIndex(st) >= 0) {
        continue;
      }
      int r = sparseCode[st - denseStates] - denseLimit;
      int from = st < states ? trie.firstChild[st] : 0;
      int children = trie.children(st);
      records[r] = children | (reports(st, Alphabet.OTHER_WORD) ? RecordHeader.REPORT_WORD : 0)
          | (reports(st, Alphabet.OTHER) ? RecordHeader.REPORT_OTHER : 0);
      records[r + 1] = anchored || st >= states ? 0 : code(trie.fail[st]);
      records[r + 2] = firstOutput[st];
      for (int k = 0; k < children; k++) {
        records[r + RecordHeader.SIZE + 2 * k] = trie.edgeSymbol[from + k];
        records[r + RecordHeader.SIZE + 2 * k + 1] = code(from + k);
      }
    }
    this.tables = new ScanTables(charTable(normalizer, patterns.alphabet), layOut(byState), denseLimit,
        records, outputs, anchored, hasDead ? code(dead) : 0, patterns.alphabet, normalizer);
  }

  /** The laid-out tables. */
  ScanTables tables() {
    return tables;
  }

  /**
   * The anchored rows, by state: each child; without one, the dead state on a word char and the root
   * on any other. The dead state's row, when not among the dense, comes last.
   */
  private int[] anchoredRows() {
    boolean deadRow = states >= denseStates;
    int alphabet = trie.alphabet;
    boolean[] isWord = patterns.alphabet.wordFlags();
    int rows = denseStates + (deadRow ? 1 : 0);
    int[] t = new int[rows * alphabet];
    for (int r = 0; r < rows; r++) {
      int st = r < denseStates ? r : dead;
      for (int sym = 0; sym < alphabet; sym++) {
        t[r * alphabet + sym] = isWord[sym] ? dead : Trie.ROOT;
      }
      if (st < states) {
        for (int child = trie.firstChild[st]; child < trie.firstChild[st + 1]; child++) {
          t[r * alphabet + trie.edgeSymbol[child]] = child;
        }
      }
    }
    return t;
  }

  private boolean[] endBound() {
    boolean[] bound = new boolean[states + 1];
    for (int st = 0; st < states; st++) {
      boolean all = true;
      int first = trie.outPattern[st] >= 0 ? st : anchored ? -1 : trie.outLink[st];
      for (int o = first; o >= 0 && all; o = anchored ? -1 : trie.outLink[o]) {
        for (int q = trie.outPattern[o]; q >= 0 && all; q = trie.nextPattern[q]) {
          all = patterns.checkEnd[q];
        }
      }
      bound[st] = all;
    }
    return bound;
  }

  /** Whether the scan must look for outputs after entering {@code state} (its own, or on its chain). */
  private boolean hasOutputs(int state) {
    return state < states && (anchored ? trie.outPattern[state] >= 0 : trie.emits[state]);
  }

  /**
   * Whether leaving {@code state} on {@code sym} may end a hit: the state has outputs, and not all of
   * them need a word boundary after them, or {@code sym} is not a word char.
   */
  private boolean reports(int state, int sym) {
    return hasOutputs(state) && (!endBound[state] || !patterns.alphabet.isWord(sym));
  }

  /** The code of a state. */
  private int code(int state) {
    int di = denseIndex(state);
    return di >= 0 ? rowOf[di] * stride + 1 : sparseCode[state - denseStates];
  }

  /**
   * The index of a state's row in the rows by state: its number for the dense states, one past them
   * for a dead state beyond them; -1 for sparse states.
   */
  private int denseIndex(int state) {
    return state < denseStates ? state : hasDead && state == dead ? denseStates : -1;
  }

  /** The rows by state, moved to their codes' places, targets made codes and flagged. */
  private int[] layOut(int[] byState) {
    int alphabet = trie.alphabet;
    int[] t = new int[rowOf.length * stride];
    for (int r = 0; r < rowOf.length; r++) {
      int st = r < denseStates ? r : dead;
      int from = r * alphabet;
      int to = rowOf[r] * stride + 1;
      t[to - 1] = firstOutput[st];
      for (int sym = 0; sym < alphabet; sym++) {
        t[to + sym] = code(byState[from + sym]) | (reports(st, sym) ? Transition.REPORT : 0);
      }
    }
    return t;
  }

  /** The output records, and each state's first in {@link #firstOutput}. */
  private int[] outputRecords() {
    int[] own = new int[states]; // the record of the state's own patterns, or -1
    Arrays.fill(own, -1);
    long size = 0;
    for (int st = 0; st < states; st++) {
      int n = 0;
      for (int p = trie.outPattern[st]; p >= 0; p = trie.nextPattern[p]) {
        if (patterns.symbols[p].length > OutputInfo.LENGTH) {
          throw new IllegalArgumentException("term too long: " + patterns.symbols[p].length + " units");
        }
        n++;
      }
      if (n > 0) {
        own[st] = (int) size;
        size += 2 + 2L * n;
        if (size > Integer.MAX_VALUE) {
          throw new IllegalArgumentException("too many terms: " + patterns.size());
        }
      }
    }
    int[] o = new int[(int) size];
    for (int st = 0; st < states; st++) {
      int r = own[st];
      if (r < 0) {
        continue;
      }
      int n = 0;
      for (int p = trie.outPattern[st]; p >= 0; p = trie.nextPattern[p]) {
        o[r + 2 + 2 * n] = patterns.owner[p];
        o[r + 3 + 2 * n] = patterns.symbols[p].length
            | (patterns.checkStart[p] ? OutputInfo.START : 0)
            | (patterns.checkEnd[p] ? OutputInfo.END : 0);
        n++;
      }
      o[r] = n;
      o[r + 1] = anchored || trie.outLink[st] < 0 ? -1 : own[trie.outLink[st]];
    }
    Arrays.fill(firstOutput, -1); // the dead state, one past the trie, has none
    for (int st = 0; st < states; st++) {
      firstOutput[st] = own[st] >= 0 ? own[st]
          : anchored || trie.outLink[st] < 0 ? -1 : own[trie.outLink[st]];
    }
    return o;
  }

  /**
   * The word index of a list whose patterns all are whole words or phrases of them (bound to a word
   * start and a word end, so that a hit always begins and ends with a whole word of the text), of words
   * up to {@code limit} symbols (-1: as many as a key holds). Each state with patterns whose path is one
   * word is a key: the path's symbols, packed; its value the term when it has one pattern, else {@link
   * WordIndex#STATE} and its code. The first word of each phrase is a key too, valued by {@link
   * WordIndex#phrase}: its state's code, from which the scan reads on through the automaton where the
   * index's {@link PhraseIndex} says a phrase may go on, and what the word reports of its own. Words
   * of up to twice the keys' symbols are in it too, by two keys ({@link WordIndex#getLong}).
   */
  WordIndex wordIndex(int limit) {
    int bits = 32 - Integer.numberOfLeadingZeros(trie.alphabet - 1);
    int maxLength = limit < 0 ? 64 / bits : Math.min(limit, 64 / bits);
    boolean[] isWord = patterns.alphabet.wordFlags();
    // States are numbered breadth first, so a parent's key is known before its children's.
    long[] key = new long[states];
    byte[] depth = new byte[states];
    boolean[] oneWord = new boolean[states];
    boolean[] phraseStart = new boolean[states];
    // For the words of maxLength + 1 to 2 * maxLength symbols (WordIndex#getLong): the exact depth,
    // the last maxLength symbols and the ones before them.
    int[] fullDepth = new int[states];
    long[] last = new long[states];
    long[] head = new long[states];
    long lastMask = bits * maxLength >= 64 ? -1L : (1L << (bits * maxLength)) - 1;
    int leaving = bits * (maxLength - 1);
    long symbolMask = (1L << bits) - 1;
    oneWord[Trie.ROOT] = true;
    for (int st = 0; st < states; st++) {
      for (int child = trie.firstChild[st]; child < trie.firstChild[st + 1]; child++) {
        int sym = trie.edgeSymbol[child];
        depth[child] = (byte) Math.min(maxLength + 1, depth[st] + 1);
        key[child] = (key[st] << bits) | sym;
        oneWord[child] = oneWord[st] && isWord[sym];
        fullDepth[child] = Math.min(2 * maxLength + 1, fullDepth[st] + 1);
        if (fullDepth[child] <= maxLength) {
          last[child] = key[child];
        } else {
          last[child] = ((last[st] << bits) | sym) & lastMask;
          head[child] = (head[st] << bits) | ((last[st] >>> leaving) & symbolMask);
        }
      }
    }
    List<Long> longFirst = new ArrayList<>();
    for (int[] seq : patterns.symbols) {
      // A phrase's first word: the state before its first non-word symbol (every pattern here starts
      // with a word char). Words longer than the keys are not in the index; the scan walks those.
      int st = Trie.ROOT;
      for (int i = 0; i < seq.length && isWord[seq[i]]; i++) {
        st = trie.childOf(st, seq[i]);
      }
      if (st != Trie.ROOT && !isWordPath(seq, isWord)) {
        if (depth[st] > maxLength) {
          long packed = 0;
          int length = 0;
          for (; isWord[seq[length]]; length++) {
            packed = (packed << bits) | seq[length];
          }
          longFirst.add(PhraseIndex.longWord(packed, length));
        } else {
          phraseStart[st] = true;
        }
      }
    }
    // Only a list with phrases has the automaton's tables (single words have the anchored trie's).
    boolean[] longSecond = new boolean[states];
    boolean[] otherAfter = new boolean[states];
    boolean[] otherSecond = new boolean[states];
    PhraseIndex pairs = anchored ? null : phraseIndex(phraseStart, isWord, bits, maxLength, longFirst,
        longSecond, otherAfter, otherSecond);
    int n = 0;
    for (int st = 0; st < states; st++) {
      if (phraseStart[st] || trie.outPattern[st] >= 0 && oneWord[st] && depth[st] <= maxLength) {
        n++;
      }
    }
    long[] keys = new long[n];
    long[] values = new long[n];
    int k = 0;
    for (int st = 0; st < states; st++) {
      if (phraseStart[st]) {
        keys[k] = key[st];
        values[k++] = WordIndex.phrase(code(st), ownPatterns(st), longSecond[st], otherAfter[st],
            otherSecond[st]);
      } else if (trie.outPattern[st] >= 0 && oneWord[st] && depth[st] <= maxLength) {
        keys[k] = key[st];
        values[k++] = wordValue(st);
      }
    }
    int nLong = 0;
    for (int st = 0; st < states; st++) {
      if (isLongWord(st, fullDepth, oneWord, maxLength)) {
        nLong++;
      }
    }
    long[] heads = new long[nLong];
    long[] lasts = new long[nLong];
    long[] longValues = new long[nLong];
    k = 0;
    for (int st = 0; st < states; st++) {
      if (isLongWord(st, fullDepth, oneWord, maxLength)) {
        heads[k] = head[st];
        lasts[k] = last[st];
        longValues[k++] = wordValue(st);
      }
    }
    return new WordIndex(keys, values, n, bits, maxLength, pairs, heads, lasts, longValues);
  }

  /**
   * A word's index value, for a state with patterns: its term when it has one pattern, else {@link
   * WordIndex#STATE} and its code.
   */
  private long wordValue(int st) {
    int p = trie.outPattern[st];
    return trie.nextPattern[p] < 0 ? patterns.owner[p] : WordIndex.STATE | code(st);
  }

  /** Whether a state's path is a word of maxLength + 1 to 2 * maxLength symbols with patterns. */
  private boolean isLongWord(int st, int[] fullDepth, boolean[] oneWord, int maxLength) {
    return trie.outPattern[st] >= 0 && oneWord[st] && fullDepth[st] > maxLength
        && fullDepth[st] <= 2 * maxLength;
  }

  /**
   * What a phrase's first word reports of its own, for {@link WordIndex#phrase}: 0 nothing, 1 the
   * outputs of its state (several patterns, or an allow entry), else its one term's index plus 2.
   */
  private int ownPatterns(int st) {
    int p = trie.outPattern[st];
    if (p < 0) {
      return 0;
    }
    return trie.nextPattern[p] < 0 && patterns.owner[p] >= 0 ? patterns.owner[p] + 2 : 1;
  }

  /**
   * The second words of the phrases (after a space after their first word, the states marked in {@code
   * phraseStart}), as {@link PhraseIndex} pairs: every run of word chars after the space that a
   * pattern ends with, or that a non-word char follows in one, of up to {@code maxLength} symbols,
   * keyed as the index keys words ({@code bits} per symbol). Marks, per first word, whether a phrase
   * goes on from it with a non-word char other than a space ({@code otherAfter}), with a space and a
   * non-word char ({@code otherSecond}), or with a space and a word longer than the keys ({@code
   * longSecond}).
   */
  private PhraseIndex phraseIndex(boolean[] phraseStart, boolean[] isWord, int bits, int maxLength,
      List<Long> longFirst, boolean[] longSecond, boolean[] otherAfter, boolean[] otherSecond) {
    int space = patterns.alphabet.symbol(' '); // Alphabet.OTHER when no pattern has a space: no child
    IntBuffer codes = new IntBuffer();
    List<Long> words = new ArrayList<>();
    IntBuffer values = new IntBuffer();
    for (int st = 0; st < states; st++) {
      if (!phraseStart[st]) {
        continue;
      }
      // (Without whitespace folding the scan sees no whitespace as such: a space is any other char.)
      for (int c = trie.firstChild[st]; c < trie.firstChild[st + 1]; c++) {
        int sym = trie.edgeSymbol[c];
        otherAfter[st] |= !isWord[sym] && (sym != space || !tables.foldWhitespace);
      }
      int after = trie.childOf(st, space);
      if (after >= 0) {
        for (int c = trie.firstChild[after]; c < trie.firstChild[after + 1]; c++) {
          otherSecond[st] |= !isWord[trie.edgeSymbol[c]];
        }
        longSecond[st] =
            secondWords(after, 0L, 0, code(st), isWord, bits, maxLength, codes, words, values);
      }
    }
    long[] w = new long[words.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = words.get(i);
    }
    long[] lf = new long[longFirst.size()];
    for (int i = 0; i < lf.length; i++) {
      lf[i] = longFirst.get(i);
    }
    return new PhraseIndex(codes.toArray(), w, values.toArray(), w.length, lf);
  }

  /**
   * Adds the second words below {@code v}, {@code depth} word chars after the space (see above): a
   * word that ends one pattern and begins no longer one is that pattern; any other, {@link
   * PhraseIndex#READ_ON}. Returns whether a second word below {@code v} is longer than the keys.
   */
  private boolean secondWords(int v, long key, int depth, int code, boolean[] isWord, int bits,
      int maxLength, IntBuffer codes, List<Long> words, IntBuffer values) {
    int own = depth > 0 ? trie.outPattern[v] : -1;
    boolean goesOn = false;
    boolean tooLong = false;
    for (int c = trie.firstChild[v]; c < trie.firstChild[v + 1]; c++) {
      int sym = trie.edgeSymbol[c];
      if (!isWord[sym]) {
        goesOn |= depth > 0;
      } else if (depth < maxLength) {
        tooLong |= secondWords(c, (key << bits) | sym, depth + 1, code, isWord, bits, maxLength,
            codes, words, values);
      } else {
        tooLong = true; // a second word longer than the keys
      }
    }
    if (goesOn || own >= 0) {
      codes.add(code);
      words.add(key);
      values.add(!goesOn && trie.nextPattern[own] < 0 ? patterns.owner[own] : PhraseIndex.READ_ON);
    }
    return tooLong;
  }

  private static boolean isWordPath(int[] seq, boolean[] isWord) {
    for (int sym : seq) {
      if (!isWord[sym]) {
        return false;
      }
    }
    return true;
  }

  /** The chars' table: for each UTF-16 char, its symbol and flags (see {@link ScanTables#chars}). */
  private static int[] charTable(Normalizer normalizer, Alphabet alphabet) {
    FoldTable fold = normalizer.table();
    boolean foldWhitespace = normalizer.foldsWhitespace();
    int[] t = new int[0x10000];
    for (int c = 0; c < 0x10000; c++) {
      if (Character.isSurrogate((char) c)) {
        t[c] = CharEntry.SLOW;
        continue;
      }
      int f = fold.fold(c);
      if (f == FoldTable.DROP) {
        int type = Character.getType(c);
        boolean mark = type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK;
        t[c] = CharEntry.DROP | (mark ? CharEntry.MARK : 0);
      } else if (f < 0 || f >= 0x10000) {
        t[c] = CharEntry.SLOW;
      } else if (foldWhitespace && Character.isWhitespace(f)) {
        t[c] = CharEntry.SPACE | alphabet.symbol(' ');
      } else {
        t[c] = alphabet.symbol(f) | (WordChars.isWord(f) ? CharEntry.WORD : 0);
      }
    }
    return t;
  }
}
