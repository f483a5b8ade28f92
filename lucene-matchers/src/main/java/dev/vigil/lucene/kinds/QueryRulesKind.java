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
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
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
  private static final Pattern RULE_PROBLEM = Pattern.compile("rule '(.*)': (.*)", Pattern.DOTALL);

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
    Map<String, Integer> lineOf = new HashMap<>();
    boolean ok = true;
    if (a.has("file")) {
      int number = 0;
      try (BufferedReader lines = a.file("file").reader()) {
        String line;
        while ((line = lines.readLine()) != null) {
          number++;
          if (line.isBlank() || line.strip().startsWith("#")) {
            continue;
          }
          String[] cols = line.split("\t", 4);
          if (cols.length != 4) {
            a.reportInFile("file", number, "expected id, category, weight and query separated by tabs"
                + " but found " + cols.length + " column(s)");
            ok = false;
            continue;
          }
          try {
            QueryRule r = new QueryRule(cols[0].strip(), cols[1].strip(),
                Double.parseDouble(cols[2].strip()), cols[3].strip());
            b.add(r);
            lineOf.put(r.id(), number);
          } catch (NumberFormatException e) {
            a.reportInFile("file", number, "weight '" + cols[2].strip() + "' is not a number");
            ok = false;
          } catch (IllegalArgumentException e) {
            a.reportInFile("file", number, String.valueOf(e.getMessage()));
            ok = false;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
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
      rules = b.build();
    } catch (QueryRules.QueryRulesException e) {
      for (String p : e.problems()) {
        Matcher m = RULE_PROBLEM.matcher(p);
        Integer line = m.matches() ? lineOf.get(m.group(1)) : null;
        if (line != null) {
          a.reportInFile("file", line, "query of rule '" + m.group(1) + "' does not parse: " + m.group(2));
        } else {
          a.report(a.has("queries") ? "queries" : "file", p);
        }
      }
      throw new IllegalArgumentException("the query rules of signal '" + a.signal() + "' do not parse");
    }
    if (!ok) {
      throw new IllegalArgumentException("the query rules of signal '" + a.signal() + "' have problems");
    }
    return QueryRuleClassifier.of(a.signal(), rules);
  }
}
