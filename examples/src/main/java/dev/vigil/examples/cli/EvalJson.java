package dev.vigil.examples.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.eval.Confusion;
import dev.vigil.eval.EvaluationReport;
import dev.vigil.eval.EvidenceRuleStats;
import dev.vigil.eval.RuleStats;
import dev.vigil.eval.ScoreCurve;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Writes an evaluation as the JSON documented in the README ("The eval JSON"). NaN is written null. */
final class EvalJson {
  private EvalJson() {}

  /** Where the items came from and how they were chosen. */
  record Input(String file, String format, long rows, List<String> malformed, int duplicates,
      String split, long seed, double testShare, List<String> harmfulValues) {}

  static void write(OutputStream out, EvaluationReport r, Input in) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeObjectFieldStart("policy");
      g.writeStringField("name", r.policyName());
      g.writeStringField("version", r.policyVersion());
      g.writeEndObject();
      g.writeObjectFieldStart("input");
      g.writeStringField("file", in.file());
      g.writeStringField("format", in.format());
      g.writeNumberField("rows", in.rows());
      g.writeNumberField("malformed", in.malformed().size());
      g.writeArrayFieldStart("malformed_rows");
      for (String m : in.malformed().subList(0, Math.min(100, in.malformed().size()))) {
        g.writeString(m);
      }
      g.writeEndArray();
      g.writeStringField("split", in.split());
      g.writeNumberField("seed", in.seed());
      g.writeNumberField("test_share", in.testShare());
      g.writeNumberField("duplicates", in.duplicates());
      g.writeArrayFieldStart("harmful_values");
      for (String h : in.harmfulValues()) {
        g.writeString(h);
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeArrayFieldStart("flagged_actions");
      for (String a : r.flaggingActions()) {
        g.writeString(a);
      }
      g.writeEndArray();
      Confusion c = r.confusion();
      g.writeNumberField("items", c.total());
      g.writeNumberField("harmful", r.curve().positives());
      g.writeNumberField("harmless", r.curve().negatives());
      g.writeFieldName("confusion");
      confusion(g, c);
      rates(g, c);
      number(g, "average_precision", r.curve().averagePrecision());
      number(g, "roc_auc", r.curve().rocAuc());
      g.writeObjectFieldStart("thresholds");
      point(g, "best_f1", r.curve().bestF1());
      point(g, "recall_at_precision_0.95", r.curve().highestRecallAtPrecision(0.95));
      point(g, "recall_at_precision_0.99", r.curve().highestRecallAtPrecision(0.99));
      g.writeEndObject();
      categories(g, "by_label_category", r.byLabelCategory());
      categories(g, "by_policy_category", r.byPolicyCategory());
      g.writeArrayFieldStart("rules");
      for (RuleStats s : r.rules()) {
        g.writeStartObject();
        g.writeStringField("name", s.name());
        g.writeStringField("category", s.category());
        g.writeBooleanField("shadow", s.shadow());
        g.writeNumberField("hits", s.hits());
        g.writeNumberField("harmful_hits", s.harmfulHits());
        g.writeNumberField("harmless_hits", s.harmlessHits());
        number(g, "precision", s.precision());
        g.writeNumberField("only_catches", s.onlyCatches());
        g.writeNumberField("missed_hits", s.missedHits());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("never_fired");
      for (String n : r.neverFired()) {
        g.writeString(n);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("top_false_positive_rules");
      for (EvidenceRuleStats e : r.topFalsePositiveRules(10)) {
        g.writeStartObject();
        g.writeStringField("signal", e.signal());
        g.writeStringField("rule", e.rule());
        g.writeNumberField("harmful_items", e.harmfulItems());
        g.writeNumberField("harmless_items", e.harmlessItems());
        number(g, "precision", e.precision());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeNumberField("items_with_failures", r.itemsWithFailures());
      g.writeObjectFieldStart("curve");
      g.writeArrayFieldStart("points");
      for (ScoreCurve.Point p : r.curve().points()) {
        g.writeStartArray();
        g.writeNumber(p.threshold());
        g.writeNumber(p.tp());
        g.writeNumber(p.fp());
        g.writeEndArray();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
    }
  }

  private static void confusion(JsonGenerator g, Confusion c) throws IOException {
    g.writeStartObject();
    g.writeNumberField("tp", c.tp());
    g.writeNumberField("fp", c.fp());
    g.writeNumberField("tn", c.tn());
    g.writeNumberField("fn", c.fn());
    g.writeEndObject();
  }

  private static void rates(JsonGenerator g, Confusion c) throws IOException {
    number(g, "precision", c.precision());
    number(g, "recall", c.recall());
    number(g, "f1", c.f1());
    number(g, "false_positive_rate", c.falsePositiveRate());
    number(g, "accuracy", c.accuracy());
  }

  private static void categories(JsonGenerator g, String name, Map<String, Confusion> map)
      throws IOException {
    g.writeObjectFieldStart(name);
    for (Map.Entry<String, Confusion> e : map.entrySet()) {
      g.writeObjectFieldStart(e.getKey());
      g.writeFieldName("confusion");
      confusion(g, e.getValue());
      rates(g, e.getValue());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void point(JsonGenerator g, String name, ScoreCurve.@Nullable Point p)
      throws IOException {
    if (p == null) {
      g.writeNullField(name);
      return;
    }
    g.writeObjectFieldStart(name);
    g.writeNumberField("threshold", p.threshold());
    number(g, "precision", p.precision());
    number(g, "recall", p.recall());
    number(g, "f1", p.f1());
    g.writeEndObject();
  }

  private static void number(JsonGenerator g, String name, double x) throws IOException {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, x);
    }
  }
}
