/**
 * Text classifiers and the machinery behind them: evasion-resistant term matching ({@link
 * dev.vigil.text.Normalizer}, {@link dev.vigil.text.TermMatcher}, {@link dev.vigil.text.TermList},
 * {@link dev.vigil.text.TermLists}, {@link dev.vigil.text.TermClassifier}), regular expressions on RE2/J
 * ({@link dev.vigil.text.RegexClassifier}) and the shape of text ({@link dev.vigil.text.TextFeatures}).
 *
 * <p>The public types are the API; every other class here is package-private and implements them: the
 * normalizing cursor and its fold tables, the matcher's compiled automaton and its scans, the regex
 * prefilters. All classifiers here report {@link dev.vigil.Evidence} whose offsets point into the original
 * text of the content, in UTF-16 code units.
 */
@NullMarked
package dev.vigil.text;

import org.jspecify.annotations.NullMarked;
