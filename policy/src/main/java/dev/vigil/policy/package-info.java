/**
 * Policies as files: a {@link dev.vigil.policy.PolicyLoader} reads a YAML 1.2 (or JSON) policy file and
 * the lists it names into a {@link dev.vigil.policy.PolicyFile}, whose {@link dev.vigil.Policy} decides
 * exactly as the same policy built with the fluent API would. Every problem of a file is reported at once,
 * with its file, line and column ({@link dev.vigil.policy.PolicyException}); {@link dev.vigil.policy.PolicyLint}
 * warns about rules and lists that cannot do what they seem to; a file's inline tests run with
 * {@link dev.vigil.policy.PolicyFile#runTests()}; a {@link dev.vigil.policy.PolicyWatcher} keeps a
 * {@link dev.vigil.Holder} current as the files change.
 *
 * <p>Signal kinds are found through the {@link dev.vigil.spi.SignalKind} service-provider interface of
 * {@code vigil-core}: core's own kinds are built in, other jars add theirs.
 *
 * <p>Everything here is immutable once built and safe to share between threads, except builders and the
 * watcher's own lifecycle methods.
 */
@NullMarked
package dev.vigil.policy;

import org.jspecify.annotations.NullMarked;
