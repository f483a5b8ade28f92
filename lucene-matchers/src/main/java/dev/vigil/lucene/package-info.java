/**
 * Classifiers built on Lucene's analysis chain: stemming, multilingual tokenization, stop words.
 * Evidence offsets come from Lucene's {@code OffsetAttribute} and point into the original text.
 */
@NullMarked
package dev.vigil.lucene;

import org.jspecify.annotations.NullMarked;
