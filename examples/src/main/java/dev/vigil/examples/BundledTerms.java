package dev.vigil.examples;

import dev.vigil.text.TermList;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Term lists bundled with the example policies, next to their classes. */
final class BundledTerms {
  private BundledTerms() {}

  /** Loads the resource {@code name} of this package with {@code loader}. */
  static TermList load(String name, TermList.Loader loader) {
    try (InputStream in = BundledTerms.class.getResourceAsStream("policies/" + name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the classpath");
      }
      return loader.load(in, name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
