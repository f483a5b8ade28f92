/**
 * Runnable examples: the sample policy, a custom classifier, and the code shown in the README.
 * Not published; compiled and tested in CI so that the examples keep working.
 */
@NullMarked
package dev.vigil.examples;

import org.jspecify.annotations.NullMarked;
