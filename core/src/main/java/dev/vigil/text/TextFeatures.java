package dev.vigil.text;

import static dev.vigil.text.FeatureChars.CASES;
import static dev.vigil.text.FeatureChars.CLASSES;
import static dev.vigil.text.FeatureChars.DIGIT;
import static dev.vigil.text.FeatureChars.INVISIBLE;
import static dev.vigil.text.FeatureChars.LATIN;
import static dev.vigil.text.FeatureChars.LETTER;
import static dev.vigil.text.FeatureChars.LOOKALIKE;
import static dev.vigil.text.FeatureChars.LOWER;
import static dev.vigil.text.FeatureChars.MARK;
import static dev.vigil.text.FeatureChars.SPACE;
import static dev.vigil.text.FeatureChars.UPPER;
import static dev.vigil.text.FeatureChars.caseOf;
import static dev.vigil.text.FeatureChars.classesOf;
import static dev.vigil.text.FeatureChars.isEmoji;

import dev.vigil.Classifier;
import dev.vigil.Content;
import dev.vigil.Evidence;
import dev.vigil.Signal;
import java.util.ArrayList;
import java.util.List;

/**
 * Signals from the shape of the text: shouting, runs of repeated characters, emoji density, scripts
 * mixed inside one word, invisible characters and digit share. Evasion and spam show in the shape as
 * much as in the words.
 *
 * <p>Each feature measures a number per field and scores it with a linear ramp: zero at or below
 * {@code low}, one at or above {@code high}, proportional in between; the signal's score is the
 * highest over the fields. Fields shorter than the feature's minimum are not scored (short texts such
 * as "OK" or "USA" are not shouting). Change the thresholds with {@link TextFeature#between} and
 * {@link TextFeature#minimum}. Evidence spans point at what was measured, in the original text (at most
 * {@value #MAX_EVIDENCE_CHARS} chars of it).
 *
 * <table>
 *   <caption>Features and their defaults</caption>
 *   <tr><th>feature</th><th>measure</th><th>low, high</th><th>minimum</th></tr>
 *   <tr><td>{@link #shouting()}</td><td>share of upper-case among cased letters</td><td>0.5, 0.9</td>
 *       <td>12 cased letters</td></tr>
 *   <tr><td>{@link #repeatedCharacters()}</td><td>longest run of one character (not whitespace)</td>
 *       <td>4, 10</td><td>none</td></tr>
 *   <tr><td>{@link #emojiDensity()}</td><td>share of emoji among non-space code points</td>
 *       <td>0.2, 0.6</td><td>5 code points</td></tr>
 *   <tr><td>{@link #mixedScripts()}</td><td>words mixing Latin with Cyrillic, Greek, Armenian or
 *       Cherokee letters (a homoglyph attack)</td><td>0, 1</td><td>none</td></tr>
 *   <tr><td>{@link #invisibles()}</td><td>invisible characters between two letters</td><td>0, 3</td>
 *       <td>none</td></tr>
 *   <tr><td>{@link #digitShare()}</td><td>share of digits among letters and digits</td>
 *       <td>0.3, 0.8</td><td>8 letters and digits</td></tr>
 * </table>
 *
 * <p>All features are immutable and thread safe, allocate only when they find something, and are not
 * applicable to content without fields.
 */
public final class TextFeatures {
  private TextFeatures() {}

  /** Shouting: the share of upper-case letters among letters that have case. */
  public static TextFeature shouting() {
    return new TextFeature(Kind.SHOUTING, "shouting", 0.5, 0.9, 12);
  }

  /** The longest run of one repeated character, such as "!!!!!!" or "sooooo" (whitespace excluded). */
  public static TextFeature repeatedCharacters() {
    return new TextFeature(Kind.REPEATS, "repeated-characters", 4, 10, 0);
  }

  /** The share of emoji among the code points that are not whitespace. */
  public static TextFeature emojiDensity() {
    return new TextFeature(Kind.EMOJI, "emoji-density", 0.2, 0.6, 5);
  }

  /** Words whose letters mix Latin with Cyrillic, Greek, Armenian or Cherokee: a homoglyph sign. */
  public static TextFeature mixedScripts() {
    return new TextFeature(Kind.MIXED_SCRIPTS, "mixed-scripts", 0, 1, 0);
  }

  /** Invisible characters (zero-width, soft hyphen, bidi controls, ...) standing between letters. */
  public static TextFeature invisibles() {
    return new TextFeature(Kind.INVISIBLES, "invisibles", 0, 3, 0);
  }

  /** The share of digits among letters and digits. */
  public static TextFeature digitShare() {
    return new TextFeature(Kind.DIGITS, "digit-share", 0.3, 0.8, 8);
  }

  enum Kind {
    SHOUTING, REPEATS, EMOJI, MIXED_SCRIPTS, INVISIBLES, DIGITS
  }

  /**
   * The longest evidence span a feature reports: longer stretches (a run of a million dots) are
   * reported by their first {@value} chars.
   */
  public static final int MAX_EVIDENCE_CHARS = 200;

  /** One text feature as a classifier; see {@link TextFeatures}. Immutable. */
  public static final class TextFeature implements Classifier {
    private final Kind kind;
    private final String name;
    private final double low;
    private final double high;
    private final int minimum;

    TextFeature(Kind kind, String name, double low, double high, int minimum) {
      this.kind = kind;
      this.name = name;
      this.low = low;
      this.high = high;
      this.minimum = minimum;
    }

    /**
     * This feature with another ramp: score 0 at or below {@code low}, 1 at or above {@code high}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= low < high}, both finite
     */
    public TextFeature between(double low, double high) {
      if (!(low >= 0 && low < high && high < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException(
            name + " needs 0 <= low < high but low was " + low + " and high " + high);
      }
      return new TextFeature(kind, name, low, high, minimum);
    }

    /** This feature with another minimum size of field below which it does not score. */
    public TextFeature minimum(int minimum) {
      if (minimum < 0) {
        throw new IllegalArgumentException(name + " minimum must be >= 0 but was " + minimum);
      }
      return new TextFeature(kind, name, low, high, minimum);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String expression() {
      return name + "(" + low + ".." + high + ")";
    }

    @Override
    public String toString() {
      return expression();
    }

    @Override
    public Signal classify(Content content) {
      int fields = content.fieldCount();
      if (fields == 0) {
        return Signal.notApplicable();
      }
      double best = 0.0;
      List<Evidence> evidence = null;
      int count = 0;
      for (int f = 0; f < fields; f++) {
        String text = content.fieldText(f);
        Measure m = measure(text);
        if (m == null) {
          continue;
        }
        double score = ramp(m.value);
        if (score <= 0.0) {
          continue;
        }
        best = Math.max(best, score);
        for (int i = 0; i < m.spans.size(); i += 2) {
          count++;
          if (evidence == null) {
            evidence = new ArrayList<>(2);
          }
          if (evidence.size() < Signal.MAX_EVIDENCE) {
            int start = m.spans.get(i);
            // A run can be megabytes long (an attacker's input): the evidence points at its start
            // rather than copying it whole.
            int end = Math.min(m.spans.get(i + 1), start + MAX_EVIDENCE_CHARS);
            end = Evidence.splitsSurrogatePair(text, end) ? end - 1 : end;
            evidence.add(Evidence.of(content.fieldName(f), text, start, end, name, "text-feature"));
          }
        }
      }
      return best == 0.0 ? Signal.notMatched()
          : Signal.of(best, evidence == null ? List.of() : evidence, count);
    }

    private double ramp(double x) {
      if (x <= low) {
        return 0.0;
      }
      return x >= high ? 1.0 : (x - low) / (high - low);
    }

    /** The measured value and its evidence spans (start, end pairs), or null when not measured. */
    private static final class Measure {
      final double value;
      final List<Integer> spans;

      Measure(double value, List<Integer> spans) {
        this.value = value;
        this.spans = spans;
      }
    }

    private Measure measure(String text) {
      switch (kind) {
        case SHOUTING:
          return shouting(text);
        case REPEATS:
          return repeats(text);
        case EMOJI:
          return emoji(text);
        case MIXED_SCRIPTS:
          return mixedScripts(text);
        case INVISIBLES:
          return invisibles(text);
        default:
          return digits(text);
      }
    }

    /** Upper-case share; evidence: the longest stretch of upper-case letters (non-letters inside). */
    private Measure shouting(String text) {
      int cased = 0;
      int upper = 0;
      int runStart = -1;
      int runEnd = -1;
      int bestStart = 0;
      int bestEnd = 0;
      final byte[] cases = CASES;
      for (int i = 0; i < text.length(); ) {
        char c = text.charAt(i);
        int kind;
        int next;
        if (Character.isSurrogate(c)) {
          int cp = text.codePointAt(i);
          next = i + Character.charCount(cp);
          kind = caseOf(cp);
        } else {
          next = i + 1;
          kind = cases[c];
        }
        if (kind == UPPER) {
          cased++;
          upper++;
          if (runStart < 0) {
            runStart = i;
          }
          runEnd = next;
          if (runEnd - runStart > bestEnd - bestStart) {
            bestStart = runStart;
            bestEnd = runEnd;
          }
        } else if (kind == LOWER) {
          cased++;
          runStart = -1;
        }
        i = next;
      }
      if (cased < minimum || cased == 0) {
        return null;
      }
      double share = (double) upper / cased;
      if (share <= low) {
        return null; // scores 0 (see ramp): most texts, which need no measure and no spans
      }
      List<Integer> spans = bestEnd > bestStart ? List.of(bestStart, bestEnd) : List.of();
      return new Measure(share, spans);
    }

    /** Longest run of one code point; evidence: every run at least {@code low + 1} long. */
    private Measure repeats(String text) {
      final byte[] classes = CLASSES;
      final int n = text.length();
      int longest = 0;
      List<Integer> spans = null;
      int i = 0;
      while (i < n) {
        char ch = text.charAt(i);
        int start = i;
        int length = 0;
        boolean space;
        if (Character.isSurrogate(ch)) {
          int cp = text.codePointAt(i);
          int width = Character.charCount(cp);
          while (i < n && text.codePointAt(i) == cp) {
            i += width;
            length++;
          }
          space = Character.isWhitespace(cp);
        } else {
          // A char that is no surrogate is the code point wherever it stands.
          while (i < n && text.charAt(i) == ch) {
            i++;
            length++;
          }
          space = (classes[ch] & SPACE) != 0;
        }
        if (space) {
          continue;
        }
        longest = Math.max(longest, length);
        if (length > low) {
          if (spans == null) {
            spans = new ArrayList<>(2);
          }
          spans.add(start);
          spans.add(i);
        }
      }
      if (n < minimum) {
        return null;
      }
      return new Measure(longest, spans == null ? List.of() : spans);
    }

    /** Emoji share; evidence: each run of emoji. */
    private Measure emoji(String text) {
      final byte[] classes = CLASSES;
      final int n = text.length();
      int visible = 0;
      int emoji = 0;
      List<Integer> spans = null;
      int runStart = -1;
      for (int i = 0; i < n; ) {
        if (runStart < 0) {
          // Outside a run, the chars up to the next emoji or surrogate in a loop of their own (see
          // digits: in this loop, with its calls, the compiler kept the counts in memory).
          long plain = plainChars(text, i, n, classes);
          visible += (int) (plain >>> 32);
          i = (int) plain;
          if (i == n) {
            break;
          }
        }
        char ch = text.charAt(i);
        int cp;
        int next;
        boolean space;
        if (Character.isSurrogate(ch)) {
          cp = text.codePointAt(i);
          next = i + Character.charCount(cp);
          space = Character.isWhitespace(cp);
        } else {
          cp = ch;
          next = i + 1;
          space = (classes[ch] & SPACE) != 0;
        }
        boolean joiner = cp == 0x200D || cp == 0xFE0F || (cp >= 0x1F3FB && cp <= 0x1F3FF);
        if (isEmoji(cp)) {
          emoji++;
          visible++;
          if (runStart < 0) {
            runStart = i;
          }
        } else if (joiner && runStart >= 0) {
          // Joiners, presentation selectors and skin tones belong to the emoji before them.
        } else {
          if (runStart >= 0) {
            spans = addSpan(spans, runStart, i);
            runStart = -1;
          }
          if (!space) {
            visible++;
          }
        }
        i = next;
      }
      if (runStart >= 0) {
        spans = addSpan(spans, runStart, n);
      }
      if (visible < minimum || visible == 0) {
        return null;
      }
      return new Measure((double) emoji / visible, spans == null ? List.of() : spans);
    }

    /**
     * From {@code i}, the chars of the Basic Multilingual Plane that are not emoji: where they end (an
     * emoji, a surrogate or the end) in the low half, and how many of them are not white space in the
     * high. Outside a run of emoji, a joiner is such a char.
     */
    private static long plainChars(String text, int i, int n, byte[] classes) {
      int visible = 0;
      for (; i < n; i++) {
        char ch = text.charAt(i);
        if (Character.isSurrogate(ch) || isEmoji(ch)) {
          break;
        }
        visible += (classes[ch] & SPACE) == 0 ? 1 : 0;
      }
      return (long) visible << 32 | i;
    }

    /** Words mixing Latin with a look-alike script; evidence: each such word. */
    private Measure mixedScripts(String text) {
      final byte[] classes = CLASSES;
      final int n = text.length();
      int words = 0;
      List<Integer> spans = null;
      // A word: a letter, then letters, marks and invisible chars; start is -1 outside one.
      int start = -1;
      int scripts = 0;
      for (int i = 0; i < n; ) {
        char ch = text.charAt(i);
        int k;
        int next;
        if (Character.isSurrogate(ch)) {
          int cp = text.codePointAt(i);
          k = classesOf(cp);
          next = i + Character.charCount(cp);
        } else {
          k = classes[ch];
          next = i + 1;
        }
        if (start >= 0 && (k & (LETTER | MARK | INVISIBLE)) != 0) {
          scripts |= k;
        } else if (start >= 0) {
          if ((scripts & LATIN) != 0 && (scripts & LOOKALIKE) != 0) {
            words++;
            spans = addSpan(spans, start, i);
          }
          start = -1; // this char ends the word and, being no letter, starts none
        } else if ((k & LETTER) != 0) {
          start = i;
          scripts = k;
        }
        i = next;
      }
      if (start >= 0 && (scripts & LATIN) != 0 && (scripts & LOOKALIKE) != 0) {
        words++;
        spans = addSpan(spans, start, n);
      }
      return new Measure(words, spans == null ? List.of() : spans);
    }

    /** Invisible characters between two letters; evidence: each one. */
    private Measure invisibles(String text) {
      int found = 0;
      List<Integer> spans = null;
      int previous = -1; // the last visible code point
      for (int i = 0; i < text.length(); ) {
        int cp = text.codePointAt(i);
        int next = i + Character.charCount(cp);
        if (FoldTable.isInvisible(cp)) {
          int runEnd = next;
          while (runEnd < text.length() && FoldTable.isInvisible(text.codePointAt(runEnd))) {
            runEnd += Character.charCount(text.codePointAt(runEnd));
          }
          boolean between = previous >= 0 && Character.isLetter(previous)
              && runEnd < text.length() && Character.isLetter(text.codePointAt(runEnd));
          if (between) {
            for (int j = i; j < runEnd; ) {
              int c = text.codePointAt(j);
              found++;
              spans = addSpan(spans, j, j + Character.charCount(c));
              j += Character.charCount(c);
            }
          }
          i = runEnd;
          continue;
        }
        previous = cp;
        i = next;
      }
      return new Measure(found, spans == null ? List.of() : spans);
    }

    /** Digit share; evidence: each run of digits. */
    private Measure digits(String text) {
      final byte[] classes = CLASSES;
      final int n = text.length();
      int alnum = 0;
      int digits = 0;
      List<Integer> spans = null;
      int i = 0;
      while (i < n) {
        // The chars of the Basic Multilingual Plane go through two loops of their own, with none of
        // this loop's counts in them: with the calls below in the same loop as the counts, the compiler
        // kept the counts and the index in memory, at 7 ns a char.
        long other = otherChars(text, i, n, classes);
        alnum += (int) (other >>> 32);
        int runStart = (int) other;
        int end = digitRun(text, runStart, n, classes);
        if (end > runStart) {
          digits += end - runStart;
          alnum += end - runStart;
          spans = addSpan(spans, runStart, end);
          i = end;
          continue;
        }
        i = runStart;
        if (i == n) {
          break;
        }
        // A surrogate: the code point's classes, by Character.
        int cp = text.codePointAt(i);
        int k = classesOf(cp);
        int next = i + Character.charCount(cp);
        if ((k & DIGIT) != 0) {
          // A digit outside the BMP starts a run, or joins the one that ended just before it; the BMP
          // digits after it join it too (and a further one outside the BMP, in turn).
          int from = i;
          if (spans != null && spans.get(spans.size() - 1) == i) {
            from = spans.remove(spans.size() - 2);
            spans.remove(spans.size() - 1);
          }
          int after = digitRun(text, next, n, classes);
          digits += 1 + after - next;
          alnum += 1 + after - next;
          spans = addSpan(spans, from, after);
          i = after;
        } else {
          if ((k & LETTER) != 0) {
            alnum++;
          }
          i = next;
        }
      }
      if (alnum < minimum || alnum == 0) {
        return null;
      }
      return new Measure((double) digits / alnum, spans == null ? List.of() : spans);
    }

    /**
     * From {@code i}, the chars of the Basic Multilingual Plane that are not digits: where they end (a
     * digit, a surrogate or the end) in the low half, and how many of them are letters in the high.
     */
    private static long otherChars(String text, int i, int n, byte[] classes) {
      int letters = 0;
      for (; i < n; i++) {
        char ch = text.charAt(i);
        if (Character.isSurrogate(ch)) {
          break;
        }
        int k = classes[ch];
        if ((k & DIGIT) != 0) {
          break;
        }
        letters += (k & LETTER) != 0 ? 1 : 0;
      }
      return (long) letters << 32 | i;
    }

    /** From {@code i}, where the digits of the Basic Multilingual Plane end. */
    private static int digitRun(String text, int i, int n, byte[] classes) {
      for (; i < n; i++) {
        char ch = text.charAt(i);
        if (Character.isSurrogate(ch) || (classes[ch] & DIGIT) == 0) {
          break;
        }
      }
      return i;
    }

    private static List<Integer> addSpan(List<Integer> spans, int start, int end) {
      List<Integer> s = spans == null ? new ArrayList<>(2) : spans;
      s.add(start);
      s.add(end);
      return s;
    }
  }
}
