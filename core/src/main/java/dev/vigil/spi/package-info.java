/**
 * The service-provider interface through which policy files name signals: a {@link dev.vigil.spi.SignalKind}
 * is one {@code kind:} of a policy file's signal ({@code regex}, {@code links.count}, a team's own
 * {@code acme.reputation}), with the {@link dev.vigil.spi.Parameter}s it takes and a factory that turns
 * checked {@link dev.vigil.spi.Arguments} into a {@link dev.vigil.Classifier}.
 *
 * <p>Kinds are found with {@link java.util.ServiceLoader}: a jar lists its kinds in
 * {@code META-INF/services/dev.vigil.spi.SignalKind}. A policy file names kinds, never classes, so a file
 * cannot make the loader instantiate anything that was not registered this way. The loader itself lives in
 * the {@code vigil-policy} module; this package has no dependency beyond {@code vigil-core}, so that a
 * module of classifiers ({@code vigil-lucene-matchers}, a team's own) contributes kinds without depending
 * on the YAML parser.
 */
@NullMarked
package dev.vigil.spi;

import org.jspecify.annotations.NullMarked;
