package dev.vigil.behavior;

import static java.util.Objects.requireNonNull;

import dev.vigil.Content;
import dev.vigil.links.Link;
import dev.vigil.links.Links;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What a behaviour signal counts by: the keys an item has (none, one, or several: a post with three
 * links has three link domains). {@link #author()}, {@link #attribute(String)} (a device, an IP) and
 * {@link #linkDomain()} cover the usual cases; {@link #of} makes any other.
 *
 * <p>Implementations are immutable and thread safe; {@link #name()} names the key in expressions and
 * notes ({@code author}, {@code attribute(ip)}).
 */
public interface Key {
  /** The key's name, as expressions and notes print it. */
  String name();

  /** The item's values of this key, without duplicates; empty when it has none. */
  List<String> values(Content content);

  /** The author's id. */
  static Key author() {
    return new OneValueKey("author", Content::author);
  }

  /** The value of the attribute {@code name} ({@code "ip"}, {@code "device"}). */
  static Key attribute(String name) {
    requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("attribute name must not be blank");
    }
    return new OneValueKey("attribute(" + name + ")", c -> c.attributes().get(name));
  }

  /**
   * The registrable domains of the links in every field ({@link Link#domain()}), each once: what a
   * wave of new accounts posting one link has in common.
   */
  static Key linkDomain() {
    return of("link-domain", c -> {
      String only = null;
      Set<String> domains = null;
      for (int f = 0; f < c.fieldCount(); f++) {
        for (Link l : Links.find(c.fieldText(f))) {
          String d = l.domain();
          if (only == null) {
            only = d;
          } else if (domains == null) {
            if (!only.equals(d)) {
              domains = new LinkedHashSet<>();
              domains.add(only);
              domains.add(d);
            }
          } else {
            domains.add(d);
          }
        }
      }
      // Most posts have no link or one domain: no set for them.
      return domains != null ? new ArrayList<>(domains) : only != null ? List.of(only) : List.of();
    });
  }

  /**
   * The 64-bit SimHash of the content's text (every field), as 16 hex digits: near-copies of a text
   * have hashes a few bits apart. For {@link Behaviors#bank banks} of known texts.
   */
  static Key textSimHash() {
    return of("text-simhash", c -> c.fieldCount() == 0 ? List.of()
        : List.of(Fingerprint.simHashHex(Fingerprint.text(c))));
  }

  /** A key named {@code name} whose values {@code values} computes (without duplicates). */
  static Key of(String name, Function<Content, List<String>> values) {
    requireNonNull(name, "name");
    requireNonNull(values, "values");
    return new Key() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<String> values(Content content) {
        return values.apply(content);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
