package dev.vigil.text;

import static java.util.Objects.requireNonNull;

/**
 * One entry of a term list: the text to find, its rule id, category, weight and match mode.
 *
 * @param id the rule id reported in evidence (defaults to the text)
 * @param text the word or phrase, before normalization
 * @param category the category reported in evidence
 * @param weight how strongly one hit indicates harm, in [0, 1]; see {@link TermClassifier}
 * @param mode where the term may match
 */
public record Term(String id, String text, String category, double weight, MatchMode mode) {

  /** Checks the fields. */
  public Term {
    requireNonNull(id, "id");
    requireNonNull(text, "text");
    requireNonNull(category, "category");
    requireNonNull(mode, "mode");
    if (id.isBlank()) {
      throw new IllegalArgumentException("term id must not be blank (term '" + text + "')");
    }
    if (text.isEmpty()) {
      throw new IllegalArgumentException("term text must not be empty (id '" + id + "')");
    }
    if (category.isBlank()) {
      throw new IllegalArgumentException("category of term '" + id + "' must not be blank");
    }
    if (!(weight >= 0.0 && weight <= 1.0)) {
      throw new IllegalArgumentException(
          "weight of term '" + id + "' must be in [0, 1] but was " + weight);
    }
  }

  /** A whole-word term with weight 1 in category {@code "default"}, its id being its text. */
  public static Term of(String text) {
    return new Term(text, text, "default", 1.0, MatchMode.WORD);
  }

  /** A whole-word term with weight 1 in the given category, its id being its text. */
  public static Term of(String text, String category) {
    return new Term(text, text, category, 1.0, MatchMode.WORD);
  }

  /** This term with another mode. */
  public Term withMode(MatchMode mode) {
    return new Term(id, text, category, weight, mode);
  }

  /** This term with another weight. */
  public Term withWeight(double weight) {
    return new Term(id, text, category, weight, mode);
  }
}
