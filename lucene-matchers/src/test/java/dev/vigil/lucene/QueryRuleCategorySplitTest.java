package dev.vigil.lucene;

import static dev.vigil.Condition.category;
import static dev.vigil.Condition.total;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.Action;
import dev.vigil.Decision;
import dev.vigil.Policy;
import dev.vigil.Signal;
import dev.vigil.SignalOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: a rules file with rules in several categories gives each category the noisy-or of its own
 * rules, so a policy that splits the signal by evidence counts a threat rule as a threat.
 */
class QueryRuleCategorySplitTest {

  @Test
  void eachCategoryScoresItsOwnRules() {
    try (QueryRules rules = QueryRules.builder("english")
        .add(new QueryRule("gift", "scam", 0.5, "\"gift card\""))
        .add(new QueryRule("wire", "scam", 0.5, "\"wire transfer\""))
        .add(new QueryRule("hurt", "threat", 1.0, "\"hurt you\"")).build()) {
      QueryRuleClassifier dm = QueryRuleClassifier.of("dm", rules);
      String text = "a gift card by wire transfer, or I will hurt you";
      Signal s = dm.classify(dev.vigil.Content.of(text));
      assertEquals(1.0, s.score());
      assertEquals(Map.of("scam", 0.75, "threat", 1.0), s.categoryScores());

      Policy p = Policy.builder("dm").version("1")
          .signal(dm, SignalOptions.in("scam").splitByEvidence("threat"))
          .forced(category("threat").atLeast(1.0), Action.REMOVE)
          .reviewWhen(total().atLeast(0.5))
          .build();
      Decision d = p.evaluate(text);
      assertEquals(Action.REMOVE, d.action());
      assertEquals(0.75, d.categoryScore("scam"));
      assertEquals(Action.REVIEW, p.evaluate("a gift card please").action());
      assertEquals(Map.of(), dm.classify(dev.vigil.Content.of("a gift card please")).categoryScores(),
          "one category: the whole score is that category's");
    }
  }
}
