package dev.vigil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.Decision.CategoryScore;
import dev.vigil.Decision.SignalReport;
import dev.vigil.text.MatchMode;
import dev.vigil.text.Normalizer;
import dev.vigil.text.Term;
import dev.vigil.text.TermClassifier;
import dev.vigil.text.TermMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For random policies (signals split by evidence or not, weights, caps) and random contents: each
 * category's score is its signals' contributions summed and capped, within [0, cap]; the categories add
 * up to the total; and a split signal's contributions add up to its reported contribution.
 */
class CategorySplitProperties {

  private static final List<String> CATEGORIES = List.of("scam", "spam", "threat", "abuse");
  private static final List<String> WORDS = List.of("gift", "card", "wire", "hurt", "idiot", "free",
      "win", "cash", "you", "now");

  /** A random signal of a random policy. */
  record SignalSpec(List<Term> terms, String category, double weight, List<String> split) {}

  @Provide
  Arbitrary<List<SignalSpec>> specs() {
    return signal().list().ofMinSize(1).ofMaxSize(5);
  }

  private static Arbitrary<SignalSpec> signal() {
    Arbitrary<Term> term = Combinators.combine(Arbitraries.of(WORDS), Arbitraries.of(CATEGORIES),
            Arbitraries.doubles().between(0.05, 1.0))
        .as((w, c, weight) -> new Term(w + "-" + c, w, c, Math.rint(weight * 100) / 100, MatchMode.WORD));
    Arbitrary<List<Term>> terms = term.list().ofMinSize(1).ofMaxSize(6)
        .uniqueElements(Term::text);
    return Combinators.combine(terms, Arbitraries.of(CATEGORIES),
            Arbitraries.doubles().between(0, 3).map(w -> Math.rint(w * 10) / 10),
            Arbitraries.subsetOf(CATEGORIES).map(ArrayList::new))
        .as((t, c, w, split) -> {
          split.remove(c);
          return new SignalSpec(t, c, w, List.copyOf(split));
        });
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.of(WORDS).list().ofMaxSize(12).map(l -> String.join(" ", l));
  }

  @Provide
  Arbitrary<Map<String, Double>> caps() {
    return Arbitraries.maps(Arbitraries.of(CATEGORIES),
        Arbitraries.doubles().between(0.1, 2).map(c -> Math.rint(c * 10) / 10)).ofMaxSize(3);
  }

  @Property(tries = 1500)
  void categoriesAddUpToTheTotalWithinTheirCaps(
      @ForAll("specs") List<SignalSpec> specs, @ForAll("caps") Map<String, Double> caps,
      @ForAll("texts") String text) {
    Policy.Builder b = Policy.builder("random").version("1");
    List<String> counted = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      SignalSpec s = specs.get(i);
      TermMatcher.Builder m = TermMatcher.builder().normalizer(Normalizer.standard());
      s.terms().forEach(m::add);
      SignalOptions o = SignalOptions.in(s.category()).weight(s.weight());
      o = s.split().isEmpty() ? o : o.splitByEvidence(s.split().toArray(new String[0]));
      b.signal(TermClassifier.of("s" + i, m.build()), o);
      counted.add(s.category());
      counted.addAll(s.split());
    }
    caps.forEach((c, cap) -> {
      if (counted.contains(c)) {
        b.categoryCap(c, cap);
      }
    });
    Decision d = b.build().evaluate(text);

    Map<String, Double> added = new HashMap<>();
    for (SignalReport r : d.signals()) {
      double sum = 0;
      for (Map.Entry<String, Double> e : r.contributions().entrySet()) {
        added.merge(e.getKey(), e.getValue(), Double::sum);
        sum += e.getValue();
        assertTrue(e.getValue() <= r.weight() * r.score() + 1e-9 || r.isSplit(),
            () -> r.name() + " added more than weight x score to " + e.getKey());
        assertTrue(e.getValue() <= r.weight() + 1e-9, () -> r.name() + " added over its weight");
      }
      assertEquals(r.contribution(), sum, 1e-8, () -> r.name() + " " + r.contributions());
    }
    double total = 0;
    for (CategoryScore c : d.categories()) {
      double cap = caps.getOrDefault(c.category(), Double.POSITIVE_INFINITY);
      assertTrue(c.score() >= 0 && c.score() <= cap, () -> c + " outside [0, " + cap + "]");
      assertEquals(added.getOrDefault(c.category(), 0.0), c.uncapped(), 1e-8, c::toString);
      assertEquals(Math.min(cap, c.uncapped()), c.score(), 1e-9, c::toString);
      total += c.score();
    }
    assertEquals(total, d.total(), 1e-8);
  }
}
