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
 * them and each field is first scanned for them, many times faster than RE2/J (up to 64 ASCII literals
 * by one pass over pairs of chars, others by Vigil's term matcher); a field without any is not run
 * through the pattern. Likewise a field without an ASCII digit is skipped when every match needs one
 * ({@code \\d}, {@code [0-9]}: phone-number patterns), or without as many digits in a row as every match
 * holds ({@code \\d{3}[ .-]\\d{4}} holds four). When, besides, a
 * match can span only so many chars (no {@code *}, {@code +} or open {@code {n,}}), the pattern runs only
 * on windows of the field around the literals or digits found (RE2/J simulates an automaton at some tens
 * of megabytes a second; the prefilter reads hundreds). The analysis gives up on syntax it does not
 * fully understand, so it never changes a result, only skips work ({@link #prefilterLiterals()}).
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
  /** Whether every match contains an ASCII digit: a field without one is skipped. */
  private final boolean requiresDigit;
  /** How many ASCII digits in a row every match holds (at least 1 when requiresDigit). */
  private final int digitRun;
  /**
   * The most chars a match spans, when bounded and the prefilter knows what every match contains, else
   * -1. Then the pattern runs only on windows of the field around what the prefilter found.
   */
  private final int maxLength;

  private RegexClassifier(Builder b, Pattern pattern, RegexLiterals.@Nullable Literals literals) {
    this.id = b.id;
    this.category = b.category;
    this.score = b.score;
    this.pattern = pattern;
    this.prefilter = literals == null || literals.strings().isEmpty() ? null : prefilter(literals);
    this.literalScan = prefilter == null ? null
        : AsciiLiteralScan.of(literals.strings(), literals.caseInsensitive());
    this.requiresDigit = literals != null && literals.requiresDigit();
    this.digitRun = literals == null ? 1 : Math.max(1, literals.digitRun());
    this.maxLength = (prefilter != null || requiresDigit) && literals.maxLength() >= 0
        && literals.maxLength() <= MAX_WINDOWED_MATCH ? (int) literals.maxLength() : -1;
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

  /**
   * What the prefilter's scan found in a field: whether anything, and the windows around the finds (the
   * chars a match holding the find can span, and one more on each side for the boundary tests, as start
   * and end pairs). One per
   * thread, so that skipping a field allocates nothing.
   */
  private static final class Finds implements HitHandler {
    boolean found;
    int pad = -1; // -1: only whether anything was found
    int length;
    /** The windows: (from, to) pairs. */
    final IntBuffer windows = new IntBuffer(32);
    /** The literal scan's buffer. */
    final char[] chars = new char[1024];
    final byte[] bytes = new byte[chars.length + 8];

    /**
     * The latest place each find may start a match's required part (a literal's start; for a run of
     * digits, its end minus the digits every match holds), sorted once the scan is done: after a match,
     * the window needs another search only while one of these lies ahead.
     */
    final IntBuffer starts = new IntBuffer(32);

    /** The window of the runs of digits so far that {@link #addRun} has not added yet, or -1. */
    int runFrom = -1;
    int runTo = -1;

    void reset(int pad, int length) {
      this.found = false;
      this.runFrom = -1;
      this.pad = pad;
      this.length = length;
      windows.clear();
      starts.clear();
    }

    /**
     * Adds the window of a run of digits {@code [start, end)} holding at least {@code k}, the digits in a
     * row every match holds: a match lies between the run's start plus k minus the longest match and
     * its end minus k plus the longest match. Runs come in text order: a window that overlaps the last
     * extends it, and {@link #closeRuns} adds the last.
     */
    void addRun(int start, int end, int k) {
      int from = Math.max(0, start + k - pad);
      if (runFrom >= 0 && from > runTo) {
        add(runFrom, runTo);
        runFrom = -1;
      }
      if (runFrom < 0) {
        runFrom = from;
      }
      runTo = (int) Math.min(length, (long) end - k + pad);
      starts.add(end - k);
    }

    void closeRuns() {
      if (runFrom >= 0) {
        add(runFrom, runTo);
        found = true;
        runFrom = -1;
      }
    }

    @Override
    public void onHit(int term, int start, int end) {
      found = true;
      // A match holding this find starts at most pad - 1 chars before its end and ends at most pad - 1
      // chars after its start; a find longer than a match can be is in none.
      if (pad >= 0 && end - start < pad) {
        add(Math.max(0, end - pad), (int) Math.min(length, (long) start + pad));
        starts.add(start);
      }
    }

    /** Adds a window (overlapping ones are merged by {@link #merge}). */
    void add(int from, int to) {
      windows.add(from, to);
    }

    /** The number of windows. */
    int count() {
      return windows.size() / 2;
    }

    /** Sorts the windows by start and merges those that overlap or touch; sorts the starts. */
    void merge() {
      starts.sort();
      IntBuffer w = windows;
      int count = count();
      for (int k = 1; k < count; k++) { // insertion sort: few windows, nearly in order
        int from = w.get(2 * k);
        int to = w.get(2 * k + 1);
        int j = k - 1;
        while (j >= 0 && w.get(2 * j) > from) {
          w.set(2 * j + 2, w.get(2 * j));
          w.set(2 * j + 3, w.get(2 * j + 1));
          j--;
        }
        w.set(2 * j + 2, from);
        w.set(2 * j + 3, to);
      }
      int out = 0;
      for (int k = 0; k < count; k++) {
        int from = w.get(2 * k);
        int to = w.get(2 * k + 1);
        if (out > 0 && from <= w.get(2 * out - 1)) {
          w.set(2 * out - 1, Math.max(w.get(2 * out - 1), to));
        } else {
          w.set(2 * out, from);
          w.set(2 * out + 1, to);
          out++;
        }
      }
      w.truncate(2 * out);
    }
  }

  private static final ThreadLocal<Finds> FINDS = ThreadLocal.withInitial(Finds::new);

  /**
   * Whether {@code text} may hold a match; with {@link #maxLength} set, also the windows a match must
   * lie in, in {@code finds}: every match contains a find (a literal, or a digit) and spans at most
   * maxLength chars, so it starts no earlier than maxLength chars before the find's end and ends no
   * later than maxLength chars after the find's start; one more char on each side keeps the
   * boundary assertions ({@code \b}, {@code ^}, {@code $}) reading what they read in the whole text,
   * and no match can reach a window's edge, so none appears there that the whole text lacks.
   */
  private boolean worthMatching(String text, Finds finds) {
    int pad = maxLength < 0 ? -1 : maxLength + 1;
    finds.reset(pad, text.length());
    if (prefilter == null) {
      if (!requiresDigit) {
        return true;
      }
      return digitWindows(text, finds, pad);
    }
    if (requiresDigit && !hasDigitRun(text, digitRun)) {
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

  /**
   * The finds of a pattern whose only requirement is a run of digits: the runs of at least
   * {@code digitRun} ASCII digits (see {@link Finds#addRun}). With {@code pad} below zero (no longest
   * match known), only whether there is such a run.
   *
   * <p>The text's low bytes are tested eight at a time for a byte that may be a digit (every ASCII
   * digit's low byte is one; a char outside Latin-1 with such a low byte is turned down by the exact
   * test); only those eight chars, and the eight after an open run, are read one by one. Most posts hold
   * few digits: this pass costs a third of a char-by-char one.
   */
  private boolean digitWindows(String text, Finds finds, int pad) {
    int n = text.length();
    int k = digitRun;
    int runStart = -1;
    byte[] bytes = finds.bytes;
    int chunk = finds.chars.length;
    for (int base = 0; base < n; base += chunk) {
      int len = Math.min(chunk, n - base);
      AsciiLiteralScan.lowBytes(text, base, base + len, bytes);
      for (int p = 0; p < len; p += 8) {
        if (runStart < 0 && !AsciiLiteralScan.mayHoldDigit(bytes, p)) {
          continue;
        }
        for (int i = base + p, end = base + Math.min(p + 8, len); i < end; i++) {
          // One unsigned test: two would branch unpredictably on letters.
          if ((char) (text.charAt(i) - '0') <= 9) {
            if (runStart < 0) {
              runStart = i;
            }
            continue;
          }
          if (runStart >= 0 && i - runStart >= k) {
            if (pad < 0) {
              return true;
            }
            finds.addRun(runStart, i, k);
          }
          runStart = -1;
        }
      }
    }
    if (runStart >= 0 && n - runStart >= k) { // a run at the end of the text
      if (pad < 0) {
        return true;
      }
      finds.addRun(runStart, n, k);
    }
    finds.closeRuns();
    return finds.found;
  }

  private static boolean splitsPair(String text, int i) {
    return i > 0 && i < text.length() && Character.isHighSurrogate(text.charAt(i - 1))
        && Character.isLowSurrogate(text.charAt(i));
  }

  /** Whether {@code text} holds {@code k} ASCII digits in a row. */
  private static boolean hasDigitRun(String text, int k) {
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      run = (char) (text.charAt(i) - '0') <= 9 ? run + 1 : 0;
      if (run >= k) {
        return true;
      }
    }
    return false;
  }


  /** A window of a field, as RE2/J's input; reset for each window. */
  private static final class Window implements CharSequence {
    private final String text;
    private int from;
    private int to;

    Window(String text) {
      this.text = text;
    }

    void set(int from, int to) {
      this.from = from;
      this.to = to;
    }

    @Override
    public int length() {
      return to - from;
    }

    @Override
    public char charAt(int index) {
      return text.charAt(from + index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.subSequence(from + start, from + end);
    }

    @Override
    public String toString() {
      return text.substring(from, to);
    }
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
    Finds finds = FINDS.get();
    for (int f = 0; f < fields; f++) {
      String text = content.fieldText(f);
      if (text.isEmpty() || !worthMatching(text, finds)) {
        continue;
      }
      // Without windows, the whole field is one range, read straight from the string.
      Window view = maxLength < 0 ? null : new Window(text);
      int ranges = view == null ? 1 : finds.count();
      Matcher m = null;
      int ahead = 0; // the first of finds.starts not behind the last match
      for (int w = 0; w < ranges; w++) {
        int from = 0;
        int to = text.length();
        CharSequence input = text;
        if (view != null) {
          from = finds.windows.get(2 * w);
          to = finds.windows.get(2 * w + 1);
          view.set(from, to);
          input = view;
        }
        m = m == null ? pattern.matcher(input) : m.reset(input);
        while (m.find()) {
          int start = from + m.start();
          int end = from + m.end();
          // Empty matches are no evidence. After one, RE2/J steps a single char on, into a surrogate
          // pair, and may then match its second half alone: not a match of the text's code points.
          if (start != end && !splitsPair(text, start) && !splitsPair(text, end)) {
            count++;
            if (evidence == null) {
              evidence = new ArrayList<>(4);
            }
            if (evidence.size() < Signal.MAX_EVIDENCE) {
              evidence.add(Evidence.of(content.fieldName(f), text, start, end, id, category));
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
          RegexLiterals.analyze(tree, (flags & Pattern.CASE_INSENSITIVE) != 0));
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
