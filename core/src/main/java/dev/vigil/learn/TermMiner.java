package dev.vigil.learn;

import static java.util.Objects.requireNonNull;

import dev.vigil.Content;
import dev.vigil.eval.LabeledItem;
import dev.vigil.text.MatchMode;
import dev.vigil.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Proposes words and phrases that mark harmful items, from labeled items: {@code
 * TermMiner.builder().build().mine(items)}.
 *
 * <p><b>What it counts.</b> Each item's text is normalized with the chosen normalizer (by default
 * {@link Normalizer#standard()}, so "FREE", "ｆｒｅｅ" and "frее" with a Cyrillic letter are one
 * term) and cut into words (runs of letters and digits); a candidate is one to
 * {@link Builder#maxWords} words in a row, joined as the normalized text joins them (a space, an
 * apostrophe, a hyphen, a dot or an {@code @} between two words; a phrase never spans other
 * punctuation). A candidate's support is the number of harmful and of harmless items holding it (an
 * item counts once however often it repeats a term).
 *
 * <p><b>How it ranks.</b> By a smoothed precision,
 * {@code (harmful + a * base) / (harmful + harmless + a)}, where {@code base} is the share of harmful
 * items and {@code a} the {@link Builder#priorStrength}: a term seen in 3 harmful items and nothing
 * else is not ranked above one seen in 300 harmful and 2 harmless; ties go to the larger support, then
 * to the fewer harmless, then to the term's text, so the result is deterministic.
 *
 * <p><b>What it leaves out.</b> Terms in fewer than {@link Builder#minSupport} harmful items; terms
 * in more than {@link Builder#maxHarmlessShare} of the harmless items (they would flag too much that
 * is fine, however much harm they also mark); terms whose smoothed precision is below
 * {@link Builder#minPrecision}; and a phrase whose every harmful item already holds one of its shorter
 * candidates of at least its precision ("you have won" stays only if it is better than "won").
 *
 * <p>Immutable and thread safe.
 */
public final class TermMiner {
  private final Normalizer normalizer;
  private final int maxWords;
  private final int minSupport;
  private final double maxHarmlessShare;
  private final double minPrecision;
  private final double priorStrength;
  private final int limit;
  private final int minGram;
  private final int maxGram;

  private TermMiner(Builder b) {
    this.minGram = b.minGram;
    this.maxGram = b.maxGram;
    this.normalizer = b.normalizer;
    this.maxWords = b.maxWords;
    this.minSupport = b.minSupport;
    this.maxHarmlessShare = b.maxHarmlessShare;
    this.minPrecision = b.minPrecision;
    this.priorStrength = b.priorStrength;
    this.limit = b.limit;
  }

  /** A builder with the defaults: standard normalizer, up to 3 words, support 3, harmless share 1%. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A proposed term.
   *
   * @param term the term, as the normalizer writes it
   * @param harmful how many harmful items hold it
   * @param harmless how many harmless items hold it
   * @param precision the smoothed precision it was ranked by
   * @param mode {@link MatchMode#WORD} for words and phrases, {@link MatchMode#ANYWHERE} for character
   *     sequences ({@link Builder#characterGrams})
   */
  public record Candidate(String term, int harmful, int harmless, double precision, MatchMode mode) {
    /** Its rule id: the term for a word or phrase, {@code *term*} for a character sequence. */
    public String id() {
      return mode == MatchMode.WORD ? term : "*" + term + "*";
    }
  }

  /** Marks a character sequence's key in the counts (words and sequences may share a text). */
  private static final char GRAM = '\u0001';

  /** The normalizer terms are counted under. */
  public Normalizer normalizer() {
    return normalizer;
  }

  /** Mines {@code items}; the best candidates first, at most {@link Builder#limit} of them. */
  public List<Candidate> mine(List<LabeledItem> items) {
    requireNonNull(items, "items");
    int harmfulItems = 0;
    Map<String, int[]> counts = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (LabeledItem item : items) {
      requireNonNull(item, "item");
      harmfulItems += item.harmful() ? 1 : 0;
      seen.clear();
      collect(item.content(), seen);
      int side = item.harmful() ? 0 : 1;
      for (String t : seen) {
        counts.computeIfAbsent(t, k -> new int[2])[side]++;
      }
    }
    int harmlessItems = items.size() - harmfulItems;
    if (harmfulItems == 0) {
      return List.of();
    }
    double base = (double) harmfulItems / items.size();
    double maxHarmless = maxHarmlessShare * harmlessItems;
    Map<String, Candidate> kept = new HashMap<>();
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      int h = e.getValue()[0];
      int g = e.getValue()[1];
      if (h < minSupport || g > maxHarmless) {
        continue;
      }
      double p = (h + priorStrength * base) / (h + g + priorStrength);
      if (p < minPrecision || p <= base) {
        continue;
      }
      String key = e.getKey();
      boolean gram = key.charAt(0) == GRAM;
      kept.put(key, new Candidate(gram ? key.substring(1) : key, h, g, p,
          gram ? MatchMode.ANYWHERE : MatchMode.WORD));
    }
    List<Candidate> out = new ArrayList<>();
    for (Candidate c : kept.values()) {
      if (!redundant(c, kept)) {
        out.add(c);
      }
    }
    out.sort(RANKING);
    return out.size() > limit ? List.copyOf(out.subList(0, limit)) : List.copyOf(out);
  }

  /** Best first: smoothed precision, then harmful support, then fewer harmless, then the text. */
  static final Comparator<Candidate> RANKING = Comparator
      .comparingDouble((Candidate c) -> -c.precision())
      .thenComparingInt(c -> -c.harmful())
      .thenComparingInt(Candidate::harmless)
      .thenComparing(Candidate::term);

  /**
   * Whether a shorter candidate inside {@code c} is at least as precise and holds in at least as many
   * harmful items: then every item {@code c} would catch, the shorter one catches too, as surely.
   */
  private static boolean redundant(Candidate c, Map<String, Candidate> kept) {
    String t = c.term();
    if (c.mode() == MatchMode.ANYWHERE) {
      // Every item holding a sequence holds each shorter sequence inside it.
      for (int len = 1; len < t.length(); len++) {
        for (int from = 0; from + len <= t.length(); from++) {
          Candidate sub = kept.get(GRAM + t.substring(from, from + len));
          if (sub != null && sub.precision() >= c.precision()) {
            return true;
          }
        }
      }
      return false;
    }
    List<int[]> words = words(t);
    if (words.size() < 2) {
      return false;
    }
    for (int from = 0; from < words.size(); from++) {
      for (int to = from; to < words.size(); to++) {
        if (from == 0 && to == words.size() - 1) {
          continue;
        }
        Candidate sub = kept.get(t.substring(words.get(from)[0], words.get(to)[1]));
        if (sub != null && sub.harmful() >= c.harmful() && sub.precision() >= c.precision()) {
          return true;
        }
      }
    }
    return false;
  }

  /** Adds the candidates of every field of {@code content} to {@code out}. */
  void collect(Content content, Set<String> out) {
    for (int f = 0; f < content.fieldCount(); f++) {
      String text = normalizer.normalize(content.fieldText(f));
      List<int[]> words = words(text);
      for (int i = 0; i < words.size(); i++) {
        int end = Math.min(words.size(), i + maxWords);
        for (int j = i; j < end; j++) {
          if (j > i && !joins(text, words.get(j - 1)[1], words.get(j)[0])) {
            break;
          }
          out.add(text.substring(words.get(i)[0], words.get(j)[1]));
        }
      }
      if (maxGram > 0) {
        grams(text, out);
      }
    }
  }

  /**
   * Adds the character sequences of {@code minGram} to {@code maxGram} code points inside each run of
   * non-whitespace of {@code text}: "£1000", "www.", "0800" and parts of words, which words alone miss.
   */
  private void grams(String text, Set<String> out) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      while (i < n && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      for (int from = start; from < i; from = text.offsetByCodePoints(from, 1)) {
        if (text.charAt(from) == '#') {
          continue; // a term list line starting with '#' is a comment
        }
        int to = from;
        for (int len = 1; len <= maxGram && to < i; len++) {
          to = text.offsetByCodePoints(to, 1);
          if (len >= minGram) {
            out.add(GRAM + text.substring(from, to));
          }
        }
      }
    }
  }

  /** Whether the chars between two words join them into a phrase. */
  private static boolean joins(String text, int from, int to) {
    if (to - from != 1) {
      return false;
    }
    char c = text.charAt(from);
    return c == ' ' || c == '\'' || c == '-' || c == '.' || c == '@' || c == '\u2019';
  }

  /** The words of {@code text}: [start, end) of each run of letters and digits. */
  static List<int[]> words(String text) {
    List<int[]> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      int cp = text.codePointAt(i);
      if (!Character.isLetterOrDigit(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      while (i < n) {
        cp = text.codePointAt(i);
        if (!Character.isLetterOrDigit(cp)) {
          break;
        }
        i += Character.charCount(cp);
      }
      out.add(new int[] {start, i});
    }
    return out;
  }

  @Override
  public String toString() {
    return "TermMiner[" + normalizer + ", up to " + maxWords + " words"
        + (maxGram > 0 ? ", character sequences of " + minGram + " to " + maxGram : "")
        + ", support >= " + minSupport
        + ", harmless share <= " + maxHarmlessShare + ", precision >= " + minPrecision + "]";
  }

  /** Builds a {@link TermMiner}; every setting checks its value and names it when it is bad. */
  public static final class Builder {
    private Normalizer normalizer = Normalizer.standard();
    private int maxWords = 3;
    private int minSupport = 3;
    private double maxHarmlessShare = 0.01;
    private double minPrecision = 0.0;
    private double priorStrength = 10;
    private int limit = 5_000;
    private int minGram;
    private int maxGram;

    private Builder() {}

    /**
     * Also counts character sequences of {@code min} to {@code max} code points inside the text's runs
     * of non-whitespace (matched anywhere: {@link MatchMode#ANYWHERE}), beside words and phrases: they
     * catch numbers' shapes ("0800", "£1"), addresses ("www.") and parts of words. {@code 0, 0} turns
     * them off (the default). Matched inside words, they bring back the Scunthorpe problem that
     * whole-word terms avoid: a sequence mined from a slur also matches a town's name. Use them where
     * the evidence is in numbers and addresses (spam), and test the result on such words.
     *
     * @throws IllegalArgumentException unless {@code 0 == min == max} or {@code 2 <= min <= max <= 8}
     */
    public Builder characterGrams(int min, int max) {
      if (!(min == 0 && max == 0 || 2 <= min && min <= max && max <= 8)) {
        throw new IllegalArgumentException("characterGrams must be 0, 0 (off) or within 2..8, min <= max,"
            + " but was " + min + ", " + max);
      }
      this.minGram = min;
      this.maxGram = max;
      return this;
    }

    /** The normalizer terms are counted and written under (default standard). */
    public Builder normalizer(Normalizer normalizer) {
      this.normalizer = requireNonNull(normalizer, "normalizer");
      return this;
    }

    /** The longest phrase, in words, 1 to 6 (default 3). */
    public Builder maxWords(int maxWords) {
      if (maxWords < 1 || maxWords > 6) {
        throw new IllegalArgumentException("maxWords must be in [1, 6] but was " + maxWords);
      }
      this.maxWords = maxWords;
      return this;
    }

    /** The fewest harmful items a term must be in, at least 1 (default 3). */
    public Builder minSupport(int minSupport) {
      if (minSupport < 1) {
        throw new IllegalArgumentException("minSupport must be at least 1 but was " + minSupport);
      }
      this.minSupport = minSupport;
      return this;
    }

    /** The largest share of harmless items a term may be in, in [0, 1] (default 0.01). */
    public Builder maxHarmlessShare(double share) {
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException("maxHarmlessShare must be in [0, 1] but was " + share);
      }
      this.maxHarmlessShare = share;
      return this;
    }

    /** The lowest smoothed precision a term may have, in [0, 1] (default 0: above the base rate). */
    public Builder minPrecision(double precision) {
      if (!(precision >= 0 && precision <= 1)) {
        throw new IllegalArgumentException("minPrecision must be in [0, 1] but was " + precision);
      }
      this.minPrecision = precision;
      return this;
    }

    /** How many items' worth of the base rate smooth a term's precision, >= 0 (default 10). */
    public Builder priorStrength(double strength) {
      if (!(strength >= 0 && strength < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("priorStrength must be finite and >= 0 but was " + strength);
      }
      this.priorStrength = strength;
      return this;
    }

    /** The most candidates returned, at least 1 (default 5,000). */
    public Builder limit(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("limit must be at least 1 but was " + limit);
      }
      this.limit = limit;
      return this;
    }

    /** The miner. */
    public TermMiner build() {
      return new TermMiner(this);
    }
  }
}
