/**
 * Vigil's core API: {@link dev.vigil.Content} goes into a {@link dev.vigil.Classifier}, which returns a
 * {@link dev.vigil.Signal} with {@link dev.vigil.Evidence}; classifiers compose through
 * {@link dev.vigil.Classifiers}; a {@link dev.vigil.Policy} turns the signals of one piece of content into an
 * explained {@link dev.vigil.Decision}.
 *
 * <p>Everything in this package is immutable once built and safe to share between threads, except the
 * builders. Null is never accepted or returned unless a parameter or return type says {@code @Nullable}.
 *
 * <p>Packages named {@code internal} are not API: they may change in any release without notice.
 */
@NullMarked
package dev.vigil;

import org.jspecify.annotations.NullMarked;
