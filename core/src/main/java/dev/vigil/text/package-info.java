/**
 * Text classifiers: regular expressions today, evasion-resistant term matching next.
 *
 * <p>All classifiers here report {@link dev.vigil.Evidence} whose offsets point into the original text of
 * the content, in UTF-16 code units.
 */
@NullMarked
package dev.vigil.text;

import org.jspecify.annotations.NullMarked;
