/**
 * What several of Vigil's packages share and no user should call: {@code HitCollector} (how the link and
 * contact signals gather hits into a signal) and {@code Hosts} (host names and addresses, for links and
 * e-mail addresses), {@code PerThread} (per-thread scratch that re-entrant calls cannot corrupt) and
 * {@code IntBuffer} (the growable int array of the scanners and builders). <strong>Not API:</strong> the types here are public only so that those packages can
 * share them; they may change or disappear in any release, without notice or deprecation. What only one
 * package needs lives in that package, package-private. Vigil's jars use {@code Automatic-Module-Name},
 * which exports every package (RE2/J has no module name, so a {@code module-info} that hides this
 * package is not possible yet); this comment and the documentation carry the promise instead.
 */
@NullMarked
package dev.vigil.internal;

import org.jspecify.annotations.NullMarked;
