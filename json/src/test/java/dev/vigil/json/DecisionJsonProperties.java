package dev.vigil.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Action;
import dev.vigil.Calibration;
import dev.vigil.Classifier;
import dev.vigil.Condition;
import dev.vigil.Content;
import dev.vigil.Decision;
import dev.vigil.Evidence;
import dev.vigil.Policy;
import dev.vigil.Signal;
import dev.vigil.SignalOptions;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link DecisionJson} writes what Jackson's generator wrote field by field ({@link JacksonDecisions}, the
 * encoder it replaced): the same bytes wherever the reference escapes as it does (no surrogates), and
 * otherwise JSON that reads back to the same tree (where the old encoder failed on a lone surrogate in a
 * signal's name, the new one escapes it). Decisions come from random policies of classifiers
 * that return random signals: evidence, notes, failures, splits, caps, near misses, truncations, and
 * strings with quotes, backslashes, control characters, non-ASCII text, pairs and lone surrogates.
 */
class DecisionJsonProperties {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Property(tries = 400)
  void decisionsAreWrittenAsTheGeneratorWroteThem(@ForAll("decisions") Decision d,
      @ForAll("ids") Object id) throws Exception {
    byte[] ours = DecisionJson.toBytes(id, d);
    JsonNode tree = MAPPER.readTree(ours);
    // The reference through a Writer, which passes every char as it is (its UTF-8 bytes refused lone
    // surrogates in policy text, and escaped pairs in content).
    String reference = JacksonDecisions.toJson(id, d);
    assertEquals(MAPPER.readTree(reference), tree);
    if (!hasSurrogate(reference)) {
      assertArrayEquals(JacksonDecisions.toBytes(id, d), ours,
          () -> new String(ours, StandardCharsets.UTF_8));
    }
    assertEquals(new String(ours, StandardCharsets.UTF_8), DecisionJson.toJson(id, d));
    // Content text read back as it was, whatever it holds.
    for (int i = 0; i < d.signals().size(); i++) {
      List<Evidence> evidence = d.signals().get(i).signal().evidence();
      for (int j = 0; j < evidence.size(); j++) {
        assertEquals(evidence.get(j).text(),
            tree.get("signals").get(i).get("evidence").get(j).get("text").asText());
      }
    }
  }

  @Property(tries = 200)
  void aGeneratorGetsTheSameDecision(@ForAll("decisions") Decision d) throws Exception {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      g.writeStartArray();
      DecisionJson.write(g, 7, d);
      DecisionJson.write(g, null, d);
      g.writeEndArray();
    }
    JsonNode both = MAPPER.readTree(out.toString());
    assertEquals(MAPPER.readTree(DecisionJson.toBytes(7, d)), both.get(0));
    assertEquals(MAPPER.readTree(DecisionJson.toBytes(null, d)), both.get(1));
  }

  @Test
  void loneSurrogatesAreEscapedAndPairsAreUtf8() throws Exception {
    String text = "a\uD83D\uDE00b\uD800c\uDC00\"\\\u0001\t";
    Classifier c = Classifier.of("s", content -> Signal.matched(
        Evidence.of("body", content.fieldText(0), 0, content.fieldText(0).length(), "r", "spam")));
    Decision d = Policy.builder("p").signal(c, "spam").build().evaluate(text);
    String json = DecisionJson.toJson(null, d);
    assertTrue(json.contains("\"text\":\"a\uD83D\uDE00b\\uD800c\\uDC00\\\"\\\\\\u0001\\t\""),
        json);
    assertEquals(text, MAPPER.readTree(json).get("signals").get(0).get("evidence").get(0).get("text")
        .asText());
  }

  @Test
  void aHugeDecisionLeavesTheThreadsBufferFitForTheNext() throws Exception {
    Classifier all = Classifier.of("all", content -> Signal.matched(
        Evidence.of("body", content.fieldText(0), 0, content.fieldText(0).length(), "r", "spam")));
    Policy p = Policy.builder("p").signal(all, "spam").build();
    Decision d = p.evaluate("\u00e9x\"".repeat(100_000));
    // What the classifier saw (the policy's scan limit may cut the field), past the buffers' keep size.
    String text = d.signals().get(0).signal().evidence().get(0).text();
    assertTrue(text.length() > JsonBytes.KEEP, "evidence of " + text.length() + " chars");
    JsonNode big = MAPPER.readTree(DecisionJson.toBytes(1, d));
    assertTrue(text.equals(big.get("signals").get(0).get("evidence").get(0).get("text").asText()),
        "the evidence read back differs");
    Decision small = p.evaluate("ok");
    assertArrayEquals(JacksonDecisions.toBytes(2, small), DecisionJson.toBytes(2, small));
  }

  private static boolean hasSurrogate(String s) {
    return s.chars().anyMatch(c -> Character.isSurrogate((char) c));
  }

  @Provide
  Arbitrary<Object> ids() {
    return Arbitraries.oneOf(Arbitraries.longs().map(v -> (Object) v), text().map(s -> (Object) s),
        Arbitraries.just(null));
  }

  /** Strings that take every path of the escaping: plain ASCII most often, then everything else. */
  static Arbitrary<String> text() {
    Arbitrary<Character> chars = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(20, Arbitraries.chars().range('a', 'z')),
        net.jqwik.api.Tuple.of(3, Arbitraries.of(' ', '"', '\\', '/', '\u007f', ':', '{')),
        net.jqwik.api.Tuple.of(2, Arbitraries.chars().range('\u0000', '\u001f')),
        net.jqwik.api.Tuple.of(2, Arbitraries.chars().range('\u0080', '\u07ff')),
        net.jqwik.api.Tuple.of(2, Arbitraries.chars().range('\u0800', '\uffff')));
    return chars.list().ofMaxSize(12).map(cs -> {
      StringBuilder b = new StringBuilder();
      for (char c : cs) {
        b.append(c);
      }
      return b.toString();
    });
  }

  static Arbitrary<String> name() {
    return text().filter(s -> !s.isBlank());
  }

  /** One classifier's plan: its name, category, weight, and what it returns. */
  record Plan(String name, String category, double weight, int kind, double score, List<String> texts,
      List<String> notes, boolean shadow, boolean split) {}

  @Provide
  Arbitrary<Decision> decisions() {
    Arbitrary<Plan> plans = Combinators.combine(
        name(), Arbitraries.of("spam", "abuse", "sc\u00e4m", "q\"t"),
        Arbitraries.of(0.3, 0.25, 1.0, 0.1 + 0.2, -0.4, 2.5, 1e-5),
        Arbitraries.integers().between(0, 4), Arbitraries.of(0.0, 0.5, 1.0, 1.0 / 3, 0.7),
        text().list().ofMaxSize(3), text().list().ofMaxSize(2), Arbitraries.integers().between(0, 5))
        .as((n, c, w, k, s, t, notes, flags) -> new Plan(n, c, w, k, s, t, notes, flags == 0,
            flags == 1));
    return Combinators.combine(name(), plans.list().ofMinSize(1).ofMaxSize(5).uniqueElements(Plan::name),
        Arbitraries.integers().between(0, 3), Arbitraries.of(0.2, 0.5, 0.9), text())
        .as(DecisionJsonProperties::decision);
  }

  private static Decision decision(String policyName, List<Plan> plans, int extras, double threshold,
      String body) {
    Policy.Builder p = Policy.builder(policyName).version(body.isBlank() ? "1" : body);
    if (extras == 1) {
      p.contentHash("sha256:" + policyName.length());
    }
    // A counted signal that always fires, so every cap and rule below can be reached.
    p.signal(Classifier.of("base", content -> Signal.of(1.0)), SignalOptions.in("spam"));
    for (Plan plan : plans) {
      if (plan.name().equals("base")) {
        continue;
      }
      SignalOptions o = SignalOptions.in(plan.category()).weight(plan.weight());
      if (plan.shadow()) {
        o = o.shadow();
      }
      if (plan.split()) {
        o = o.splitByEvidence(plan.category().equals("spam") ? "abuse" : "spam");
      }
      p.signal(Classifier.of(plan.name(), content -> signal(plan)), o);
    }
    if (extras == 2) {
      p.categoryCap("spam", 0.96).calibration(new Calibration(3, -1));
    }
    if (extras == 3) {
      p.maxScanChars(2).nearMissRatio(0.5);
    }
    p.reviewWhen(Condition.total().atLeast(threshold))
        .when(Condition.category("spam").above(threshold + 0.05), Action.of("rem\u00f6ve", 90));
    return p.build().evaluate(Content.builder().body(body).build());
  }

  private static Signal signal(Plan plan) {
    switch (plan.kind()) {
      case 0:
        // Not matched, with notes when the plan has some (most signals of a decision have neither).
        return plan.notes().isEmpty() ? Signal.notMatched() : Signal.notMatched().withNotes(plan.notes());
      case 1:
        throw new IllegalStateException(plan.texts().isEmpty() ? "boom" : plan.texts().get(0));
      case 2:
        return Signal.notApplicable(plan.notes().isEmpty() ? "n/a" : plan.notes().get(0));
      default:
        List<Evidence> evidence = new ArrayList<>();
        int at = 0;
        for (String t : plan.texts()) {
          evidence.add(new Evidence(t.isEmpty() ? "body" : t, at, at + t.length(), t, plan.name(),
              evidence.size() % 2 == 0 ? "spam" : "abuse"));
          at += t.length();
        }
        // Score zero: matched with its evidence, or (half the time) not matched with it.
        Signal s = plan.score() != 0.0 ? Signal.of(plan.score(), evidence)
            : plan.kind() == 3 ? Signal.matched(evidence.toArray(Evidence[]::new))
            : Signal.of(0.0, evidence);
        if (s.matched() && plan.split()) {
          Map<String, Double> scores = new LinkedHashMap<>();
          scores.put("spam", plan.score() / 2);
          scores.put("abuse", plan.score());
          s = s.withCategoryScores(scores);
        }
        return plan.notes().isEmpty() ? s : s.withNotes(plan.notes());
    }
  }
}
