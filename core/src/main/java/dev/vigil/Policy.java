package dev.vigil;

import static java.util.Objects.requireNonNull;

import dev.vigil.Decision.CategoryScore;
import dev.vigil.Decision.NearMiss;
import dev.vigil.Decision.SignalReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the signals of one piece of content into an explained {@link Decision}.
 *
 * <pre>{@code
 * Policy policy = Policy.builder("comments").version("2026-11-25")
 *     .signal(slurs, "abuse")
 *     .signal(links, SignalOptions.in("spam").weight(0.5))
 *     .shadow(newScamTerms, "scam")
 *     .categoryCap("spam", 1.0)
 *     .removeWhen(Condition.total().atLeast(1.0))
 *     .reviewWhen(Condition.total().atLeast(0.5))
 *     .build();
 * Decision d = policy.evaluate(Content.of(text));
 * }</pre>
 *
 * <h2>How a decision is made</h2>
 * <ol>
 *   <li><b>Scan limit.</b> Each field longer than its scan limit (default
 *       {@value #DEFAULT_MAX_SCAN_CHARS} chars) is cut to the limit, never inside a surrogate pair; the
 *       decision records every cut. Attackers cannot make Vigil read megabytes.
 *   <li><b>Signals.</b> Every classifier, counted and shadow, is evaluated in the order it was added
 *       (isolated ones start first, on an executor, and run in parallel; see
 *       {@link Builder#timeBudget}). A classifier that throws, returns null, or misses the time budget
 *       yields a {@link Outcome#FAILED} signal; the evaluation goes on. (Scores out of [0, 1] or NaN
 *       cannot be returned: {@link Signal} refuses them, so they surface as a failure of the classifier
 *       that tried.) Within one evaluation a classifier instance runs once on this thread: when it is
 *       also a child of a composite (or of several), the composite reuses its signal.
 *       Isolated classifiers, running on other threads, are not shared this way.
 *   <li><b>Categories.</b> Each counted signal adds weight x score to its category (a signal of negative
 *       weight, counter-evidence, lowers it: {@link SignalOptions#weight}). A category's score is
 *       {@code min(cap, sum)}; the cap is unlimited unless set with {@link Builder#categoryCap}. Shadow
 *       signals and signals that were not applicable or failed add nothing. A signal split by evidence
 *       ({@link SignalOptions#splitByEvidence}) instead adds to each of its split categories that its
 *       evidence names weight x that category's score ({@link Signal#categoryScore}: a term list's
 *       noisy-or of that category's terms; the whole score for classifiers that do not say), and to its
 *       own category weight x the highest such score of its evidence naming any other category (the
 *       whole score when it has no evidence). So one term list or rules file weighs each category on its
 *       own, under that category's cap; the signal's contributions may add up to more than weight x
 *       score, one per category it names.
 *   <li><b>Total.</b> The sum of the category scores.
 *   <li><b>Rules.</b> Forced rules first, then ordinary rules, each in order; the first rule whose
 *       condition holds chooses the action. If none holds, the action is {@link Action#ALLOW}.
 *   <li><b>Failures.</b> If a counted signal configured to {@link FailureMode#FAIL_CLOSED fail closed}
 *       failed and the chosen action is less severe than {@link Action#REVIEW}, the action becomes review.
 *   <li><b>Near misses.</b> Every rule more severe than the chosen action whose value reached at least
 *       {@link Builder#nearMissRatio} of its threshold (default 0.75) is reported.
 * </ol>
 *
 * <p><b>Privacy.</b> A policy logs failures of its classifiers through SLF4J, naming the policy, the
 * classifier and the exception type, never the content or the exception's message (which may quote the
 * content), unless {@link Builder#logContent(boolean)} opts in.
 *
 * <p>Immutable and safe to share between threads: build it once at start-up and call
 * {@link #evaluate} from any thread. Heavy work happens in {@link Builder#build()}.
 */
public final class Policy {
  /** The default per-field scan limit, in chars. */
  public static final int DEFAULT_MAX_SCAN_CHARS = 100_000;

  private static final Logger LOG = LoggerFactory.getLogger(Policy.class);

  private final String name;
  private final String version;
  private final @Nullable String contentHash;
  private final Classifier[] classifiers;
  private final SignalOptions[] options;
  private final String[] expressions;
  private final int[] categoryOf; // index into categories, or -1 for shadow signals
  /** Per signal split by evidence, how it spreads its score; else null. */
  private final @Nullable EvidenceSplit[] splits;
  private final String[] categories;
  private final double[] caps;
  private final Rule[] rules; // forced first, then ordinary, each in order
  private final int[] ruleIndex; // the category or signal index each rule's condition reads
  private final ScanLimits scanLimits;
  private final double nearMissRatio;
  private final @Nullable Calibration calibration;
  private final boolean logContent;
  private final SignalRunner runner;
  private final Builder source;

  private Policy(Builder b, List<String> categoryList, Rule[] rules, int[] ruleIndex) {
    this.name = b.name;
    this.version = b.version;
    this.contentHash = b.contentHash;
    int n = b.classifiers.size();
    this.classifiers = b.classifiers.toArray(new Classifier[0]);
    this.options = b.options.toArray(new SignalOptions[0]);
    this.expressions = new String[n];
    this.categoryOf = new int[n];
    this.categories = categoryList.toArray(new String[0]);
    this.splits = new EvidenceSplit[n];
    for (int i = 0; i < n; i++) {
      expressions[i] = Classifiers.describe(classifiers[i]);
      categoryOf[i] = options[i].isShadow() ? -1 : categoryList.indexOf(options[i].category());
      List<String> split = options[i].splitCategories();
      if (categoryOf[i] >= 0 && !split.isEmpty()) {
        splits[i] = new EvidenceSplit(categoryOf[i], split, categoryList);
      }
    }
    this.caps = new double[categories.length];
    for (int c = 0; c < categories.length; c++) {
      caps[c] = b.caps.getOrDefault(categories[c], Double.POSITIVE_INFINITY);
    }
    this.rules = rules;
    this.ruleIndex = ruleIndex;
    this.scanLimits = new ScanLimits(b.maxScanChars, b.fieldScanLimits);
    this.nearMissRatio = b.nearMissRatio;
    this.calibration = b.calibration;
    this.logContent = b.logContent;
    this.runner = new SignalRunner(classifiers, options, b.budget, b.executor);
    this.source = b.copy();
  }

  /** A builder for a policy with the given name. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** A builder holding this policy's configuration, to derive a variant (a new version, say). */
  public Builder toBuilder() {
    return source.copy();
  }

  /** The policy's name. */
  public String name() {
    return name;
  }

  /** The policy's version, as given to {@link Builder#version(String)} ({@code "1"} by default). */
  public String version() {
    return version;
  }

  /**
   * A hash of the sources this policy was built from, as given to {@link Builder#contentHash}: the
   * policy-file loader sets it to the SHA-256 of the file and every list it read, so that the same hash
   * means the same decisions. Null for a policy built in code without one.
   */
  public @Nullable String contentHash() {
    return contentHash;
  }

  /** The signals, in evaluation order. */
  public List<Member> signals() {
    List<Member> m = new ArrayList<>(classifiers.length);
    for (int i = 0; i < classifiers.length; i++) {
      m.add(new Member(classifiers[i], options[i]));
    }
    return List.copyOf(m);
  }

  /** The calibration of the total into a probability of harm, or null when the policy has none. */
  public @Nullable Calibration calibration() {
    return calibration;
  }

  /** The categories of the counted signals, in the order they are first named. */
  public List<String> categories() {
    return List.of(categories);
  }

  /** The rules, forced ones first, then ordinary ones, each in the order added. */
  public List<Rule> rules() {
    return List.of(rules);
  }

  /** Evaluates the policy on single-field content; see {@link Content#of(String)}. */
  public Decision evaluate(String text) {
    return evaluate(Content.of(text));
  }

  /**
   * Evaluates the policy on the content; see the class comment for the steps. Never throws for a failing
   * classifier: the failure is recorded in the decision.
   */
  public Decision evaluate(Content content) {
    requireNonNull(content, "content");
    Content scanned = scanLimits.apply(content);
    Signal[] signals;
    Classifiers.Memo memo = Classifiers.beginEvaluation(scanned);
    try {
      signals = runner.classifyAll(scanned);
    } finally {
      Classifiers.endEvaluation(memo);
    }
    String failedClosed = failures(signals, content);
    double[] raw = uncapped(signals);
    double[] scores = new double[categories.length];
    double total = 0.0;
    for (int c = 0; c < categories.length; c++) {
      scores[c] = Math.min(caps[c], raw[c]);
      total += scores[c];
    }
    total = tidy(total);
    int held = firstHolding(total, scores, signals);
    Rule chosen = held < 0 ? null : rules[held];
    double heldValue = held < 0 ? 0.0 : valueOf(held, total, scores, signals);
    Action action = chosen == null ? Action.ALLOW : chosen.action();
    String forcedBy = null;
    if (failedClosed != null && action.severity() < Action.REVIEW.severity()) {
      forcedBy = failedClosed;
      action = Action.REVIEW;
    }
    Rule deciding = forcedBy == null ? chosen : null;
    List<NearMiss> nearMisses = nearMisses(action, deciding, total, scores, signals);
    // The per-category and per-signal reports are built when first asked for (Decision documents it):
    // unmodifiable views of arrays nobody else holds, immutable without a second copy.
    return new Decision(name, version, contentHash, action, deciding, chosen, heldValue, forcedBy,
        total, calibration == null ? Double.NaN : calibration.probability(total),
        () -> categoryScores(raw, scores), () -> signalReports(signals), nearMisses,
        ScanLimits.truncations(content, scanned));
  }

  /**
   * Logs each failed signal (step 2's failures) and returns the first counted signal that failed closed,
   * or null.
   */
  private @Nullable String failures(Signal[] signals, Content content) {
    String failedClosed = null;
    for (int i = 0; i < signals.length; i++) {
      if (signals[i].outcome() == Outcome.FAILED) {
        logFailure(i, signals[i], content);
        if (categoryOf[i] >= 0 && options[i].failureMode() == FailureMode.FAIL_CLOSED
            && failedClosed == null) {
          failedClosed = classifiers[i].name();
        }
      }
    }
    return failedClosed;
  }

  /** Each category's sum of weight x score of its counted, matched signals (step 3, before caps). */
  private double[] uncapped(Signal[] signals) {
    double[] raw = new double[categories.length];
    for (int i = 0; i < signals.length; i++) {
      if (categoryOf[i] >= 0 && signals[i].outcome() == Outcome.MATCHED) {
        EvidenceSplit split = splits[i];
        if (split == null) {
          raw[categoryOf[i]] += options[i].weight() * signals[i].score();
        } else {
          double[] parts = split.scores(signals[i], categories.length);
          for (int c = 0; c < parts.length; c++) {
            raw[c] += options[i].weight() * parts[c];
          }
        }
      }
    }
    for (int c = 0; c < raw.length; c++) {
      raw[c] = tidy(raw[c]);
    }
    return raw;
  }

  /**
   * A sum of weight x score rounded to nine decimals. Doubles carry binary error (0.1 + 0.2 is
   * 0.30000000000000004), so category scores and the total are rounded before rules compare them: a
   * decision prints and compares the same value, and {@code total >= 0.3} holds for 0.1 + 0.2.
   */
  static double tidy(double x) {
    return Math.abs(x) < 1e6 ? Math.rint(x * 1e9) / 1e9 : x;
  }

  /** The first rule, forced ones first, whose condition holds (step 5), or -1. */
  private int firstHolding(double total, double[] scores, Signal[] signals) {
    for (int r = 0; r < rules.length; r++) {
      if (rules[r].condition().holds(valueOf(r, total, scores, signals))) {
        return r;
      }
    }
    return -1;
  }

  /** The rules more severe than {@code action} that came close to holding (step 7). */
  private List<NearMiss> nearMisses(Action action, @Nullable Rule chosen, double total, double[] scores,
      Signal[] signals) {
    List<NearMiss> out = null;
    for (int r = 0; r < rules.length; r++) {
      Rule rule = rules[r];
      if (rule == chosen || rule.action().severity() <= action.severity()) {
        continue;
      }
      double value = valueOf(r, total, scores, signals);
      if (!rule.condition().holds(value) && value > 0.0
          && value >= nearMissRatio * rule.condition().threshold()) {
        if (out == null) {
          out = new ArrayList<>(2);
        }
        out.add(new NearMiss(rule, value));
      }
    }
    return out == null ? List.of() : List.copyOf(out);
  }


  private List<CategoryScore> categoryScores(double[] raw, double[] scores) {
    CategoryScore[] out = new CategoryScore[categories.length];
    for (int c = 0; c < categories.length; c++) {
      out[c] = new CategoryScore(categories[c], raw[c], caps[c], scores[c]);
    }
    return Collections.unmodifiableList(Arrays.asList(out));
  }

  private List<SignalReport> signalReports(Signal[] signals) {
    SignalReport[] out = new SignalReport[signals.length];
    for (int i = 0; i < signals.length; i++) {
      SignalOptions o = options[i];
      boolean counts = categoryOf[i] >= 0 && signals[i].outcome() == Outcome.MATCHED;
      double contribution = counts ? tidy(o.weight() * signals[i].score()) : 0.0;
      Map<String, Double> byCategory = contribution > 0.0 ? Map.of(o.category(), contribution) : Map.of();
      EvidenceSplit split = splits[i];
      if (counts && split != null) {
        double[] parts = split.scores(signals[i], categories.length);
        Map<String, Double> spread = new LinkedHashMap<>();
        double sum = 0.0;
        for (int c = 0; c < parts.length; c++) {
          if (parts[c] > 0.0) {
            double part = tidy(o.weight() * parts[c]);
            spread.put(categories[c], part);
            sum += part;
          }
        }
        contribution = tidy(sum);
        byCategory = Collections.unmodifiableMap(spread);
      }
      out[i] = new SignalReport(classifiers[i].name(), expressions[i], o.category(), o.weight(),
          o.isShadow(), o.failureMode(), signals[i], contribution, byCategory);
    }
    return Collections.unmodifiableList(Arrays.asList(out));
  }

  private double valueOf(int r, double total, double[] scores, Signal[] signals) {
    switch (rules[r].condition().subject()) {
      case TOTAL:
        return total;
      case CATEGORY:
        return scores[ruleIndex[r]];
      case PROBABILITY:
        return calibration.probability(total); // build() refuses the rule without a calibration
      default:
        return signals[ruleIndex[r]].score();
    }
  }

  private void logFailure(int i, Signal s, Content content) {
    if (!LOG.isWarnEnabled()) {
      return;
    }
    Throwable t = requireNonNull(s.failure());
    if (logContent) {
      LOG.warn("policy {} v{}: classifier '{}' failed on content {}", name, version,
          classifiers[i].name(), content.fields(), t);
    } else {
      LOG.warn("policy {} v{}: classifier '{}' failed with {} (message and content not logged;"
          + " see the decision, or opt in with logContent)", name, version, classifiers[i].name(),
          t.getClass().getName());
    }
  }

  @Override
  public String toString() {
    return "Policy{" + name + " v" + version + ": " + classifiers.length + " signals, "
        + rules.length + " rules}";
  }

  /**
   * A classifier of a policy and how the policy uses it.
   *
   * @param classifier the classifier
   * @param options its category, weight, shadow flag and failure mode
   */
  public record Member(Classifier classifier, SignalOptions options) {}

  /**
   * Builds a {@link Policy}. Every value is checked when set, and the whole configuration when built;
   * {@link #build()} leaves the builder unchanged, so it can build several policies. Not thread safe.
   */
  public static final class Builder {
    private final String name;
    private String version = "1";
    private @Nullable String contentHash;
    private final List<Classifier> classifiers = new ArrayList<>();
    private final List<SignalOptions> options = new ArrayList<>();
    private final Map<String, Double> caps = new LinkedHashMap<>();
    private final List<Rule> rules = new ArrayList<>();
    private int maxScanChars = DEFAULT_MAX_SCAN_CHARS;
    private final Map<String, Integer> fieldScanLimits = new HashMap<>();
    private double nearMissRatio = 0.75;
    private @Nullable Calibration calibration;
    private boolean logContent;
    private @Nullable Duration budget;
    private @Nullable ExecutorService executor;

    private Builder(String name) {
      requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("policy name must not be blank but was '" + name + "'");
      }
      this.name = name;
    }

    Builder copy() {
      Builder b = new Builder(name);
      b.version = version;
      b.contentHash = contentHash;
      b.classifiers.addAll(classifiers);
      b.options.addAll(options);
      b.caps.putAll(caps);
      b.rules.addAll(rules);
      b.maxScanChars = maxScanChars;
      b.fieldScanLimits.putAll(fieldScanLimits);
      b.nearMissRatio = nearMissRatio;
      b.calibration = calibration;
      b.logContent = logContent;
      b.budget = budget;
      b.executor = executor;
      return b;
    }

    /** The version recorded in every decision, for audits and appeals. Default {@code "1"}. */
    public Builder version(String version) {
      requireNonNull(version, "version");
      if (version.isBlank()) {
        throw new IllegalArgumentException("policy version must not be blank but was '" + version + "'");
      }
      this.version = version;
      return this;
    }

    /**
     * A hash of the sources the policy is built from, recorded in every decision next to the name and
     * version (a policy file's loader sets it; see {@link Policy#contentHash()}). Null, the default,
     * records none.
     *
     * @throws IllegalArgumentException if the hash is blank
     */
    public Builder contentHash(@Nullable String contentHash) {
      if (contentHash != null && contentHash.isBlank()) {
        throw new IllegalArgumentException("content hash must not be blank but was '" + contentHash
            + "'");
      }
      this.contentHash = contentHash;
      return this;
    }

    /** Adds a counted signal in category {@code "default"}, weight 1, failing open. */
    public Builder signal(Classifier classifier) {
      return signal(classifier, SignalOptions.in("default"));
    }

    /** Adds a counted signal in {@code category}, weight 1, failing open. */
    public Builder signal(Classifier classifier, String category) {
      return signal(classifier, SignalOptions.in(category));
    }

    /**
     * Adds a signal with the given options.
     *
     * @throws IllegalArgumentException if the policy already has a signal of the same name
     */
    public Builder signal(Classifier classifier, SignalOptions options) {
      requireNonNull(classifier, "classifier");
      requireNonNull(options, "options");
      String n = requireNonNull(classifier.name(), "classifier.name()");
      for (Classifier c : classifiers) {
        if (c.name().equals(n)) {
          throw new IllegalArgumentException("policy '" + name + "' already has a signal named '" + n
              + "'; rename one with classifier.named(...)");
        }
      }
      classifiers.add(classifier);
      this.options.add(options);
      return this;
    }

    /** Adds a shadow signal in {@code category}: evaluated and reported, never counted. */
    public Builder shadow(Classifier classifier, String category) {
      return signal(classifier, SignalOptions.in(category).shadow());
    }

    /**
     * Caps a category's score: {@code min(cap, sum of weight x score)}.
     *
     * @throws IllegalArgumentException if the cap is not positive and finite, or was already set
     */
    public Builder categoryCap(String category, double cap) {
      requireNonNull(category, "category");
      if (!(cap > 0.0 && cap < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException(
            "cap of category '" + category + "' must be positive and finite but was " + cap);
      }
      if (caps.containsKey(category)) {
        throw new IllegalArgumentException(
            "cap of category '" + category + "' was already set to " + caps.get(category));
      }
      caps.put(category, cap);
      return this;
    }

    /**
     * Gives the signal named {@code signal} (its classifier's name) another weight, keeping its other
     * options: how a variant of a policy with learned or tuned weights is derived.
     *
     * @throws IllegalArgumentException if no signal has that name, or the weight is NaN or infinite
     *     (a negative weight makes the signal counter-evidence: {@link SignalOptions#weight})
     */
    public Builder weight(String signal, double weight) {
      requireNonNull(signal, "signal");
      for (int i = 0; i < classifiers.size(); i++) {
        if (classifiers.get(i).name().equals(signal)) {
          options.set(i, options.get(i).weight(weight));
          return this;
        }
      }
      throw new IllegalArgumentException("policy '" + name + "' has no signal named '" + signal + "'");
    }

    /**
     * Calibrates the total into a probability of harm, reported in every decision and readable by rules
     * ({@link Condition#probability()}); null removes it.
     */
    public Builder calibration(@Nullable Calibration calibration) {
      this.calibration = calibration;
      return this;
    }

    /** Removes every category cap set so far. */
    public Builder clearCategoryCaps() {
      caps.clear();
      return this;
    }

    /** Removes every rule added so far. */
    public Builder clearRules() {
      rules.clear();
      return this;
    }

    /** Adds a rule; see {@link Rule} for the order in which rules are checked. */
    public Builder rule(Rule rule) {
      rules.add(requireNonNull(rule, "rule"));
      return this;
    }

    /** Adds an ordinary rule choosing {@code action} when {@code condition} holds. */
    public Builder when(Condition condition, Action action) {
      return rule(Rule.when(condition, action));
    }

    /** Adds a forced rule: checked before all ordinary rules. */
    public Builder forced(Condition condition, Action action) {
      return rule(Rule.forced(condition, action));
    }

    /** Adds {@code when(condition, Action.REMOVE)}. */
    public Builder removeWhen(Condition condition) {
      return when(condition, Action.REMOVE);
    }

    /** Adds {@code when(condition, Action.REVIEW)}. */
    public Builder reviewWhen(Condition condition) {
      return when(condition, Action.REVIEW);
    }

    /** The scan limit for every field without its own limit, in chars; at least 1. */
    public Builder maxScanChars(int maxChars) {
      if (maxChars < 1) {
        throw new IllegalArgumentException("maxScanChars must be at least 1 but was " + maxChars);
      }
      this.maxScanChars = maxChars;
      return this;
    }

    /** The scan limit for one field, in chars; at least 1. */
    public Builder maxScanChars(String field, int maxChars) {
      requireNonNull(field, "field");
      if (maxChars < 1) {
        throw new IllegalArgumentException(
            "maxScanChars of field '" + field + "' must be at least 1 but was " + maxChars);
      }
      fieldScanLimits.put(field, maxChars);
      return this;
    }

    /**
     * How close a rule must come to count as a near miss: its value must reach this fraction of its
     * threshold. In [0, 1]; default 0.75; 1 turns near misses off.
     */
    public Builder nearMissRatio(double ratio) {
      if (!(ratio >= 0.0 && ratio <= 1.0)) {
        throw new IllegalArgumentException("nearMissRatio must be in [0, 1] but was " + ratio);
      }
      this.nearMissRatio = ratio;
      return this;
    }

    /**
     * Whether failure logs may include the content and the exception's message. Off by default: logs
     * are read by people who must not see private messages.
     */
    public Builder logContent(boolean logContent) {
      this.logContent = logContent;
      return this;
    }

    /**
     * A time budget per evaluation. Classifiers on the calling thread run in order; one that would
     * start after the budget is spent is skipped and recorded as failed (a {@code TimeoutException}),
     * and its failure mode applies. A classifier already running on the calling thread is not
     * interrupted: its result counts, and the ones after it are skipped. Classifiers that may block
     * (a remote model, a reputation service) should be {@link SignalOptions#isolated() isolated}: they
     * start first, run on the executor, and whatever is still running at the deadline is
     * <em>abandoned</em> (its result ignored, recorded as failed) and cancelled with an interrupt, which
     * a well-behaved classifier honours.
     *
     * @throws IllegalArgumentException if the budget is not positive
     */
    public Builder timeBudget(Duration budget) {
      requireNonNull(budget, "budget");
      if (budget.isNegative() || budget.isZero()) {
        throw new IllegalArgumentException("time budget must be positive but was " + budget);
      }
      this.budget = budget;
      return this;
    }

    /**
     * The executor for isolated classifiers. By default a shared pool of at most 64 daemon threads;
     * when none is free the classifier is recorded as failed rather than queued. The policy never
     * shuts the executor down.
     */
    public Builder executor(ExecutorService executor) {
      this.executor = requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Checks the whole configuration and builds the policy.
     *
     * @throws IllegalArgumentException naming the problem: no signals; a rule or cap naming a category
     *     or signal the policy does not have, or a shadow signal; a rule that can never hold (a signal's
     *     score above 1, a category's above its cap or the sum of its weights, the total above the sum
     *     of what the categories can reach)
     */
    public Policy build() {
      if (classifiers.isEmpty()) {
        throw new IllegalArgumentException("policy '" + name + "' has no signals");
      }
      for (int i = 0; i < classifiers.size(); i++) {
        if (options.get(i).isIsolated() && budget == null) {
          throw new IllegalArgumentException("signal '" + classifiers.get(i).name() + "' of policy '"
              + name + "' is isolated, which needs a time budget (timeBudget(...))");
        }
      }
      List<String> categoryList = new ArrayList<>();
      Set<String> shadowOnly = new HashSet<>();
      for (SignalOptions o : options) {
        if (o.isShadow()) {
          shadowOnly.add(o.category());
        } else {
          if (!categoryList.contains(o.category())) {
            categoryList.add(o.category());
          }
          for (String c : o.splitCategories()) {
            if (!categoryList.contains(c)) {
              categoryList.add(c);
            }
          }
        }
      }
      shadowOnly.removeAll(categoryList);
      for (String c : caps.keySet()) {
        if (!categoryList.contains(c)) {
          throw new IllegalArgumentException("policy '" + name + "' caps category '" + c
              + "', but no counted signal is in it; categories: " + categoryList);
        }
      }
      List<Rule> ordered = new ArrayList<>(rules.size());
      for (Rule r : rules) {
        if (r.isForced()) {
          ordered.add(r);
        }
      }
      for (Rule r : rules) {
        if (!r.isForced()) {
          ordered.add(r);
        }
      }
      int[] index = new int[ordered.size()];
      RuleReach reach = new RuleReach(categoryList, options, caps);
      for (int r = 0; r < ordered.size(); r++) {
        index[r] = resolve(ordered.get(r), categoryList, shadowOnly);
        reach.check(ordered.get(r), index[r], name);
      }
      return new Policy(this, categoryList, ordered.toArray(new Rule[0]), index);
    }

    private int resolve(Rule rule, List<String> categoryList, Set<String> shadowOnly) {
      Condition c = rule.condition();
      String target = c.name();
      switch (c.subject()) {
        case TOTAL:
          return -1;
        case PROBABILITY:
          if (calibration == null) {
            throw new IllegalArgumentException("rule '" + rule + "' of policy '" + name
                + "' reads the probability of harm, but the policy has no calibration");
          }
          return -1;
        case CATEGORY: {
          int i = categoryList.indexOf(target);
          if (i < 0) {
            throw new IllegalArgumentException("rule '" + rule + "' of policy '" + name
                + "' names category '" + target + "', which "
                + (shadowOnly.contains(target) ? "has only shadow signals (shadows never act)"
                    : "no signal is in; categories: " + categoryList));
          }
          return i;
        }
        default: {
          for (int i = 0; i < classifiers.size(); i++) {
            if (classifiers.get(i).name().equals(target)) {
              if (options.get(i).isShadow()) {
                throw new IllegalArgumentException("rule '" + rule + "' of policy '" + name
                    + "' names shadow signal '" + target + "'; shadows never act");
              }
              return i;
            }
          }
          throw new IllegalArgumentException("rule '" + rule + "' of policy '" + name
              + "' names signal '" + target + "', which the policy does not have");
        }
      }
    }
  }
}
