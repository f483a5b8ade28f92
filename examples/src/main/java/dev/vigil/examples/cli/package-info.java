/** The {@code vigil} command-line tool. Its JSON output is a contract, documented in the README. */
@NullMarked
package dev.vigil.examples.cli;

import org.jspecify.annotations.NullMarked;
