package dev.vigil.text;

import static java.util.Objects.requireNonNull;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.vigil.Classifier;
import dev.vigil.Content;
import dev.vigil.Evidence;
import dev.vigil.Signal;
import dev.vigil.internal.RegexLiterals;
import dev.vigil.internal.RegexSize;
import java.util.ArrayList;
import java.util.List;
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
 * them and each field is first scanned for them with Vigil's term matcher, many times faster than RE2/J;
 * a field without any is not run through the pattern. Likewise a field without an ASCII digit is skipped
 * when every match needs one ({@code \\d}, {@code [0-9]}: phone-number patterns). The analysis gives up
 * on syntax it does not fully understand, so it never changes a result, only skips work
 * ({@link #prefilterLiterals()}).
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
  /** Whether every match contains an ASCII digit: a field without one is skipped. */
  private final boolean requiresDigit;

  private RegexClassifier(Builder b, Pattern pattern, RegexLiterals.@Nullable Literals literals) {
    this.id = b.id;
    this.category = b.category;
    this.score = b.score;
    this.pattern = pattern;
    this.prefilter = literals == null || literals.strings().isEmpty() ? null : prefilter(literals);
    this.requiresDigit = literals != null && literals.requiresDigit();
  }

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

  /** Set by the prefilter's scan; one per thread, so that skipping a field allocates nothing. */
  private static final class Found implements HitHandler {
    boolean found;

    @Override
    public void onHit(int term, int start, int end) {
      found = true;
    }
  }

  private static final ThreadLocal<Found> FOUND = ThreadLocal.withInitial(Found::new);

  private static boolean hasAsciiDigit(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        return true;
      }
    }
    return false;
  }

  private boolean worthMatching(String text) {
    if (requiresDigit && !hasAsciiDigit(text)) {
      return false;
    }
    if (prefilter == null) {
      return true;
    }
    Found f = FOUND.get();
    f.found = false;
    prefilter.match(text, f);
    return f.found;
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

  /** The category reported in evidence. */
  public String category() {
    return category;
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
    List<Evidence> evidence = null;
    int count = 0;
    for (int f = 0; f < fields; f++) {
      String text = content.fieldText(f);
      if (text.isEmpty() || !worthMatching(text)) {
        continue;
      }
      Matcher m = pattern.matcher(text);
      while (m.find()) {
        int start = m.start();
        int end = m.end();
        if (start == end) {
          continue;
        }
        count++;
        if (evidence == null) {
          evidence = new ArrayList<>(4);
        }
        if (evidence.size() < Signal.MAX_EVIDENCE) {
          evidence.add(Evidence.of(content.fieldName(f), text, start, end, id, category));
        }
      }
    }
    return count == 0 ? Signal.notMatched() : Signal.of(score, evidence, count);
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
     *     lacks, or is too large
     */
    public RegexClassifier build() {
      if (source.length() > MAX_PATTERN_LENGTH) {
        throw new IllegalArgumentException("regex '" + id + "' is " + source.length()
            + " chars long; the limit is " + MAX_PATTERN_LENGTH);
      }
      long estimate = RegexSize.estimate(source);
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
          RegexLiterals.analyze(source, (flags & Pattern.CASE_INSENSITIVE) != 0));
    }
  }

  private static TermMatcher prefilter(RegexLiterals.Literals literals) {
    TermMatcher.Builder b = TermMatcher.builder().normalizer(literals.caseInsensitive()
        ? Normalizer.builder().stages(Normalizer.Stage.CASE_FOLDING).build() : Normalizer.none());
    for (String literal : literals.strings()) {
      b.add(new Term(literal, literal, "prefilter", 1.0, MatchMode.ANYWHERE));
    }
    return b.build();
  }
}
