/**
 * Implementation details of Vigil. <strong>Not API:</strong> the types here are public only so that
 * Vigil's own packages can share them. They may change or disappear in any release, without notice or
 * deprecation. Vigil's jars use {@code Automatic-Module-Name}, which exports every package (RE2/J has no
 * module name, so a {@code module-info} that hides this package is not possible yet); this comment and the
 * documentation carry the promise instead.
 */
@NullMarked
package dev.vigil.internal;

import org.jspecify.annotations.NullMarked;
