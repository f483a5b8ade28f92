package dev.vigil.lucene;

import static java.util.Objects.requireNonNull;

/**
 * A rule written in Lucene's classic query syntax: {@code "kill yourself"}, {@code "kill you"~3},
 * {@code idiot~1}, {@code scam*}, {@code selling AND (meth OR fentanyl)}, {@code title:free}.
 *
 * @param id the rule's id, reported in evidence
 * @param category the category reported in evidence
 * @param weight how strongly a match indicates harm, in [0, 1]
 * @param query the query, in Lucene's classic syntax; unqualified terms match every field of the content
 */
public record QueryRule(String id, String category, double weight, String query) {
  /** Checks the rule. */
  public QueryRule {
    requireNonNull(id, "id");
    requireNonNull(category, "category");
    requireNonNull(query, "query");
    if (id.isBlank()) {
      throw new IllegalArgumentException("query rule id must not be blank");
    }
    if (!(weight >= 0 && weight <= 1)) {
      throw new IllegalArgumentException(
          "weight of query rule '" + id + "' must be in [0, 1] but was " + weight);
    }
  }
}
