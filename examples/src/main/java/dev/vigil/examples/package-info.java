/**
 * Runnable examples: the sample policy in Java (the policy files live in {@code examples/policies}), a
 * custom classifier and its signal kind for policy files, and the code shown in the README.
 * Not published; compiled and tested in CI so that the examples keep working.
 */
@NullMarked
package dev.vigil.examples;

import org.jspecify.annotations.NullMarked;
