package dev.vigil;

import static java.util.Objects.requireNonNull;


/**
 * Why a classifier fired: the span of the original text it matched and the rule that matched it.
 *
 * <p>Offsets are UTF-16 code units ({@link String} indices) into the <em>original</em> text of the field,
 * whatever normalization the classifier applied; the span is half-open ({@code start} inclusive,
 * {@code end} exclusive), so {@code text} equals {@code original.substring(start, end)}.
 * Create evidence with {@link #of(String, String, int, int, String, String)}, which checks the span
 * against the original text and refuses spans that split a surrogate pair.
 *
 * @param field the content field the span is in
 * @param start first char of the span (inclusive)
 * @param end end of the span (exclusive)
 * @param text the matched text, exactly as it appears in the original
 * @param rule the id of the rule, term or pattern that matched
 * @param category the category of the rule ({@code "spam"}, {@code "abuse"}, ...)
 */
public record Evidence(String field, int start, int end, String text, String rule, String category) {

  /** Checks that the record is self-consistent. */
  public Evidence {
    requireNonNull(field, "field");
    requireNonNull(text, "text");
    requireNonNull(rule, "rule");
    requireNonNull(category, "category");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException(
          "evidence span must satisfy 0 <= start <= end but was [" + start + ", " + end + ")");
    }
    if (text.length() != end - start) {
      throw new IllegalArgumentException("evidence text has " + text.length()
          + " chars but the span [" + start + ", " + end + ") has " + (end - start));
    }
  }

  /**
   * Evidence for the span {@code [start, end)} of {@code original}, the full text of {@code field}.
   *
   * @throws IndexOutOfBoundsException if the span is not inside the text
   * @throws IllegalArgumentException if either end of the span splits a surrogate pair
   */
  public static Evidence of(String field, String original, int start, int end, String rule,
      String category) {
    requireNonNull(original, "original");
    java.util.Objects.checkFromToIndex(start, end, original.length());
    if (splitsSurrogatePair(original, start) || splitsSurrogatePair(original, end)) {
      throw new IllegalArgumentException("evidence span [" + start + ", " + end + ") of rule '" + rule
          + "' in field '" + field + "' splits a surrogate pair");
    }
    return new Evidence(field, start, end, original.substring(start, end), rule, category);
  }

  /**
   * Whether {@code index} falls between the two halves of a surrogate pair in {@code text}: an offset
   * evidence must never take. Classifiers that compute spans (from a tokenizer, say) use it to move an
   * end off a pair.
   */
  public static boolean splitsSurrogatePair(CharSequence text, int index) {
    return index > 0 && index < text.length()
        && Character.isHighSurrogate(text.charAt(index - 1))
        && Character.isLowSurrogate(text.charAt(index));
  }
}
