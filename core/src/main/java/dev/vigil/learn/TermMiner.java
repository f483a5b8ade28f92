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
 * TermMiner.builder().build().mine(items)}; and, for a learner that weighs evidence on both sides,
 * those that mark harmless ones ({@link #mineHarmless}).
 *
 * <p><b>What it counts.</b> Each item's text is normalized with the chosen normalizer (by default
 * {@link Normalizer#standard()}, so "FREE", "ｆｒｅｅ" and "frее" with a Cyrillic letter are one
 * term) and cut into words (runs of letters and digits); a candidate is one to
 * {@link Builder#maxWords} words in a row, joined as the normalized text joins them (a space, an
 * apostrophe, a hyphen, a dot or an {@code @} between two words; a phrase never spans other
 * punctuation). Optionally also {@link Builder#wordPieces word pieces} (the first and last letters of
 * words) and {@link Builder#characterGrams character sequences}. A candidate's support is the number
 * of harmful and of harmless items holding it (an item counts once however often it repeats a term).
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
  private final int minPiece;
  private final int maxPiece;

  private TermMiner(Builder b) {
    this.minPiece = b.minPiece;
    this.maxPiece = b.maxPiece;
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
   * @param precision the smoothed precision it was ranked by: the smoothed share of harmful items
   *     among those holding it, or of harmless ones for {@link #mineHarmless}
   * @param mode {@link MatchMode#WORD} for words and phrases, {@link MatchMode#PREFIX} and
   *     {@link MatchMode#SUFFIX} for word pieces ({@link Builder#wordPieces}), {@link MatchMode#ANYWHERE}
   *     for character sequences ({@link Builder#characterGrams})
   */
  public record Candidate(String term, int harmful, int harmless, double precision, MatchMode mode) {
    /**
     * Its rule id: the term for a word or phrase, {@code term*} for the beginning of words,
     * {@code *term} for the end of words, {@code *term*} for a character sequence.
     */
    public String id() {
      switch (mode) {
        case WORD:
          return term;
        case PREFIX:
          return term + "*";
        case SUFFIX:
          return "*" + term;
        default:
          return "*" + term + "*";
      }
    }
  }

  /**
   * Marks the keys of the counts that are not words or phrases (they may share a text with one): a
   * character sequence, the beginning of a word, the end of a word.
   */
  private static final char GRAM = '\u0001';
  private static final char BEGINNING = '\u0002';
  private static final char END = '\u0003';

  /** The normalizer terms are counted under. */
  public Normalizer normalizer() {
    return normalizer;
  }

  /** Mines {@code items}; the best candidates first, at most {@link Builder#limit} of them. */
  public List<Candidate> mine(List<LabeledItem> items) {
    return mine(items, true);
  }

  /**
   * Mines {@code items} for terms that mark <em>harmless</em> items, under the same settings with the
   * classes' roles swapped: support counts harmless items, the share limit applies to harmful ones,
   * and the precision is the smoothed share of harmless items, above their base rate. For a learner
   * that gives such terms negative weight (counter-evidence, {@link dev.vigil.SignalOptions#weight});
   * a term list of them must never be used as a list of harm.
   */
  public List<Candidate> mineHarmless(List<LabeledItem> items) {
    return mine(items, false);
  }

  private List<Candidate> mine(List<LabeledItem> items, boolean harmfulSide) {
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
    // "Own" is the side mined for, "other" the side whose share is limited.
    int ownItems = harmfulSide ? harmfulItems : harmlessItems;
    if (ownItems == 0) {
      return List.of();
    }
    double base = (double) ownItems / items.size();
    double maxOther = maxHarmlessShare * (items.size() - ownItems);
    Map<String, Candidate> kept = new HashMap<>();
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      int h = e.getValue()[0];
      int g = e.getValue()[1];
      int own = harmfulSide ? h : g;
      int other = harmfulSide ? g : h;
      if (own < minSupport || other > maxOther) {
        continue;
      }
      double p = (own + priorStrength * base) / (own + other + priorStrength);
      if (p < minPrecision || p <= base) {
        continue;
      }
      String key = e.getKey();
      MatchMode mode = key.charAt(0) == GRAM ? MatchMode.ANYWHERE
          : key.charAt(0) == BEGINNING ? MatchMode.PREFIX
          : key.charAt(0) == END ? MatchMode.SUFFIX : MatchMode.WORD;
      kept.put(key, new Candidate(mode == MatchMode.WORD ? key : key.substring(1), h, g, p, mode));
    }
    List<Candidate> out = new ArrayList<>();
    for (Candidate c : kept.values()) {
      if (!redundant(c, kept, harmfulSide)) {
        out.add(c);
      }
    }
    out.sort(harmfulSide ? RANKING : HARMLESS_RANKING);
    return out.size() > limit ? List.copyOf(out.subList(0, limit)) : List.copyOf(out);
  }

  /** Best first: smoothed precision, then harmful support, then fewer harmless, then the text. */
  static final Comparator<Candidate> RANKING = Comparator
      .comparingDouble((Candidate c) -> -c.precision())
      .thenComparingInt(c -> -c.harmful())
      .thenComparingInt(Candidate::harmless)
      .thenComparing(Candidate::term)
      .thenComparing(Candidate::mode);

  /** For {@link #mineHarmless}: the same order with the classes' roles swapped. */
  private static final Comparator<Candidate> HARMLESS_RANKING = Comparator
      .comparingDouble((Candidate c) -> -c.precision())
      .thenComparingInt(c -> -c.harmless())
      .thenComparingInt(Candidate::harmful)
      .thenComparing(Candidate::term)
      .thenComparing(Candidate::mode);

  /**
   * Whether a shorter candidate inside {@code c} is at least as precise and holds in at least as many
   * harmful items: then every item {@code c} would catch, the shorter one catches too, as surely.
   */
  private static boolean redundant(Candidate c, Map<String, Candidate> kept, boolean harmfulSide) {
    String t = c.term();
    if (c.mode() == MatchMode.PREFIX || c.mode() == MatchMode.SUFFIX) {
      // Every word that begins (ends) with a piece begins (ends) with each shorter piece of it.
      char mark = c.mode() == MatchMode.PREFIX ? BEGINNING : END;
      for (int len = 1; len < t.length(); len++) {
        String shorter = c.mode() == MatchMode.PREFIX ? t.substring(0, len)
            : t.substring(t.length() - len);
        Candidate sub = kept.get(mark + shorter);
        if (sub != null && sub.precision() >= c.precision()) {
          return true;
        }
      }
      return false;
    }
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
        if (sub != null && (harmfulSide ? sub.harmful() >= c.harmful() : sub.harmless() >= c.harmless())
            && sub.precision() >= c.precision()) {
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
      if (maxPiece > 0) {
        for (int[] w : words) {
          pieces(text, w[0], w[1], out);
        }
      }
    }
  }

  /**
   * Adds the beginnings and ends of {@code minPiece} to {@code maxPiece} code points of the word
   * {@code [start, end)} of {@code text}, shorter than the word (the whole word is a word candidate).
   */
  private void pieces(String text, int start, int end, Set<String> out) {
    int length = text.codePointCount(start, end);
    for (int len = minPiece; len <= maxPiece && len < length; len++) {
      out.add(BEGINNING + text.substring(start, text.offsetByCodePoints(start, len)));
      out.add(END + text.substring(text.offsetByCodePoints(end, -len), end));
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
        + (maxPiece > 0 ? ", word pieces of " + minPiece + " to " + maxPiece : "")
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
    private int minPiece;
    private int maxPiece;

    private Builder() {}

    /**
     * Also counts word pieces: the first and the last {@code min} to {@code max} code points of each
     * word longer than that (matched as {@link MatchMode#PREFIX} and {@link MatchMode#SUFFIX} terms),
     * beside whole words and phrases. They catch what a word's spelling says when the word itself is
     * rare: a number's first digits ("0800..." and "087..." in premium-rate numbers), a brand's
     * inflections ("ringtone", "ringtones"), slang endings. Unlike {@link #characterGrams}, a piece is
     * anchored at a word's edge, so a term mined from a slur matches words that begin or end with it,
     * never a town whose name holds it in the middle. {@code 0, 0} turns them off (the default).
     *
     * @throws IllegalArgumentException unless {@code 0 == min == max} or {@code 1 <= min <= max <= 8}
     */
    public Builder wordPieces(int min, int max) {
      checkRange("wordPieces", min, max, 1);
      this.minPiece = min;
      this.maxPiece = max;
      return this;
    }

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
      checkRange("characterGrams", min, max, 2);
      this.minGram = min;
      this.maxGram = max;
      return this;
    }

    /** Checks a range of lengths in code points: 0, 0 (off), or within {@code lowest}..8. */
    private static void checkRange(String setting, int min, int max, int lowest) {
      if (!(min == 0 && max == 0 || lowest <= min && min <= max && max <= 8)) {
        throw new IllegalArgumentException(setting + " must be 0, 0 (off) or within " + lowest
            + "..8, min <= max, but was " + min + ", " + max);
      }
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

    /**
     * The largest share of harmless items a term may be in, in [0, 1] (default 0.01); for
     * {@link #mineHarmless}, the largest share of harmful items.
     */
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
