package dev.vigil.text;

/**
 * How a {@link TermMatcher} scans, chosen once in {@link TermMatcher.Builder#build()} from its
 * normalizer and its patterns, and shown in its {@code toString()}. Each plan has its own {@link Scan};
 * the matcher calls only that one.
 */
enum ScanPlan {
  /**
   * A normalizer with contextual stages ({@code aggressive}): plain stretches of text read by table,
   * the rest through a {@link NormalizingCursor}, unit by unit into the trie ({@link ContextualScan}).
   */
  CONTEXTUAL(""),
  /**
   * A per-code-point normalizer and a large list of single whole words (the trie too large for full
   * rows): each word of the text is looked up once in a {@link WordIndex} ({@link WordScan}).
   */
  WORD_INDEX(", anchored at word starts"),
  /**
   * A per-code-point normalizer, terms that all are whole words or phrases of them (bound to a word
   * start and a word end), some spanning several words, and a trie too large for full rows: each word
   * of the text is looked up once in a {@link WordIndex}, which also knows the first word of every
   * phrase; from such a word the automaton of {@link #WORD_STARTS} reads on until every pattern it
   * opened has ended ({@link WordScan}).
   */
  PHRASE_INDEX(", entered at word starts, phrases from their first word"),
  /**
   * A per-code-point normalizer and single whole words (bound to a word start; not always to a word
   * end): the bare trie, entered at word starts only and parked in a dead state inside other words,
   * with no failure links and no suffix outputs ({@link AnchoredScan}).
   */
  ANCHORED(", anchored at word starts"),
  /**
   * A per-code-point normalizer and terms that all start at a word start, some spanning several words
   * (a watchlist of words and phrases): the full automaton, whose failure links lead only to suffixes
   * that start at a word start, so that inside a word no term begins the scan parks in a dead state
   * ({@link AutomatonScan}).
   */
  WORD_STARTS(", entered at word starts"),
  /** A per-code-point normalizer and any other list: the full automaton ({@link AutomatonScan}). */
  AUTOMATON("");

  private final String description;

  ScanPlan(String description) {
    this.description = description;
  }

  /**
   * The plan for {@code patterns} under a normalizer; {@code indexWords}: whether a list of whole
   * words (single, or some phrases of them) gets a word index (see {@link
   * TermMatcher.Builder#build()}).
   */
  static ScanPlan of(boolean perCodePoint, PatternSet patterns, boolean indexWords) {
    if (!perCodePoint) {
      return CONTEXTUAL;
    }
    if (patterns.singleWords) {
      return indexWords ? WORD_INDEX : ANCHORED;
    }
    if (!patterns.startAtWords) {
      return AUTOMATON;
    }
    return indexWords ? PHRASE_INDEX : WORD_STARTS;
  }

  /** Whether the trie is entered at word starts only, without failure links. */
  boolean anchored() {
    return this == WORD_INDEX || this == ANCHORED;
  }

  /** What {@code TermMatcher.toString()} says of the plan (after the state count). */
  String description() {
    return description;
  }
}
