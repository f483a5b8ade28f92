package dev.vigil.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.queryparser.classic.QueryParser;

/**
 * The presearcher path (Lucene's Monitor selecting candidates by their terms) returns exactly the rules
 * that match when every rule runs against the document one by one, the naive reference: a
 * {@link MemoryIndex} of the document and each rule's query searched in it.
 */
class QueryRulesProperties {
  private static final List<String> WORDS = List.of("kill", "killing", "you", "yourself", "idiot",
      "idoit", "scam", "scammer", "free", "money", "sell", "selling", "meth", "the", "a", "now",
      "fentanyl", "win", "winner");

  @Provide
  Arbitrary<String> queries() {
    Arbitrary<String> word = Arbitraries.of(WORDS);
    Arbitrary<String> phrase = word.list().ofMinSize(2).ofMaxSize(3)
        .map(l -> "\"" + String.join(" ", l) + "\"");
    Arbitrary<String> proximity = Combinators.combine(phrase, Arbitraries.integers().between(1, 4))
        .as((p, n) -> p + "~" + n);
    Arbitrary<String> fuzzy = word.map(w -> w + "~1");
    Arbitrary<String> wildcard = word.map(w -> w.substring(0, Math.min(3, w.length())) + "*");
    Arbitrary<String> simple = Arbitraries.oneOf(word, phrase, proximity, fuzzy, wildcard);
    Arbitrary<String> bool = Combinators.combine(simple, simple, Arbitraries.of("AND", "OR", "AND NOT"))
        .as((a, b, op) -> a + " " + op + " " + b);
    return Arbitraries.oneOf(simple, simple, bool);
  }

  @Provide
  Arbitrary<String> documents() {
    return Arbitraries.of(WORDS).list().ofMinSize(1).ofMaxSize(12).map(l -> String.join(" ", l));
  }

  @Property(tries = 1000)
  void presearcherEqualsRunningEveryRule(
      @ForAll("ruleLists") List<String> queries,
      @ForAll("docs") List<String> documents, @ForAll("analyzers") String analyzerName)
      throws Exception {
    QueryRules.Builder b = QueryRules.builder(analyzerName);
    for (int i = 0; i < queries.size(); i++) {
      b.add(new QueryRule("r" + i, "c", 1, queries.get(i)));
    }
    Analyzer analyzer = RuleAnalyzers.byName(analyzerName);
    try (QueryRules rules = b.build()) {
      for (String doc : documents) {
        Set<String> viaMonitor = new TreeSet<>();
        for (QueryRules.Match m : rules.match(new String[] {"body"}, new String[] {doc}).matches()) {
          viaMonitor.add(m.rule());
        }
        MemoryIndex index = new MemoryIndex(true);
        index.addField(QueryRules.DEFAULT_FIELD, doc, analyzer);
        Set<String> naive = new TreeSet<>();
        for (int i = 0; i < queries.size(); i++) {
          QueryParser parser = new QueryParser(QueryRules.DEFAULT_FIELD, analyzer);
          if (index.search(parser.parse(queries.get(i))) > 0.0f) {
            naive.add("r" + i);
          }
        }
        assertEquals(naive, viaMonitor, () -> "document '" + doc + "', rules " + queries);
      }
    }
  }

  @Provide
  Arbitrary<List<String>> ruleLists() {
    return queries().list().ofMinSize(1).ofMaxSize(30);
  }

  @Provide
  Arbitrary<String> analyzers() {
    return Arbitraries.of("english", "normalized", "icu");
  }

  @Provide
  Arbitrary<List<String>> docs() {
    return documents().list().ofMinSize(1).ofMaxSize(4).map(ArrayList::new);
  }
}
