package dev.vigil.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Content;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The tree-based reader ContentJson had before its streaming one: the reference it must equal. */
final class TreeReader {
  private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(ContentJson.MAX_DEPTH).build())
      .build());

  private TreeReader() {}

  static ContentRecord read(String json) {
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
      b.time(ContentJson.time(time));
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

}
