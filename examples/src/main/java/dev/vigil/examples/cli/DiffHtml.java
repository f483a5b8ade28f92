package dev.vigil.examples.cli;

import dev.vigil.Evidence;
import dev.vigil.eval.Confusion;
import dev.vigil.eval.EvaluationReport;
import dev.vigil.eval.PolicyDiff;
import dev.vigil.eval.PolicyDiff.Change;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a policy diff as one self-contained HTML page (inline CSS, no scripts, nothing fetched): the
 * metrics before and after, the transitions, and every changed item with its text, the evidence that made
 * the difference highlighted in place, and the signals whose contribution changed. All content is
 * escaped.
 */
final class DiffHtml {
  private DiffHtml() {}

  static String render(EvaluationReport a, EvaluationReport b, PolicyDiff diff,
      List<DiffCommand.Example> changes, EvalJson.Input in) {
    Confusion ca = a.confusion();
    Confusion cb = b.confusion();
    StringBuilder h = new StringBuilder(32_000);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
        .append("<title>Vigil policy diff: ").append(EvalHtml.esc(a.policyName())).append("</title>")
        .append("<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:70em}")
        .append("table{border-collapse:collapse;margin:0.5em 0 1.5em}")
        .append("td,th{border:1px solid #ccc;padding:0.25em 0.6em;text-align:right}th{background:#f2f2f2}")
        .append("td.l,th.l{text-align:left}mark{background:#ffe08a;padding:0 1px}.fixed{color:#1a7f37}")
        .append(".broken{color:#c62828}.neutral{color:#777}.item{border:1px solid #ddd;border-radius:6px;")
        .append("padding:0.5em 1em;margin:0.6em 0}.text{white-space:pre-wrap;font-family:ui-monospace,")
        .append("monospace;background:#fafafa;padding:0.4em}.muted{color:#777}</style></head><body>\n");
    h.append("<h1>Policy diff: <code>").append(EvalHtml.esc(a.policyName())).append("</code> v")
        .append(EvalHtml.esc(a.policyVersion())).append(" &#8594; <code>")
        .append(EvalHtml.esc(b.policyName())).append("</code> v").append(EvalHtml.esc(b.policyVersion()))
        .append("</h1>\n<p class=\"muted\">").append(EvalHtml.esc(in.file())).append(", ")
        .append(EvalHtml.esc(in.split())).append(" split, ").append(ca.total()).append(" items</p>\n");
    h.append("<table><tr><th></th><th>before</th><th>after</th></tr>");
    row(h, "precision", EvalCommand.percent(ca.precision()), EvalCommand.percent(cb.precision()));
    row(h, "recall", EvalCommand.percent(ca.recall()), EvalCommand.percent(cb.recall()));
    row(h, "F1", EvalCommand.number(ca.f1()), EvalCommand.number(cb.f1()));
    row(h, "true positives", Long.toString(ca.tp()), Long.toString(cb.tp()));
    row(h, "false positives", Long.toString(ca.fp()), Long.toString(cb.fp()));
    h.append("</table>\n<p><b>").append(diff.changes().size()).append("</b> items changed action: <span")
        .append(" class=\"fixed\">").append(diff.fixed()).append(" fixed</span>, <span class=\"broken\">")
        .append(diff.broken()).append(" broken</span>, <span class=\"neutral\">").append(diff.neutral())
        .append(" neutral</span>.</p>\n");
    Map<String, long[]> t = DiffCommand.transitions(diff);
    if (!t.isEmpty()) {
      h.append("<table><tr><th class=\"l\">before &#8594; after</th><th>items</th><th>fixed</th>")
          .append("<th>broken</th><th>neutral</th></tr>");
      t.forEach((k, n) -> h.append("<tr><td class=\"l\">").append(EvalHtml.esc(k)).append("</td><td>")
          .append(n[0]).append("</td><td>").append(n[1]).append("</td><td>").append(n[2])
          .append("</td><td>").append(n[3]).append("</td></tr>"));
      h.append("</table>\n");
    }
    for (DiffCommand.Example x : changes) {
      Change c = x.change();
      String verdict = c.verdict().name().toLowerCase(Locale.ROOT);
      h.append("<div class=\"item\"><p><b class=\"").append(verdict).append("\">").append(verdict)
          .append("</b> item <code>").append(EvalHtml.esc(c.id())).append("</code> (")
          .append(c.harmful() ? "harmful" : "harmless").append("): ").append(EvalHtml.esc(c.before()))
          .append(' ').append(EvalCommand.number(c.scoreBefore())).append(" &#8594; ")
          .append(EvalHtml.esc(c.after())).append(' ').append(EvalCommand.number(c.scoreAfter()))
          .append("</p>\n");
      List<String[]> differences = DiffCommand.differences(x.before(), x.after());
      List<Evidence> marks = new ArrayList<>();
      h.append("<ul>");
      for (String[] d : differences) {
        h.append("<li><code>").append(EvalHtml.esc(d[0])).append("</code>: ").append(d[1])
            .append(" &#8594; ").append(d[2]).append("</li>");
        marks.addAll(DiffCommand.evidence(d[2].equals("gone") ? x.before() : x.after(), d[0]));
      }
      h.append("</ul>\n");
      var content = x.item().content();
      for (int f = 0; f < content.fieldCount(); f++) {
        String field = content.fieldName(f);
        h.append("<div class=\"text\"><span class=\"muted\">").append(EvalHtml.esc(field))
            .append(":</span> ");
        highlight(h, content.fieldText(f), field, marks);
        h.append("</div>\n");
      }
      h.append("</div>\n");
    }
    return h.append("</body></html>\n").toString();
  }

  private static void row(StringBuilder h, String name, String before, String after) {
    h.append("<tr><th class=\"l\">").append(name).append("</th><td>").append(before).append("</td><td>")
        .append(after).append("</td></tr>");
  }

  /** The text with the evidence spans of {@code field} marked; overlapping spans merge. */
  static void highlight(StringBuilder h, String text, String field, List<Evidence> evidence) {
    List<int[]> spans = new ArrayList<>();
    for (Evidence e : evidence) {
      if (e.field().equals(field) && e.start() >= 0 && e.end() <= text.length() && e.start() < e.end()) {
        spans.add(new int[] {e.start(), e.end()});
      }
    }
    spans.sort(Comparator.comparingInt(s -> s[0]));
    int at = 0;
    for (int[] s : spans) {
      int start = Math.max(s[0], at);
      if (start >= s[1]) {
        continue;
      }
      h.append(EvalHtml.esc(text.substring(at, start))).append("<mark>")
          .append(EvalHtml.esc(text.substring(start, s[1]))).append("</mark>");
      at = s[1];
    }
    h.append(EvalHtml.esc(text.substring(at)));
  }
}
