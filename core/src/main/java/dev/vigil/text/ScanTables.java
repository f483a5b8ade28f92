package dev.vigil.text;

/**
 * The tables the scans of per-code-point normalizers ({@code none}, {@code standard}) run on, laid out
 * from the {@link Trie} by {@link TableLayout}. Immutable; shared by every scan of one matcher.
 *
 * <h2>Encodings</h2>
 * <p>The scans know a state by its <em>code</em>, never by its number in the trie (only {@link
 * TableLayout} converts):
 * <ul>
 *   <li>a code below {@link #denseLimit} is a <em>dense</em> state's: the offset of its row in {@link
 *       #rows}, plus one, so that {@code rows[code + symbol]} is its transition on a symbol and {@code
 *       rows[code - 1]} its header;
 *   <li>a code from {@link #denseLimit} on is a <em>sparse</em> state's: {@code code - denseLimit} is the
 *       offset of its record in {@link #records}.
 * </ul>
 *
 * <p>{@link #rows}: per dense state, one header (its first output record, or -1) then one transition per
 * symbol. A transition is the target's code, with {@link Transition#REPORT} (the sign bit) set when
 * leaving the source state on that symbol may end a hit: the state has outputs, and the symbol is not
 * a word char or not every output needs a word boundary after it. The scans' inner loops read one
 * transition per char and test its sign.
 *
 * <p>{@link #records}: per sparse state, {@link RecordHeader#SIZE} ints, then its children as (symbol,
 * child's code) pairs sorted by symbol. The header: the number of children with {@link
 * RecordHeader#REPORT_WORD} and {@link RecordHeader#REPORT_OTHER} (whether leaving on a word char, or on
 * any other, may end a hit); the failure's code (0 when anchored: no failures); the first output record,
 * or -1.
 *
 * <p>{@link #outputs}: per state with patterns of its own, a record: the number n of its patterns, the
 * next record on its failure chain (or -1), then n pairs (the term's index, or {@code -1 - index} of an
 * allow entry; the pattern's length in units with {@link OutputInfo#START} and {@link OutputInfo#END},
 * whether it needs a word boundary before and after it). A hit reads one or two cache lines.
 *
 * <p>{@link #chars}: per UTF-16 char, what the normalizer makes of it, in one read: the symbol of its
 * fold ({@link CharEntry#SYMBOL}) and the flags {@link CharEntry#WORD}, {@link CharEntry#SPACE}, {@link
 * CharEntry#DROP} (dropped: an invisible char or a mark), {@link CharEntry#MARK} and {@link
 * CharEntry#SLOW} (a surrogate, or a char that folds to several units or out of the BMP).
 *
 * <p>Each set of flags lives in its own nested class: the same bit means different things in
 * different tables.
 */
final class ScanTables {
  /** Flags of {@link #rows}' transitions. */
  static final class Transition {
    /** Leaving the source state on this symbol may end a hit. */
    static final int REPORT = Integer.MIN_VALUE;
    /** The target's code. */
    static final int CODE = Integer.MAX_VALUE;

    private Transition() {}
  }

  /** The first int of a sparse state's record. */
  static final class RecordHeader {
    /** Ints before a record's children. */
    static final int SIZE = 3;
    /** Leaving on a word char may end a hit. */
    static final int REPORT_WORD = 1 << 29;
    /** Leaving on any other char may end a hit. */
    static final int REPORT_OTHER = 1 << 30;
    /** The number of children. */
    static final int CHILDREN = (1 << 29) - 1;

    private RecordHeader() {}
  }

  /** The second int of a pattern's entry in an output record. */
  static final class OutputInfo {
    /** The pattern needs a word boundary before it. */
    static final int START = 1 << 30;
    /** The pattern needs a word boundary after it. */
    static final int END = 1 << 29;
    /** The pattern's length in units. */
    static final int LENGTH = END - 1;

    private OutputInfo() {}
  }

  /** An entry of {@link #chars}. */
  static final class CharEntry {
    /** The symbol of the char's fold. */
    static final int SYMBOL = 0xFFFF;
    /** The fold is a word char. */
    static final int WORD = 1 << 16;
    /** The fold is whitespace (a run of it is one unit). */
    static final int SPACE = 1 << 17;
    /** The char is dropped (an invisible char, a mark). */
    static final int DROP = 1 << 18;
    /** ... and is a combining mark (it extends the unit before it). */
    static final int MARK = 1 << 19;
    /** The char needs the slow path: a surrogate, or folding to several units or out of the BMP. */
    static final int SLOW = 1 << 20;
    /** Any of the flags that take a char out of the plain path. */
    static final int SPECIAL = SPACE | DROP | MARK | SLOW;
    /** The flags that the scans' inner loops hand off (whitespace they take themselves). */
    static final int HOT = DROP | MARK | SLOW;

    private CharEntry() {}
  }

  /** The root's code: its row is the first. */
  static final int ROOT_CODE = 1;

  final int[] chars;
  final int[] rows;
  final int denseLimit;
  final int[] records;
  final int[] outputs;
  /** The automaton is the bare trie, entered at word starts only (see {@link ScanPlan#ANCHORED}). */
  final boolean anchored;
  /** The dead state's code (anchored, or failing to word starts only), or 0. */
  final int deadCode;
  final boolean[] wordSymbol;
  final Alphabet alphabet;
  final FoldTable fold;
  final boolean foldWhitespace;

  ScanTables(int[] chars, int[] rows, int denseLimit, int[] records, int[] outputs, boolean anchored,
      int deadCode, Alphabet alphabet, Normalizer normalizer) {
    this.chars = chars;
    this.rows = rows;
    this.denseLimit = denseLimit;
    this.records = records;
    this.outputs = outputs;
    this.anchored = anchored;
    this.deadCode = deadCode;
    this.alphabet = alphabet;
    this.wordSymbol = alphabet.wordFlags();
    this.fold = normalizer.table();
    this.foldWhitespace = normalizer.foldsWhitespace();
  }

  /** Whether every state has a row (no records): the dual scans need it. */
  boolean fullyDense() {
    return records.length == 0;
  }

  /** The transition from the state of {@code code} on {@code sym}, dense or sparse. */
  int step(int code, int sym) {
    return code < denseLimit ? rows[code + sym] : sparseStep(code, sym);
  }

  /**
   * The transition from the sparse (deep) state of {@code code} on {@code sym}, encoded as {@link
   * #rows}' transitions: its child; or, anchored, the dead state (on a word char) or the root; or the
   * transition of its failure.
   */
  int sparseStep(int code, int sym) {
    final int[] rec = records;
    int head = rec[code - denseLimit];
    int report = (head & (wordSymbol[sym] ? RecordHeader.REPORT_WORD : RecordHeader.REPORT_OTHER)) != 0
        ? Transition.REPORT : 0;
    int c = code;
    while (c >= denseLimit) {
      int r = c - denseLimit;
      int n = rec[r] & RecordHeader.CHILDREN;
      int lo = r + RecordHeader.SIZE;
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
        return (wordSymbol[sym] ? deadCode : ROOT_CODE) | report;
      }
      c = rec[r + 1];
    }
    return (rows[c + sym] & Transition.CODE) | report;
  }

  /**
   * Whether the state of {@code code} has outputs: whether leaving it on a char of no term (symbol
   * {@link Alphabet#OTHER}, not a word char) reports, as its row or record says.
   */
  boolean pendingAt(int code) {
    return code < denseLimit ? rows[code + Alphabet.OTHER] < 0
        : (records[code - denseLimit] & RecordHeader.REPORT_OTHER) != 0;
  }

  /** The first output record of the state of {@code code}, or -1. */
  int firstOutput(int code) {
    return code < denseLimit ? rows[code - 1] : records[code - denseLimit + 2];
  }
}
