package dev.vigil.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;

/**
 * The measured quality of a policy's decisions on labeled items; made by {@link Evaluation#run}.
 *
 * <ul>
 *   <li>{@link #confusion()}: the confusion matrix at the policy's own decisions, with precision, recall,
 *       F1 and false-positive rate.
 *   <li>{@link #byLabelCategory()}: for each true category of the harmful items, that category's items
 *       against all harmless ones: its recall, and precision as if the other harmful categories were not
 *       there.
 *   <li>{@link #byPolicyCategory()}: for each policy category, the flagged items whose highest-scoring
 *       category it is, against the truth: which category's flags are right.
 *   <li>{@link #curve()}: precision-recall and ROC over the decision's total score, with
 *       {@link ScoreCurve#averagePrecision()}, {@link ScoreCurve#rocAuc()} and suggested thresholds.
 *   <li>{@link #rules()} and {@link #evidenceRules()}: what each signal, and each term or pattern inside
 *       it, fired on; {@link #topFalsePositiveRules(int)} is where an analyst starts.
 * </ul>
 * Immutable.
 */
public final class EvaluationReport {
  private final String policyName;
  private final String policyVersion;
  private final List<String> flaggingActions;
  private final List<ItemResult> items;
  private final List<RuleStats> rules;
  private final List<EvidenceRuleStats> evidenceRules;
  private final Confusion confusion;
  private final ScoreCurve curve;
  private final Set<String> counterEvidence;

  EvaluationReport(String policyName, String policyVersion, List<String> flaggingActions,
      List<ItemResult> items, List<RuleStats> rules, List<EvidenceRuleStats> evidenceRules,
      Set<String> counterEvidence) {
    this.counterEvidence = Set.copyOf(counterEvidence);
    this.policyName = policyName;
    this.policyVersion = policyVersion;
    this.flaggingActions = List.copyOf(flaggingActions);
    this.items = Collections.unmodifiableList(new ArrayList<>(items));
    this.rules = List.copyOf(rules);
    this.evidenceRules = List.copyOf(evidenceRules);
    Confusion c = Confusion.EMPTY;
    double[] scores = new double[items.size()];
    boolean[] harmful = new boolean[items.size()];
    for (int i = 0; i < items.size(); i++) {
      ItemResult r = items.get(i);
      c = c.add(r.harmful(), r.flagged());
      scores[i] = r.score();
      harmful[i] = r.harmful();
    }
    this.confusion = c;
    this.curve = ScoreCurve.of(scores, harmful);
  }

  /** The evaluated policy's name. */
  public String policyName() {
    return policyName;
  }

  /** The evaluated policy's version. */
  public String policyVersion() {
    return policyVersion;
  }

  /** The actions counted as flagged; empty for "every action but allow". */
  public List<String> flaggingActions() {
    return flaggingActions;
  }

  /** One result per item, in input order. */
  public List<ItemResult> items() {
    return items;
  }

  /** The confusion matrix at the policy's own decisions. */
  public Confusion confusion() {
    return confusion;
  }

  /** The score curve over the decisions' total scores. */
  public ScoreCurve curve() {
    return curve;
  }

  /** How many items had a signal fail. */
  public long itemsWithFailures() {
    return items.stream().filter(ItemResult::failed).count();
  }

  /**
   * Per true category of harmful items (sorted by name): that category's harmful items against all
   * harmless items. Items without category are left out; empty when no item has one.
   */
  public Map<String, Confusion> byLabelCategory() {
    Map<String, Confusion> out = new TreeMap<>();
    for (ItemResult r : items) {
      if (r.harmful() && r.category() != null) {
        out.merge(r.category(), Confusion.EMPTY.add(true, r.flagged()), EvaluationReport::sum);
      }
    }
    Confusion harmless = Confusion.EMPTY;
    for (ItemResult r : items) {
      if (!r.harmful()) {
        harmless = harmless.add(false, r.flagged());
      }
    }
    Map<String, Confusion> withNegatives = new LinkedHashMap<>();
    for (Map.Entry<String, Confusion> e : out.entrySet()) {
      withNegatives.put(e.getKey(), sum(e.getValue(), harmless));
    }
    return withNegatives;
  }

  /**
   * Per policy category (sorted by name): an item counts as flagged in a category when it is flagged and
   * that category scored highest; truth is the item's harmful label.
   */
  public Map<String, Confusion> byPolicyCategory() {
    Map<String, Confusion> out = new TreeMap<>();
    for (RuleStats r : rules) {
      if (!r.shadow()) {
        out.put(r.category(), Confusion.EMPTY);
      }
    }
    for (Map.Entry<String, Confusion> e : out.entrySet()) {
      Confusion c = Confusion.EMPTY;
      for (ItemResult r : items) {
        c = c.add(r.harmful(), r.flagged() && e.getKey().equals(r.topCategory()));
      }
      e.setValue(c);
    }
    return out;
  }

  /** Statistics per policy signal, in policy order. */
  public List<RuleStats> rules() {
    return rules;
  }

  /** The signals that never fired on these items. */
  public List<String> neverFired() {
    List<String> out = new ArrayList<>();
    for (RuleStats r : rules) {
      if (r.neverFired()) {
        out.add(r.name());
      }
    }
    return out;
  }

  /** Statistics per evidence rule (term, pattern, link rule), in order of first appearance. */
  public List<EvidenceRuleStats> evidenceRules() {
    return evidenceRules;
  }

  /**
   * The {@code n} evidence rules with the most false positives (harmless items), most first; ties by
   * fewer harmful items, then by name. Rules without false positives are left out, and so are the rules
   * of counter-evidence (signals of negative weight): firing on harmless items is what they are for.
   */
  public List<EvidenceRuleStats> topFalsePositiveRules(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0 but was " + n);
    }
    List<EvidenceRuleStats> sorted = new ArrayList<>();
    for (EvidenceRuleStats r : evidenceRules) {
      if (r.harmlessItems() > 0 && !counterEvidence.contains(r.signal())) {
        sorted.add(r);
      }
    }
    sorted.sort(Comparator.comparingLong(EvidenceRuleStats::harmlessItems).reversed()
        .thenComparingLong(EvidenceRuleStats::harmfulItems)
        .thenComparing(EvidenceRuleStats::signal).thenComparing(EvidenceRuleStats::rule));
    return List.copyOf(sorted.subList(0, Math.min(n, sorted.size())));
  }

  private static Confusion sum(Confusion a, Confusion b) {
    return new Confusion(a.tp() + b.tp(), a.fp() + b.fp(), a.tn() + b.tn(), a.fn() + b.fn());
  }

  @Override
  public String toString() {
    return "EvaluationReport(" + policyName + " v" + policyVersion + ", " + items.size() + " items, "
        + confusion + ")";
  }
}
