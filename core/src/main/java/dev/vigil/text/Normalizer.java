package dev.vigil.text;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Folds text so that evasions match what they imitate: applied identically to the terms of a
 * {@link TermMatcher} and to the text it scans, inside the matcher's one pass (never as a rewrite of the
 * whole text first).
 *
 * <h2>Stages</h2>
 * <ul>
 *   <li>{@link Stage#COMPATIBILITY}: Unicode compatibility forms (NFKD): fullwidth {@code ｆｕｃｋ},
 *       mathematical {@code 𝐟𝐮𝐜𝐤}, circled {@code ⓕⓤⓒⓚ}, ligatures {@code ﬁ}.
 *   <li>{@link Stage#CASE_FOLDING}: full case folding, not just lower-casing: {@code ß} is {@code ss},
 *       {@code ſ} is {@code s}, final sigma is sigma.
 *   <li>{@link Stage#DIACRITICS}: nonspacing marks removed after canonical decomposition, so
 *       {@code fück} and {@code fu\u0301ck} are {@code fuck}. Also piled-up combining marks
 *       ("Zalgo").
 *   <li>{@link Stage#LOOKALIKES}: letters of other scripts that imitate Latin letters (Cyrillic
 *       {@code а}, Greek {@code ο}, Armenian {@code օ}, Cherokee {@code Ꭺ}, Coptic, Lisu, small capitals
 *       ...) become the Latin letter. The table is Vigil's own.
 *   <li>{@link Stage#INVISIBLES}: zero-width characters, joiners, soft hyphens, bidi controls,
 *       variation selectors and tags are removed.
 *   <li>{@link Stage#LEETSPEAK}: digits and symbols written for letters ({@code 4 @} a, {@code 8} b,
 *       {@code 3} e, {@code 6 9} g, {@code 1 ! |} i, {@code 0} o, {@code 5 $} s, {@code 7 +} t) become
 *       letters when they stand next to a letter ({@code ! | +}: between two letters), so {@code 2024}
 *       and {@code hello!} stay as they are. {@code l} always folds to {@code i}, because {@code 1}
 *       stands for both. The map is configurable.
 *   <li>{@link Stage#SEPARATORS}: separators between single letters are removed in chains of at least
 *       three single letters ({@code f.u.c.k}, {@code f u c k}, {@code f-u-c-k} become {@code fuck}), so
 *       "this hit" never becomes "shit".
 *   <li>{@link Stage#REPEATS}: a run of a letter in the text matches a run at least as long in the term:
 *       {@code fuuuuck} matches {@code fuck}, while {@code as} never matches {@code ass}.
 *   <li>{@link Stage#WHITESPACE}: a run of whitespace (spaces, tabs, line breaks, and after
 *       compatibility folding no-break and other wide spaces) is one space, so {@code kill  yourself}
 *       matches {@code kill yourself}.
 * </ul>
 *
 * <h2>Presets, and what each costs in false positives</h2>
 * <ul>
 *   <li>{@link #none()}: exact, case-sensitive matching. No false positives from folding; misses every
 *       evasion, even upper case.
 *   <li>{@link #standard()}: compatibility, case folding, diacritics, look-alikes, invisibles. Costs:
 *       words that differ only by accents collide (Spanish "año" and "ano"); whole words written in other
 *       scripts entirely of look-alike letters can collide with Latin terms (Cyrillic "сор" reads as
 *       "cop"); in languages whose marks carry meaning (Thai, Hindi, Japanese dakuten) marked and unmarked
 *       forms collide. The default for term lists.
 *   <li>{@link #aggressive()}: standard plus leetspeak, separators and repeats. Adds: words that differ
 *       only in i and l collide ("fiat" and "flat"); initialisms in chains ("u s a") join into words; a
 *       doubled letter in the text matches a single one in a term ("good" matches "god", "too" matches
 *       "to"), so short terms with single letters catch more. Use it for slur and threat lists where
 *       evasion is the norm, and pair it with an allow-list.
 * </ul>
 *
 * <p>Immutable and thread safe. Building the first normalizer with a given set of stages computes a
 * table over every code point of planes 0 and 1 (a fraction of a second); later ones share it.
 */
public final class Normalizer {
  /** A normalization stage. */
  public enum Stage {
    /** Unicode compatibility forms. */
    COMPATIBILITY,
    /** Full case folding. */
    CASE_FOLDING,
    /** Removal of nonspacing marks. */
    DIACRITICS,
    /** Letters of other scripts imitating Latin letters. */
    LOOKALIKES,
    /** Removal of invisible characters. */
    INVISIBLES,
    /** Digits and symbols written for letters. */
    LEETSPEAK,
    /** Separators between single letters. */
    SEPARATORS,
    /** Repeated letters. */
    REPEATS,
    /** Runs of whitespace. */
    WHITESPACE
  }

  /** The default leetspeak map. */
  public static final Map<Character, Character> DEFAULT_LEET = defaultLeet();

  private static final Normalizer NONE = builder().build();
  private static final Normalizer STANDARD = builder().stages(Stage.COMPATIBILITY,
      Stage.CASE_FOLDING, Stage.DIACRITICS, Stage.LOOKALIKES, Stage.INVISIBLES, Stage.WHITESPACE)
      .build("standard");
  private static final Normalizer AGGRESSIVE = builder().stages(Stage.values()).build("aggressive");

  private final String name;
  private final Set<Stage> stages;
  private final Map<Character, Character> leetMap;
  private final FoldTable table;
  private final int @Nullable [] leet;

  private Normalizer(String name, Set<Stage> stages, Map<Character, Character> leetMap) {
    this.name = name;
    this.stages = Collections.unmodifiableSet(stages.isEmpty() ? EnumSet.noneOf(Stage.class)
        : EnumSet.copyOf(stages));
    this.leetMap = Collections.unmodifiableMap(new LinkedHashMap<>(leetMap));
    int flags = 0;
    flags |= stages.contains(Stage.COMPATIBILITY) ? FoldTable.COMPATIBILITY : 0;
    flags |= stages.contains(Stage.CASE_FOLDING) ? FoldTable.CASE_FOLDING : 0;
    flags |= stages.contains(Stage.DIACRITICS) ? FoldTable.DIACRITICS : 0;
    flags |= stages.contains(Stage.LOOKALIKES) ? FoldTable.LOOKALIKES : 0;
    flags |= stages.contains(Stage.INVISIBLES) ? FoldTable.INVISIBLES : 0;
    this.table = FoldTable.of(flags);
    if (stages.contains(Stage.LEETSPEAK)) {
      int[] l = new int[128];
      Arrays.fill(l, -1);
      for (Map.Entry<Character, Character> e : leetMap.entrySet()) {
        l[e.getKey()] = e.getValue();
      }
      this.leet = l;
    } else {
      this.leet = null;
    }
  }

  /** No normalization: exact, case-sensitive matching. */
  public static Normalizer none() {
    return NONE;
  }

  /** Compatibility forms, case folding, diacritics, look-alikes and invisibles. */
  public static Normalizer standard() {
    return STANDARD;
  }

  /** Every stage: standard plus leetspeak, separators and repeats. */
  public static Normalizer aggressive() {
    return AGGRESSIVE;
  }

  /** The preset with the given name: {@code none}, {@code standard} or {@code aggressive}. */
  public static Normalizer preset(String name) {
    switch (requireNonNull(name, "name")) {
      case "none":
        return NONE;
      case "standard":
        return STANDARD;
      case "aggressive":
        return AGGRESSIVE;
      default:
        throw new IllegalArgumentException(
            "preset must be none, standard or aggressive but was '" + name + "'");
    }
  }

  /** A builder for a normalizer with chosen stages. */
  public static Builder builder() {
    return new Builder();
  }

  /** The stages. */
  public Set<Stage> stages() {
    return stages;
  }

  /** The leetspeak map (used only with {@link Stage#LEETSPEAK}). */
  public Map<Character, Character> leetMap() {
    return leetMap;
  }

  /** Whether the normalizer changes nothing. */
  public boolean isIdentity() {
    return stages.isEmpty();
  }

  /**
   * The normalized form of {@code text}: each unit's code point, repeated {@link Unit#count()} times where
   * the repeat stage merged a run. For inspection and tests; matchers never build this string.
   */
  public String normalize(String text) {
    NormalizingCursor c = cursor();
    c.reset(text);
    StringBuilder sb = new StringBuilder(text.length());
    while (c.next()) {
      for (int i = 0; i < c.count(); i++) {
        sb.appendCodePoint(c.codePoint());
      }
    }
    return sb.toString();
  }

  /**
   * The normalized units of {@code text}, each with its span in the original. For inspection and tests.
   */
  public List<Unit> units(String text) {
    NormalizingCursor c = cursor();
    c.reset(text);
    List<Unit> units = new ArrayList<>();
    while (c.next()) {
      units.add(new Unit(c.codePoint(), c.count(), c.start(), c.end()));
    }
    return List.copyOf(units);
  }

  /**
   * One normalized unit.
   *
   * @param codePoint the normalized code point
   * @param count how many repeated letters it stands for (1 unless the repeat stage merged a run)
   * @param start its start in the original text
   * @param end its end in the original text (exclusive)
   */
  public record Unit(int codePoint, int count, int start, int end) {}

  /** A new cursor over this normalizer's pipeline (one per thread; reusable). */
  NormalizingCursor cursor() {
    return new NormalizingCursor(table, leet, stages.contains(Stage.SEPARATORS),
        stages.contains(Stage.REPEATS), stages.contains(Stage.WHITESPACE));
  }

  FoldTable table() {
    return table;
  }

  /** The leet map by ASCII code point (-1 where not a key), or null without {@link Stage#LEETSPEAK}. */
  int @Nullable [] leetTable() {
    return leet;
  }

  /** Whether {@code stage} is one of this normalizer's stages. */
  boolean has(Stage stage) {
    return stages.contains(stage);
  }

  /**
   * Whether the pipeline has only per-code-point stages (plus whitespace runs), so that a matcher can
   * fold inside its own scan loop instead of running the general cursor.
   */
  boolean isPerCodePoint() {
    return !stages.contains(Stage.LEETSPEAK) && !stages.contains(Stage.SEPARATORS)
        && !stages.contains(Stage.REPEATS);
  }

  /**
   * This normalizer without {@link Stage#REPEATS} (itself when it has none): the form a regular
   * expression reads, which keeps every letter of a run (a pattern says {@code o+} for a run).
   */
  Normalizer withoutRepeats() {
    if (!stages.contains(Stage.REPEATS)) {
      return this;
    }
    // One instance per normalizer (a benign race may build two equal ones), so that regexes of one
    // preset share their normalized forms (NormalizedText.remembered compares normalizers by identity).
    Normalizer w = withoutRepeats;
    if (w == null) {
      w = buildWithoutRepeats();
      withoutRepeats = w;
    }
    return w;
  }

  private @Nullable Normalizer withoutRepeats;

  private Normalizer buildWithoutRepeats() {
    EnumSet<Stage> rest = EnumSet.copyOf(stages);
    rest.remove(Stage.REPEATS);
    Builder b = builder().stages(rest.toArray(new Stage[0]));
    if (rest.contains(Stage.LEETSPEAK)) {
      b.leetspeak(leetMap);
    }
    return b.build(name + " without repeats");
  }

  boolean foldsWhitespace() {
    return stages.contains(Stage.WHITESPACE);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Normalizer && ((Normalizer) o).stages.equals(stages)
        && ((Normalizer) o).leetMap.equals(leetMap);
  }

  @Override
  public int hashCode() {
    return stages.hashCode() * 31 + leetMap.hashCode();
  }

  /** {@code standard}, {@code aggressive}, {@code none}, or the list of stages. */
  @Override
  public String toString() {
    return name;
  }

  private static Map<Character, Character> defaultLeet() {
    Map<Character, Character> m = new LinkedHashMap<>();
    String pairs = "4a@a8b3e6g9g1i!i|ili0o5s$s7t+t";
    for (int i = 0; i < pairs.length(); i += 2) {
      m.put(pairs.charAt(i), pairs.charAt(i + 1));
    }
    return Collections.unmodifiableMap(m);
  }

  /** Builds a {@link Normalizer}. Not thread safe. */
  public static final class Builder {
    private final EnumSet<Stage> stages = EnumSet.noneOf(Stage.class);
    private Map<Character, Character> leet = DEFAULT_LEET;

    private Builder() {}

    /** Adds stages. */
    public Builder stages(Stage... stages) {
      for (Stage s : stages) {
        this.stages.add(requireNonNull(s, "stage"));
      }
      return this;
    }

    /**
     * Replaces the leetspeak map (and adds the {@link Stage#LEETSPEAK} stage). Keys must be ASCII
     * characters that are not letters; values must be lower-case ASCII letters.
     */
    public Builder leetspeak(Map<Character, Character> map) {
      requireNonNull(map, "map");
      for (Map.Entry<Character, Character> e : map.entrySet()) {
        char k = e.getKey();
        char v = e.getValue();
        if (k >= 128 || Character.isLetter(k) && k != 'l') {
          throw new IllegalArgumentException("leetspeak key must be an ASCII digit or symbol but was '"
              + k + "'");
        }
        if (v < 'a' || v > 'z') {
          throw new IllegalArgumentException("leetspeak value for '" + k
              + "' must be a lower-case ASCII letter but was '" + v + "'");
        }
      }
      this.leet = Map.copyOf(map);
      stages.add(Stage.LEETSPEAK);
      return this;
    }

    /** The normalizer. */
    public Normalizer build() {
      return build(null);
    }

    private Normalizer build(@Nullable String presetName) {
      String name = presetName != null ? presetName
          : stages.isEmpty() ? "none" : stages.toString().toLowerCase(java.util.Locale.ROOT);
      return new Normalizer(name, stages, leet);
    }
  }
}
