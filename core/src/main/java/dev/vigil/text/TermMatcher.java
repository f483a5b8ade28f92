package dev.vigil.text;

import static java.util.Objects.requireNonNull;

import dev.vigil.internal.PerThread;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

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
 * An Aho-Corasick automaton over the normalized code points, built in stages that each have a class of
 * their own in this package (package-private): the {@code PatternSet} normalizes the terms and writes
 * them in the symbols of their {@code Alphabet}; the {@code Trie} is the automaton by state number; for
 * the per-code-point normalizers ({@code none}, {@code standard}), the {@code TableLayout} lays it out
 * as {@code ScanTables} (every encoding is documented there), where one table read per char folds,
 * classifies and maps it, and one more steps the automaton. {@link Builder#build()} then chooses the
 * {@code ScanPlan}, by which one of four scans runs: {@code AnchoredScan} for lists of single whole words
 * (the bare trie, entered at word starts only), {@code WordScan} for large ones (a {@code WordIndex}
 * looked up once per word), {@code AutomatonScan} for other lists, and {@code ContextualScan} for the
 * contextual stages of {@code aggressive} (which reads plain stretches by table as the others do, and
 * hands what holds an evasion to a cursor). The per-code-point scans keep no per-unit history: they
 * leave their inner loop only to report ({@code HitEmitter}) or at a special char ({@code
 * SpecialRuns}), and read long texts through a per-thread buffer ({@code ScanScratch}). Their speed is
 * measured by the benchmarks in {@code benchmarks} (TermMatcherBenchmark, ShortMessageBenchmark,
 * LargeDictionaryBenchmark). Matching through a {@link HitHandler} allocates nothing.
 *
 * <p>Immutable and thread safe; all the work happens in {@link Builder#build()}.
 */
public final class TermMatcher {
  private final Normalizer normalizer;
  private final PatternSet patterns;
  private final ScanPlan plan;
  private final int states;
  private final @Nullable WordIndex words;
  private final Scan scan;
  private final PerThread<ScanScratch> scratch;
  // Texts up to this many chars are scanned without the thread's scratch (-1: none are).
  private final int shortText;

  private TermMatcher(Normalizer normalizer, PatternSet patterns, Trie trie, ScanPlan plan,
      MatcherTuning tuning) {
    this.normalizer = normalizer;
    this.patterns = patterns;
    this.plan = plan;
    this.states = trie.states;
    boolean hasAllow = patterns.hasAllow();
    if (plan == ScanPlan.CONTEXTUAL) {
      int maxLength = patterns.maxLength;
      this.scratch = new PerThread<>(
          () -> new ScanScratch(ContextualRing.of(normalizer, maxLength), tuning.chunk(), 0));
      this.words = null;
      this.scan = new ContextualScan(trie, patterns, normalizer, scratch);
      this.shortText = -1;
      return;
    }
    TableLayout layout = new TableLayout(trie, patterns, normalizer, plan.anchored());
    ScanTables tables = layout.tables();
    boolean indexed = plan == ScanPlan.WORD_INDEX || plan == ScanPlan.PHRASE_INDEX;
    WordIndex index = indexed ? layout.wordIndex(tuning.wordIndex()) : null;
    int chunk = tuning.chunk();
    int wordBuffer = index != null ? chunk / 2 + 2 : 0; // the most words a chunk can end
    this.scratch = new PerThread<>(() -> new ScanScratch(null, chunk, wordBuffer));
    this.words = index;
    this.scan = switch (plan) {
      case WORD_INDEX, PHRASE_INDEX -> new WordScan(tables, scratch, hasAllow, index,
          patterns.maxLength);
      case ANCHORED -> new AnchoredScan(tables, scratch, hasAllow, tuning);
      case WORD_STARTS, AUTOMATON -> new AutomatonScan(tables, scratch, hasAllow);
      case CONTEXTUAL -> throw new AssertionError(plan);
    };
    // Texts with an allow-list need the scratch for the hits they hold back.
    this.shortText = hasAllow ? -1 : tuning.shortText();
  }

  /** A builder; the normalizer defaults to {@link Normalizer#standard()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The block terms, by index (the index {@link HitHandler} receives). Merged duplicates are absent. */
  public List<Term> terms() {
    return List.of(patterns.terms);
  }

  /** The block term at {@code index}. */
  public Term term(int index) {
    return patterns.terms[index];
  }

  /** The list the term at {@code index} belongs to ({@link TermLists}); 0 unless built with lists. */
  int group(int index) {
    int[] groups = patterns.groups;
    return groups == null ? 0 : groups[index];
  }

  /** The number of block terms. */
  public int size() {
    return patterns.terms.length;
  }

  /** The allow-list entries, as given. */
  public List<String> allowList() {
    return List.of(patterns.allowTexts);
  }

  /** The normalizer. */
  public Normalizer normalizer() {
    return normalizer;
  }

  /** The number of automaton states (for sizing and benchmarks). */
  public int stateCount() {
    return states;
  }

  /** How this matcher scans (for tests and benchmarks). */
  ScanPlan plan() {
    return plan;
  }

  /** A hit: the term and its span in the original text. */
  public record Hit(Term term, int start, int end) {}

  /** Every hit in {@code text}, in the order they end. */
  public List<Hit> find(CharSequence text) {
    List<Hit> hits = new ArrayList<>();
    match(text, (t, s, e) -> hits.add(new Hit(patterns.terms[t], s, e)));
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
    if (text.length() <= shortText) {
      // Short texts (chat messages) need no buffers: skip the thread-local bookkeeping.
      scan.scan(text.toString(), handler, null);
      return;
    }
    // Re-entrant use from inside a handler gets fresh buffers rather than corrupt the running scan.
    ScanScratch s = scratch.acquire();
    try {
      s.clearHits();
      scan.scan(text.toString(), handler, s);
    } finally {
      scratch.release(s);
    }
  }

  @Override
  public String toString() {
    return "TermMatcher{" + patterns.terms.length + " terms, " + patterns.allowTexts.length
        + " allowed, " + normalizer + ", " + states + " states" + plan.description()
        + (words != null ? ", " + words.size() + " words indexed" : "") + "}";
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
    private MatcherTuning tuning = MatcherTuning.DEFAULT;

    private Builder() {}

    /** Sizes and thresholds other than the defaults (tests reach every scan path with small ones). */
    Builder tuning(MatcherTuning tuning) {
      this.tuning = requireNonNull(tuning, "tuning");
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
     * Normalizes the terms, builds the automaton, chooses the scan plan and lays out its tables.
     *
     * @throws IllegalArgumentException naming the term when a term or allow entry normalizes to
     *     nothing, or when there are no terms
     */
    public TermMatcher build() {
      if (terms.isEmpty()) {
        throw new IllegalArgumentException("a term matcher needs at least one term");
      }
      PatternSet patterns = new PatternSet(normalizer, terms, groups, allowTexts, allowModes);
      boolean perCodePoint = normalizer.isPerCodePoint();
      // Lists of whole words (single, or phrases of them) may get a word index, whose trie then serves
      // few words and needs fewer rows; lists bound to word starts get a dead state that their
      // failures lead to.
      boolean wholeWords = perCodePoint && patterns.startAtWords && patterns.endAtWords
          && tuning.wordIndex() != 0;
      // (The contextual scan gets one for single words too: it has no anchored plan of its own.)
      boolean wordStart = patterns.startAtWords && (!perCodePoint || !patterns.singleWords);
      Trie trie = new Trie(patterns, wordStart, wholeWords, tuning.denseBudget(),
          perCodePoint ? 0 : ContextualRows.SPARE_ROWS);
      // The index pays off where the trie is too large for full rows (see WordScan).
      boolean indexWords = wholeWords && (tuning.wordIndex() > 0 || trie.denseStates < trie.states);
      return new TermMatcher(normalizer, patterns, trie,
          ScanPlan.of(perCodePoint, patterns, indexWords), tuning);
    }
  }
}
