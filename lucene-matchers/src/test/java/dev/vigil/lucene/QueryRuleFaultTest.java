package dev.vigil.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.Content;
import dev.vigil.Evidence;
import dev.vigil.Outcome;
import dev.vigil.Signal;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;
import org.junit.jupiter.api.Test;

/** A rule that throws while matching is recorded in the signal; the other rules still count. */
class QueryRuleFaultTest {

  /** A query that Lucene cannot run: building its weight fails. */
  private static final class Exploding extends Query {
    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost)
        throws IOException {
      throw new IllegalStateException("boom");
    }

    @Override
    public String toString(String field) {
      return "exploding";
    }

    @Override
    public void visit(QueryVisitor visitor) {
      visitor.visitLeaf(this);
    }

    @Override
    public boolean equals(Object o) {
      return o == this;
    }

    @Override
    public int hashCode() {
      return 42;
    }
  }

  @Test
  void aFailingRuleIsNotedAndTheOthersStillMatch() {
    try (QueryRules rules = QueryRules.builder("english")
        .add(new QueryRule("bad", "x", 1, "(exploding)"), new Exploding())
        .add(new QueryRule("good", "abuse", 0.7, "idiot")).build()) {
      Signal s = QueryRuleClassifier.of("q", rules).classify(Content.of("you idiot"));
      assertEquals(Outcome.MATCHED, s.outcome());
      assertEquals(0.7, s.score(), 1e-12);
      assertEquals(List.of("good"), s.evidence().stream().map(Evidence::rule).toList());
      assertEquals(List.of("rule 'bad' failed: IllegalStateException"), s.notes());
      assertEquals(1, rules.match(new String[] {"body"}, new String[] {"you idiot"}).errors().size());
    }
  }
}
