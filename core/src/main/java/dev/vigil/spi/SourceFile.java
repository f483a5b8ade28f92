package dev.vigil.spi;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A file that a policy file names, read by the loader (which checked its path and size and added its
 * bytes to the policy's content hash) and handed to a kind. Immutable.
 */
public final class SourceFile {
  private final String name;
  private final byte[] bytes;

  /** A file named {@code name} (as messages should show it) with the given content. */
  public SourceFile(String name, byte[] bytes) {
    this.name = requireNonNull(name, "name");
    this.bytes = requireNonNull(bytes, "bytes").clone();
  }

  /** The file's name as the policy file wrote it, for messages. */
  public String name() {
    return name;
  }

  /** The file's size in bytes. */
  public int size() {
    return bytes.length;
  }

  /** A copy of the file's bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The file as UTF-8 text; invalid bytes become U+FFFD. */
  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** A reader of the file as UTF-8; invalid bytes become U+FFFD. */
  public BufferedReader reader() {
    Reader r = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
    return new BufferedReader(r);
  }

  @Override
  public String toString() {
    return "SourceFile{" + name + ", " + bytes.length + " bytes}";
  }
}
