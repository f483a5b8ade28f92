package dev.vigil.behavior;

import static java.util.Objects.requireNonNull;

import dev.vigil.Classifier;
import dev.vigil.Content;
import dev.vigil.Holder;
import dev.vigil.Signal;
import java.util.ArrayList;
import java.util.List;

/**
 * Hashes of the content found in a {@link HashBank} ({@link Behaviors#bank}): score 1 when any of the
 * key's hashes lies within {@code maxDistance} of an entry. Stateless; the bank is read from its holder
 * once per item, so a swap takes effect from the next item.
 */
final class BankSignal implements Classifier {
  private static final int MAX_NOTES = 3;

  private final String name;
  private final Holder<HashBank> bank;
  private final Key hashes;
  private final int maxDistance;

  BankSignal(String name, Holder<HashBank> bank, Key hashes, int maxDistance) {
    this.name = requireNonNull(name, "name");
    this.bank = requireNonNull(bank, "bank");
    this.hashes = requireNonNull(hashes, "hashes");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a hash bank signal needs a name");
    }
    if (maxDistance < 0 || maxDistance > bank.get().bits() / 2) {
      throw new IllegalArgumentException("signal '" + name + "' needs a distance from 0 to half the bank's "
          + bank.get().bits() + " bits but has " + maxDistance);
    }
    this.maxDistance = maxDistance;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Signal classify(Content content) {
    List<String> values = hashes.values(content);
    if (values.isEmpty()) {
      return Signal.notApplicable("no " + hashes.name());
    }
    HashBank b = bank.get();
    List<String> notes = new ArrayList<>(1);
    for (String h : values) {
      List<HashBank.Match> found;
      try {
        found = b.search(h, maxDistance);
      } catch (IllegalArgumentException e) {
        return Signal.failed(hashes.name() + " is not a hash of this bank: " + e.getMessage());
      }
      if (!found.isEmpty() && notes.size() < MAX_NOTES) {
        HashBank.Match m = found.get(0);
        notes.add(name + ": " + hashes.name() + " within " + m.distance() + " of " + b.bits()
            + " bits of '" + m.label() + "' in bank '" + b.name() + "'"
            + (found.size() > 1 ? " (and " + (found.size() - 1) + " more entries)" : ""));
      }
    }
    return notes.isEmpty() ? Signal.notMatched() : Signal.of(1.0).withNotes(notes);
  }

  @Override
  public String expression() {
    return "bank(" + hashes.name() + ", " + bank.get().name() + ", distance <= " + maxDistance + ")";
  }

  @Override
  public String toString() {
    return name + " = " + expression();
  }
}
