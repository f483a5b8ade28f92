package dev.vigil.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Content;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Content records as JSON: {@code {"id": ..., "text": "..."}} or {@code {"id": ..., "fields": {"title":
 * "...", "body": "..."}}}, with optional {@code author}, {@code locale} (a BCP 47 tag), {@code surface},
 * {@code time} (an ISO-8601 instant such as {@code 2026-12-02T09:30:00Z}, or with an offset) and
 * {@code attributes} (an object of names to strings, numbers or booleans, read as strings). Other keys
 * are ignored, so producers may add their own.
 *
 * <p>Reading never fails with anything but {@link ContentJsonException}, whatever the bytes: nesting
 * deeper than {@value #MAX_DEPTH} levels is refused, so a hostile record cannot exhaust the stack;
 * invalid UTF-8 becomes U+FFFD. Thread safe; the methods are static.
 */
public final class ContentJson {
  /** The deepest nesting read. */
  public static final int MAX_DEPTH = 64;

  private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
      .build());

  private ContentJson() {}

  /** Reads a record from UTF-8 bytes. */
  public static ContentRecord read(byte[] json) {
    return read(new String(requireNonNull(json, "json"), StandardCharsets.UTF_8));
  }

  /**
   * Reads a record.
   *
   * @throws ContentJsonException saying what is wrong: malformed JSON, not an object, neither or both of
   *     {@code text} and {@code fields}, a value of the wrong type, a bad time
   */
  public static ContentRecord read(String json) {
    requireNonNull(json, "json");
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ContentJsonException("malformed JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new ContentJsonException("expected a JSON object like {\"id\": 1, \"text\": \"...\"}");
    }
    Object id = null;
    JsonNode idNode = node.get("id");
    if (idNode != null && !idNode.isNull()) {
      if (idNode.isIntegralNumber() && idNode.canConvertToLong()) {
        id = idNode.longValue();
      } else if (idNode.isTextual() || idNode.isNumber()) {
        id = idNode.asText();
      } else {
        throw new ContentJsonException("\"id\" must be a string or a number");
      }
    }
    Content.Builder b = Content.builder();
    JsonNode text = node.get("text");
    JsonNode fields = node.get("fields");
    if (text != null && fields != null) {
      throw new ContentJsonException("give either \"text\" or \"fields\", not both");
    }
    if (text != null) {
      if (!text.isTextual()) {
        throw new ContentJsonException("\"text\" must be a string");
      }
      b.body(text.textValue());
    } else if (fields != null) {
      if (!fields.isObject()) {
        throw new ContentJsonException("\"fields\" must be an object of field names to strings");
      }
      for (Map.Entry<String, JsonNode> f : fields.properties()) {
        if (!f.getValue().isTextual()) {
          throw new ContentJsonException("field \"" + f.getKey() + "\" must be a string");
        }
        if (f.getKey().isBlank()) {
          throw new ContentJsonException("field names must not be blank");
        }
        b.field(f.getKey(), f.getValue().textValue());
      }
    } else {
      throw new ContentJsonException("missing \"text\" or \"fields\"");
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
        throw new ContentJsonException("\"attributes\" must be an object of names to strings");
      }
      for (Map.Entry<String, JsonNode> a : attributes.properties()) {
        JsonNode v = a.getValue();
        if (!v.isTextual() && !v.isNumber() && !v.isBoolean()) {
          throw new ContentJsonException("attribute \"" + a.getKey() + "\" must be a string, number or"
              + " boolean");
        }
        b.attribute(a.getKey(), v.asText());
      }
    }
    return new ContentRecord(id, b.build());
  }

  /**
   * An ISO-8601 instant ({@code 2026-12-02T09:30:00Z}, or with an offset such as {@code +01:00}).
   *
   * @throws ContentJsonException naming the bad value
   */
  public static Instant time(String text) {
    try {
      return OffsetDateTime.parse(text.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw new ContentJsonException("\"time\" must be an ISO-8601 instant such as 2026-12-02T09:30:00Z"
          + " but is '" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
    }
  }

  private static @Nullable String optionalString(JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new ContentJsonException("\"" + key + "\" must be a string");
    }
    return v.textValue();
  }

  /**
   * The record as one line of JSON, which {@link #read} reads back to equal content: {@code text} for
   * content whose only field is {@code body}, else {@code fields} in order.
   */
  public static String write(@Nullable Object id, Content content) {
    requireNonNull(content, "content");
    StringWriter out = new StringWriter();
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      write(g, id, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Writes the record as a JSON object to {@code g}. */
  public static void write(JsonGenerator g, @Nullable Object id, Content content) throws IOException {
    g.writeStartObject();
    if (id != null) {
      DecisionJson.writeId(g, id);
    }
    if (content.fieldCount() == 1 && content.fieldName(0).equals("body")) {
      g.writeStringField("text", content.fieldText(0));
    } else {
      g.writeObjectFieldStart("fields");
      for (int f = 0; f < content.fieldCount(); f++) {
        g.writeStringField(content.fieldName(f), content.fieldText(f));
      }
      g.writeEndObject();
    }
    if (content.author() != null) {
      g.writeStringField("author", content.author());
    }
    if (content.surface() != null) {
      g.writeStringField("surface", content.surface());
    }
    if (content.locale() != null) {
      g.writeStringField("locale", content.locale().toLanguageTag());
    }
    if (content.time() != null) {
      g.writeStringField("time", content.time().toString());
    }
    if (!content.attributes().isEmpty()) {
      g.writeObjectFieldStart("attributes");
      for (Map.Entry<String, String> a : content.attributes().entrySet()) {
        g.writeStringField(a.getKey(), a.getValue());
      }
      g.writeEndObject();
    }
    g.writeEndObject();
  }
}
