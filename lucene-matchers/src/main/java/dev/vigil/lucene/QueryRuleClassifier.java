package dev.vigil.lucene;

import static java.util.Objects.requireNonNull;

import dev.vigil.Classifier;
import dev.vigil.Content;
import dev.vigil.Evidence;
import dev.vigil.Holder;
import dev.vigil.Signal;
import dev.vigil.internal.Texts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    QueryRules.Result result;
    try {
      result = snapshot.match(names, texts);
    } catch (IllegalStateException closed) {
      // Swapped and released between the read and the match: the new snapshot is in the holder.
      snapshot = rules.get();
      result = snapshot.match(names, texts);
    }
    Map<String, QueryRule> byId = snapshot.rules();
    List<Evidence> evidence = new ArrayList<>();
    Set<String> matched = new LinkedHashSet<>();
    int count = 0;
    for (QueryRules.Match m : result.matches()) {
      QueryRule rule = byId.get(m.rule());
      if (rule == null) {
        continue;
      }
      matched.add(rule.id());
      count++;
      if (evidence.size() < Signal.MAX_EVIDENCE) {
        String text = texts[m.field()];
        int start = m.start();
        int end = m.end();
        if (Texts.splitsSurrogatePair(text, start)) {
          start--;
        }
        if (Texts.splitsSurrogatePair(text, end)) {
          end++;
        }
        evidence.add(Evidence.of(names[m.field()], text, start, end, rule.id(), rule.category()));
      }
    }
    double miss = 1.0;
    for (String id : matched) {
      miss *= 1.0 - byId.get(id).weight();
    }
    double score = 1.0 - miss;
    Signal signal = matched.isEmpty() || score <= 0 ? Signal.notMatched()
        : Signal.of(score, evidence, count);
    List<String> notes = new ArrayList<>();
    for (Map.Entry<String, Exception> e : result.errors().entrySet()) {
      notes.add("rule '" + e.getKey() + "' failed: " + e.getValue().getClass().getSimpleName());
    }
    return notes.isEmpty() ? signal : signal.withNotes(notes);
  }
}
