package dev.vigil.eval;

import static java.util.Objects.requireNonNull;

import dev.vigil.Content;
import org.jspecify.annotations.Nullable;

/**
 * Content with its true label.
 *
 * @param id the item's id, reported in diffs and examples
 * @param content the content the policy scores
 * @param harmful the truth: whether the item should be flagged
 * @param category the true category of a harmful item ({@code "hate"}, {@code "spam"}), or null
 */
public record LabeledItem(String id, Content content, boolean harmful, @Nullable String category) {

  /** Checks for nulls. */
  public LabeledItem {
    requireNonNull(id, "id");
    requireNonNull(content, "content");
  }

  /** A harmful or harmless item without category. */
  public static LabeledItem of(String id, String text, boolean harmful) {
    return new LabeledItem(id, Content.of(text), harmful, null);
  }
}
