/**
 * Text classifiers and the machinery behind them: evasion-resistant term matching ({@link
 * dev.vigil.text.Normalizer}, {@link dev.vigil.text.TermMatcher}, {@link dev.vigil.text.TermList},
 * {@link dev.vigil.text.TermLists}, {@link dev.vigil.text.TermClassifier}), regular expressions on RE2/J
 * ({@link dev.vigil.text.RegexClassifier}) and the shape of text ({@link dev.vigil.text.TextFeatures}).
 *
 * <p>The public types are the API; every other class here is package-private and implements them:
 * <ul>
 *   <li>normalization: {@code NormalizingCursor} (the streaming form of a {@link
 *       dev.vigil.text.Normalizer}), {@code FoldTable}, {@code Lookalikes}, {@code CharClass}, {@code
 *       WordChars};
 *   <li>the term matcher's build, in the order it runs: {@code PatternSet} (the terms normalized, in
 *       the symbols of their {@code Alphabet}), {@code Trie} (the Aho-Corasick automaton by state
 *       number), {@code TableLayout} (lays it out as {@code ScanTables}, whose comment documents every
 *       encoding; builds the {@code WordIndex}), then {@code ScanPlan}, which names the scan chosen,
 *       and {@code MatcherTuning}, the sizes and thresholds;
 *   <li>the term matcher's scans, one per plan: {@code AnchoredScan}, {@code WordScan}, {@code
 *       AutomatonScan} (sharing {@code CodePointScan}, {@code SpecialRuns} for chars that are not
 *       plain single units, {@code HitEmitter} for turning outputs into hits) and {@code
 *       ContextualScan} (with {@code PlainChars}, what its plain mode makes of each char); their
 *       per-thread buffers are {@code ScanScratch};
 *   <li>term classifiers: {@code ContentHits} (the hits of one content, shared by the classifiers of
 *       several lists);
 *   <li>regex prefilters: {@code RegexLiterals} and {@code RegexSize} (what a pattern's matches must
 *       hold, and how long they can be), {@code AsciiLiteralScan}.
 * </ul>
 *
 * <p>All classifiers here report {@link dev.vigil.Evidence} whose offsets point into the original text of
 * the content, in UTF-16 code units.
 */
@NullMarked
package dev.vigil.text;

import org.jspecify.annotations.NullMarked;
