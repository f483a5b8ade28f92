package dev.vigil;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of evaluating a {@link Policy} on one piece of content, with its complete explanation: the
 * action, which rule chose it and why, every signal with its score, weight, contribution and evidence,
 * the category scores and the caps that applied, near misses, failures and truncated fields.
 *
 * <p>It names the policy and version that made it, so that an appeal or an audit can trace a decision to
 * the exact policy. {@link #explain()} renders it for a person.
 *
 * <p>Immutable and safe to share between threads. It holds evidence text, which is content: store and
 * show it where the content itself may be shown, not in general-purpose logs.
 */
public final class Decision {
  private final String policyName;
  private final String policyVersion;
  private final @Nullable String policyHash;
  private final Action action;
  private final @Nullable Rule rule;
  /** The rule whose condition held (even when a fail-closed failure overrode it), and its value. */
  private final @Nullable Rule heldRule;
  private final double heldValue;
  private final @Nullable String failedClosed;
  private final double total;
  private final double probability; // NaN without a calibration
  // Built when first asked: on the hot path most decisions are read for their action only.
  private final Supplier<List<CategoryScore>> categoriesSource;
  private final Supplier<List<SignalReport>> signalsSource;
  private volatile @Nullable List<CategoryScore> categories;
  private volatile @Nullable List<SignalReport> signals;
  private final List<NearMiss> nearMisses;
  private final List<Truncation> truncations;

  Decision(String policyName, String policyVersion, @Nullable String policyHash, Action action,
      @Nullable Rule rule, @Nullable Rule heldRule, double heldValue, @Nullable String failedClosed,
      double total, double probability, Supplier<List<CategoryScore>> categories,
      Supplier<List<SignalReport>> signals, List<NearMiss> nearMisses, List<Truncation> truncations) {
    this.policyName = policyName;
    this.policyVersion = policyVersion;
    this.policyHash = policyHash;
    this.action = action;
    this.rule = rule;
    this.heldRule = heldRule;
    this.heldValue = heldValue;
    this.failedClosed = failedClosed;
    this.total = total;
    this.probability = probability;
    this.categoriesSource = categories;
    this.signalsSource = signals;
    this.nearMisses = nearMisses;
    this.truncations = truncations;
  }

  /** The name of the policy that made this decision. */
  public String policyName() {
    return policyName;
  }

  /** The version of the policy that made this decision. */
  public String policyVersion() {
    return policyVersion;
  }

  /**
   * The content hash of the policy that made this decision ({@link Policy#contentHash()}): for a policy
   * loaded from a file, the SHA-256 of the file and of every list it read, so that two decisions with
   * the same hash were made by the same rules. Null when the policy has none.
   */
  public @Nullable String policyHash() {
    return policyHash;
  }

  /** What to do with the content. */
  public Action action() {
    return action;
  }

  /**
   * The rule that chose the action; null when no rule held (the action is then {@link Action#ALLOW}) or
   * when a fail-closed failure raised the action to {@link Action#REVIEW}.
   */
  public @Nullable Rule rule() {
    return rule;
  }

  /**
   * Why the action was chosen, in one sentence. Built when asked (most decisions on the hot path are
   * never explained).
   */
  public String reason() {
    String base = heldRule == null ? "no rule held"
        : heldRule + " held: " + heldRule.condition().subjectText() + " was "
            + shown(heldValue, heldRule.condition().subject(), heldRule.condition().name());
    return failedClosed == null ? base
        : "review forced: fail-closed signal '" + failedClosed + "' failed (" + base + ")";
  }

  /**
   * The probability that the content is harmful, from the policy's {@link Calibration} of the total;
   * empty when the policy has none.
   */
  public OptionalDouble probability() {
    return Double.isNaN(probability) ? OptionalDouble.empty() : OptionalDouble.of(probability);
  }

  /** The total score: the sum of the category scores. */
  public double total() {
    return total;
  }

  /** The category scores, in the order the policy first names each category. */
  public List<CategoryScore> categories() {
    List<CategoryScore> c = categories;
    if (c == null) {
      c = categoriesSource.get();
      categories = c;
    }
    return c;
  }

  /** One category's score, or zero if the policy has no such category. */
  public double categoryScore(String category) {
    for (CategoryScore c : categories()) {
      if (c.category().equals(category)) {
        return c.score();
      }
    }
    return 0.0;
  }

  /** Every signal, counted and shadow, in the order the policy lists them. */
  public List<SignalReport> signals() {
    List<SignalReport> r = signals;
    if (r == null) {
      r = signalsSource.get();
      signals = r;
    }
    return r;
  }

  /** The report of the named signal, or null. */
  public @Nullable SignalReport signal(String name) {
    for (SignalReport s : signals()) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }

  /** The signals whose classifier failed, shadow ones included. */
  public List<SignalReport> failures() {
    List<SignalReport> f = new ArrayList<>(0);
    for (SignalReport s : signals()) {
      if (s.outcome() == Outcome.FAILED) {
        f.add(s);
      }
    }
    return List.copyOf(f);
  }

  /** Rules more severe than the chosen action that did not hold but came close. */
  public List<NearMiss> nearMisses() {
    return nearMisses;
  }

  /** Fields that were longer than the policy's scan limit and were scanned only in part. */
  public List<Truncation> truncations() {
    return truncations;
  }

  /**
   * A multi-line explanation for a reviewer: the action and the rule that chose it, the total and each
   * category (with caps), each signal that fired or failed with its score, weight, contribution, evidence
   * and notes, one line naming the signals that did not fire, near misses and truncation. Evidence text
   * shows invisible characters as {@code ⟨U+200B⟩} and marks a letter from another script than the
   * rest of its word with its script ({@code gі⟨Cyrillic⟩ft}).
   */
  public String explain() {
    StringBuilder sb = new StringBuilder();
    sb.append("policy ").append(policyName).append(" v").append(policyVersion);
    if (policyHash != null) {
      sb.append(" (").append(shortHash(policyHash)).append(')');
    }
    sb.append(": ")
        .append(action.name()).append(" (severity ").append(action.severity()).append(")\n");
    sb.append("  because: ").append(reason()).append('\n');
    String totalText = shown(total, Condition.Subject.TOTAL, null);
    // A total printed past four decimals prints its categories so too, so that the sum reads right.
    boolean precise = !totalText.equals(format(total));
    sb.append("  total ").append(totalText);
    List<CategoryScore> categories = categories();
    if (!categories.isEmpty()) {
      sb.append(" =");
      for (int i = 0; i < categories.size(); i++) {
        CategoryScore c = categories.get(i);
        sb.append(i == 0 ? " " : " + ").append(c.category()).append(' ')
            .append(precise ? nine(c.score()) : shown(c.score(), Condition.Subject.CATEGORY, c.category()));
        if (c.capped()) {
          sb.append(" (capped at ").append(format(c.cap())).append(" from ")
              .append(format(c.uncapped())).append(')');
        }
      }
    }
    sb.append('\n');
    if (!Double.isNaN(probability)) {
      sb.append("  probability of harm ")
          .append(shown(probability, Condition.Subject.PROBABILITY, null))
          .append(" (the policy's calibration of its total)\n");
    }
    // What fired (or failed) in full; what did not, in one line: a reviewer reads the first.
    sb.append("  signals:\n");
    List<String> notMatched = new ArrayList<>();
    List<String> notApplicable = new ArrayList<>();
    for (SignalReport s : signals()) {
      if (s.outcome() == Outcome.NOT_MATCHED) {
        notMatched.add(s.name());
        continue;
      }
      if (s.outcome() == Outcome.NOT_APPLICABLE) {
        notApplicable.add(s.name());
        continue;
      }
      sb.append("    ").append(s.shadow() ? "(shadow) " : "").append('[').append(s.category())
          .append("] ").append(s.name());
      if (!s.expression().equals(s.name())) {
        sb.append(" = ").append(s.expression());
      }
      sb.append(": ");
      if (s.outcome() == Outcome.MATCHED) {
        sb.append("score ").append(format(s.score())).append(" x weight ")
            .append(format(s.weight()));
        sb.append(s.shadow() ? ", not counted" : " = " + format(s.contribution()));
        if (!s.shadow() && s.isSplit()) {
          // Split by evidence: each category got weight x the score of its own evidence.
          sb.append(" split by evidence:");
          String sep = " ";
          for (Map.Entry<String, Double> c : s.contributions().entrySet()) {
            sb.append(sep).append(c.getKey()).append(' ').append(format(c.getValue()));
            sep = " + ";
          }
        }
      } else {
        sb.append("FAILED (").append(s.failureMode() == FailureMode.FAIL_CLOSED ? "fail-closed"
            : "fail-open").append("): ").append(s.signal().failureMessage());
      }
      sb.append('\n');
      for (Evidence e : s.signal().evidence()) {
        sb.append("      ").append(e.field()).append('[').append(e.start()).append(", ")
            .append(e.end()).append(") \"").append(Visible.of(e.text())).append("\" rule ").append(e.rule())
            .append(" (").append(e.category()).append(")\n");
      }
      int hidden = s.signal().evidenceCount() - s.signal().evidence().size();
      if (hidden > 0) {
        sb.append("      ... and ").append(hidden).append(" more\n");
      }
      for (String note : s.signal().notes()) {
        sb.append("      note: ").append(note).append('\n');
      }
    }
    if (!notMatched.isEmpty() || !notApplicable.isEmpty()) {
      sb.append("    did not fire (").append(notMatched.size() + notApplicable.size()).append("): ");
      names(sb, "not matched", notMatched);
      if (!notMatched.isEmpty() && !notApplicable.isEmpty()) {
        sb.append("; ");
      }
      names(sb, "not applicable", notApplicable);
      sb.append('\n');
    }
    if (!nearMisses.isEmpty()) {
      sb.append("  near misses:\n");
      for (NearMiss m : nearMisses) {
        sb.append("    ").append(m).append('\n');
      }
    }
    for (Truncation t : truncations) {
      sb.append("  truncated: ").append(t).append('\n');
    }
    return sb.toString();
  }

  /** Appends {@code label: a, b, c}, at most a dozen names, then how many more. */
  private static void names(StringBuilder sb, String label, List<String> names) {
    if (names.isEmpty()) {
      return;
    }
    sb.append(label).append(": ");
    int shown = Math.min(names.size(), 12);
    sb.append(String.join(", ", names.subList(0, shown)));
    if (names.size() > shown) {
      sb.append(" and ").append(names.size() - shown).append(" more");
    }
  }

  /** One line: policy, action, total and rule. */
  @Override
  public String toString() {
    return "Decision{" + policyName + " v" + policyVersion + ": " + action.name() + ", total "
        + format(total) + ", " + reason() + "}";
  }

  /** The first twelve chars of a hash, enough to tell versions apart when read by a person. */
  static String shortHash(String hash) {
    return hash.length() <= 12 ? hash : hash.substring(0, 12);
  }

  /** A score for people: at most four decimals, no trailing zeros. */
  /**
   * {@code value} as {@link #format(double)} prints it, or with up to nine decimals where four would
   * contradict {@code c} (0.99996 printed as 1.0 beside a failed {@code >= 1.0}).
   */
  static String format(double value, Condition c) {
    String exact = shortDecimal(value);
    if (exact != null) {
      // It reads back as the value itself, so it holds where the value does.
      return exact;
    }
    String shown = format(value);
    if (Double.isFinite(value) && c.holds(Double.parseDouble(shown)) != c.holds(value)) {
      return nine(value);
    }
    return shown;
  }

  /** {@code value} with up to nine decimals (the precision of tidied sums). */
  private static String nine(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    BigDecimal d = BigDecimal.valueOf(value).setScale(9, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return d.scale() < 1 ? d.setScale(1).toPlainString() : d.toPlainString();
  }

  /**
   * {@code value} of a subject as {@link #format(double)} prints it, or with up to nine decimals where
   * four would contradict a rule on that subject that this decision names (the rule that held, the near
   * misses), so that the reason, the total line and the near misses print it alike: never "total was
   * 1.0" beside "remove needs total >= 1.0, was 0.99996".
   */
  private String shown(double value, Condition.Subject subject, @Nullable String name) {
    String s = format(value);
    if (heldRule != null) {
      s = longer(s, value, heldRule.condition(), subject, name);
    }
    for (NearMiss m : nearMisses) {
      s = longer(s, value, m.rule().condition(), subject, name);
    }
    return s;
  }

  private static String longer(String s, double value, Condition c, Condition.Subject subject,
      @Nullable String name) {
    if (c.subject() != subject || !java.util.Objects.equals(c.name(), name)) {
      return s;
    }
    String t = format(value, c);
    return t.length() > s.length() ? t : s;
  }

  static String format(double value) {
    String exact = shortDecimal(value);
    if (exact != null) {
      return exact;
    }
    if (Double.isInfinite(value) || Double.isNaN(value)) {
      return Double.toString(value);
    }
    BigDecimal d = BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return d.scale() < 1 ? d.setScale(1).toPlainString() : d.toPlainString();
  }

  /**
   * {@link #format(double)} without {@code BigDecimal} for the values most scores, weights and totals
   * are: zero, and (signed) the double nearest to {@code k / 10^4} for a whole {@code k}, in [0.001,
   * 10^7). Such a double's decimal expansion rounds to {@code k / 10^4} at four decimals (it is within
   * an ulp, under 2e-9 here, of it), so the text is {@code k / 10^4} with its trailing zeros stripped
   * and at least one decimal, as the general path prints it. Null for any other value.
   */
  static @Nullable String shortDecimal(double value) {
    if (value == 0.0) {
      return "0.0";
    }
    double a = Math.abs(value);
    if (!(a >= 1e-3 && a < 1e7)) {
      return null;
    }
    double scaled = Math.rint(a * 10_000.0);
    if (scaled / 10_000.0 != a) {
      return null;
    }
    long k = (long) scaled;
    long fraction = k % 10_000;
    int digits = 4;
    while (digits > 1 && fraction % 10 == 0) {
      fraction /= 10;
      digits--;
    }
    StringBuilder b = new StringBuilder(16);
    if (value < 0) {
      b.append('-');
    }
    b.append(k / 10_000).append('.');
    int at = b.length();
    for (int i = 0; i < digits; i++) {
      b.append('0');
    }
    for (int i = at + digits - 1; i >= at; i--) {
      b.setCharAt(i, (char) ('0' + fraction % 10));
      fraction /= 10;
    }
    return b.toString();
  }

  /**
   * One signal of the policy in this decision.
   *
   * @param name the classifier's name
   * @param expression the classifier's expression (what a named classifier stands for)
   * @param category the category it adds to
   * @param weight its weight
   * @param shadow whether it is a shadow (reported, never counted)
   * @param failureMode what its failure does
   * @param signal what the classifier returned (a failed signal if it threw)
   * @param contribution weight x score added to the category, or for a signal split by evidence the sum
   *     of what it added to each; zero for shadow signals and for outcomes other than matched
   * @param contributions what it added to each category (one entry, its own, unless split by
   *     evidence; empty when it added nothing)
   */
  public record SignalReport(String name, String expression, String category, double weight,
      boolean shadow, FailureMode failureMode, Signal signal, double contribution,
      Map<String, Double> contributions) {
    /** Checks for nulls; copies the contributions. */
    public SignalReport {
      requireNonNull(name, "name");
      requireNonNull(expression, "expression");
      requireNonNull(category, "category");
      requireNonNull(failureMode, "failureMode");
      requireNonNull(signal, "signal");
      // One entry (the common case, on every decision written as JSON) needs no order and no copy of
      // an immutable map; a split keeps the order its categories were given in.
      contributions = contributions.size() <= 1 ? Map.copyOf(contributions)
          : Collections.unmodifiableMap(new LinkedHashMap<>(contributions));
    }

    /** A report whose contribution, if any, goes all to {@code category}. */
    public SignalReport(String name, String expression, String category, double weight,
        boolean shadow, FailureMode failureMode, Signal signal, double contribution) {
      this(name, expression, category, weight, shadow, failureMode, signal, contribution,
          contribution > 0.0 ? Map.of(category, contribution) : Map.of());
    }

    /** Whether the contribution went to other categories than the signal's own. */
    public boolean isSplit() {
      return contributions.size() > 1
          || contributions.size() == 1 && !contributions.containsKey(category);
    }

    /** The signal's outcome. */
    public Outcome outcome() {
      return signal.outcome();
    }

    /** The signal's score. */
    public double score() {
      return signal.score();
    }
  }

  /**
   * A category's score: {@code min(cap, uncapped)}, where uncapped is the sum of weight x score of its
   * counted signals.
   *
   * @param category the category
   * @param uncapped the sum before the cap
   * @param cap the cap; {@link Double#POSITIVE_INFINITY} when the policy sets none
   * @param score the score after the cap
   */
  public record CategoryScore(String category, double uncapped, double cap, double score) {
    /** Whether the cap lowered the score. */
    public boolean capped() {
      return uncapped > cap;
    }
  }

  /**
   * A rule, more severe than the action chosen, that did not hold but came close.
   *
   * @param rule the rule
   * @param value the value its condition saw
   */
  public record NearMiss(Rule rule, double value) {
    /** How far the value was from the threshold. */
    public double gap() {
      return rule.condition().threshold() - value;
    }

    /** {@code review needs total >= 0.6, was 0.55}. */
    @Override
    public String toString() {
      Condition c = rule.condition();
      return rule.action().name() + " needs " + c.subjectText() + (c.isStrict() ? " > " : " >= ")
          + format(c.threshold()) + ", was " + format(value, c);
    }
  }

  /**
   * A field longer than the policy's scan limit: only its first {@code scanned} chars were classified.
   *
   * @param field the field
   * @param length its full length in chars
   * @param scanned how many chars were scanned
   */
  public record Truncation(String field, int length, int scanned) {
    @Override
    public String toString() {
      return field + " scanned " + scanned + " of " + length + " chars";
    }
  }
}
