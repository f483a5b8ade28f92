package dev.vigil.examples.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Content;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Parses one input line into an {@link Item}. A line that cannot be an item throws
 * {@link BadLineException} with a message for the user (the caller adds file and line number).
 *
 * <p>JSON Lines accept {@code {"id": ..., "text": "..."}} or {@code {"id": ..., "fields": {"name":
 * "text", ...}}}, with optional {@code author}, {@code locale} (a BCP 47 tag), {@code surface} and
 * {@code attributes} (an object of names to strings, numbers or booleans) and {@code time} (when it was
 * posted: an ISO-8601 instant such as {@code 2026-12-02T09:30:00Z}, or with an offset). A
 * missing id becomes the line number. Nesting deeper than {@value #MAX_DEPTH} levels is refused, so a
 * hostile line cannot exhaust the stack.
 */
final class ItemParser {
  static final int MAX_DEPTH = 64;

  private final ObjectMapper mapper = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
      .build());

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
    JsonNode node;
    try {
      node = mapper.readTree(line);
    } catch (JsonProcessingException e) {
      throw new BadLineException("malformed JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new BadLineException("expected a JSON object like {\"id\": 1, \"text\": \"...\"}");
    }
    Object id = lineNumber;
    JsonNode idNode = node.get("id");
    if (idNode != null && !idNode.isNull()) {
      if (idNode.isIntegralNumber() && idNode.canConvertToLong()) {
        id = idNode.longValue();
      } else if (idNode.isTextual() || idNode.isNumber()) {
        id = idNode.asText();
      } else {
        throw new BadLineException("\"id\" must be a string or a number");
      }
    }
    Content.Builder b = Content.builder();
    JsonNode text = node.get("text");
    JsonNode fields = node.get("fields");
    if (text != null && fields != null) {
      throw new BadLineException("give either \"text\" or \"fields\", not both");
    }
    if (text != null) {
      if (!text.isTextual()) {
        throw new BadLineException("\"text\" must be a string");
      }
      b.body(text.textValue());
    } else if (fields != null) {
      if (!fields.isObject()) {
        throw new BadLineException("\"fields\" must be an object of field names to strings");
      }
      for (Map.Entry<String, JsonNode> f : fields.properties()) {
        if (!f.getValue().isTextual()) {
          throw new BadLineException("field \"" + f.getKey() + "\" must be a string");
        }
        if (f.getKey().isBlank()) {
          throw new BadLineException("field names must not be blank");
        }
        b.field(f.getKey(), f.getValue().textValue());
      }
    } else {
      throw new BadLineException("missing \"text\" or \"fields\"");
    }
    String author = optionalString(node, "author");
    if (author != null) {
      b.author(author);
    }
    String time = optionalString(node, "time");
    if (time != null) {
      b.time(time(time));
    }
    String surface = optionalString(node, "surface");
    if (surface != null) {
      b.surface(surface);
    }
    String locale = optionalString(node, "locale");
    if (locale != null) {
      b.locale(Locale.forLanguageTag(locale));
    }
    JsonNode attributes = node.get("attributes");
    if (attributes != null && !attributes.isNull()) {
      if (!attributes.isObject()) {
        throw new BadLineException("\"attributes\" must be an object of names to strings");
      }
      for (Map.Entry<String, JsonNode> a : attributes.properties()) {
        JsonNode v = a.getValue();
        if (!v.isTextual() && !v.isNumber() && !v.isBoolean()) {
          throw new BadLineException("attribute \"" + a.getKey() + "\" must be a string, number or"
              + " boolean");
        }
        b.attribute(a.getKey(), v.asText());
      }
    }
    return new Item(id, b.build());
  }

  /** An ISO-8601 instant ({@code 2026-12-02T09:30:00Z}, or with an offset such as {@code +01:00}). */
  static java.time.Instant time(String text) throws BadLineException {
    try {
      return java.time.OffsetDateTime.parse(text.strip()).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw new BadLineException("\"time\" must be an ISO-8601 instant such as 2026-12-02T09:30:00Z but is '"
          + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
    }
  }

  private static @Nullable String optionalString(JsonNode node, String key) throws BadLineException {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new BadLineException("\"" + key + "\" must be a string");
    }
    return v.textValue();
  }
}
