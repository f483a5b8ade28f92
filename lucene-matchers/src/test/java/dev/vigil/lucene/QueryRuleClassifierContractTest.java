package dev.vigil.lucene;

import dev.vigil.Classifier;
import dev.vigil.ClassifierContract;
import java.util.List;

/** The laws every classifier keeps, for query rules under the normalizing analyzer. */
class QueryRuleClassifierContractTest implements ClassifierContract {
  private static final QueryRules RULES = QueryRules.builder("normalized")
      .add(new QueryRule("kys", "threat", 1.0, "\"kill yourself\""))
      .add(new QueryRule("insult", "abuse", 0.6, "idiot~1"))
      .add(new QueryRule("scam", "scam", 0.5, "scam* AND (bitcoin OR crypto)"))
      .build();

  @Override
  public Classifier classifier() {
    return QueryRuleClassifier.of("queries", RULES);
  }

  @Override
  public List<String> samples() {
    return List.of("go kill yourself", "what an idoit", "scammers want your bitcoin",
        "k\u200bill y\u043eurself", "\ud83d\ude00 idiot \ud83d\ude00", "nothing here");
  }
}
