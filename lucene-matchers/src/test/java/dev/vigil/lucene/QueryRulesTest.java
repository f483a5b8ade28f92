package dev.vigil.lucene;

import static dev.vigil.Condition.total;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.Action;
import dev.vigil.Content;
import dev.vigil.Decision;
import dev.vigil.Evidence;
import dev.vigil.Holder;
import dev.vigil.Outcome;
import dev.vigil.Policy;
import dev.vigil.Signal;
import java.io.StringReader;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryRulesTest {
  private QueryRules rules;

  @AfterEach
  void close() {
    if (rules != null) {
      rules.close();
    }
  }

  /** "rule=text" for each evidence item of the signal of one rule on one text. */
  private String hits(String analyzer, String query, String text) {
    rules = QueryRules.builder(analyzer).add(new QueryRule("r", "test", 0.8, query)).build();
    Signal s = QueryRuleClassifier.of("q", rules).classify(Content.of(text));
    for (Evidence e : s.evidence()) {
      assertEquals(text.substring(e.start(), e.end()), e.text());
    }
    return s.evidence().stream().map(Evidence::text).collect(Collectors.joining("|"));
  }

  @ParameterizedTest(name = "{0}: {1} in \"{2}\"")
  @CsvSource(delimiter = ';', value = {
      // English: phrase, stemming, proximity, fuzzy, wildcard, boolean, negation
      "english;\"kill yourself\";just go kill yourself now;kill yourself",
      "english;\"kill yourself\";he was killing himself laughing;",
      "english;\"kill yourself\";you should be killing yourself;killing yourself",
      "english;\"kill you\"~3;I will kill all of you;kill all of you",
      "english;\"kill you\"~1;I will kill all of you;",
      "english;idiot~1;what an idoit you are;idoit",
      "english;scam*;total scammers here;scammers",
      "english;selling AND (meth OR fentanyl);selling cheap meth tonight;selling|meth",
      "english;selling AND (meth OR fentanyl);selling my bike;",
      "english;free AND NOT trial;free money;free",
      "english;free AND NOT trial;free trial;",
      // German, Spanish, Russian: stemming in each language
      "german;umbringen;ich werde dich umbringen;umbringen",
      "german;\"dumme kuh\";du dumme Kuh!;dumme Kuh",
      "german;betrüger;alles Betrüger hier;Betrüger",
      "spanish;estafa;es una estafa total;estafa",
      "spanish;estafas;cuidado con las estafas;estafas",
      "spanish;\"te voy a matar\"~2;te voy a matar;voy a matar",
      "russian;мошенник;это мошенники;мошенники",
      "russian;\"убью тебя\";я убью тебя;убью",
      // "тебя" is a Russian stop word: the phrase is the one remaining word
      // Japanese (no spaces): ICU segmentation
      "icu;詐欺;これは詐欺です;詐欺",
      "icu;\"殺す\";お前を殺すぞ;殺す",
      // Evasion: the normalized analyzer sees through invisibles, look-alikes and fullwidth
      "normalized;\"kill yourself\";k\u200Bill y\u043Eurself;k\u200Bill y\u043Eurself",
      "normalized;scam;ＳＣＡＭ alert;ＳＣＡＭ",
      "english;\"kill yourself\";k\u200Bill yourself;"})
  void ruleKindsAndLanguages(String analyzer, String query, String text, String expected) {
    assertEquals(expected == null ? "" : expected, hits(analyzer, query, text));
  }

  @Test
  void fieldQualifiedRulesSeeOnlyTheirField() {
    rules = QueryRules.builder("english").add(new QueryRule("t", "spam", 0.5, "title:free"))
        .add(new QueryRule("any", "spam", 0.5, "winner")).build();
    Content c = Content.builder().field("title", "free stuff").body("free winner").build();
    Signal s = QueryRuleClassifier.of("q", rules).classify(c);
    assertEquals(List.of("title:t:free", "body:any:winner"),
        s.evidence().stream().map(e -> e.field() + ":" + e.rule() + ":" + e.text()).toList());
    assertEquals(0.75, s.score(), 1e-12); // noisy-or of 0.5 and 0.5
  }

  @Test
  void rulesBuiltInJavaMatchAsParsedOnesDo() {
    // "free" then "cash" at most one word apart, built in Java; its text is a description, not parsed.
    Query near = new PhraseQuery(1, QueryRules.DEFAULT_FIELD, "free", "cash");
    rules = QueryRules.builder("english")
        .add(new QueryRule("built", "scam", 0.9, "free ... cash (built in Java) (("), near)
        .add(new QueryRule("parsed", "scam", 0.9, "\"free cash\"~1")).build();
    Signal s = QueryRuleClassifier.of("q", rules).classify(Content.of("win free easy cash now"));
    assertEquals(List.of("built:free easy cash", "parsed:free easy cash"),
        s.evidence().stream().map(e -> e.rule() + ":" + e.text()).sorted().toList());
    assertEquals(Outcome.NOT_MATCHED,
        QueryRuleClassifier.of("q", rules).classify(Content.of("free time, no cash")).outcome());
    assertThrows(IllegalArgumentException.class, () -> QueryRules.builder("english")
        .add(new QueryRule("x", "scam", 1, "a")).add(new QueryRule("x", "scam", 1, "b"), near));
  }

  @Test
  void rulesThatFailToParseAreRejectedWithTheirIdAndTheParsersMessage() {
    QueryRules.QueryRulesException e = assertThrows(QueryRules.QueryRulesException.class,
        () -> QueryRules.builder("english").add(new QueryRule("ok", "x", 1, "fine"))
            .add(new QueryRule("broken", "x", 1, "\"unclosed phrase"))
            .add(new QueryRule("also-broken", "x", 1, "a AND (b OR")).build());
    assertEquals(2, e.problems().size());
    assertTrue(e.problems().get(0).startsWith("rule 'broken': Cannot parse"), e.problems().get(0));
    assertTrue(e.problems().get(1).startsWith("rule 'also-broken': "), e.problems().get(1));
    assertThrows(IllegalArgumentException.class, () -> QueryRules.builder("klingon"));
    assertThrows(IllegalArgumentException.class, () -> new QueryRule("x", "y", 2, "q"));
  }

  @Test
  void ruleFilesReportEveryBadLine() {
    String file = "# rules\nr1\tabuse\t0.9\t\"kill yourself\"\nr2\tabuse\tlots\tidiot\nr3\tabuse\t0.5\n"
        + "r4\tabuse\t0.5\t\"open\n";
    QueryRules.QueryRulesException e = assertThrows(QueryRules.QueryRulesException.class,
        () -> QueryRules.parse(new StringReader(file), "rules.tsv", QueryRules.builder("english")));
    assertEquals(List.of("rules.tsv:3: weight 'lots' is not a number",
        "rules.tsv:4: expected id, category, weight and query separated by tabs but found 3 column(s)"),
        e.problems().subList(0, 2));
    assertTrue(e.problems().get(2).startsWith("rule 'r4': "), e.problems().toString());
    rules = QueryRules.parse(new StringReader("r1\tabuse\t0.9\t\"kill yourself\"\n"), "ok.tsv",
        QueryRules.builder("english"));
    assertEquals(1, rules.size());
  }

  @Test
  void rulesWorkInAPolicy() {
    rules = QueryRules.builder("english")
        .add(new QueryRule("kys", "threat", 1.0, "\"kill yourself\""))
        .add(new QueryRule("insult", "abuse", 0.6, "idiot~1")).build();
    Policy policy = Policy.builder("lucene").signal(QueryRuleClassifier.of("queries", rules), "abuse")
        .removeWhen(total().atLeast(0.9)).reviewWhen(total().atLeast(0.5)).build();
    assertEquals(Action.REMOVE, policy.evaluate(Content.of("go kill yourself")).action());
    assertEquals(Action.REVIEW, policy.evaluate(Content.of("you idoit")).action());
    assertEquals(Action.ALLOW, policy.evaluate(Content.of("nice day")).action());
    Decision d = policy.evaluate(Content.of("go kill yourself"));
    assertTrue(d.explain().contains("queries(queries)"), d.explain());
    assertEquals(Outcome.NOT_APPLICABLE,
        QueryRuleClassifier.of("q", rules).classify(Content.builder().build()).outcome());
  }

  @Test
  void snapshotsSwapAtomicallyAndTheOldOneIsReleased() {
    QueryRules first = QueryRules.builder("english").add(new QueryRule("a", "x", 1, "alpha")).build();
    Holder<QueryRules> holder = Holder.of(first);
    QueryRuleClassifier c = QueryRuleClassifier.of("q", holder);
    assertTrue(c.classify(Content.of("alpha beta")).matched());
    QueryRules second = QueryRules.builder("english").add(new QueryRule("b", "x", 1, "beta")).build();
    QueryRules.replace(holder, second);
    Signal s = c.classify(Content.of("alpha beta"));
    assertEquals(List.of("b"), s.evidence().stream().map(Evidence::rule).toList());
    assertFalse(first.acquire()); // released: nobody was using it
    assertThrows(IllegalStateException.class, () -> first.match(new String[] {"body"},
        new String[] {"alpha"}));
    rules = second;
  }
}
