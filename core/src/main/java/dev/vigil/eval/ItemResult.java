package dev.vigil.eval;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the policy decided for one labeled item.
 *
 * @param id the item's id
 * @param harmful the true label
 * @param category the item's true category, or null
 * @param action the name of the action the policy chose
 * @param flagged whether that action counts as flagging
 * @param score the decision's total score
 * @param topCategory the policy category with the highest score, or null when every category is zero
 * @param matched the names of the signals that matched (shadows included), in policy order
 * @param failed whether any signal failed on this item
 */
public record ItemResult(String id, boolean harmful, @Nullable String category, String action,
    boolean flagged, double score, @Nullable String topCategory, List<String> matched, boolean failed) {

  /** Checks for nulls and copies the list. */
  public ItemResult {
    requireNonNull(id, "id");
    requireNonNull(action, "action");
    matched = List.copyOf(matched);
  }

  /** Whether the decision was right: flagged exactly when harmful. */
  public boolean correct() {
    return flagged == harmful;
  }
}
