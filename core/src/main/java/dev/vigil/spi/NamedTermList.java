package dev.vigil.spi;

import static java.util.Objects.requireNonNull;

import dev.vigil.text.Normalizer;
import dev.vigil.text.TermList;

/**
 * A term list of a policy file, as a kind receives it: its name in the file, its terms, and the
 * normalizer its {@code preset} chose (the one its terms were checked against, and the one a matcher of
 * them should use).
 *
 * @param name the list's name in the policy file
 * @param terms its terms
 * @param normalizer the normalizer of its preset
 */
public record NamedTermList(String name, TermList terms, Normalizer normalizer) {
  /** Checks for nulls. */
  public NamedTermList {
    requireNonNull(name, "name");
    requireNonNull(terms, "terms");
    requireNonNull(normalizer, "normalizer");
  }
}
