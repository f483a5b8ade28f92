package dev.vigil.text;

import static java.util.Objects.requireNonNull;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.vigil.Classifier;
import dev.vigil.Content;
import dev.vigil.Evidence;
import dev.vigil.Signal;
import dev.vigil.internal.IntBuffer;
import dev.vigil.internal.PerThread;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A classifier that matches a regular expression against every field of the content, in time linear in
 * the length of the text whatever the pattern.
 *
 * <p>Content is written by attackers, and backtracking engines such as {@code java.util.regex} take
 * exponential time on patterns like {@code (a+)+$} against {@code "aaaa...a!"}: a denial-of-service hole.
 * This classifier runs on <a href="https://github.com/google/re2j">RE2/J</a>, an automaton-based engine
 * with a linear-time guarantee. The price is RE2's syntax, which lacks:
 * <ul>
 *   <li>backreferences ({@code \1}) and lookaround ({@code (?=...)}, {@code (?<!...)}): rejected when
 *       the classifier is built;
 *   <li>Unicode word boundaries: {@code \b} and {@code \w} are ASCII-only, so {@code \bcafé\b} does not
 *       match as expected; use {@code \p{L}} classes, or Vigil's term matcher for whole words;
 *   <li>possessive quantifiers and atomic groups (unneeded: nothing backtracks).
 * </ul>
 *
 * <p><b>Size cap.</b> Linear time is linear in the text <em>times the size of the compiled program</em>:
 * RE2/J compiles {@code (a{1000}){1000}} to a million instructions and then crawls, and nesting one more
 * level exhausts the heap while compiling. The builder therefore estimates the program size before
 * compiling, checks the real size after, and rejects patterns over {@link Builder#maxProgramSize(int)}
 * (default {@value #DEFAULT_MAX_PROGRAM_SIZE} instructions) or longer than
 * {@value #MAX_PATTERN_LENGTH} chars.
 *
 * <p><b>Score and evidence.</b> The score is {@link Builder#score(double)} (default 1) when the pattern
 * matches anywhere in any field, else zero. Every non-empty match is evidence, with offsets into the
 * original text (empty matches are ignored). The outcome is not applicable when the content has no
 * fields; restrict the classifier to one field with {@link Classifier#onField(String)}.
 *
 * <p><b>Prefilter.</b> When every match must contain one of a few literal strings ({@code guaranteed}
 * or {@code double your} in {@code \\b(guaranteed returns|double your money)\\b}), the builder finds
 * them and each field is first scanned for them, many times faster than RE2/J (up to 64 ASCII literals
 * by one pass over pairs of chars, others by Vigil's term matcher); a field without any is not run
 * through the pattern. Likewise a field without an ASCII digit is skipped when every match needs one
 * ({@code \\d}, {@code [0-9]}: phone-number patterns), or without as many digits in a row as every match
 * holds ({@code \\d{3}[ .-]\\d{4}} holds four). When, besides, a
 * match can span only so many chars (no {@code *}, {@code +} or open {@code {n,}}), the pattern runs only
 * on windows of the field around the literals or digits found (RE2/J simulates an automaton at some tens
 * of megabytes a second; the prefilter reads hundreds). The analysis gives up on syntax it does not
 * fully understand, so it never changes a result, only skips work ({@link #prefilterLiterals()}).
 * A pattern that is only a choice of literal strings, optionally between word boundaries
 * ({@code (?i)\b(idiot|moron|loser)s?\b}), is not run through RE2/J at all over the text itself:
 * its windows are compared with those strings in RE2's order of preference, with RE2's case folding
 * and word boundaries, which gives RE2's matches for a fraction of the cost.
 *
 * <p><b>Normalized text.</b> With {@link Builder#normalizer(Normalizer)} the pattern runs over the
 * normalized form of each field, the same stages as a term list's ({@link Normalizer}), so "gift\u200B
 * cards", a Cyrillic "gіft" and "ｇｉｆｔ" are all "gift cards" to {@code gift cards?}. A pattern is written
 * against the normalized form, and each stage changes what it can see:
 * <ul>
 *   <li>{@code COMPATIBILITY}: fullwidth, mathematical and circled letters, ligatures and wide spaces
 *       are plain letters and spaces; a class such as {@code [ａ-ｚ]} never matches.
 *   <li>{@code CASE_FOLDING}: the text is lower case (full folding: {@code ß} is {@code ss}); upper-case
 *       letters in a pattern never match, so write patterns in lower case ({@code (?i)} costs nothing
 *       more, but is not needed).
 *   <li>{@code DIACRITICS}: marks are gone: {@code café} reads {@code cafe}, and {@code \p{M}} never
 *       matches.
 *   <li>{@code LOOKALIKES}: look-alike letters of other scripts are Latin: {@code \p{Cyrillic}} no longer
 *       finds a Cyrillic {@code а} (use {@code text.mixed-scripts} to see the mix itself).
 *   <li>{@code INVISIBLES}: zero-width characters, soft hyphens and bidi controls are gone.
 *   <li>{@code LEETSPEAK}: digits and symbols next to letters are letters ({@code g1ft} is {@code gift},
 *       and {@code l} is always {@code i}: write {@code iink}, or {@code [il]}, for "link"); digits
 *       alone stay digits, so {@code \d{3}} still finds numbers.
 *   <li>{@code SEPARATORS}: chains of single letters lose their separators ({@code p a y},
 *       {@code p.a.y} read {@code pay}).
 *   <li>{@code REPEATS}: no effect on a pattern: the normalized form keeps every letter of a run, since a
 *       pattern says {@code o+} for a run of o.
 *   <li>{@code WHITESPACE}: a run of whitespace is one space: {@code " "} is enough between words.
 * </ul>
 * Evidence still points at the original text: the chars of the original that the matched normalized
 * chars came from, whole characters always. Prefilter literals are looked for in the normalized form
 * too, by the term matcher with the same normalizer; the windows around them are not used (a match's
 * length in the original is unbounded: invisibles between its letters). The default normalizer is
 * {@link Normalizer#none()}: the pattern sees the text as written.
 *
 * <p><b>Categories by group.</b> With {@link Builder#categoriesFromGroups()}, the evidence of a match
 * takes its category from the first named group that took part in it: in
 * {@code (?P<scam>gift cards?)|(?P<threat>kill you)} a match of "kill you" is {@code threat} evidence,
 * and a policy that splits the signal by evidence ({@code SignalOptions#splitByEvidence}) counts it
 * there. A match without a named group keeps {@link #category()}.
 *
 * <p>Immutable and thread safe.
 */
public final class RegexClassifier implements Classifier {
  /** The default cap on the compiled program's size, in RE2/J instructions. */
  public static final int DEFAULT_MAX_PROGRAM_SIZE = 20_000;
  /** The longest pattern accepted, in chars. */
  public static final int MAX_PATTERN_LENGTH = 20_000;

  private final String id;
  private final String category;
  private final double score;
  private final Pattern pattern;
  /** Literals one of which every match contains; a field without any is skipped. Null: none known. */
  private final @Nullable TermMatcher prefilter;
  /** The same literals found with vectorized look-ups, when few and ASCII; null otherwise. */
  private final @Nullable AsciiLiteralScan literalScan;
  /**
   * Over normalized text: the literals' longest pieces without whitespace, found case-insensitively in
   * an ASCII field's original chars, when the reading normalizer only lower-cases ASCII (and folds
   * whitespace), so that a piece is in the normalized form exactly where it is in the original; null
   * otherwise (the term matcher then reads the original through the normalizer).
   */
  private final @Nullable AsciiLiteralScan normalizedLiteralScan;
  /** Whether every match contains an ASCII digit: a field without one is skipped. */
  private final boolean requiresDigit;
  /** How many ASCII digits in a row every match holds (at least 1 when requiresDigit). */
  private final int digitRun;
  /**
   * The most chars a match spans, when bounded and the prefilter knows what every match contains, else
   * -1. Then the pattern runs only on windows of the field around what the prefilter found.
   */
  private final int maxLength;
  /** The normalizer the pattern reads through, as given. */
  private final Normalizer normalizer;
  /** The normalized form's reader (the normalizer without repeats), or null to read the text itself. */
  private final @Nullable Normalizer reading;
  private final @Nullable PerThread<RegexNormalization.Reader> normalized;
  /**
   * With categories from groups: the named groups' numbers in order, and their names; otherwise null.
   */
  private final int @Nullable [] groupNumbers;
  private final String @Nullable [] groupNames;
  /**
   * The pattern as a choice of literal strings, matched without RE2/J, when it is one, reads the text
   * itself and takes its category from no group; null otherwise.
   */
  private final @Nullable LiteralChoice choice;

  private RegexClassifier(Builder b, Pattern pattern, RegexLiterals.@Nullable Literals literals,
      @Nullable LiteralChoice choice) {
    this.id = b.id;
    this.category = b.category;
    this.score = b.score;
    this.pattern = pattern;
    this.normalizer = b.normalizer;
    this.reading = b.normalizer.isIdentity() ? null : b.normalizer.withoutRepeats();
    Normalizer read = reading;
    this.normalized = read == null ? null
        : new PerThread<>(() -> new RegexNormalization.Reader(read));
    boolean hasLiterals = literals != null && !literals.strings().isEmpty()
        && (read == null || RegexNormalization.fixedUnder(read, literals.strings()));
    this.prefilter = hasLiterals ? prefilter(literals, read) : null;
    this.literalScan = prefilter == null || read != null ? null
        : AsciiLiteralScan.of(literals.strings(), literals.caseInsensitive());
    this.normalizedLiteralScan =
        prefilter == null || read == null || !RegexNormalization.readsAsciiLowerCased(read) ? null
            : RegexNormalization.asciiPieces(literals.strings());
    this.requiresDigit = literals != null && literals.requiresDigit();
    this.digitRun = literals == null ? 1 : Math.max(1, literals.digitRun());
    this.maxLength = (prefilter != null || requiresDigit) && literals.maxLength() >= 0
        && literals.maxLength() <= MAX_WINDOWED_MATCH ? (int) literals.maxLength() : -1;
    if (b.groupCategories && !pattern.namedGroups().isEmpty()) {
      TreeMap<Integer, String> byNumber = new TreeMap<>();
      pattern.namedGroups().forEach((name, number) -> byNumber.put(number, name));
      this.groupNumbers = byNumber.keySet().stream().mapToInt(Integer::intValue).toArray();
      this.groupNames = byNumber.values().toArray(new String[0]);
    } else {
      this.groupNumbers = null;
      this.groupNames = null;
    }
    this.choice = reading == null && groupNumbers == null ? choice : null;
  }

  /** Whether matches are found without RE2/J: the pattern is a choice of literals (for tests). */
  boolean matchesLiteralChoice() {
    return choice != null;
  }

  /** Beyond this bound on a match's length, windows would cover most texts anyway. */
  private static final int MAX_WINDOWED_MATCH = 1000;

  /** The literals that select the fields worth running the pattern on, or an empty list if none. */
  public List<String> prefilterLiterals() {
    if (prefilter == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Term t : prefilter.terms()) {
      out.add(t.text());
    }
    return out;
  }

  private static final ThreadLocal<RegexFinds> FINDS = ThreadLocal.withInitial(RegexFinds::new);

  /**
   * Whether {@code text} may hold a match; with {@link #maxLength} set, also the windows a match must
   * lie in, in {@code finds}: every match contains a find (a literal, or a digit) and spans at most
   * maxLength chars, so it starts no earlier than maxLength chars before the find's end and ends no
   * later than maxLength chars after the find's start; one more char on each side keeps the
   * boundary assertions ({@code \b}, {@code ^}, {@code $}) reading what they read in the whole text,
   * and no match can reach a window's edge, so none appears there that the whole text lacks.
   */
  private boolean worthMatching(String text, RegexFinds finds) {
    int pad = maxLength < 0 ? -1 : maxLength + 1;
    finds.reset(pad, text.length());
    if (prefilter == null) {
      if (!requiresDigit) {
        return true;
      }
      return finds.digitRuns(text, digitRun);
    }
    if (requiresDigit && !RegexFinds.hasDigitRun(text, digitRun)) {
      return false;
    }
    if (literalScan == null || !literalScan.find(text, finds.chars, finds.bytes, finds)) {
      prefilter.match(text, finds);
    }
    if (pad >= 0) {
      finds.merge();
    }
    return finds.found;
  }

  private static boolean splitsPair(CharSequence text, int i) {
    return i > 0 && i < text.length() && Character.isHighSurrogate(text.charAt(i - 1))
        && Character.isLowSurrogate(text.charAt(i));
  }

  /**
   * A classifier with rule id {@code id} (also its name) that scores 1 on any match of {@code pattern}
   * and labels its evidence with {@code category}: {@code RegexClassifier.of("links", "spam",
   * "(?i)https?://\\S+")}. For the other options, {@link #builder}.
   *
   * @throws IllegalArgumentException if the pattern is invalid or too large to run fast
   */
  public static RegexClassifier of(String id, String category, String pattern) {
    return builder(id, pattern).category(category).build();
  }

  /**
   * A builder for a classifier with rule id {@code id} (also its name) and the given pattern.
   */
  public static Builder builder(String id, String pattern) {
    return new Builder(id, pattern);
  }

  @Override
  public String name() {
    return id;
  }

  @Override
  public String expression() {
    return "regex(" + id + ")";
  }

  /** The pattern, as given. */
  public String pattern() {
    return pattern.pattern();
  }

  /** The category reported in evidence (of matches without a named group, with categories by group). */
  public String category() {
    return category;
  }

  /**
   * The categories this classifier's evidence may name: {@link #category()}, and with categories from
   * groups the names of the pattern's named groups.
   */
  public List<String> evidenceCategories() {
    List<String> out = new ArrayList<>();
    out.add(category);
    if (groupNames != null) {
      for (String g : groupNames) {
        if (!out.contains(g)) {
          out.add(g);
        }
      }
    }
    return List.copyOf(out);
  }

  /** The normalizer the pattern reads the text through ({@link Normalizer#none()} unless set). */
  public Normalizer normalizer() {
    return normalizer;
  }

  /** The compiled program's size in RE2/J instructions. */
  public int programSize() {
    return pattern.programSize();
  }

  @Override
  public Signal classify(Content content) {
    int fields = content.fieldCount();
    if (fields == 0) {
      return Signal.notApplicable();
    }
    if (normalized == null) {
      return classify(content, null);
    }
    RegexNormalization.Reader n = normalized.acquire();
    try {
      return classify(content, n);
    } finally {
      normalized.release(n);
    }
  }

  /**
   * Matches each field worth it, over the text itself or (with {@code n}) over its normalized form; in
   * the windows around the prefilter's finds when a match's length is bounded, else over all of it.
   */
  private Signal classify(Content content, RegexNormalization.@Nullable Reader n) {
    List<Evidence> evidence = null;
    int count = 0;
    RegexFinds finds = FINDS.get();
    for (int f = 0; f < content.fieldCount(); f++) {
      String text = content.fieldText(f);
      if (text.isEmpty()
          || !(n == null ? worthMatching(text, finds) : worthMatchingNormalized(text, n, finds))) {
        continue;
      }
      NormalizedText norm = n == null ? null : n.text;
      CharSequence read = norm == null ? text : norm;
      // Without windows, the whole field is one range, read straight from the string. A literal
      // choice reads the string itself, windowed or not.
      boolean windowed = maxLength >= 0;
      RegexWindow view = windowed && choice == null ? new RegexWindow(read) : null;
      int ranges = windowed ? finds.count() : 1;
      Matcher m = null;
      int ahead = 0; // the first of finds.starts not behind the last match
      for (int w = 0; w < ranges; w++) {
        int from = windowed ? finds.windows.get(2 * w) : 0;
        int to = windowed ? finds.windows.get(2 * w + 1) : read.length();
        CharSequence input = read;
        if (view != null) {
          view.set(from, to);
          input = view;
        }
        if (choice != null) {
          // The same matches as RE2/J's below, found by comparing the few strings the pattern is.
          for (int p = from; p < to; ) {
            int end = choice.matchAt(text, p);
            if (end < 0) {
              p++;
              continue;
            }
            count++;
            if (evidence == null) {
              evidence = new ArrayList<>(4);
            }
            if (evidence.size() < Signal.MAX_EVIDENCE) {
              evidence.add(Evidence.of(content.fieldName(f), text, p, end, id, category));
            }
            p = end;
          }
          continue;
        }
        m = m == null ? pattern.matcher(input) : m.reset(input);
        while (m.find()) {
          int start = from + m.start();
          int end = from + m.end();
          // Empty matches are no evidence. After one, RE2/J steps a single char on, into a surrogate
          // pair, and may then match its second half alone: not a match of the text's code points.
          if (start != end && !splitsPair(read, start) && !splitsPair(read, end)) {
            count++;
            if (evidence == null) {
              evidence = new ArrayList<>(4);
            }
            if (evidence.size() < Signal.MAX_EVIDENCE) {
              // Over normalized text, the evidence is the original chars the matched ones came from.
              evidence.add(norm == null
                  ? Evidence.of(content.fieldName(f), text, start, end, id, categoryOf(m))
                  : Evidence.of(content.fieldName(f), text, norm.from(start), norm.to(end - 1), id,
                      categoryOf(m)));
            }
          }
          if (view != null) {
            // A later match starts at or after this one's end and holds a find's required part: with
            // none of those left in the window, a search for it would only read the rest in vain.
            while (ahead < finds.starts.size() && finds.starts.get(ahead) < end) {
              ahead++;
            }
            if (ahead == finds.starts.size() || finds.starts.get(ahead) >= to) {
              break;
            }
          }
        }
      }
    }
    return count == 0 ? Signal.notMatched() : Signal.of(score, evidence, count);
  }

  /**
   * Like {@link #worthMatching}, for the normalized form, which it puts in {@code n}; windows are in
   * normalized chars. The prefilter's term matcher reads the original through the same normalizer.
   */
  private boolean worthMatchingNormalized(String text, RegexNormalization.Reader n,
      RegexFinds finds) {
    int pad = maxLength < 0 ? -1 : maxLength + 1;
    // Once per field and thread for all regexes with this normalizer (the memo): normalized, or found to
    // read as itself lower-cased.
    NormalizedText norm = n.form(text);
    if (norm.isLowerCasedView()) {
      // Most texts: the normalized form is the text lower-cased char for char, at the same offsets, so
      // the plain path's scans find the windows on the text itself (the literals' pieces ignoring case).
      finds.reset(pad, text.length());
      if (prefilter == null) {
        return !requiresDigit || finds.digitRuns(text, digitRun);
      }
      if (requiresDigit && !RegexFinds.hasDigitRun(text, digitRun)) {
        return false;
      }
      if (normalizedLiteralScan == null
          || !normalizedLiteralScan.find(text, finds.chars, finds.bytes, finds)) {
        prefilter.match(text, finds);
      }
      if (pad >= 0) {
        finds.merge();
      }
      return finds.found;
    }
    if (prefilter != null) {
      n.hits.pairs.clear();
      if (normalizedLiteralScan == null || !isAscii(text)
          || !normalizedLiteralScan.find(text, finds.chars, finds.bytes, n.hits)) {
        prefilter.match(text, n.hits);
      }
      if (n.hits.pairs.isEmpty()) {
        return false;
      }
      if (requiresDigit && !norm.hasDigitRun(digitRun)) {
        return false;
      }
      finds.reset(pad, norm.length());
      IntBuffer hits = n.hits.pairs;
      for (int h = 0; h < hits.size(); h += 2) {
        finds.onHit(0, norm.indexAt(hits.get(h)), norm.indexAt(hits.get(h + 1)));
      }
      if (pad >= 0) {
        finds.merge();
      }
      return true;
    }
    finds.reset(pad, norm.length());
    // Texts outside ASCII, or with runs of whitespace: the normalized chars, copied for the digit scan.
    return !requiresDigit || finds.digitRuns(norm.toString(), digitRun);
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** The category of the current match: its first named group's, with categories from groups. */
  private String categoryOf(Matcher m) {
    int[] numbers = groupNumbers;
    if (numbers != null) {
      for (int g = 0; g < numbers.length; g++) {
        if (m.start(numbers[g]) >= 0) {
          return groupNames[g];
        }
      }
    }
    return category;
  }

  @Override
  public String toString() {
    return expression();
  }

  /** Builds a {@link RegexClassifier}. Not thread safe. */
  public static final class Builder {
    private final String id;
    private final String source;
    private String category = "default";
    private double score = 1.0;
    private int flags;
    private int maxProgramSize = DEFAULT_MAX_PROGRAM_SIZE;
    private Normalizer normalizer = Normalizer.none();
    private boolean groupCategories;

    private Builder(String id, String pattern) {
      this.id = requireNonNull(id, "id");
      this.source = requireNonNull(pattern, "pattern");
      if (id.isBlank()) {
        throw new IllegalArgumentException("regex rule id must not be blank but was '" + id + "'");
      }
    }

    /** The category reported in evidence; {@code "default"} unless set. */
    public Builder category(String category) {
      this.category = requireNonNull(category, "category");
      return this;
    }

    /** The score when the pattern matches, in (0, 1]; default 1. */
    public Builder score(double score) {
      if (!(score > 0.0 && score <= 1.0)) {
        throw new IllegalArgumentException(
            "score of regex '" + id + "' must be in (0, 1] but was " + score);
      }
      this.score = score;
      return this;
    }

    /** Match without regard to case (Unicode simple case folding). */
    public Builder caseInsensitive() {
      flags |= Pattern.CASE_INSENSITIVE;
      return this;
    }

    /**
     * Runs the pattern over the normalized form of the text (see the class comment for what each stage
     * means for a pattern); {@link Normalizer#none()} unless set.
     */
    public Builder normalizer(Normalizer normalizer) {
      this.normalizer = requireNonNull(normalizer, "normalizer");
      return this;
    }

    /**
     * Takes the category of each match's evidence from the first named group that took part in it
     * ({@code (?P<threat>...)}); a match without one keeps {@link #category(String)}.
     */
    public Builder categoriesFromGroups() {
      this.groupCategories = true;
      return this;
    }

    /** The largest compiled program accepted, in RE2/J instructions. */
    public Builder maxProgramSize(int maxProgramSize) {
      if (maxProgramSize < 1) {
        throw new IllegalArgumentException(
            "maxProgramSize of regex '" + id + "' must be positive but was " + maxProgramSize);
      }
      this.maxProgramSize = maxProgramSize;
      return this;
    }

    /**
     * Compiles the pattern.
     *
     * @throws IllegalArgumentException naming the rule when the pattern is invalid, uses syntax RE2/J
     *     lacks, is too large, or nests groups and repetitions more than 250 deep
     */
    public RegexClassifier build() {
      if (source.length() > MAX_PATTERN_LENGTH) {
        throw new IllegalArgumentException("regex '" + id + "' is " + source.length()
            + " chars long; the limit is " + MAX_PATTERN_LENGTH);
      }
      RegexSyntax.Pattern tree = RegexSyntax.read(source);
      if (tree.tooDeep()) {
        throw new IllegalArgumentException("regex '" + id + "' nests groups or repetitions more than "
            + RegexSyntax.MAX_DEPTH + " deep");
      }
      long estimate = RegexSize.estimate(tree);
      if (estimate > maxProgramSize) {
        throw new IllegalArgumentException("regex '" + id + "' is too large to run fast: its repetitions"
            + " expand to about " + estimate + " instructions, over the limit of " + maxProgramSize
            + " (nested counted repetitions such as (a{1000}){1000} multiply)");
      }
      Pattern p;
      try {
        p = Pattern.compile(source, flags);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("regex '" + id + "' is invalid: " + e.getMessage()
            + " (RE2 syntax: no backreferences or lookaround)", e);
      }
      if (p.programSize() > maxProgramSize) {
        throw new IllegalArgumentException("regex '" + id + "' is too large to run fast: "
            + p.programSize() + " instructions, over the limit of " + maxProgramSize);
      }
      return new RegexClassifier(this, p,
          RegexLiterals.analyze(tree, (flags & Pattern.CASE_INSENSITIVE) != 0),
          LiteralChoice.of(tree, flags));
    }
  }

  /**
   * The term matcher that finds the literals: in the text itself, or through the reading normalizer
   * (with case folding added for a case-insensitive pattern).
   */
  private static TermMatcher prefilter(RegexLiterals.Literals literals, @Nullable Normalizer reading) {
    Normalizer n;
    if (reading == null) {
      n = literals.caseInsensitive()
          ? Normalizer.builder().stages(Normalizer.Stage.CASE_FOLDING).build() : Normalizer.none();
    } else if (literals.caseInsensitive() && !reading.stages().contains(Normalizer.Stage.CASE_FOLDING)) {
      Normalizer.Builder nb = Normalizer.builder().stages(reading.stages().toArray(new Normalizer.Stage[0]))
          .stages(Normalizer.Stage.CASE_FOLDING);
      if (reading.stages().contains(Normalizer.Stage.LEETSPEAK)) {
        nb.leetspeak(reading.leetMap());
      }
      n = nb.build();
    } else {
      n = reading;
    }
    TermMatcher.Builder b = TermMatcher.builder().normalizer(n);
    for (String literal : literals.strings()) {
      b.add(new Term(literal, literal, "prefilter", 1.0, MatchMode.ANYWHERE));
    }
    return b.build();
  }
}
