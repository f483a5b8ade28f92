/**
 * The signal kinds this module contributes to policy files, registered in
 * {@code META-INF/services/dev.vigil.spi.SignalKind}: {@code lucene.queries} (query rules) and
 * {@code lucene.analyzed-terms} (term lists through a Lucene analyzer). The classes are public only
 * because {@link java.util.ServiceLoader} instantiates them; use them through the
 * {@link dev.vigil.spi.SignalKind} interface or by name in a policy file.
 */
@NullMarked
package dev.vigil.lucene.kinds;

import org.jspecify.annotations.NullMarked;
