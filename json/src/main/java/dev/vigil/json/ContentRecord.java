package dev.vigil.json;

import static java.util.Objects.requireNonNull;

import dev.vigil.Content;
import org.jspecify.annotations.Nullable;

/**
 * One content record: the item's id as the JSON gave it ({@link Long} for an integral number,
 * {@link String} otherwise, null when absent) and its content.
 *
 * @param id the id, a {@link Long} or a {@link String}, or null
 * @param content the content
 */
public record ContentRecord(@Nullable Object id, Content content) {
  /** Checks the id's type. */
  public ContentRecord {
    requireNonNull(content, "content");
    if (id != null && !(id instanceof Long) && !(id instanceof String)) {
      throw new IllegalArgumentException("a record's id is a Long or a String, not a "
          + id.getClass().getName());
    }
  }
}
