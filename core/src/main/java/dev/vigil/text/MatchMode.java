package dev.vigil.text;

/**
 * Where a term may match relative to word boundaries.
 *
 * <p>A word character is a Unicode letter, mark, decimal digit or connector punctuation, judged on the
 * normalized text. A boundary is required only at a term edge that is itself a word character, so terms
 * such as {@code s&m} or an emoji match wherever their edges allow. Letters of scripts written without
 * spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar, Tibetan) never count as word characters
 * for boundaries: a term in those scripts matches wherever it occurs (there is no word boundary to
 * check without a dictionary; use the Lucene matchers' ICU tokenizer for word segmentation), and a Latin
 * term directly next to them still counts as a whole word.
 */
public enum MatchMode {
  /** The term must start and end at word boundaries (the default): "ass" does not match "class". */
  WORD,
  /** The term must start at a word boundary and may end inside a word: "scam" matches "scammer". */
  PREFIX,
  /** The term must end at a word boundary and may start inside a word: "phobe" matches "xenophobe". */
  SUFFIX,
  /** The term may match anywhere, even inside words. Pair it with an allow-list. */
  ANYWHERE
}
