package dev.vigil.examples.cli;

import dev.vigil.Content;
import dev.vigil.json.ContentJson;
import dev.vigil.json.ContentJsonException;
import dev.vigil.json.ContentRecord;
import java.time.Instant;

/**
 * Parses one input line into an {@link Item}. A line that cannot be an item throws
 * {@link BadLineException} with a message for the user (the caller adds file and line number).
 *
 * <p>JSON Lines are content records as {@link ContentJson} reads them (the codec every Vigil program
 * shares): {@code {"id": ..., "text": "..."}} or {@code {"id": ..., "fields": {...}}} with optional
 * {@code author}, {@code locale}, {@code surface}, {@code attributes} and {@code time}. A missing id
 * becomes the line number.
 */
final class ItemParser {
  /** Thrown for a line that is not a valid item. */
  static final class BadLineException extends Exception {
    BadLineException(String message) {
      super(message);
    }
  }

  Item plain(long lineNumber, String line) {
    return new Item(lineNumber, Content.of(line));
  }

  Item json(long lineNumber, String line) throws BadLineException {
    ContentRecord r;
    try {
      r = ContentJson.read(line);
    } catch (ContentJsonException e) {
      throw new BadLineException(e.getMessage());
    }
    return new Item(r.id() != null ? r.id() : lineNumber, r.content());
  }

  /** An ISO-8601 instant, as {@link ContentJson#time} reads it. */
  static Instant time(String text) throws BadLineException {
    try {
      return ContentJson.time(text);
    } catch (ContentJsonException e) {
      throw new BadLineException(e.getMessage());
    }
  }
}
