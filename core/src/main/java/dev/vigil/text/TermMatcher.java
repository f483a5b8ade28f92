package dev.vigil.text;

import static java.util.Objects.requireNonNull;

import dev.vigil.internal.PerThread;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds every occurrence of many terms in one pass over a text, after normalization, with offsets into
 * the original text.
 *
 * <pre>{@code
 * TermMatcher slurs = TermMatcher.builder()
 *     .normalizer(Normalizer.aggressive())
 *     .addAll(TermList.load(Path.of("slurs.tsv")).terms())
 *     .allow("scunthorpe")
 *     .build();
 * int[] hitCount = {0};
 * slurs.match(text, (term, start, end) -> hitCount[0]++);  // allocation-free
 * List<TermMatcher.Hit> hits = slurs.find(text);            // convenient
 * }</pre>
 *
 * <h2>Semantics</h2>
 * Text and terms are normalized by the same {@link Normalizer} into units. A term matches where its units
 * equal consecutive units of the text (and, with {@link Normalizer.Stage#REPEATS}, each text unit's
 * repeat count is at least the term's), subject to its {@link MatchMode}. Every hit is reported,
 * overlapping ones included, exactly as a naive matcher testing every term at every position of the
 * normalized text would. A hit's span runs from the start of its first unit to the end of its last, in
 * the original text. A block hit is suppressed when an allow-list hit contains its span. Terms whose
 * normalized form and mode are equal are merged: the first added is kept.
 *
 * <h2>Implementation notes</h2>
 * An Aho-Corasick automaton (Aho and Corasick, CACM 1975) over the normalized code points, compressed to
 * the alphabet of the terms. States are numbered breadth first; the shallow states, where a scan spends
 * nearly all its time, get full transition rows (a DFA: one array read per unit), and deeper states
 * are compact records (their sorted children and failure link in one place). Rows and records are laid
 * out depth first, so that the states a word walks through lie close together in memory; a state is
 * known by the offset of its row, so the next read needs no multiplication. Each transition carries a
 * flag when leaving its state on its symbol may end a hit (the state has outputs, and the symbol is not a
 * word char or not every output needs a word boundary after it): the scan's inner loop does one table
 * read for the char, one for the transition and one sign test, and leaves the loop only for a flagged
 * transition or a special char. A hit then reads the state's output record (term, length, boundary
 * flags together). Normalization runs inside the scan: for the per-code-point presets ({@code none},
 * {@code standard}) one table read per char folds it, classifies it and gives its symbol, and a hit
 * inside a stretch of plain chars finds its start by subtraction, so the scan keeps no per-unit history;
 * long texts are read through a per-thread buffer a chunk at a time. The contextual stages of
 * {@code aggressive} run through a streaming cursor with a small lookahead. When every term is a single
 * whole word (the usual blocklist), the automaton is anchored: the bare trie, entered only at word
 * starts and parked in a dead state inside other words, with no failure links and no suffix candidates
 * to reject. When every term starts at a word start but some span several words (a watchlist of words
 * and phrases), the failure links lead only to suffixes that start at a word start, so inside a word
 * that no term begins the scan also parks in the dead state instead of walking the trie from every
 * char. Large lists of whole single words (a dictionary of tens of thousands of words or more) are also
 * indexed by word: a hash map from each word's symbols, packed into a long, to its terms. Their scan
 * looks each word of the text up once, instead of walking the trie, where in a large list every char is
 * a read that waits on the one before and misses the cache; the lookups of consecutive words are
 * independent, so the processor overlaps their misses (127,000 English words over English text: two and
 * a half to three times the speed of the trie). Smaller lists of whole words, whose tries have full rows, scan a text
 * of 16 chars or more in two halves at once, so that the two chains of reads overlap their waits on
 * memory (a tenth to a fifth faster; hits are still reported in the order they end). Matching through a {@link
 * HitHandler} allocates nothing.
 *
 * <p>Immutable and thread safe; all the work happens in {@link Builder#build()}.
 */
public final class TermMatcher {
  private static final int ROOT = 0;

  private final Normalizer normalizer;
  private final Term[] terms;
  // The list of each term (see TermLists), or null when all are in list 0.
  private final int @org.jspecify.annotations.Nullable [] groups;
  private final String[] allowTexts;

  // Patterns: one per distinct (normalized form, mode); a pattern is a block term or an allow entry.
  private final int[] patternTerm; // term index, or -1 - allow index
  private final int[] patternLength; // in units
  private final int[][] patternCounts; // per unit minimum repeat count, or null when all are 1
  private final boolean[] checkStart;
  private final boolean[] checkEnd;
  private final int[] nextPatternSameState;
  private final boolean hasAllow;
  private final int maxLength;

  // Alphabet.
  private final char[] bmpSymbol;
  private final int[] supplementaryCodePoints; // sorted
  private final int[] supplementarySymbols;
  private final int alphabet;

  // Automaton.
  // The trie by state number, for the slow (context-dependent) scan; empty for per-code-point
  // normalizers, whose scan steps through dfa and records instead.
  private final int[] firstChild; // size states + 1
  private final int[] edgeSymbol; // symbol on the edge into each state
  private final int[] fail;
  private final int states;
  private final int[] outPattern; // first pattern ending at the state, or -1
  private final int[] outLink; // nearest state on the failure chain with own patterns, or -1
  private final boolean[] emits;
  private final int denseStates;
  // The dense rows again, laid out for the scan: each entry is the target's code (see code()), its sign
  // bit set (REPORT) when leaving the source state on that symbol may end a hit, the word-boundary test
  // after the hit included. So the hot loop does one array read and one sign test per char, and a
  // dense state's code is the offset of its row (no multiplication before the next read). Measured on
  // the 5,000-word benchmark: about 1.3x the speed of the earlier layout (targets by state number,
  // negated when the target had outputs, with the boundary test made at the next char).
  private final int[] dfa;
  // Codes: below denseLimit, row offsets of the dense states (row * stride + 1), the rows in depth-first
  // order of the trie when anchored (the rows a word walks through lie close together: with a large
  // dictionary the scan waits on memory more than it computes) and breadth first otherwise; from
  // denseLimit on, the sparse states' records. Built for per-code-point normalizers only.
  private final int denseLimit;
  // Row stride: a header (the state's outputs' record, or -1) then one entry per symbol. A dense
  // state's code points at its symbol 0, so the header is at code - 1.
  private final int stride;
  // What the scan reports, kept together so that a hit reads one or two cache lines (with one array
  // per field, a hit in a large dictionary missed the cache about six times): per state with patterns
  // of its own, a record [n, the next record on its failure chain or -1, then n times (term index or
  // -1 - allow index, length | OUT_START | OUT_END)].
  private final int[] outputs;
  private static final int OUT_START = 1 << 30; // the pattern needs a word boundary before it
  private static final int OUT_END = 1 << 29; // ... and after it
  private static final int OUT_LENGTH = OUT_END - 1;
  private final int[] rowOf;
  // The dense rows by state (targets by state, no flags), for the slow scan of the other normalizers;
  // empty for per-code-point ones.
  private final int[] stateRows;
  // The sparse (deep) states, each a record at (code - denseLimit), laid out depth first: a header
  // (child count | report flags, the failure's code, its outputs' record or -1),
  // then (symbol, child code) pairs sorted by symbol. A step reads one or two cache lines, where the
  // trie arrays by state number took one miss each in five arrays.
  private final int[] records;
  private static final int RECORD_HEADER = 3;
  private static final int REPORT_WORD = 1 << 29; // leaving on a word char reports
  private static final int REPORT_OTHER = 1 << 30; // leaving on any other char reports
  private static final int CHILDREN = (1 << 29) - 1;
  // The sparse states' codes while the constructor lays out the tables (by state - denseStates).
  private int @org.jspecify.annotations.Nullable [] buildCodes;
  // Each state's first output record (or -1) while the constructor lays out the tables.
  private int @org.jspecify.annotations.Nullable [] buildOutputs;
  // The root's code: its row is the first in either order.
  private static final int ROOT_CODE = 1;
  // Anchored mode, for lists of single whole words (every pattern needs a word boundary at its start and
  // is made of word chars only): a match can start only where a word starts, so the automaton is the
  // bare trie, restarted at the root after a non-word char and parked in a dead state inside a word
  // that no term begins. No failure links, no suffix outputs to check. The dead state has id
  // states (one past the trie). Symbol 1 stands for every word char of no term, so that a missing
  // transition's target (dead in a word, the root after it) is known when the rows are built.
  private final boolean anchored;
  private final int dead;
  private final int deadCode;
  // Whether the automaton has the dead state: anchored, or its failure links lead only to word starts.
  private final boolean hasDead;
  private final boolean[] symbolIsWord;
  // Whether every output of the state needs a word boundary after it: then a word char next means
  // there is nothing to report, and the scan skips the output walk.
  private final boolean[] endBound;

  private final PerThread<Scratch> scratch;

  // Lists of single whole words (anchored, every pattern bound to a word end too) under a per-code-point
  // normalizer: the words by their packed symbols, looked up once per word of the text instead of a
  // walk down the trie (see WordIndex and wordScan). Null otherwise.
  private final @org.jspecify.annotations.Nullable WordIndex words;

  // Fast path for per-code-point normalizers: one table read per char folds, classifies and maps it.
  private final int @org.jspecify.annotations.Nullable [] fast;
  private final FoldTable foldTable;
  private final boolean foldWhitespace;
  private static final int SYMBOL = 0xFFFF;
  private static final int WORD = 1 << 16;
  private static final int SPECIAL = 0xF << 17;
  private static final int SPACE = 1 << 17;
  private static final int DROP = 1 << 18;
  private static final int MARK = 1 << 19;
  private static final int SLOW = 1 << 20;
  private static final int HOT = DROP | MARK | SLOW; // flags the dense scan's hot loop hands off

  private TermMatcher(Builder b, Compiled c) {
    this.normalizer = b.normalizer;
    this.terms = c.terms;
    this.groups = c.groups;
    this.allowTexts = c.allowTexts;
    this.patternTerm = c.patternTerm;
    this.patternLength = c.patternLength;
    this.patternCounts = c.patternCounts;
    this.checkStart = c.checkStart;
    this.checkEnd = c.checkEnd;
    this.nextPatternSameState = c.nextPatternSameState;
    this.hasAllow = c.allowTexts.length > 0;
    this.maxLength = c.maxLength;
    this.bmpSymbol = c.bmpSymbol;
    this.supplementaryCodePoints = c.supplementaryCodePoints;
    this.supplementarySymbols = c.supplementarySymbols;
    this.alphabet = c.alphabet;
    boolean perCodePoint = normalizer.isPerCodePoint();
    this.firstChild = perCodePoint ? new int[0] : c.firstChild;
    this.edgeSymbol = perCodePoint ? new int[0] : c.edgeSymbol;
    this.fail = perCodePoint ? new int[0] : c.fail;
    this.outPattern = c.outPattern;
    this.outLink = c.outLink;
    this.emits = c.emits;
    this.anchored = normalizer.isPerCodePoint() && c.allStartAtWordsAndAreSingleWords;
    int states = c.fail.length;
    this.states = states;
    this.dead = states;
    this.symbolIsWord = c.symbolIsWord;
    this.hasDead = anchored || c.wordStart;
    int[] rows;
    if (anchored) {
      this.denseStates = c.denseStates == states ? states + 1 : c.denseStates;
      rows = anchoredTable(c, denseStates, states >= denseStates);
    } else if (c.wordStart) {
      this.denseStates = c.denseStates == states ? states + 1 : c.denseStates;
      rows = c.dense; // the dead state's row is the last
    } else {
      this.denseStates = c.denseStates;
      rows = c.dense;
    }
    this.endBound = new boolean[states + 1];
    for (int st = 0; st < states; st++) {
      boolean all = true;
      int first = c.outPattern[st] >= 0 ? st : anchored ? -1 : c.outLink[st];
      for (int o = first; o >= 0 && all; o = anchored ? -1 : c.outLink[o]) {
        for (int q = c.outPattern[o]; q >= 0 && all; q = c.nextPatternSameState[q]) {
          all = c.checkEnd[q];
        }
      }
      endBound[st] = all;
    }
    if (perCodePoint) {
      // The anchored dead state always gets a row: inside words no term begins, the scan stays there.
      int tableRows = denseStates + (hasDead && dead >= denseStates ? 1 : 0);
      this.stride = alphabet + 1;
      this.denseLimit = tableRows * stride;
      this.outputs = outputRecords(c);
      this.rowOf = new int[tableRows];
      // Depth-first, children in symbol order: dense states get rows, the others records. The dense
      // states are the shallowest (breadth-first numbers below denseStates), so their parents are dense
      // too. The anchored dead state, no one's child, comes last.
      int all = hasDead ? states + 1 : states;
      int[] order = new int[all];
      int ordered = 0;
      int[] stack = new int[states];
      int top = 0;
      stack[top++] = ROOT;
      while (top > 0) {
        int st = stack[--top];
        order[ordered++] = st;
        for (int child = c.firstChild[st + 1] - 1; child >= c.firstChild[st]; child--) {
          stack[top++] = child;
        }
      }
      if (hasDead) {
        order[ordered++] = dead;
      }
      int row = 0;
      long size = 0;
      int[] sparseCode = new int[all - denseStates];
      for (int i = 0; i < ordered; i++) {
        int st = order[i];
        int di = denseIndex(st);
        if (di >= 0) {
          // Anchored, or failing to word starts only, a scan walks down the trie from a word's start:
          // depth-first rows keep a word's states together (with the 55,000-term lists of the policy
          // benchmark, a fifth less time than breadth-first). Otherwise failure transitions jump across
          // it: breadth-first rows keep the shallow states, where such a scan mostly is, in less memory.
          int r = anchored || c.wordStart ? row : di;
          row++;
          rowOf[di] = r;
        } else {
          sparseCode[st - denseStates] = (int) Math.min(Integer.MAX_VALUE, denseLimit + size);
          int children = st < states ? c.firstChild[st + 1] - c.firstChild[st] : 0;
          size += RECORD_HEADER + 2L * children;
        }
      }
      if (denseLimit + size > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("the automaton is too large: " + states + " states");
      }
      this.buildCodes = sparseCode;
      this.records = new int[(int) size];
      for (int i = 0; i < ordered; i++) {
        int st = order[i];
        if (denseIndex(st) >= 0) {
          continue;
        }
        int r = sparseCode[st - denseStates] - denseLimit;
        int from = st < states ? c.firstChild[st] : 0;
        int children = st < states ? c.firstChild[st + 1] - from : 0;
        int flags = (reports(st, OTHER_WORD) ? REPORT_WORD : 0) | (reports(st, 0) ? REPORT_OTHER : 0);
        records[r] = children | flags;
        records[r + 1] = anchored || st >= states ? 0 : code(c.fail[st]);
        records[r + 2] = outputsOf(st);
        for (int k = 0; k < children; k++) {
          records[r + RECORD_HEADER + 2 * k] = c.edgeSymbol[from + k];
          records[r + RECORD_HEADER + 2 * k + 1] = code(from + k);
        }
      }
      this.dfa = layOut(rows);
      this.deadCode = hasDead ? code(dead) : 0;
      this.words = wordIndex(c, b.wordIndex);
      this.buildCodes = null; // the sparse states' codes are in the records from here on
      this.buildOutputs = null; // and the output records' places in the rows and records
      this.stateRows = new int[0];
    } else {
      // The slow scan steps through the rows by state and the trie arrays: nothing is laid out.
      this.stride = alphabet + 1;
      this.denseLimit = 0;
      this.outputs = new int[0];
      this.rowOf = new int[0];
      this.records = new int[0];
      this.dfa = new int[0];
      this.deadCode = 0;
      this.stateRows = rows;
      this.words = null;
    }
    this.foldTable = normalizer.table();
    this.foldWhitespace = normalizer.foldsWhitespace();
    this.fast = normalizer.isPerCodePoint() ? fastTable() : null;
    int ring = Integer.highestOneBit(Math.max(4, maxLength + 2) * 2 - 1);
    this.chunk = b.chunk > 0 ? b.chunk : 2048;
    this.shortText = b.chunk > 0 ? -1 : SHORT_TEXT;
    this.dualFrom = b.dualFrom > 0 ? b.dualFrom : DUAL_FROM;
    this.shortDualFrom = b.dualFrom > 0 ? b.dualFrom : SHORT_DUAL_FROM;
    int wordBuffer = words != null ? chunk / 2 + 2 : 0; // the most words a chunk can end
    this.scratch = new PerThread<>(() -> new Scratch(normalizer.cursor(), ring, chunk, wordBuffer));
  }

  /** A builder; the normalizer defaults to {@link Normalizer#standard()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The block terms, by index (the index {@link HitHandler} receives). Merged duplicates are absent. */
  public List<Term> terms() {
    return List.of(terms);
  }

  /** The block term at {@code index}. */
  public Term term(int index) {
    return terms[index];
  }

  /** The list the term at {@code index} belongs to ({@link TermLists}); 0 unless built with lists. */
  int group(int index) {
    return groups == null ? 0 : groups[index];
  }

  /** The number of block terms. */
  public int size() {
    return terms.length;
  }

  /** The allow-list entries, as given. */
  public List<String> allowList() {
    return List.of(allowTexts);
  }

  /** The normalizer. */
  public Normalizer normalizer() {
    return normalizer;
  }

  /** The number of automaton states (for sizing and benchmarks). */
  public int stateCount() {
    return states;
  }

  /** A hit: the term and its span in the original text. */
  public record Hit(Term term, int start, int end) {}

  /** Every hit in {@code text}, in the order they end. */
  public List<Hit> find(CharSequence text) {
    List<Hit> hits = new ArrayList<>();
    match(text, (t, s, e) -> hits.add(new Hit(terms[t], s, e)));
    return hits;
  }

  /**
   * Reports every hit in {@code text} to {@code handler}, in the order hits end (hits ending at the same
   * place: longest term first, or as the automaton lists them). Allocates nothing for a {@link String}
   * once the calling thread's scratch buffers have grown to the text's needs; other char sequences are
   * copied to a string first. A handler may call {@code match} again (on any matcher); it gets buffers
   * of its own.
   */
  public void match(CharSequence text, HitHandler handler) {
    requireNonNull(text, "text");
    requireNonNull(handler, "handler");
    if (fast != null && !hasAllow && text.length() <= shortText) {
      // Short texts (chat messages) need no buffers: skip the thread-local bookkeeping.
      denseScan(text.toString(), handler, null);
      return;
    }
    // Re-entrant use from inside a handler gets fresh buffers rather than corrupt the running scan.
    Scratch s = scratch.acquire();
    try {
      scan(text, handler, s);
    } finally {
      scratch.release(s);
    }
  }

  /**
   * The anchored rows, by state: each child; without one, the dead state on a word char and the root
   * on any other.
   */
  private static int[] anchoredTable(Compiled c, int dense, boolean deadRow) {
    int states = c.fail.length;
    int rows = dense + (deadRow ? 1 : 0); // the dead state's row, when not among the dense, comes last
    int[] t = new int[rows * c.alphabet];
    for (int r = 0; r < rows; r++) {
      int st = r < dense ? r : states;
      for (int sym = 0; sym < c.alphabet; sym++) {
        t[r * c.alphabet + sym] = c.symbolIsWord[sym] ? states : ROOT;
      }
      if (st < states) {
        for (int child = c.firstChild[st]; child < c.firstChild[st + 1]; child++) {
          t[r * c.alphabet + c.edgeSymbol[child]] = child;
        }
      }
    }
    return t;
  }

  /**
   * The word index of an anchored list whose patterns all need a word boundary after them too (so a hit
   * is always a whole word of the text), when the trie is too large for full rows; null otherwise. Each
   * state with patterns is a word: its key is the path's symbols, packed. {@code limit}: -1 for this
   * default; 0 for no index; otherwise an index in any case, of words up to {@code limit} symbols.
   *
   * <p>Why only large lists: the index costs a lookup per word of the text, the trie a read per char.
   * With full rows (lists up to some 20,000 words) that read mostly hits the cache and the trie scans
   * faster (5,000 words over chat lines: 305 against 212 million chars/s); in a larger trie, a text
   * whose words the list holds (a dictionary) walks deep into it and waits on memory at every char
   * (127,000 English words over English text: 65 against 197 million chars/s; 100,000 random words
   * over chat lines, where the walks end early: 190 against 207).
   */
  private @org.jspecify.annotations.Nullable WordIndex wordIndex(Compiled c, int limit) {
    if (!c.wholeWords || (limit < 0 && c.denseStates >= c.fail.length)) {
      return null;
    }
    int bits = 32 - Integer.numberOfLeadingZeros(c.alphabet - 1);
    int maxLength = limit < 0 ? 64 / bits : Math.min(limit, 64 / bits);
    int states = c.fail.length;
    // States are numbered breadth first, so a parent's key is known before its children's.
    long[] key = new long[states];
    byte[] depth = new byte[states];
    int n = 0;
    for (int st = 0; st < states; st++) {
      if (c.outPattern[st] >= 0 && depth[st] <= maxLength) {
        n++;
      }
      for (int child = c.firstChild[st]; child < c.firstChild[st + 1]; child++) {
        depth[child] = (byte) Math.min(maxLength + 1, depth[st] + 1);
        key[child] = (key[st] << bits) | c.edgeSymbol[child];
      }
    }
    long[] keys = new long[n];
    long[] values = new long[n];
    int k = 0;
    for (int st = 0; st < states; st++) {
      if (c.outPattern[st] < 0 || depth[st] > maxLength) {
        continue;
      }
      int p = c.outPattern[st];
      keys[k] = key[st];
      values[k++] = c.nextPatternSameState[p] < 0 ? c.patternTerm[p] : WordIndex.STATE | code(st);
    }
    return new WordIndex(keys, values, n, bits, maxLength);
  }

  /** Whether the scan must look for outputs after entering {@code state} (its own, or on its chain). */
  private boolean hasOutputs(int state) {
    return state < emits.length && (anchored ? outPattern[state] >= 0 : emits[state]);
  }

  /** The flag of a transition on which the scan reports its source state's outputs. */
  private static final int REPORT = Integer.MIN_VALUE;

  /**
   * Whether leaving {@code state} on {@code sym} may end a hit: the state has outputs, and not all of
   * them need a word boundary after them, or {@code sym} is not a word char.
   */
  private boolean reports(int state, int sym) {
    return hasOutputs(state) && (!endBound[state] || !symbolIsWord[sym]);
  }

  /**
   * Whether the state of {@code code} has outputs: whether leaving it on a char of no term (symbol 0,
   * not a word char) reports, as its row or record says.
   */
  private boolean pendingAt(int code) {
    return code < denseLimit ? dfa[code] < 0 : (records[code - denseLimit] & REPORT_OTHER) != 0;
  }

  /** The code of a state (see {@link #denseLimit}), while the constructor lays out the tables. */
  private int code(int state) {
    int di = denseIndex(state);
    return di >= 0 ? rowOf[di] * stride + 1 : buildCodes[state - denseStates];
  }

  /**
   * The index of a state's row in the tables by state: its number for the dense states, one past them
   * for an anchored dead state beyond them; -1 for sparse states.
   */
  private int denseIndex(int state) {
    return state < denseStates ? state : hasDead && state == dead ? denseStates : -1;
  }

  /**
   * The scan's table: the rows (by state, targets by state) moved to their codes' places, targets
   * replaced by codes and flagged where the scan must report.
   */
  private int[] layOut(int[] rows) {
    int[] t = new int[rowOf.length * stride];
    for (int r = 0; r < rowOf.length; r++) {
      int st = r < denseStates ? r : dead;
      int from = r * alphabet;
      int to = rowOf[r] * stride + 1;
      t[to - 1] = outputsOf(st);
      for (int sym = 0; sym < alphabet; sym++) {
        t[to + sym] = code(rows[from + sym]) | (reports(st, sym) ? REPORT : 0);
      }
    }
    return t;
  }

  /** Builds {@link #outputs}, and each state's first record in {@link #buildOutputs}. */
  private int[] outputRecords(Compiled c) {
    int[] own = new int[states]; // the record of the state's own patterns, or -1
    Arrays.fill(own, -1);
    long size = 0;
    for (int st = 0; st < states; st++) {
      int n = 0;
      for (int p = c.outPattern[st]; p >= 0; p = c.nextPatternSameState[p]) {
        if (c.patternLength[p] > OUT_LENGTH) {
          throw new IllegalArgumentException("term too long: " + c.patternLength[p] + " units");
        }
        n++;
      }
      if (n > 0) {
        own[st] = (int) size;
        size += 2 + 2L * n;
        if (size > Integer.MAX_VALUE) {
          throw new IllegalArgumentException("too many terms: " + c.patternTerm.length);
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
      for (int p = c.outPattern[st]; p >= 0; p = c.nextPatternSameState[p]) {
        o[r + 2 + 2 * n] = c.patternTerm[p];
        o[r + 3 + 2 * n] = c.patternLength[p] | (c.checkStart[p] ? OUT_START : 0)
            | (c.checkEnd[p] ? OUT_END : 0);
        n++;
      }
      o[r] = n;
      o[r + 1] = anchored || c.outLink[st] < 0 ? -1 : own[c.outLink[st]];
    }
    int[] first = new int[states + 1]; // the anchored dead state, one past the trie, has none
    Arrays.fill(first, -1);
    for (int st = 0; st < states; st++) {
      first[st] = own[st] >= 0 ? own[st] : anchored || c.outLink[st] < 0 ? -1 : own[c.outLink[st]];
    }
    buildOutputs = first;
    return o;
  }

  /** A state's first output record, or -1 (while the constructor lays out the tables). */
  private int outputsOf(int state) {
    return buildOutputs[state];
  }

  /**
   * The transition from the sparse (deep) state of {@code code} on {@code sym}, encoded like
   * {@link #dfa}'s entries: its child, or (anchored) the dead state or the root, or (not anchored) the
   * transition of its failure.
   */
  private int sparseStep(int code, int sym) {
    final int[] rec = records;
    int head = rec[code - denseLimit];
    int report = (head & (symbolIsWord[sym] ? REPORT_WORD : REPORT_OTHER)) != 0 ? REPORT : 0;
    int c = code;
    while (c >= denseLimit) {
      int r = c - denseLimit;
      int n = rec[r] & CHILDREN;
      int lo = r + RECORD_HEADER;
      int hi = lo + 2 * n;
      if (n <= 8) {
        for (int k = lo; k < hi; k += 2) {
          if (rec[k] == sym) {
            return rec[k + 1] | report;
          }
        }
      } else {
        int a = 0;
        int z = n - 1;
        while (a <= z) {
          int mid = (a + z) >>> 1;
          int m = rec[lo + 2 * mid];
          if (m < sym) {
            a = mid + 1;
          } else if (m > sym) {
            z = mid - 1;
          } else {
            return rec[lo + 2 * mid + 1] | report;
          }
        }
      }
      if (anchored) {
        return (symbolIsWord[sym] ? deadCode : ROOT_CODE) | report;
      }
      c = rec[r + 1];
    }
    return (dfa[c + sym] & Integer.MAX_VALUE) | report;
  }

  /** The fast path's table: for each char, its symbol and flags; see the constants. */
  private int[] fastTable() {
    int[] t = new int[0x10000];
    for (int c = 0; c < 0x10000; c++) {
      if (Character.isSurrogate((char) c)) {
        t[c] = SLOW;
        continue;
      }
      int f = foldTable.fold(c);
      if (f == FoldTable.DROP) {
        int type = Character.getType(c);
        boolean mark = type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK;
        t[c] = DROP | (mark ? MARK : 0);
      } else if (f < 0 || f >= 0x10000) {
        t[c] = SLOW;
      } else if (foldWhitespace && Character.isWhitespace(f)) {
        t[c] = SPACE | bmpSymbol[' '];
      } else {
        boolean word = WordChars.isWord(f);
        int sym = bmpSymbol[f] == 0 && word ? OTHER_WORD : bmpSymbol[f];
        t[c] = sym | (word ? WORD : 0);
      }
    }
    return t;
  }

  /**
   * The scan for per-code-point normalizers (standard, none). It keeps no per-unit history: a candidate
   * hit inside a stretch of plain chars finds its start by subtraction, and the rare other one walks
   * back over the text (see {@link #unitsBack}).
   */
  private void denseScan(String text, HitHandler handler,
      @org.jspecify.annotations.Nullable Scratch s) {
    if (words != null) {
      if (s != null) {
        wordBufferedScan(text, handler, s, words);
      } else {
        wordScan(text, handler, words);
      }
      return;
    }
    if (anchored) {
      anchoredScan(text, handler, s);
      return;
    }
    if (s != null) {
      bufferedScan(text, handler, s);
      return;
    }
    final int[] table = fast;
    final int[] rows = dfa;
    final int dense = denseLimit; // states are codes here
    final int n = text.length();
    int state = ROOT_CODE;
    int lastStart = 0; // where the last unit's code point starts; it ends where the next unit starts
    boolean lastWasSpace = false;
    int plainFrom = 0; // from here to the last unit, every unit is one plain char
    int p = 0;
    while (p < n) {
      // The inner loop only steps: it leaves at a report or a special char, so that the JIT keeps
      // the reporting code out of it (see anchoredScan).
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
        if (state >= dense) {
          break; // a deep state's step, out of the loop (inlined, it made the loop slower)
        }
        lastWasSpace = space;
        t = rows[state + (e & SYMBOL)];
        if (t < 0) {
          break;
        }
        state = t;
        lastStart = p;
      }
      if (p >= n) {
        break;
      }
      if ((e & HOT) == 0 && state >= dense) {
        lastWasSpace = (e & SPACE) != 0;
        t = sparseStep(state, e & SYMBOL);
        if (t < 0) {
          emitBack(text, state, lastStart, p, 0, (e & WORD) != 0, plainFrom, s, handler);
        }
        state = t & Integer.MAX_VALUE;
        lastStart = p++;
        continue;
      }
      if ((e & HOT) == 0) {
        // Leaving a state whose outputs may hold here: report them, then go on.
        emitBack(text, state, lastStart, p, 0, (e & WORD) != 0, plainFrom, s, handler);
        state = t & Integer.MAX_VALUE;
        lastStart = p++;
        continue;
      }
      // Rare chars leave the hot loop: the state goes through the scratch object and back. (A scan
      // reentered from a handler may share that object: each writes it only just before reading.)
      if (s == null) {
        s = scratch.peek();
      }
      int q = special(text, p, state, lastStart, lastWasSpace, handler, s);
      state = s.row;
      plainFrom = q;
      lastStart = q;
      lastWasSpace = false;
      p = q < n ? q + 1 : n;
    }
    if (pendingAt(state)) {
      emitBack(text, state, lastStart, n, 0, false, plainFrom, s, handler);
    }
    if (hasAllow) {
      flushFiltered(s, handler);
    }
  }

  /**
   * {@link #denseScan} for long texts, read through the per-thread buffer a chunk at a time (see
   * {@link #anchoredBufferedScan}).
   */
  private void bufferedScan(String text, HitHandler handler, Scratch s) {
    final int[] table = fast;
    final int[] rows = dfa;
    final int dense = denseLimit;
    final int n = text.length();
    final char[] buf = s.chars;
    int state = ROOT_CODE;
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
        if (state >= dense) {
          break; // a deep state's step, out of the loop (inlined, it made the loop slower)
        }
        lastWasSpace = space;
        t = rows[state + (e & SYMBOL)];
        if (t < 0) {
          break;
        }
        state = t;
        lastStart = base + i;
      }
      if (i < len && (e & HOT) == 0 && state >= dense) {
        lastWasSpace = (e & SPACE) != 0;
        t = sparseStep(state, e & SYMBOL);
        if (t < 0) {
          emitBack(text, state, lastStart, base + i, 0, (e & WORD) != 0, plainFrom, s, handler);
        }
        state = t & Integer.MAX_VALUE;
        lastStart = base + i;
        i++;
        continue;
      }
      if (i < len && (e & HOT) == 0) {
        emitBack(text, state, lastStart, base + i, 0, (e & WORD) != 0, plainFrom, s, handler);
        state = t & Integer.MAX_VALUE;
        lastStart = base + i;
        i++;
        continue;
      }
      if (i < len) {
        int q = special(text, base + i, state, lastStart, lastWasSpace, handler, s);
        state = s.row;
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
    if (pendingAt(state)) {
      emitBack(text, state, lastStart, n, 0, false, plainFrom, s, handler);
    }
    if (hasAllow) {
      flushFiltered(s, handler);
    }
  }

  /**
   * The scan of a list of whole single words with a {@link WordIndex}, for short texts, straight from
   * the string (see {@link #wordBufferedScan} for long ones). Each word of plain chars is looked up once,
   * at its end, by its packed symbols, instead of walked down the trie, where each step is a read that
   * waits on the one before and, in a large dictionary, misses the cache. A word with a special char (an
   * invisible char, a mark, a char that folds to several) goes through the trie from its start to the
   * next plain non-word char ({@link #untilGap}).
   */
  private void wordScan(String text, HitHandler handler, WordIndex index) {
    final int[] table = fast;
    final int bits = index.bits();
    final int n = text.length();
    @org.jspecify.annotations.Nullable Scratch s = null;
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
        wordEnd(text, p - length, p, key, index, handler, s);
      }
      key = 0;
      length = 0;
    }
    if (length != 0) {
      wordEnd(text, n - length, n, key, index, handler, s);
    }
  }

  /**
   * {@link #wordScan} for long texts, read through the per-thread buffer a chunk at a time, in two loops
   * per chunk: the first packs every word's symbols without a branch per char (it writes the current
   * word at every char and advances the count of words only where one ends; with a branch on the char's
   * kind, mispredicted about twice per word, that loop ran at half the speed), the second looks the
   * words up, each lookup independent of the one before, so that the processor overlaps their misses.
   */
  private void wordBufferedScan(String text, HitHandler handler, Scratch s, WordIndex index) {
    final int[] table = fast;
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
          wordEnd(text, end - (int) span, end, keys[k], index, handler, s);
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
      wordEnd(text, n - length, n, key, index, handler, s);
    }
    if (hasAllow) {
      flushFiltered(s, handler);
    }
  }

  /**
   * Reports the hits of the word of plain chars {@code text[start, end)}, whose packed symbols are {@code
   * key} (exact for words up to the index's longest). The char before the word, if any, is a plain
   * non-word char.
   */
  private void wordEnd(String text, int start, int end, long key, WordIndex index,
      HitHandler handler, @org.jspecify.annotations.Nullable Scratch s) {
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
      @org.jspecify.annotations.Nullable Scratch s) {
    if (v >= Integer.MIN_VALUE) {
      report((int) v, start, end, s, handler);
    } else {
      emitBack(text, (int) v, end - 1, end, 0, false, Math.max(0, start - 1), s, handler);
    }
  }

  /** A word longer than the index's keys hold: walks the trie (such words are rare in most text). */
  private void longWord(String text, int start, int end, HitHandler handler,
      @org.jspecify.annotations.Nullable Scratch s) {
    final int[] table = fast;
    int state = ROOT_CODE;
    for (int q = start; q < end; q++) {
      int sym = table[text.charAt(q)] & SYMBOL;
      state = (state < denseLimit ? dfa[state + sym] : sparseStep(state, sym)) & Integer.MAX_VALUE;
    }
    if (pendingAt(state)) {
      emitBack(text, state, end - 1, end, 0, false, Math.max(0, start - 1), s, handler);
    }
  }

  /**
   * Runs the anchored automaton from {@code from} (a word start, or a char after a plain non-word char:
   * the trie's root either way) over a stretch with special chars, as {@link #anchoredScan} would, up to
   * and including the next plain non-word char after them, where the automaton is back at its root with
   * every hit before reported. Returns the index after that char, or the text's end.
   */
  private int untilGap(String text, int from, HitHandler handler, Scratch s) {
    final int[] table = fast;
    final int n = text.length();
    int state = ROOT_CODE;
    int plainFrom = from;
    int p = from;
    while (p < n) {
      int e = table[text.charAt(p)];
      if ((e & HOT) != 0) {
        boolean afterSpace = p > 0 && (table[text.charAt(p - 1)] & SPACE) != 0;
        int q = special(text, p, state, p - 1, afterSpace, handler, s);
        if (q >= n) {
          return n; // special reported everything
        }
        state = s.row;
        plainFrom = q;
        if ((table[text.charAt(q)] & WORD) == 0) {
          return q + 1;
        }
        p = q + 1;
        continue;
      }
      int t = state < denseLimit ? dfa[state + (e & SYMBOL)] : sparseStep(state, e & SYMBOL);
      if (t < 0) {
        emitBack(text, state, p - 1, p, 0, (e & WORD) != 0, plainFrom, s, handler);
      }
      state = t & Integer.MAX_VALUE;
      p++;
      if ((e & WORD) == 0) {
        return p;
      }
    }
    if (pendingAt(state)) {
      emitBack(text, state, n - 1, n, 0, false, plainFrom, s, handler);
    }
    return n;
  }

  /**
   * Leaves a hot loop at the special char at {@code p}: runs {@link #denseSpecial} over the special chars
   * from there, then takes the plain char after them (which is not whitespace). Returns that char's
   * index, or the text's end; the state after it is in {@code s.row} (the root at the end, where
   * everything has been reported).
   */
  private int special(String text, int p, int state, int lastStart, boolean lastWasSpace,
      HitHandler handler, Scratch s) {
    s.row = state;
    s.pending = pendingAt(state);
    s.lastStart = lastStart;
    s.lastEnd = p;
    s.lastIndex = 0;
    s.lastWasSpace = lastWasSpace;
    int q = denseSpecial(text, p, handler, s);
    int st = s.row;
    if (q < text.length()) {
      int e = fast[text.charAt(q)];
      if (s.pending) {
        emitBack(text, st, s.lastStart, s.lastEnd, s.lastIndex, (e & WORD) != 0,
            Integer.MAX_VALUE, s, handler);
      }
      int t = st < denseLimit ? dfa[st + (e & SYMBOL)] : sparseStep(st, e & SYMBOL);
      s.row = t & Integer.MAX_VALUE;
    } else {
      if (s.pending) {
        emitBack(text, st, s.lastStart, s.lastEnd, s.lastIndex, false, Integer.MAX_VALUE,
            s, handler);
      }
      s.row = ROOT_CODE;
    }
    return q;
  }

  /**
   * The scan of an anchored automaton: {@link #denseScan} without what such automata do not need. No
   * term holds whitespace, so a run of it needs no special care (each char of it leads to the root),
   * and the last unit before a plain char always starts one char back (after a special char, the scan
   * resumes past the plain char that follows it).
   */
  private void anchoredScan(String text, HitHandler handler,
      @org.jspecify.annotations.Nullable Scratch s) {
    if (s != null) {
      anchoredBufferedScan(text, handler, s);
      return;
    }
    int n = text.length();
    int mid = records.length == 0 && n >= shortDualFrom ? splitPoint(text) : -1;
    if (mid > 0) {
      shortDualScan(text, handler, mid);
    } else {
      anchoredShortRange(text, handler, 0, n, ROOT_CODE, 0);
    }
  }

  /**
   * {@link #anchoredRange} for short texts, straight from the string (no buffers, and no allow-list:
   * {@link #match} sends texts with one through the buffers).
   */
  private int anchoredShortRange(String text, HitHandler handler, int from, int end, int state,
      int plainFrom) {
    final int[] table = fast;
    final int[] rows = dfa;
    final int dense = denseLimit;
    final int n = text.length();
    @org.jspecify.annotations.Nullable Scratch s = null;
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
        t = state < dense ? rows[state + (e & SYMBOL)] : sparseStep(state, e & SYMBOL);
        if (t < 0) {
          break;
        }
        state = t;
      }
      if (p >= end) {
        break;
      }
      if ((e & HOT) == 0) {
        emitBack(text, state, p - 1, p, 0, (e & WORD) != 0, plainFrom, s, handler);
        state = t & Integer.MAX_VALUE;
        p++;
        continue;
      }
      if (s == null) {
        s = scratch.peek();
      }
      boolean afterSpace = p > 0 && (table[text.charAt(p - 1)] & SPACE) != 0;
      int q = special(text, p, state, p - 1, afterSpace, handler, s);
      state = s.row;
      plainFrom = q;
      p = q < n ? q + 1 : n;
    }
    if (end == n && pendingAt(state)) {
      emitBack(text, state, n - 1, n, 0, false, plainFrom, s, handler);
    }
    return state;
  }

  /**
   * {@link #dualScan} for short texts (chat messages): both halves in one loop, straight from the
   * string. An event in the second half (a report or a special char) ends the shared loop, so that
   * nothing of it is held back: the first half finishes alone, then the second from where it stopped.
   */
  private void shortDualScan(String text, HitHandler handler, int mid) {
    final int[] table = fast;
    final int[] rows = dfa;
    final int n = text.length();
    @org.jspecify.annotations.Nullable Scratch s = null;
    int pa = 0;
    int pb = mid;
    int sa = ROOT_CODE;
    int sb = ROOT_CODE;
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
        if ((((ea | eb) & HOT) | ((ta | tb) & Integer.MIN_VALUE)) != 0) {
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
        boolean afterSpace = pa > 0 && (table[text.charAt(pa - 1)] & SPACE) != 0;
        int q = special(text, pa, sa, pa - 1, afterSpace, handler, s);
        sa = s.row;
        plainA = q;
        pa = q + 1; // q < mid - 1: see splitPoint
      } else {
        emitBack(text, sa, pa - 1, pa, 0, (ea & WORD) != 0, plainA, s, handler);
        sa = ta & Integer.MAX_VALUE;
        pa++;
      }
    }
    if (pa < mid) {
      anchoredShortRange(text, handler, pa, mid, sa, plainA);
    }
    anchoredShortRange(text, handler, pb, n, sb, mid);
  }

  /**
   * {@link #anchoredScan} for long texts, read through the per-thread buffer a chunk at a time: its
   * inner loop then runs over an array, without the string's per-char checks of coder and bounds
   * (about a third faster on long text; on short texts, fetching the buffer costs more than it saves).
   * A fully dense automaton scans the two halves of a long text at once ({@link #dualScan}).
   */
  private void anchoredBufferedScan(String text, HitHandler handler, Scratch s) {
    int n = text.length();
    int mid = !hasAllow && records.length == 0 && n >= dualFrom ? splitPoint(text) : -1;
    if (mid > 0) {
      dualScan(text, handler, s, mid);
    } else {
      anchoredRange(text, handler, s, 0, n, ROOT_CODE, 0);
    }
    if (hasAllow) {
      flushFiltered(s, handler);
    }
  }

  /**
   * Scans {@code text[from, end)} from {@code state} (the automaton's state before {@code from}; units
   * from {@code plainFrom} on are single plain chars), and, when {@code end} is the text's end, reports
   * what is pending there. Returns the state at {@code end}. A range that ends inside the text must end
   * after a plain char that is neither a word char nor whitespace, so that no special run crosses it.
   */
  private int anchoredRange(String text, HitHandler handler, Scratch s, int from, int end,
      int state, int plainFrom) {
    final int[] table = fast;
    final int[] rows = dfa;
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
      // As in anchoredScan, the inner loop leaves at a report or a special char.
      int e = 0;
      int t = 0;
      for (; i < len; i++) {
        e = table[buf[i]];
        if ((e & HOT) != 0) {
          break;
        }
        t = state < dense ? rows[state + (e & SYMBOL)] : sparseStep(state, e & SYMBOL);
        if (t < 0) {
          break;
        }
        state = t;
      }
      if (i < len && (e & HOT) == 0) {
        int p = base + i;
        emitBack(text, state, p - 1, p, 0, (e & WORD) != 0, plainFrom, s, handler);
        state = t & Integer.MAX_VALUE;
        i++;
        continue;
      }
      if (i < len) {
        int p = base + i;
        boolean afterSpace = p > 0 && (table[text.charAt(p - 1)] & SPACE) != 0;
        int q = special(text, p, state, p - 1, afterSpace, handler, s);
        state = s.row;
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
    if (end == n && pendingAt(state)) {
      emitBack(text, state, n - 1, n, 0, false, plainFrom, s, handler);
    }
    return state;
  }

  /**
   * Where a text can be cut in two for {@link #dualScan} and {@link #shortDualScan}: the index after
   * the first char, from the middle on, that is plain and not a word char, with a plain char after it
   * and a plain char that is not whitespace before it. There the anchored automaton is at its root with
   * nothing pending, and no run of special chars (which takes whitespace along) crosses the cut. -1 if
   * there is none within the next {@link #SPLIT_WINDOW} chars (such a text is scanned whole).
   */
  private int splitPoint(String text) {
    int n = text.length();
    int last = (int) Math.min(n - 1L, n / 2 + (long) SPLIT_WINDOW);
    for (int i = Math.max(1, n / 2); i < last; i++) {
      if ((fast[text.charAt(i)] & (HOT | WORD)) == 0 && (fast[text.charAt(i - 1)] & (HOT | SPACE)) == 0
          && (fast[text.charAt(i + 1)] & HOT) == 0) {
        return i + 1;
      }
    }
    return -1;
  }

  /**
   * Scans {@code text[0, mid)} and {@code text[mid, n)} in one loop, a char of each per step. Each
   * half's scan is a chain of reads that wait on the one before (the next row depends on the last), so
   * one chain leaves the processor waiting on memory; two independent chains overlap their waits (rebar's
   * 5,000 words, the inner loops alone: 284 million chars/s for one chain, 390 for two). Hits of the
   * second half are held back (in the scratch's block hits, free here: there is no allow-list) and
   * reported after the first half's, so that hits still come in the order they end. When one half is
   * done, the other finishes alone.
   */
  private void dualScan(String text, HitHandler handler, Scratch s, int mid) {
    final int[] table = fast;
    final int[] rows = dfa;
    final int n = text.length();
    final char[] bufA = s.chars;
    final char[] bufB = s.chars2;
    final HitHandler later = s.holdBack;
    s.blockHits = 0;
    int pa = 0;
    int pb = mid;
    int sa = ROOT_CODE;
    int sb = ROOT_CODE;
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
        if ((((ea | eb) & HOT) | ((ta | tb) & Integer.MIN_VALUE)) != 0) {
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
      // Each half takes its char, as anchoredRange would.
      if ((ea & HOT) != 0) {
        boolean afterSpace = pa > 0 && (table[text.charAt(pa - 1)] & SPACE) != 0;
        int q = special(text, pa, sa, pa - 1, afterSpace, handler, s);
        sa = s.row;
        plainA = q;
        pa = q + 1; // q < mid - 1: see splitPoint
      } else {
        if (ta < 0) {
          emitBack(text, sa, pa - 1, pa, 0, (ea & WORD) != 0, plainA, s, handler);
        }
        sa = ta & Integer.MAX_VALUE;
        pa++;
      }
      if ((eb & HOT) != 0) {
        boolean afterSpace = (table[text.charAt(pb - 1)] & SPACE) != 0;
        int q = special(text, pb, sb, pb - 1, afterSpace, later, s);
        sb = s.row;
        plainB = q;
        pb = q < n ? q + 1 : n;
      } else {
        if (tb < 0) {
          emitBack(text, sb, pb - 1, pb, 0, (eb & WORD) != 0, plainB, s, later);
        }
        sb = tb & Integer.MAX_VALUE;
        pb++;
      }
    }
    if (pa < mid) {
      anchoredRange(text, handler, s, pa, mid, sa, plainA);
    }
    s.replayBlocks(handler);
    anchoredRange(text, handler, s, pb, n, sb, plainB);
  }

  /**
   * Handles a run of chars that are not plain single units, starting at {@code p}, and returns the index
   * of the next plain char (or the end). The last unit's end, as the hot loop would compute it, is
   * {@code p} when it enters, since the last unit was a plain char right before it (or nothing).
   */
  private int denseSpecial(String text, int p, HitHandler handler, Scratch s) {
    final int[] table = fast;
    final int[] rows = dfa;
    final int dense = denseLimit; // states are codes here
    final int n = text.length();
    int state = s.row;
    boolean pending = s.pending;
    int lastStart = s.lastStart;
    int lastEnd = s.lastEnd;
    int lastIndex = s.lastIndex;
    // The hot loop calls this right after a plain or space unit (or at the start): marks here extend
    // that unit.
    boolean absorbing = p > 0;
    boolean lastWasSpace = s.lastWasSpace;
    while (p < n) {
      int e = table[text.charAt(p)];
      if ((e & SPECIAL) == 0) {
        break;
      }
      if ((e & DROP) != 0) {
        if ((e & MARK) != 0 && absorbing) {
          lastEnd = p + 1;
        } else {
          absorbing = false;
        }
        p++;
        continue;
      }
      if ((e & SPACE) != 0) {
        if (lastWasSpace) {
          lastEnd = p + 1;
        } else {
          if (pending) {
            emitBack(text, state, lastStart, lastEnd, lastIndex, false, Integer.MAX_VALUE, s,
                handler);
          }
          int t = state < dense ? rows[state + (e & SYMBOL)] : sparseStep(state, e & SYMBOL);
          state = t & Integer.MAX_VALUE;
          pending = pendingAt(state);
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
      int f = foldTable.fold(cp);
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
      int units = f >= 0 ? 1 : foldTable.expansion(f).length;
      for (int u = 0; u < units; u++) {
        int c = f >= 0 ? f : foldTable.expansion(f)[u];
        if (foldWhitespace && Character.isWhitespace(c)) {
          if (lastWasSpace) {
            lastEnd = end;
            continue;
          }
          c = ' ';
        }
        boolean word = WordChars.isWord(c);
        if (pending) {
          emitBack(text, state, lastStart, lastEnd, lastIndex, word, Integer.MAX_VALUE, s,
              handler);
        }
        int sym = symbol(c);
        int t = state < dense ? rows[state + sym] : sparseStep(state, sym);
        state = t & Integer.MAX_VALUE;
        pending = pendingAt(state);
        lastStart = p;
        lastEnd = end;
        lastIndex = u;
        lastWasSpace = c == ' ' && foldWhitespace;
      }
      absorbing = true;
      p = end;
    }
    s.row = state;
    s.pending = pending;
    s.lastStart = lastStart;
    s.lastEnd = lastEnd;
    s.lastIndex = lastIndex;
    return p;
  }

  /** The end of the stripped combining marks starting at {@code from}. */
  private int absorbMarks(CharSequence text, int from) {
    int end = from;
    int n = text.length();
    while (end < n) {
      int m = Character.codePointAt(text, end);
      int type = Character.getType(m);
      if ((type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK)
          && foldTable.fold(m) == FoldTable.DROP) {
        end += Character.charCount(m);
      } else {
        break;
      }
    }
    return end;
  }

  /**
   * Reports the outputs of {@code state}, whose last unit is described by the other arguments. Units
   * from {@code plainFrom} on are single plain chars, so a hit inside that stretch finds its start by
   * subtraction; others walk back over the text.
   */
  private void emitBack(String text, int code, int lastStart, int lastEnd, int lastIndex,
      boolean nextIsWord, int plainFrom, Scratch s, HitHandler handler) {
    final int[] o = outputs;
    for (int r = code < denseLimit ? dfa[code - 1] : records[code - denseLimit + 2]; r >= 0;
        r = o[r + 1]) {
      for (int k = r + 2, end = r + 2 + 2 * o[r]; k < end; k += 2) {
        int info = o[k + 1];
        if ((info & OUT_END) != 0 && nextIsWord) {
          continue;
        }
        int length = info & OUT_LENGTH;
        boolean checkStart = (info & OUT_START) != 0;
        int start = lastStart - length + 1;
        if (start >= plainFrom) {
          if (checkStart && start > 0) {
            if (start > plainFrom) {
              if ((fast[text.charAt(start - 1)] & WORD) != 0) {
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
        report(o[k], start, lastEnd, s, handler);
      }
    }
  }

  private static final long NONE = -1L;
  private static final int SHORT_TEXT = 256;
  // Texts up to shortText chars are scanned straight from the string, longer ones through a per-thread
  // buffer of chunk chars (tests set a tiny chunk and no short texts, to reach every path).
  private final int shortText;
  private final int chunk;
  // Texts from this many chars on are scanned in two halves at once by a fully dense anchored automaton.
  private final int dualFrom;
  private final int shortDualFrom;
  private static final int DUAL_FROM = 4096;
  // Short texts (read from the string) from this many chars on are cut in two likewise.
  private static final int SHORT_DUAL_FROM = 16;
  private static final int SPLIT_WINDOW = 1 << 16;
  private static final long FULLY_DENSE_ENTRIES = 4L << 20;

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
      int f = foldTable.fold(cp);
      if (f == FoldTable.DROP) {
        q = at;
        continue;
      }
      int units = f >= 0 ? 1 : foldTable.expansion(f).length;
      int c = f >= 0 ? f : foldTable.expansion(f)[units - 1];
      if (foldWhitespace && units == 1 && Character.isWhitespace(c)) {
        // A whitespace run, with the invisibles inside it, is one unit starting at its first space.
        int runStart = at;
        int r = at;
        while (r > 0) {
          int b = text.codePointBefore(r);
          int bf = foldTable.fold(b);
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
    int f = foldTable.fold(cp);
    int c = f >= 0 ? f : foldTable.expansion(f)[(int) unit];
    return foldWhitespace && Character.isWhitespace(c) ? ' ' : c;
  }

  private void scan(CharSequence text, HitHandler handler, Scratch s) {
    s.blockHits = 0;
    s.allowHits = 0;
    if (fast != null) {
      denseScan(text.toString(), handler, s);
      return;
    }
    NormalizingCursor cursor = s.cursor;
    cursor.reset(text);
    int mask = s.ringStart.length - 1;
    int[] ringStart = s.ringStart;
    int[] ringEnd = s.ringEnd;
    int[] ringCount = s.ringCount;
    boolean[] ringWord = s.ringWord;
    int state = ROOT;
    int i = 0;
    while (cursor.next()) {
      int cp = cursor.codePoint();
      boolean word = WordChars.isWord(cp);
      if (emits[state]) {
        emit(state, i - 1, word, s, handler);
      }
      int r = i & mask;
      ringStart[r] = cursor.start();
      ringEnd[r] = cursor.end();
      ringCount[r] = cursor.count();
      ringWord[r] = word;
      state = step(state, symbol(cp));
      i++;
    }
    if (emits[state]) {
      emit(state, i - 1, false, s, handler);
    }
    if (hasAllow) {
      flushFiltered(s, handler);
    }
  }

  private int symbol(int cp) {
    int sym;
    if (cp < 0x10000) {
      sym = bmpSymbol[cp];
    } else {
      int k = Arrays.binarySearch(supplementaryCodePoints, cp);
      sym = k >= 0 ? supplementarySymbols[k] : 0;
    }
    return sym == 0 && WordChars.isWord(cp) ? OTHER_WORD : sym;
  }

  /** The symbol of word chars that occur in no term (0 is that of every other char of no term). */
  private static final int OTHER_WORD = 1;

  private int step(int state, int sym) {
    int s = state;
    while (true) {
      if (s < denseStates) {
        return stateRows[s * alphabet + sym];
      }
      int child = child(s, sym);
      if (child >= 0) {
        return child;
      }
      s = fail[s];
    }
  }

  /** The child of {@code state} on {@code sym}, or -1. */
  private int child(int state, int sym) {
    return childOf(firstChild, edgeSymbol, state, sym);
  }

  /** Binary search of a state's children, which are consecutive and sorted by symbol. */
  static int childOf(int[] firstChild, int[] edgeSymbol, int state, int sym) {
    int lo = firstChild[state];
    int hi = firstChild[state + 1] - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int m = edgeSymbol[mid];
      if (m < sym) {
        lo = mid + 1;
      } else if (m > sym) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  private void emit(int state, int last, boolean nextIsWord, Scratch s, HitHandler handler) {
    int mask = s.ringStart.length - 1;
    for (int st = outPattern[state] >= 0 ? state : outLink[state]; st >= 0; st = outLink[st]) {
      for (int p = outPattern[st]; p >= 0; p = nextPatternSameState[p]) {
        int first = last - patternLength[p] + 1;
        if (checkEnd[p] && nextIsWord) {
          continue;
        }
        if (checkStart[p] && first > 0 && s.ringWord[(first - 1) & mask]) {
          continue;
        }
        int[] counts = patternCounts[p];
        if (counts != null && !countsHold(counts, first, s.ringCount, mask)) {
          continue;
        }
        int start = s.ringStart[first & mask];
        int end = s.ringEnd[last & mask];
        report(patternTerm[p], start, end, s, handler);
      }
    }
  }

  /**
   * Hands a hit to the handler, or, with an allow-list, holds it back for {@link #flushFiltered}
   * ({@code term} below zero marks an allow-list hit).
   */
  private void report(int term, int start, int end, @org.jspecify.annotations.Nullable Scratch s,
      HitHandler handler) {
    if (!hasAllow) {
      handler.onHit(term, start, end);
    } else if (term >= 0) {
      s.addBlock(term, start, end);
    } else {
      s.addAllow(start, end);
    }
  }

  private static boolean countsHold(int[] counts, int first, int[] ringCount, int mask) {
    for (int j = 0; j < counts.length; j++) {
      if (ringCount[(first + j) & mask] < counts[j]) {
        return false;
      }
    }
    return true;
  }

  private static void flushFiltered(Scratch s, HitHandler handler) {
    for (int h = 0; h < s.blockHits; h++) {
      int start = s.block[3 * h + 1];
      int end = s.block[3 * h + 2];
      boolean allowed = false;
      for (int a = 0; a < s.allowHits && !allowed; a++) {
        allowed = s.allow[2 * a] <= start && end <= s.allow[2 * a + 1];
      }
      if (!allowed) {
        handler.onHit(s.block[3 * h], start, end);
      }
    }
  }

  @Override
  public String toString() {
    return "TermMatcher{" + terms.length + " terms, " + allowTexts.length + " allowed, "
        + normalizer + ", " + states + " states" + (anchored ? ", anchored at word starts"
            : hasDead ? ", entered at word starts" : "")
        + (words != null ? ", " + words.size() + " words indexed" : "")
        + "}";
  }

  /** Per-thread buffers: a ring of the last units, and hits held back for the allow-list. */
  private static final class Scratch extends PerThread.Reusable {
    final NormalizingCursor cursor;
    final int[] ringStart;
    final int[] ringEnd;
    final int[] ringCount;
    final boolean[] ringWord;
    int[] block = new int[48];
    int blockHits;
    int[] allow = new int[16];
    int allowHits;
    // The dense scan's state while it is outside its hot loop.
    int row;
    boolean pending;
    int lastStart;
    int lastEnd;
    int lastIndex;
    boolean lastWasSpace;
    final char[] chars;
    final char[] chars2; // dualScan's second half
    // dualScan's handler for the second half: its hits wait in the block hits (no allow-list there).
    final HitHandler holdBack = this::addBlock;
    // The word scan's words of a chunk: packed symbols, and end << 32 | length.
    long touched; // what WordIndex.touch read, kept so that its reads are not dropped
    final long[] wordKeys;
    final long[] wordSpans;

    Scratch(NormalizingCursor cursor, int ring, int chunk, int words) {
      this.chars = new char[chunk];
      this.chars2 = new char[chunk];
      this.wordKeys = new long[words];
      this.wordSpans = new long[words];
      this.cursor = cursor;
      ringStart = new int[ring];
      ringEnd = new int[ring];
      ringCount = new int[ring];
      ringWord = new boolean[ring];
    }

    void addBlock(int term, int start, int end) {
      if (3 * blockHits + 3 > block.length) {
        block = Arrays.copyOf(block, block.length * 2);
      }
      block[3 * blockHits] = term;
      block[3 * blockHits + 1] = start;
      block[3 * blockHits + 2] = end;
      blockHits++;
    }

    /** Hands the block hits to {@code handler}, in the order they came, and forgets them. */
    void replayBlocks(HitHandler handler) {
      int count = blockHits;
      blockHits = 0;
      for (int h = 0; h < count; h++) {
        handler.onHit(block[3 * h], block[3 * h + 1], block[3 * h + 2]);
      }
    }

    void addAllow(int start, int end) {
      if (2 * allowHits + 2 > allow.length) {
        allow = Arrays.copyOf(allow, allow.length * 2);
      }
      allow[2 * allowHits] = start;
      allow[2 * allowHits + 1] = end;
      allowHits++;
    }
  }

  /**
   * Builds a {@link TermMatcher}. Terms are checked as they are added; {@link #build()} normalizes
   * them and compiles the automaton, and fails (naming the term) when a term normalizes to nothing.
   * Not thread safe.
   */
  public static final class Builder {
    private Normalizer normalizer = Normalizer.standard();
    private final List<Term> terms = new ArrayList<>();
    /** Per term, the list it belongs to (see {@link TermLists}); duplicates merge within a list only. */
    private final List<Integer> groups = new ArrayList<>();
    private final List<String> allowTexts = new ArrayList<>();
    private final List<MatchMode> allowModes = new ArrayList<>();
    private long denseBudget = -1;
    private int chunk = -1;
    private int wordIndex = -1;
    private int dualFrom = -1;

    private Builder() {}

    /** For tests: the shortest text that dualScan and shortDualScan cut in two (-1: the defaults). */
    Builder dualScanFrom(int chars) {
      this.dualFrom = chars;
      return this;
    }

    /**
     * For tests: -1 for the default word index (large lists of whole single words), 0 for none, or an
     * index of words up to this many symbols whatever the list's size (small, so that short random
     * words reach the trie walk for longer ones).
     */
    Builder wordIndex(int maxLength) {
      this.wordIndex = maxLength;
      return this;
    }

    /** For tests: how many dense transition entries to allow (-1: the default budget). */
    Builder denseBudget(long entries) {
      this.denseBudget = entries;
      return this;
    }

    /** For tests: read every text through a buffer of this many chars (-1: the default paths). */
    Builder scanChunk(int chars) {
      this.chunk = chars;
      return this;
    }

    /** The normalizer for terms and text; {@link Normalizer#standard()} unless set. */
    public Builder normalizer(Normalizer normalizer) {
      this.normalizer = requireNonNull(normalizer, "normalizer");
      return this;
    }

    /** Adds a term. */
    public Builder add(Term term) {
      return add(term, 0);
    }

    /** Adds a term of list {@code group} ({@link TermLists}): duplicates merge within a list only. */
    Builder add(Term term, int group) {
      terms.add(requireNonNull(term, "term"));
      groups.add(group);
      return this;
    }

    /** Adds a whole-word term with weight 1 in category {@code "default"}. */
    public Builder add(String text) {
      return add(Term.of(text));
    }

    /** Adds terms. */
    public Builder addAll(Collection<Term> terms) {
      for (Term t : terms) {
        add(t);
      }
      return this;
    }

    /**
     * Adds an allow-list entry matched anywhere ("scunthorpe", "assassin"): a block hit inside one of
     * its hits is suppressed.
     */
    public Builder allow(String text) {
      return allow(text, MatchMode.ANYWHERE);
    }

    /** Adds an allow-list entry with a match mode. */
    public Builder allow(String text, MatchMode mode) {
      requireNonNull(text, "text");
      requireNonNull(mode, "mode");
      if (text.isEmpty()) {
        throw new IllegalArgumentException("allow-list entry must not be empty");
      }
      allowTexts.add(text);
      allowModes.add(mode);
      return this;
    }

    /**
     * Normalizes the terms and compiles the automaton.
     *
     * @throws IllegalArgumentException naming the term when a term or allow entry normalizes to
     *     nothing, or when there are no terms
     */
    public TermMatcher build() {
      if (terms.isEmpty()) {
        throw new IllegalArgumentException("a term matcher needs at least one term");
      }
      return new TermMatcher(this, new Compiled(this));
    }
  }

  /** The compiled form: built once, then handed to the matcher's final fields. */
  private static final class Compiled {
    Term[] terms;
    int @org.jspecify.annotations.Nullable [] groups;
    String[] allowTexts;
    int[] patternTerm;
    int[] patternLength;
    int[][] patternCounts;
    boolean[] checkStart;
    boolean[] checkEnd;
    int[] nextPatternSameState;
    int maxLength;
    boolean allStartAtWordsAndAreSingleWords = true;
    boolean allStartAtWords = true;
    /**
     * Every pattern starts at a word start, and some span several words (phrases), under a per-code-point
     * normalizer: failure links then lead only to suffixes that start at a word start, and end in a
     * dead state (inside a word no pattern can begin in) or the root (after a non-word char).
     */
    boolean wordStart;
    /**
     * Every pattern is a single whole word (anchored, and bound to a word end too) under a per-code-point
     * normalizer, and the word index is not turned off: a large list gets one (see wordIndex).
     */
    boolean wholeWords;
    boolean[] symbolIsWord;
    char[] bmpSymbol = new char[0x10000];
    int[] supplementaryCodePoints;
    int[] supplementarySymbols;
    int alphabet;
    int[] firstChild;
    int[] edgeSymbol;
    int[] fail;
    int[] outPattern;
    int[] outLink;
    boolean[] emits;
    int[] dense;
    int denseStates;

    Compiled(Builder b) {
      NormalizingCursor cursor = b.normalizer.cursor();
      // Normalize every entry; merge duplicates of (units, counts, mode).
      List<int[]> symbolsList = new ArrayList<>();
      List<int[]> countsList = new ArrayList<>();
      List<Integer> owner = new ArrayList<>();
      List<MatchMode> modes = new ArrayList<>();
      List<Term> kept = new ArrayList<>();
      List<Integer> keptGroups = new ArrayList<>();
      Map<String, Boolean> seen = new HashMap<>();
      Map<Integer, Integer> symbolOf = new HashMap<>();
      int entries = b.terms.size() + b.allowTexts.size();
      List<int[]> codePointsList = new ArrayList<>(entries);
      for (int e = 0; e < entries; e++) {
        boolean allow = e >= b.terms.size();
        String text = allow ? b.allowTexts.get(e - b.terms.size()) : b.terms.get(e).text();
        MatchMode mode = allow ? b.allowModes.get(e - b.terms.size()) : b.terms.get(e).mode();
        cursor.reset(text);
        int n = 0;
        int[] cps = new int[Math.max(4, text.length())];
        int[] cnt = new int[cps.length];
        while (cursor.next()) {
          if (n == cps.length) {
            cps = Arrays.copyOf(cps, n * 2);
            cnt = Arrays.copyOf(cnt, n * 2);
          }
          cps[n] = cursor.codePoint();
          cnt[n] = cursor.count();
          n++;
        }
        if (n == 0) {
          throw new IllegalArgumentException((allow ? "allow-list entry '" + text + "'"
              : "term '" + b.terms.get(e).id() + "'") + " normalizes to nothing under the "
              + b.normalizer + " normalizer");
        }
        cps = Arrays.copyOf(cps, n);
        cnt = Arrays.copyOf(cnt, n);
        String key = (allow ? "A" : "B" + b.groups.get(e)) + mode + Arrays.toString(cps)
            + Arrays.toString(cnt);
        if (seen.putIfAbsent(key, Boolean.TRUE) != null) {
          continue;
        }
        boolean anyCount = false;
        for (int c : cnt) {
          anyCount |= c > 1;
        }
        codePointsList.add(cps);
        countsList.add(anyCount ? cnt : null);
        modes.add(mode);
        if (allow) {
          owner.add(-1 - (e - b.terms.size()));
        } else {
          owner.add(kept.size());
          kept.add(b.terms.get(e));
          keptGroups.add(b.groups.get(e));
        }
        for (int c : cps) {
          symbolOf.putIfAbsent(c, 0);
        }
      }
      terms = kept.toArray(new Term[0]);
      boolean grouped = keptGroups.stream().anyMatch(g -> g != 0);
      groups = grouped ? keptGroups.stream().mapToInt(Integer::intValue).toArray() : null;
      allowTexts = b.allowTexts.toArray(new String[0]);

      // Alphabet: symbol ids 2..n+1 in code point order; 0 stands for every code point of no term,
      // and 1 for those of them that are word chars.
      int[] alphabetCps = symbolOf.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
      alphabet = alphabetCps.length + 2;
      symbolIsWord = new boolean[alphabet];
      symbolIsWord[1] = true;
      if (alphabet > 0xFFFF) {
        throw new IllegalArgumentException("the terms use " + alphabetCps.length
            + " distinct normalized characters; at most 65534 are supported");
      }
      int supplementary = 0;
      for (int i = 0; i < alphabetCps.length; i++) {
        symbolOf.put(alphabetCps[i], i + 2);
        symbolIsWord[i + 2] = WordChars.isWord(alphabetCps[i]);
        if (alphabetCps[i] < 0x10000) {
          bmpSymbol[alphabetCps[i]] = (char) (i + 2);
        } else {
          supplementary++;
        }
      }
      supplementaryCodePoints = new int[supplementary];
      supplementarySymbols = new int[supplementary];
      int k = 0;
      for (int i = 0; i < alphabetCps.length; i++) {
        if (alphabetCps[i] >= 0x10000) {
          supplementaryCodePoints[k] = alphabetCps[i];
          supplementarySymbols[k++] = i + 2;
        }
      }

      int patterns = codePointsList.size();
      int[][] seqs = new int[patterns][];
      patternTerm = new int[patterns];
      patternLength = new int[patterns];
      patternCounts = new int[patterns][];
      checkStart = new boolean[patterns];
      checkEnd = new boolean[patterns];
      nextPatternSameState = new int[patterns];
      for (int p = 0; p < patterns; p++) {
        int[] cps = codePointsList.get(p);
        int[] seq = new int[cps.length];
        for (int i = 0; i < cps.length; i++) {
          seq[i] = symbolOf.get(cps[i]);
        }
        seqs[p] = seq;
        patternTerm[p] = owner.get(p);
        patternLength[p] = seq.length;
        patternCounts[p] = countsList.get(p);
        MatchMode mode = modes.get(p);
        checkStart[p] = (mode == MatchMode.WORD || mode == MatchMode.PREFIX)
            && WordChars.isWord(cps[0]);
        checkEnd[p] = (mode == MatchMode.WORD || mode == MatchMode.SUFFIX)
            && WordChars.isWord(cps[cps.length - 1]);
        boolean singleWord = checkStart[p];
        for (int cp : cps) {
          singleWord &= WordChars.isWord(cp);
        }
        allStartAtWordsAndAreSingleWords &= singleWord;
        allStartAtWords &= checkStart[p];
        maxLength = Math.max(maxLength, seq.length);
      }
      wordStart = b.normalizer.isPerCodePoint() && allStartAtWords && !allStartAtWordsAndAreSingleWords;
      boolean allEndAtWords = true;
      for (boolean end : checkEnd) {
        allEndAtWords &= end;
      }
      wholeWords = b.normalizer.isPerCodePoint() && allStartAtWordsAndAreSingleWords && allEndAtWords
          && b.wordIndex != 0;
      buildAutomaton(seqs, b.denseBudget);
    }

    /** A breadth-first trie over the sorted patterns, then failure links and dense rows. */
    private void buildAutomaton(int[][] seqs, long denseBudget) {
      int patterns = seqs.length;
      Integer[] order = new Integer[patterns];
      for (int i = 0; i < patterns; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (x, y) -> Arrays.compare(seqs[x], seqs[y]));
      int[] sorted = new int[patterns];
      for (int i = 0; i < patterns; i++) {
        sorted[i] = order[i];
      }
      // Each state covers a range [lo, hi) of sorted patterns sharing its prefix (its depth).
      IntList lo = new IntList();
      IntList hi = new IntList();
      IntList depth = new IntList();
      IntList first = new IntList();
      IntList sym = new IntList();
      IntList outP = new IntList();
      lo.add(0);
      hi.add(patterns);
      depth.add(0);
      sym.add(0);
      Arrays.fill(nextPatternSameState, -1);
      for (int s = 0; s < lo.size(); s++) {
        int d = depth.get(s);
        int a = lo.get(s);
        int z = hi.get(s);
        first.add(lo.size());
        int head = -1;
        int i = a;
        // Patterns that end here come first in the range (a shorter prefix sorts first).
        while (i < z && seqs[sorted[i]].length == d) {
          int p = sorted[i];
          nextPatternSameState[p] = head;
          head = p;
          i++;
        }
        outP.add(head);
        while (i < z) {
          int c = seqs[sorted[i]][d];
          int j = i + 1;
          while (j < z && seqs[sorted[j]][d] == c) {
            j++;
          }
          lo.add(i);
          hi.add(j);
          depth.add(d + 1);
          sym.add(c);
          i = j;
        }
      }
      int states = lo.size();
      first.add(states);
      firstChild = first.toArray();
      edgeSymbol = sym.toArray();
      outPattern = outP.toArray();
      fail = new int[states];
      outLink = new int[states];
      emits = new boolean[states];
      outLink[ROOT] = -1;
      // With wordStart, the state one past the trie is the dead state: no child, failure of itself.
      int dead = states;
      // Failure links in breadth-first order: a state's failure is shallower, so already known. The
      // chain ends at the root, or (wordStart) at the dead state where the text is inside a word.
      for (int s = 0; s < states; s++) {
        for (int c = firstChild[s]; c < firstChild[s + 1]; c++) {
          int edge = edgeSymbol[c];
          int t = -1;
          for (int f = s == ROOT ? dead : fail[s]; f != dead; f = fail[f]) {
            t = childOf(f, edge);
            if (t >= 0 || f == ROOT) {
              break;
            }
          }
          fail[c] = t >= 0 ? t : wordStart && symbolIsWord[edge] ? dead : ROOT;
          int fc = fail[c];
          outLink[c] = fc == dead ? -1 : outPattern[fc] >= 0 ? fc : outLink[fc];
        }
        emits[s] = outPattern[s] >= 0 || outLink[s] >= 0;
      }
      // Dense rows for the shallowest states, within a memory budget.
      // Fully dense when it fits in 16 MB (a few hundred thousand states); otherwise the shallow
      // states only: 8 MB for whole single words (12 MB for any other list: phrases, or terms not
      // bound to word starts), or 100 bytes per pattern for larger lists (a million random words then
      // get rows down to depth four, where a scan of English text mostly leaves the trie), and never
      // more than about 24 entries per state. The scans of the other lists leave their inner loop for
      // every sparse step, where the anchored scan of single words takes it inline: with 12 MB rather
      // than 8, the 55,000 terms of the policy benchmark get rows for depth four and part of five, and
      // the policy a sixth more posts per second. Large lists of whole words scan through their word
      // index: the trie serves only words with special chars and words longer than the index's keys,
      // so 10 entries per pattern (40 bytes) do.
      long full = (long) states * alphabet;
      long floor = allStartAtWordsAndAreSingleWords ? 2L << 20 : 3L << 20;
      long budget = denseBudget >= 0 ? denseBudget
          : full <= FULLY_DENSE_ENTRIES ? full
          : wholeWords ? Math.min(Math.max(256L << 10, 10L * patterns), Math.max(256L << 10, 24L * states))
          : Math.min(Math.max(floor, 25L * patterns), Math.max(256L << 10, 24L * states));
      denseStates = (int) Math.min(states, Math.max(1, budget / alphabet));
      // With wordStart, the dead state's row comes last: on a word char it stays, on any other it
      // goes to the root; a missing transition of the root or of a state failing to it goes the same way.
      dense = new int[(denseStates + (wordStart ? 1 : 0)) * alphabet];
      for (int s = 0; s < denseStates; s++) {
        int row = s * alphabet;
        int f = fail[s];
        for (int c = 0; c < alphabet; c++) {
          dense[row + c] = s == ROOT || f == dead ? (wordStart && symbolIsWord[c] ? dead : ROOT)
              : dense[f * alphabet + c];
        }
        for (int c = firstChild[s]; c < firstChild[s + 1]; c++) {
          dense[row + edgeSymbol[c]] = c;
        }
      }
      if (wordStart) {
        for (int c = 0; c < alphabet; c++) {
          dense[denseStates * alphabet + c] = symbolIsWord[c] ? dead : ROOT;
        }
      }
    }

    private int childOf(int state, int s) {
      return TermMatcher.childOf(firstChild, edgeSymbol, state, s);
    }
  }

  /** A growable int array, for building. */
  private static final class IntList {
    private int[] a = new int[64];
    private int n;

    void add(int v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    int get(int i) {
      return a[i];
    }

    int size() {
      return n;
    }

    int[] toArray() {
      return Arrays.copyOf(a, n);
    }
  }
}
