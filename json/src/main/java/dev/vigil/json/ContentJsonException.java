package dev.vigil.json;

/**
 * JSON that is not a content record, with a message for the person who wrote it ("\"fields\" must be an
 * object of field names to strings"); the caller adds where it came from (a file and line, a topic and
 * offset).
 */
public final class ContentJsonException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  ContentJsonException(String message) {
    super(message);
  }
}
