package dev.vigil.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.Content;
import dev.vigil.Decision;
import dev.vigil.lucene.AnalyzedTermsClassifier;
import dev.vigil.lucene.QueryRule;
import dev.vigil.lucene.QueryRuleClassifier;
import dev.vigil.lucene.QueryRules;
import dev.vigil.lucene.RuleAnalyzers;
import dev.vigil.policy.PolicyException;
import dev.vigil.policy.PolicyFile;
import dev.vigil.policy.PolicyLoader;
import dev.vigil.policy.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kinds lucene-matchers contributes to policy files ({@code lucene.queries},
 * {@code lucene.analyzed-terms}), found through ServiceLoader: they score as the classifiers built in
 * Java, and their problems land at the line of the rules file or at the key.
 */
class LuceneKindsTest {
  @TempDir Path dir;

  private PolicyFile load(String yaml) throws Exception {
    Files.writeString(dir.resolve("p.yaml"), yaml);
    return PolicyLoader.defaults().load(dir.resolve("p.yaml"));
  }

  private List<Problem> problems(String yaml) throws Exception {
    Files.writeString(dir.resolve("p.yaml"), yaml);
    return assertThrows(PolicyException.class, () -> PolicyLoader.defaults().load(dir.resolve("p.yaml")))
        .problems();
  }

  @Test
  void queryRulesFromAFileAndInlineScoreAsInJava() throws Exception {
    Files.writeString(dir.resolve("rules.tsv"), "# id, category, weight, query\n"
        + "kys\tself-harm\t0.9\t\"kill yourself\"~2\nscam\tscam\t0.5\tscam*\n");
    PolicyFile f = load("policy: q\ncategories: {harm: }\n"
        + "signals:\n  q: {kind: lucene.queries, file: rules.tsv, queries: {idiot: 'idiot~1'},"
        + " analyzer: normalized, category: harm}\n"
        + "  t: {kind: lucene.analyzed-terms, lists: words, category: harm, score: 0.5}\n"
        + "lists:\n  words: {type: terms, entries: [kill]}\n"
        + "rules: ['review when total >= 0.5']\n");
    QueryRuleClassifier java = QueryRuleClassifier.of("q", QueryRules.builder("normalized")
        .add(new QueryRule("idiot", "harm", 1.0, "idiot~1"))
        .add(new QueryRule("kys", "self-harm", 0.9, "\"kill yourself\"~2"))
        .add(new QueryRule("scam", "scam", 0.5, "scam*")).build());
    AnalyzedTermsClassifier terms = AnalyzedTermsClassifier.builder("t", RuleAnalyzers.english())
        .term("kill", "default", "kill").score(0.5).build();
    for (String text : List.of("go k\u200Bill your self, idoit", "scammers everywhere", "killing time",
        "nothing")) {
      Content c = Content.of(text);
      Decision d = f.policy().evaluate(c);
      assertEquals(java.classify(c), d.signal("q").signal(), text);
      assertEquals(terms.classify(c), d.signal("t").signal(), text);
    }
    assertEquals("review", f.policy().evaluate("killing time").action().name());
  }

  @Test
  void problemsLandAtTheLineOfTheRulesFileOrAtTheKey() throws Exception {
    Files.writeString(dir.resolve("rules.tsv"), "ok\tx\t1\tfine\nbad columns\n"
        + "broken\tx\t1\t\"unclosed\nweight\tx\theavy\tq\n");
    List<Problem> p = problems("policy: q\ncategories: {harm: }\n"
        + "signals:\n  q: {kind: lucene.queries, file: rules.tsv, queries: {x: 'a AND'}, category: harm}\n"
        + "  a: {kind: lucene.queries, queries: {y: z}, analyzer: englsh, category: harm}\n"
        + "  n: {kind: lucene.queries, category: harm}\n");
    assertTrue(has(p, "rules.tsv", 2, "expected id, category, weight and query separated by tabs"), p.toString());
    assertTrue(has(p, "rules.tsv", 4, "weight 'heavy' is not a number"), p.toString());
    assertTrue(has(p, "p.yaml", 5, "must be one of english, german") && has(p, "p.yaml", 5,
        "did you mean 'english'?"), p.toString());
    assertTrue(has(p, "p.yaml", 6, "needs 'file' or 'queries'"), p.toString());
    // Lines with bad columns stop the parse before the queries compile; fix them and the query
    // problems appear, at their lines.
    Files.writeString(dir.resolve("rules.tsv"), "ok\tx\t1\tfine\nbroken\tx\t1\t\"unclosed\n");
    List<Problem> q = problems("policy: q\ncategories: {harm: }\n"
        + "signals:\n  q: {kind: lucene.queries, file: rules.tsv, queries: {x: 'a AND'}, category: harm}\n");
    assertTrue(has(q, "rules.tsv", 2, "query of rule 'broken' does not parse"), q.toString());
    assertTrue(has(q, "p.yaml", 4, "rule 'x'"), q.toString());
  }

  private static boolean has(List<Problem> problems, String file, int line, String fragment) {
    for (Problem p : problems) {
      if (p.file().endsWith(file) && p.line() == line && p.message().contains(fragment)) {
        return true;
      }
    }
    return false;
  }
}
