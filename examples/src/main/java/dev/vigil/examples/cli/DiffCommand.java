package dev.vigil.examples.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.Decision;
import dev.vigil.Decision.SignalReport;
import dev.vigil.json.DecisionJson;
import dev.vigil.Evidence;
import dev.vigil.Outcome;
import dev.vigil.Policy;
import dev.vigil.eval.Confusion;
import dev.vigil.eval.EvaluationReport;
import dev.vigil.eval.LabeledItem;
import dev.vigil.eval.PolicyDiff;
import dev.vigil.eval.PolicyDiff.Change;
import dev.vigil.eval.PolicyDiff.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code vigil diff --policy OLD --against NEW --input FILE}: both policies on the same labeled items, and
 * what changes: precision and recall before and after, how many items changed action and whether each
 * change is right ({@link PolicyDiff}: fixed, broken, neutral), a table of the transitions, and examples
 * of each kind with the evidence that made the difference. As a table on standard output, and as JSON
 * ({@code --json}) and a self-contained HTML page ({@code --html}).
 */
final class DiffCommand {
  private DiffCommand() {}

  /** One changed item with both decisions. */
  record Example(Change change, LabeledItem item, Decision before, Decision after) {}

  static final Cli.Command SPEC = new Cli.Command("diff", "Runs two policies on the same labeled data:"
      + " items fixed, broken, changed action, with\nexamples and their evidence; --json and --html write"
      + " them all.", "--policy OLD --against NEW --input FILE|- [options]", options(), null,
      EvalCommand.DEPRECATED);

  private static List<Cli.Opt> options() {
    List<Cli.Opt> o = new ArrayList<>(List.of(
        Cli.Opt.value("--policy", "OLD", "the policy before: a bundled name or a policy file"),
        Cli.Opt.value("--against", "NEW", "the policy after: a bundled name or a policy file")));
    o.addAll(EvalCommand.INPUT_OPTIONS);
    o.add(Cli.Opt.value("--examples", "N", "examples of each verdict printed (default 5)"));
    o.add(Cli.Opt.value("--json", "FILE", "write every change as JSON (folders are created)"));
    o.add(Cli.Opt.value("--html", "FILE", "write every change as a self-contained HTML page"));
    return o;
  }

  static int run(String[] args, java.io.InputStream stdin, PrintStream out, PrintStream err) {
    Cli.Options o = Cli.Options.parse(args, SPEC, out, err);
    if (o == null) {
      return VigilCli.USAGE;
    }
    if (o.helped) {
      return VigilCli.OK;
    }
    if (!o.values.containsKey("--policy") || !o.values.containsKey("--against")) {
      err.println("vigil: diff needs --policy OLD and --against NEW (bundled names or policy files)");
      return VigilCli.USAGE;
    }
    int examples;
    try {
      examples = Integer.parseInt(o.get("--examples", "5"));
    } catch (NumberFormatException e) {
      examples = -1;
    }
    if (examples < 0) {
      err.println("vigil: --examples must be a whole number >= 0 but was '" + o.get("--examples", "")
          + "'");
      return VigilCli.USAGE;
    }
    int[] code = new int[1];
    EvalCommand.Labeled labeled = EvalCommand.readLabeled(o, stdin, err, code, "diff");
    if (labeled == null) {
      return code[0];
    }
    var beforeFile = Policies.load(o.values.get("--policy"), err);
    var afterFile = Policies.load(o.values.get("--against"), err);
    if (beforeFile == null || afterFile == null) {
      return VigilCli.USAGE;
    }
    Policy before = beforeFile.policy();
    Policy after = afterFile.policy();
    List<LabeledItem> items = labeled.items();
    EvaluationReport a = EvalCommand.evaluation(before, o).run(items);
    EvaluationReport b = EvalCommand.evaluation(after, o).run(items);
    PolicyDiff diff = PolicyDiff.between(a, b);

    // Examples: the first of each verdict, re-evaluated for their evidence.
    Map<String, LabeledItem> byId = new HashMap<>();
    for (LabeledItem i : items) {
      byId.putIfAbsent(i.id(), i);
    }
    Map<Verdict, List<Example>> shown = new LinkedHashMap<>();
    List<Example> all = new ArrayList<>();
    for (Verdict v : Verdict.values()) {
      shown.put(v, new ArrayList<>());
    }
    for (Change c : diff.changes()) {
      LabeledItem item = byId.get(c.id());
      Example e = new Example(c, item, before.evaluate(item.content()), after.evaluate(item.content()));
      all.add(e);
      List<Example> list = shown.get(c.verdict());
      if (list.size() < examples) {
        list.add(e);
      }
    }
    printTable(out, a, b, diff, shown, labeled.input());
    try {
      if (o.values.containsKey("--json")) {
        try (OutputStream json = Files.newOutputStream(EvalCommand.created(o.values.get("--json")))) {
          writeJson(json, a, b, beforeFile.contentHash(), afterFile.contentHash(), diff, all,
              labeled.input());
        }
        out.println("wrote " + o.values.get("--json"));
      }
      if (o.values.containsKey("--html")) {
        Files.writeString(EvalCommand.created(o.values.get("--html")), DiffHtml.render(a, b, diff, all,
            labeled.input()), java.nio.charset.StandardCharsets.UTF_8);
        out.println("wrote " + o.values.get("--html"));
      }
    } catch (IOException e) {
      err.println("vigil: cannot write the report: " + e.getMessage());
      return VigilCli.BAD_INPUT;
    }
    return labeled.hadMalformedRows() ? VigilCli.BAD_INPUT : VigilCli.OK;
  }

  /** The transitions before -> after, with how many of each verdict. */
  static Map<String, long[]> transitions(PolicyDiff diff) {
    Map<String, long[]> out = new LinkedHashMap<>();
    for (Change c : diff.changes()) {
      long[] n = out.computeIfAbsent(c.before() + " -> " + c.after(), k -> new long[4]);
      n[0]++;
      n[1 + c.verdict().ordinal()]++;
    }
    return out;
  }

  /**
   * The signals whose contribution differs between the two decisions (new, gone or changed), with the
   * evidence of the decision where it counts more: what made the difference.
   */
  static List<String[]> differences(Decision before, Decision after) {
    Map<String, SignalReport> old = new HashMap<>();
    for (SignalReport s : before.signals()) {
      old.put(s.name(), s);
    }
    List<String[]> out = new ArrayList<>();
    for (SignalReport s : after.signals()) {
      SignalReport o = old.remove(s.name());
      double was = o == null ? 0 : o.contribution();
      if (Math.abs(s.contribution() - was) > 1e-12 || (o == null && s.outcome() == Outcome.MATCHED)) {
        out.add(new String[] {s.name(), EvalCommand.number(was), EvalCommand.number(s.contribution())});
      }
    }
    for (SignalReport s : old.values()) {
      if (s.contribution() != 0) {
        out.add(new String[] {s.name(), EvalCommand.number(s.contribution()), "gone"});
      }
    }
    return out;
  }

  /** The evidence of signal {@code name} in {@code d}, or empty. */
  static List<Evidence> evidence(Decision d, String name) {
    SignalReport s = d.signal(name);
    return s == null ? List.of() : s.signal().evidence();
  }

  private static void printTable(PrintStream out, EvaluationReport a, EvaluationReport b, PolicyDiff diff,
      Map<Verdict, List<Example>> shown, EvalJson.Input in) {
    Confusion ca = a.confusion();
    Confusion cb = b.confusion();
    out.printf(Locale.ROOT, "diff of %s v%s -> %s v%s on %s (%s split, %d items)%n", a.policyName(),
        a.policyVersion(), b.policyName(), b.policyVersion(), in.file(), in.split(), ca.total());
    out.printf(Locale.ROOT, "  %-20s %10s %10s%n", "", "before", "after");
    out.printf(Locale.ROOT, "  %-20s %10s %10s%n", "precision", EvalCommand.percent(ca.precision()),
        EvalCommand.percent(cb.precision()));
    out.printf(Locale.ROOT, "  %-20s %10s %10s%n", "recall", EvalCommand.percent(ca.recall()),
        EvalCommand.percent(cb.recall()));
    out.printf(Locale.ROOT, "  %-20s %10s %10s%n", "F1", EvalCommand.number(ca.f1()),
        EvalCommand.number(cb.f1()));
    out.printf(Locale.ROOT, "  %-20s %10s %10s%n", "tp / fp", ca.tp() + " / " + ca.fp(),
        cb.tp() + " / " + cb.fp());
    out.printf(Locale.ROOT, "%n%d item(s) changed action: %d fixed, %d broken, %d neutral%n",
        diff.changes().size(), diff.fixed(), diff.broken(), diff.neutral());
    Map<String, long[]> t = transitions(diff);
    if (!t.isEmpty()) {
      out.printf(Locale.ROOT, "%n  %-28s %7s %7s %7s %7s%n", "before -> after", "items", "fixed", "broken",
          "neutral");
      t.forEach((k, n) -> out.printf(Locale.ROOT, "  %-28s %7d %7d %7d %7d%n", k, n[0], n[1], n[2], n[3]));
    }
    for (Map.Entry<Verdict, List<Example>> e : shown.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      long of = e.getKey() == Verdict.FIXED ? diff.fixed() : e.getKey() == Verdict.BROKEN ? diff.broken()
          : diff.neutral();
      out.printf(Locale.ROOT, "%n%s (%d of %d):%n", e.getKey().name().toLowerCase(Locale.ROOT),
          e.getValue().size(), of);
      for (Example x : e.getValue()) {
        Change c = x.change();
        out.printf(Locale.ROOT, "  item %s (%s): %s %s -> %s %s%n", c.id(), c.harmful() ? "harmful"
            : "harmless", c.before(), EvalCommand.number(c.scoreBefore()), c.after(),
            EvalCommand.number(c.scoreAfter()));
        for (String[] d : differences(x.before(), x.after())) {
          out.printf(Locale.ROOT, "    %s: %s -> %s%n", d[0], d[1], d[2]);
          List<Evidence> ev = evidence(d[2].equals("gone") ? x.before() : x.after(), d[0]);
          for (Evidence v : ev.subList(0, Math.min(3, ev.size()))) {
            out.printf(Locale.ROOT, "      %s[%d, %d) \"%s\" rule %s%n", v.field(), v.start(), v.end(),
                v.text(), v.rule());
          }
        }
      }
    }
  }

  private static void writeJson(OutputStream os, EvaluationReport a, EvaluationReport b,
      String hashBefore, String hashAfter, PolicyDiff diff, List<Example> all, EvalJson.Input in)
      throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(os, JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      policy(g, "before", a, hashBefore);
      policy(g, "after", b, hashAfter);
      g.writeObjectFieldStart("input");
      g.writeStringField("file", in.file());
      g.writeStringField("split", in.split());
      g.writeNumberField("seed", in.seed());
      g.writeNumberField("test_share", in.testShare());
      g.writeEndObject();
      g.writeNumberField("items", a.confusion().total());
      g.writeNumberField("changed", diff.changes().size());
      g.writeNumberField("fixed", diff.fixed());
      g.writeNumberField("broken", diff.broken());
      g.writeNumberField("neutral", diff.neutral());
      g.writeObjectFieldStart("metrics");
      metrics(g, "before", a.confusion());
      metrics(g, "after", b.confusion());
      g.writeEndObject();
      g.writeArrayFieldStart("transitions");
      for (Map.Entry<String, long[]> t : transitions(diff).entrySet()) {
        g.writeStartObject();
        String[] ba = t.getKey().split(" -> ");
        g.writeStringField("before", ba[0]);
        g.writeStringField("after", ba[1]);
        g.writeNumberField("items", t.getValue()[0]);
        g.writeNumberField("fixed", t.getValue()[1]);
        g.writeNumberField("broken", t.getValue()[2]);
        g.writeNumberField("neutral", t.getValue()[3]);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("changes");
      for (Example x : all) {
        Change c = x.change();
        g.writeStartObject();
        g.writeStringField("id", c.id());
        g.writeBooleanField("harmful", c.harmful());
        g.writeStringField("before", c.before());
        g.writeStringField("after", c.after());
        g.writeNumberField("score_before", c.scoreBefore());
        g.writeNumberField("score_after", c.scoreAfter());
        g.writeStringField("verdict", c.verdict().name().toLowerCase(Locale.ROOT));
        g.writeArrayFieldStart("signals");
        for (String[] d : differences(x.before(), x.after())) {
          g.writeStartObject();
          g.writeStringField("signal", d[0]);
          g.writeStringField("before", d[1]);
          g.writeStringField("after", d[2]);
          g.writeArrayFieldStart("evidence");
          for (Evidence v : evidence(d[2].equals("gone") ? x.before() : x.after(), d[0])) {
            g.writeStartObject();
            DecisionJson.writeEvidenceFields(g, v);
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static void policy(JsonGenerator g, String name, EvaluationReport r, String hash)
      throws IOException {
    g.writeObjectFieldStart(name);
    g.writeStringField("name", r.policyName());
    g.writeStringField("version", r.policyVersion());
    g.writeStringField("hash", hash);
    g.writeEndObject();
  }

  private static void metrics(JsonGenerator g, String name, Confusion c) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeNumberField("tp", c.tp());
    g.writeNumberField("fp", c.fp());
    g.writeNumberField("tn", c.tn());
    g.writeNumberField("fn", c.fn());
    for (String[] kv : new String[][] {{"precision", ""}, {"recall", ""}, {"f1", ""}}) {
      double v = kv[0].equals("precision") ? c.precision() : kv[0].equals("recall") ? c.recall() : c.f1();
      if (Double.isNaN(v)) {
        g.writeNullField(kv[0]);
      } else {
        g.writeNumberField(kv[0], v);
      }
    }
    g.writeEndObject();
  }
}
