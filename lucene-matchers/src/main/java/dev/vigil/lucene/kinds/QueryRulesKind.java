package dev.vigil.lucene.kinds;

import dev.vigil.Classifier;
import dev.vigil.lucene.QueryRule;
import dev.vigil.lucene.QueryRuleClassifier;
import dev.vigil.lucene.QueryRules;
import dev.vigil.lucene.RuleAnalyzers;
import dev.vigil.spi.Arguments;
import dev.vigil.spi.Parameter;
import dev.vigil.spi.Parameter.Type;
import dev.vigil.spi.SignalKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code kind: lucene.queries}: rules written in Lucene's query syntax ({@code "kill yourself"~2},
 * {@code idiot~1}, {@code scam*}), from a file in the format of {@link QueryRules#load} and/or inline as
 * {@code queries: {id: query}}, matched as {@link QueryRuleClassifier} does. A bad line or a query that
 * does not parse is reported at its line of the rules file, or at {@code queries}.
 */
public final class QueryRulesKind implements SignalKind {
  private static final Pattern RULE_PROBLEM = Pattern.compile("rule '(.*?)': (.*)", Pattern.DOTALL);

  /** For {@link java.util.ServiceLoader}. */
  public QueryRulesKind() {}

  @Override
  public String name() {
    return "lucene.queries";
  }

  @Override
  public String description() {
    return "Rules in Lucene's query syntax (phrases, proximity, fuzzy and wildcard terms, AND/OR/NOT),"
        + " many matched per document in the style of Lucene's Monitor; score: the noisy-or of the"
        + " weights of the rules that match.";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(
        Parameter.of("file", Type.FILE, "a rules file: one rule per line, id<TAB>category<TAB>weight"
            + "<TAB>query; blank lines and # comments skipped"),
        Parameter.of("queries", Type.STRING_MAP, "rules written inline, id: query (weight 1, in the"
            + " evidence category)"),
        Parameter.choice("analyzer", "how rules and text are analyzed",
            RuleAnalyzers.NAMES.toArray(new String[0])).defaultValue("english"),
        Parameter.of("evidence-category", Type.STRING, "the category inline rules' evidence names; the"
            + " signal's category unless set"));
  }

  @Override
  public Classifier create(Arguments a) {
    if (!a.has("file") && !a.has("queries")) {
      throw new IllegalArgumentException("kind lucene.queries needs 'file' or 'queries' (or both)");
    }
    QueryRules.Builder b = QueryRules.builder(a.string("analyzer"));
    boolean ok = true;
    if (a.has("queries")) {
      String category = a.has("evidence-category") ? a.string("evidence-category")
          : a.category() != null ? a.category() : "default";
      for (Map.Entry<String, String> q : a.stringMap("queries").entrySet()) {
        try {
          b.add(new QueryRule(q.getKey(), category, 1.0, q.getValue()));
        } catch (IllegalArgumentException e) {
          a.report("queries", String.valueOf(e.getMessage()));
          ok = false;
        }
      }
    }
    QueryRules rules;
    try {
      rules = a.has("file") ? QueryRules.parse(a.file("file").reader(), a.file("file").name(), b)
          : b.build();
    } catch (QueryRules.QueryRulesException e) {
      report(a, e.problems());
      throw new IllegalArgumentException("the query rules of signal '" + a.signal() + "' have problems");
    }
    if (!ok) {
      throw new IllegalArgumentException("the query rules of signal '" + a.signal() + "' have problems");
    }
    return QueryRuleClassifier.of(a.signal(), rules);
  }

  /**
   * Reports each problem where it is: a bad line at its line of the rules file, a query that does not
   * parse at the line of the file that holds its rule, or at {@code queries} when it was written inline.
   */
  private static void report(Arguments a, List<String> problems) {
    String file = a.has("file") ? a.file("file").name() : null;
    Pattern line = file == null ? null : Pattern.compile(Pattern.quote(file) + ":(\\d+): (.*)", Pattern.DOTALL);
    Map<String, Integer> lineOfRule = new HashMap<>();
    if (file != null) {
      String[] lines = a.file("file").text().split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        lineOfRule.putIfAbsent(lines[i].split("\t", 2)[0].strip(), i + 1);
      }
    }
    for (String p : problems) {
      Matcher m = line == null ? null : line.matcher(p);
      Matcher rule = RULE_PROBLEM.matcher(p);
      if (m != null && m.matches()) {
        a.reportInFile("file", Integer.parseInt(m.group(1)), m.group(2));
      } else if (rule.matches() && lineOfRule.containsKey(rule.group(1)) && !inline(a, rule.group(1))) {
        a.reportInFile("file", lineOfRule.get(rule.group(1)), "query of rule '" + rule.group(1)
            + "' does not parse: " + rule.group(2));
      } else {
        a.report(a.has("queries") ? "queries" : "file", p);
      }
    }
  }

  private static boolean inline(Arguments a, String id) {
    return a.has("queries") && a.stringMap("queries").containsKey(id);
  }
}
