package dev.vigil.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads items from files, standard input or a bundled resource, line by line, in plain text or JSON
 * Lines, reporting each malformed line on standard error with its source and number and going on.
 */
final class Inputs {
  /** Receives each good item. */
  interface ItemConsumer {
    void accept(Item item) throws IOException;
  }

  private final PrintStream err;
  private final ItemParser parser = new ItemParser();
  int bad;
  long items;

  Inputs(PrintStream err) {
    this.err = err;
  }

  /** Reads every file ({@code -} is standard input) in order. */
  void readFiles(List<String> files, InputStream stdin, String input, ItemConsumer consumer)
      throws IOException {
    for (String f : files) {
      if (f.equals("-")) {
        read("<stdin>", stdin, input, consumer);
        continue;
      }
      String mode = input.equals("auto")
          ? (f.endsWith(".jsonl") || f.endsWith(".ndjson") ? "jsonl" : "text")
          : input;
      try (InputStream in = Files.newInputStream(Path.of(f))) {
        read(f, in, mode, consumer);
      } catch (NoSuchFileException e) {
        err.println("vigil: " + f + ": no such file");
        bad++;
      }
    }
  }

  /** Reads one stream; {@code mode} is text, jsonl or auto (decided by the first non-blank line). */
  void read(String source, InputStream in, String mode, ItemConsumer consumer) throws IOException {
    // Invalid UTF-8 becomes U+FFFD: content from the wild is often mis-encoded, and that is not an
    // error of the line.
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder));
    String line;
    long number = 0;
    String effective = mode;
    while ((line = reader.readLine()) != null) {
      number++;
      if (number == 1 && line.startsWith("\ufeff")) {
        line = line.substring(1);
      }
      if (line.isBlank()) {
        continue;
      }
      if (effective.equals("auto")) {
        effective = line.stripLeading().startsWith("{") ? "jsonl" : "text";
      }
      Item item;
      try {
        item = effective.equals("jsonl") ? parser.json(number, line) : parser.plain(number, line);
      } catch (ItemParser.BadLineException e) {
        err.println("vigil: " + source + ":" + number + ": " + e.getMessage());
        bad++;
        continue;
      }
      consumer.accept(item);
      items++;
    }
  }
}
