package dev.vigil.eval;

import static java.util.Objects.requireNonNull;

import dev.vigil.Action;
import dev.vigil.Decision;
import dev.vigil.Evidence;
import dev.vigil.Outcome;
import dev.vigil.Policy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Runs a policy over labeled items and measures its decisions: {@code
 * Evaluation.of(policy).flagging("remove").run(items)}.
 *
 * <p>An item is <em>flagged</em> when the policy's action is one of the flagging actions: by default every
 * action but {@code allow}; {@link #flagging} narrows it (remove only, or remove and review). Items are
 * evaluated one after the other on the calling thread, in list order; the report keeps one
 * {@link ItemResult} per item. An evaluation is immutable; {@link #run} may be called from many threads.
 */
public final class Evaluation {
  private final Policy policy;
  private final @Nullable Set<String> flagging;
  private final @Nullable Progress progress;

  /** Told how far a run has come; called on the running thread. */
  @FunctionalInterface
  public interface Progress {
    /** {@code done} of {@code total} items are evaluated. */
    void update(int done, int total);
  }

  private Evaluation(Policy policy, @Nullable Set<String> flagging, @Nullable Progress progress) {
    this.policy = policy;
    this.flagging = flagging;
    this.progress = progress;
  }

  /** An evaluation of {@code policy}, flagging every action but allow. */
  public static Evaluation of(Policy policy) {
    return new Evaluation(requireNonNull(policy, "policy"), null, null);
  }

  /**
   * This evaluation counting only the named actions as flagged.
   *
   * @throws IllegalArgumentException if no action is given
   */
  public Evaluation flagging(String... actions) {
    return flagging(Arrays.asList(actions));
  }

  /** This evaluation counting only the given actions as flagged. */
  public Evaluation flagging(Action... actions) {
    List<String> names = new ArrayList<>();
    for (Action a : actions) {
      names.add(requireNonNull(a, "action").name());
    }
    return flagging(names);
  }

  /** This evaluation counting only the named actions as flagged. */
  public Evaluation flagging(Collection<String> actions) {
    if (actions.isEmpty()) {
      throw new IllegalArgumentException("flagging needs at least one action");
    }
    Set<String> set = new LinkedHashSet<>();
    for (String a : actions) {
      set.add(requireNonNull(a, "action"));
    }
    return new Evaluation(policy, Set.copyOf(set), progress);
  }

  /** This evaluation reporting progress to {@code listener} after each item. */
  public Evaluation onProgress(Progress listener) {
    return new Evaluation(policy, flagging, requireNonNull(listener, "listener"));
  }

  /** The flagging actions, or an empty list for "every action but allow". */
  public List<String> flaggingActions() {
    return flagging == null ? List.of() : List.copyOf(flagging);
  }

  /** Whether {@code action} counts as flagged here. */
  public boolean flags(String action) {
    return flagging == null ? !action.equals(Action.ALLOW.name()) : flagging.contains(action);
  }

  /** Evaluates every item and measures the decisions. */
  public EvaluationReport run(List<LabeledItem> items) {
    requireNonNull(items, "items");
    List<ItemResult> results = new ArrayList<>(items.size());
    Map<String, RuleCounter> rules = new LinkedHashMap<>();
    Map<String, long[]> evidenceRules = new LinkedHashMap<>();
    int done = 0;
    for (LabeledItem item : items) {
      requireNonNull(item, "item");
      Decision d = policy.evaluate(item.content());
      boolean flagged = flags(d.action().name());
      List<String> matched = new ArrayList<>();
      String onlyCounted = null;
      int counted = 0;
      boolean failed = false;
      for (Decision.SignalReport r : d.signals()) {
        RuleCounter c = rules.computeIfAbsent(r.name(),
            k -> new RuleCounter(r.name(), r.category(), r.shadow()));
        failed |= r.outcome() == Outcome.FAILED;
        if (r.outcome() != Outcome.MATCHED) {
          continue;
        }
        matched.add(r.name());
        c.hits++;
        if (item.harmful()) {
          c.harmfulHits++;
          if (!flagged) {
            c.missedHits++;
          }
        } else {
          c.harmlessHits++;
        }
        if (!r.shadow()) {
          counted++;
          onlyCounted = r.name();
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Evidence e : r.signal().evidence()) {
          if (seen.add(e.rule())) {
            long[] n = evidenceRules.computeIfAbsent(r.name() + "\u0000" + e.rule(), k -> new long[2]);
            n[item.harmful() ? 0 : 1]++;
          }
        }
      }
      if (counted == 1 && flagged && item.harmful()) {
        rules.get(onlyCounted).onlyCatches++;
      }
      results.add(new ItemResult(item.id(), item.harmful(), item.category(), d.action().name(),
          flagged, d.total(), topCategory(d), matched, failed));
      done++;
      if (progress != null) {
        progress.update(done, items.size());
      }
    }
    List<RuleStats> ruleStats = new ArrayList<>();
    for (RuleCounter c : rules.values()) {
      ruleStats.add(new RuleStats(c.name, c.category, c.shadow, c.hits, c.harmfulHits, c.harmlessHits,
          c.onlyCatches, c.missedHits));
    }
    List<EvidenceRuleStats> evidenceStats = new ArrayList<>();
    evidenceRules.forEach((key, n) -> {
      int sep = key.indexOf('\u0000');
      evidenceStats.add(new EvidenceRuleStats(key.substring(0, sep), key.substring(sep + 1), n[0], n[1]));
    });
    Set<String> counterEvidence = new java.util.HashSet<>();
    for (Policy.Member m : policy.signals()) {
      if (m.options().weight() < 0) {
        counterEvidence.add(m.classifier().name());
      }
    }
    return new EvaluationReport(policy.name(), policy.version(), flaggingActions(), results, ruleStats,
        evidenceStats, counterEvidence);
  }

  private static @Nullable String topCategory(Decision d) {
    String top = null;
    double best = 0;
    for (Decision.CategoryScore c : d.categories()) {
      if (c.score() > best) {
        best = c.score();
        top = c.category();
      }
    }
    return top;
  }

  private static final class RuleCounter {
    final String name;
    final String category;
    final boolean shadow;
    long hits;
    long harmfulHits;
    long harmlessHits;
    long onlyCatches;
    long missedHits;

    RuleCounter(String name, String category, boolean shadow) {
      this.name = name;
      this.category = category;
      this.shadow = shadow;
    }
  }
}
