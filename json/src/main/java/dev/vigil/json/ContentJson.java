package dev.vigil.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.vigil.Content;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
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

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
      .build();

  private ContentJson() {}

  /** Reads a record from UTF-8 bytes (invalid UTF-8 becomes U+FFFD). */
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
    // A streaming read, without a tree: the stream's decoder runs it for every record. It reads the whole
    // object first and then checks it in a fixed order, so a record with several problems gets the same
    // message however its keys are ordered.
    Parsed r = new Parsed();
    try (JsonParser p = FACTORY.createParser(json)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        if (t != null) {
          // The whole value is read first, as a tree would, so a broken one says it is broken.
          p.finishToken();
          p.skipChildren();
        }
        throw new ContentJsonException("expected a JSON object like {\"id\": 1, \"text\": \"...\"}");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "id" -> r.id = scalar(p, v) ? idValue(p, v) : BAD;
          case "text" -> {
            r.hasText = true;
            r.text = v == JsonToken.VALUE_STRING ? p.getText() : null;
            p.skipChildren();
          }
          case "fields" -> readFields(p, v, r);
          case "author" -> r.author = optional(p, v);
          case "time" -> r.time = optional(p, v);
          case "surface" -> r.surface = optional(p, v);
          case "locale" -> r.locale = optional(p, v);
          case "attributes" -> readAttributes(p, v, r);
          default -> p.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      throw new ContentJsonException("malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return r.build();
  }

  /** A value that was not of an allowed type. */
  private static final String BAD = new String("bad");

  /** What a record's keys held, checked in {@link #build} in a fixed order. */
  private static final class Parsed {
    @Nullable Object id;
    boolean hasText;
    @Nullable String text;
    boolean hasFields;
    @Nullable Map<String, String> fields;
    @Nullable String fieldProblem;
    @Nullable Object author;
    @Nullable Object time;
    @Nullable Object surface;
    @Nullable Object locale;
    boolean hasAttributes;
    @Nullable Map<String, String> attributes;
    @Nullable String attributeProblem;

    ContentRecord build() {
      if (id == BAD) {
        throw new ContentJsonException("\"id\" must be a string or a number");
      }
      Content.Builder b = Content.builder();
      if (hasText && hasFields) {
        throw new ContentJsonException("give either \"text\" or \"fields\", not both");
      }
      if (hasText) {
        if (text == null) {
          throw new ContentJsonException("\"text\" must be a string");
        }
        b.body(text);
      } else if (hasFields) {
        if (fields == null) {
          throw new ContentJsonException("\"fields\" must be an object of field names to strings");
        }
        if (fieldProblem != null) {
          throw new ContentJsonException(fieldProblem);
        }
        fields.forEach(b::field);
      } else {
        throw new ContentJsonException("missing \"text\" or \"fields\"");
      }
      String a = string("author", author);
      if (a != null) {
        b.author(a);
      }
      String t = string("time", time);
      if (t != null) {
        b.time(ContentJson.time(t));
      }
      String s = string("surface", surface);
      if (s != null) {
        b.surface(s);
      }
      String l = string("locale", locale);
      if (l != null) {
        b.locale(Locale.forLanguageTag(l));
      }
      if (hasAttributes) {
        if (attributes == null) {
          throw new ContentJsonException("\"attributes\" must be an object of names to strings");
        }
        if (attributeProblem != null) {
          throw new ContentJsonException(attributeProblem);
        }
        attributes.forEach(b::attribute);
      }
      return new ContentRecord(id, b.build());
    }

    private static @Nullable String string(String key, @Nullable Object v) {
      if (v == BAD) {
        throw new ContentJsonException("\"" + key + "\" must be a string");
      }
      return (String) v;
    }
  }

  private static boolean scalar(JsonParser p, JsonToken v) throws IOException {
    if (v.isScalarValue()) {
      return true;
    }
    p.skipChildren();
    return false;
  }

  /** An id: a Long for an integral number that fits, its text for other numbers and strings. */
  private static @Nullable Object idValue(JsonParser p, JsonToken v) throws IOException {
    switch (v) {
      case VALUE_NULL:
        return null;
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue().toString()
            : p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return numberText(p, v);
      default:
        return BAD;
    }
  }

  /** A number's text as Jackson's tree gives it ({@code 1e2} is {@code 100.0}, {@code -0} is {@code 0}). */
  private static String numberText(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_NUMBER_FLOAT) {
      return Double.toString(p.getDoubleValue());
    }
    return String.valueOf(p.getNumberValue());
  }

  /** An optional string: null when absent or null, {@link #BAD} for another type. */
  private static @Nullable Object optional(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    if (v == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    p.skipChildren();
    return BAD;
  }

  private static void readFields(JsonParser p, JsonToken v, Parsed r) throws IOException {
    r.hasFields = true;
    r.fields = null;
    r.fieldProblem = null;
    if (v != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    Map<String, String> fields = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      // A repeated name keeps its first place and takes its last value, as in Jackson's tree.
      if (t == JsonToken.VALUE_STRING) {
        fields.put(name, p.getText());
      } else {
        p.skipChildren();
        fields.put(name, BAD);
      }
    }
    for (Map.Entry<String, String> f : fields.entrySet()) {
      if (f.getValue() == BAD) {
        r.fieldProblem = "field \"" + f.getKey() + "\" must be a string";
        break;
      }
      if (f.getKey().isBlank()) {
        r.fieldProblem = "field names must not be blank";
        break;
      }
    }
    r.fields = fields;
  }

  private static void readAttributes(JsonParser p, JsonToken v, Parsed r) throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      r.hasAttributes = false;
      r.attributes = null;
      return;
    }
    r.hasAttributes = true;
    r.attributes = null;
    r.attributeProblem = null;
    if (v != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_STRING) {
        attributes.put(name, p.getText());
      } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
        attributes.put(name, numberText(p, t));
      } else if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
        attributes.put(name, p.getText());
      } else {
        p.skipChildren();
        attributes.put(name, BAD);
      }
    }
    for (Map.Entry<String, String> a : attributes.entrySet()) {
      if (a.getValue() == BAD) {
        r.attributeProblem = "attribute \"" + a.getKey() + "\" must be a string, number or boolean";
        break;
      }
    }
    r.attributes = attributes;
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

  /**
   * The record as one line of JSON, which {@link #read} reads back to equal content: {@code text} for
   * content whose only field is {@code body}, else {@code fields} in order.
   */
  public static String write(@Nullable Object id, Content content) {
    requireNonNull(content, "content");
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
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
