package dev.vigil.lucene;

import static java.util.Objects.requireNonNull;

import dev.vigil.Classifier;
import dev.vigil.Content;
import dev.vigil.Evidence;
import dev.vigil.Holder;
import dev.vigil.Signal;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Query rules as a classifier: every field of the content is matched against the current
 * {@link QueryRules} snapshot of a {@link Holder} (or a fixed snapshot); each hit is evidence with the
 * rule's id and category and the span of the matching words in the original text. The score is the
 * noisy-or of the weights of the distinct rules that matched, {@code 1 - product of (1 - weight)}, as for
 * term lists. A rule that throws while matching is noted in the signal ({@code rule 'x' failed: ...});
 * the others still count. Not applicable to content without fields.
 *
 * <p>An evaluation reads the holder once, so it sees one whole snapshot; swap snapshots with
 * {@link QueryRules#replace}. Thread safe.
 */
public final class QueryRuleClassifier implements Classifier {
  private final String name;
  private final Holder<QueryRules> rules;

  private QueryRuleClassifier(String name, Holder<QueryRules> rules) {
    this.name = name;
    this.rules = rules;
  }

  /** A classifier over a fixed snapshot. */
  public static QueryRuleClassifier of(String name, QueryRules rules) {
    return of(name, Holder.of(requireNonNull(rules, "rules")));
  }

  /** A classifier over the current snapshot of {@code rules}. */
  public static QueryRuleClassifier of(String name, Holder<QueryRules> rules) {
    requireNonNull(name, "name");
    requireNonNull(rules, "rules");
    if (name.isBlank()) {
      throw new IllegalArgumentException("classifier name must not be blank");
    }
    return new QueryRuleClassifier(name, rules);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String expression() {
    return "queries(" + name + ")";
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
    String[] names = new String[fields];
    String[] texts = new String[fields];
    for (int f = 0; f < fields; f++) {
      names[f] = content.fieldName(f);
      texts[f] = content.fieldText(f);
    }
    QueryRules snapshot = rules.get();
    Collector collector = new Collector(snapshot, names, texts);
    try {
      snapshot.match(names, texts, collector);
    } catch (IllegalStateException retired) {
      // Swapped and released between the read and the match: the new snapshot is in the holder.
      snapshot = rules.get();
      collector = new Collector(snapshot, names, texts);
      snapshot.match(names, texts, collector);
    }
    double miss = 1.0;
    // Each evidence category's noisy-or too, for a policy that splits the signal by evidence.
    Map<String, Double> missByCategory = new LinkedHashMap<>();
    for (int r = collector.matched.nextSetBit(0); r >= 0; r = collector.matched.nextSetBit(r + 1)) {
      miss *= 1.0 - snapshot.rule(r).weight();
      missByCategory.merge(snapshot.rule(r).category(), 1.0 - snapshot.rule(r).weight(),
          (a, b) -> a * b);
    }
    double score = 1.0 - miss;
    Signal signal = collector.count == 0 || score <= 0 ? Signal.notMatched()
        : Signal.of(score, collector.evidence, collector.count);
    if (signal.matched() && missByCategory.size() > 1) {
      missByCategory.replaceAll((c, m) -> 1.0 - m);
      signal = signal.withCategoryScores(missByCategory);
    }
    List<String> notes = collector.notes;
    return notes.isEmpty() ? signal : signal.withNotes(notes);
  }

  /** Counts hits and keeps the first {@value Signal#MAX_EVIDENCE} as evidence. */
  private static final class Collector implements QueryRules.MatchSink {
    final QueryRules snapshot;
    final String[] names;
    final String[] texts;
    final BitSet matched = new BitSet();
    final List<Evidence> evidence = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    int count;

    Collector(QueryRules snapshot, String[] names, String[] texts) {
      this.snapshot = snapshot;
      this.names = names;
      this.texts = texts;
    }

    @Override
    public void onMatch(int field, int rule, int start, int end) {
      QueryRule r = snapshot.rule(rule);
      matched.set(rule);
      count++;
      if (evidence.size() < Signal.MAX_EVIDENCE) {
        String text = texts[field];
        if (Evidence.splitsSurrogatePair(text, start)) {
          start--;
        }
        if (Evidence.splitsSurrogatePair(text, end)) {
          end++;
        }
        evidence.add(Evidence.of(names[field], text, start, end, r.id(), r.category()));
      }
    }

    @Override
    public void onError(int rule, Exception e) {
      notes.add("rule '" + snapshot.rule(rule).id() + "' failed: " + e.getClass().getSimpleName());
    }
  }
}
