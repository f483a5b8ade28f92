package dev.vigil.examples.cli;

import dev.vigil.eval.Confusion;
import dev.vigil.eval.EvaluationReport;
import dev.vigil.eval.EvidenceRuleStats;
import dev.vigil.eval.RuleStats;
import dev.vigil.eval.ScoreCurve;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders an evaluation as one self-contained HTML page (inline CSS and SVG, no scripts, nothing
 * fetched): the numbers an analyst looks for first, the precision-recall and ROC curves with the
 * policy's own operating point marked, and the tables. The markup is well-formed XML, so tools can
 * parse it.
 */
final class EvalHtml {
  private EvalHtml() {}

  private static final int SIZE = 300;
  private static final int MARGIN = 40;
  private static final int MAX_POINTS = 600;

  static String render(EvaluationReport r, EvalJson.Input in) {
    Confusion c = r.confusion();
    ScoreCurve curve = r.curve();
    StringBuilder h = new StringBuilder(32_000);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
        .append("<title>Vigil evaluation: ").append(esc(r.policyName())).append("</title>")
        .append("<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:70em}")
        .append("table{border-collapse:collapse;margin:0.5em 0 1.5em}")
        .append("td,th{border:1px solid #ccc;padding:0.25em 0.6em;text-align:right}")
        .append("th{background:#f2f2f2}td.l,th.l{text-align:left}.big{font-size:1.6em;font-weight:600}")
        .append(".cards{display:flex;gap:1.5em;flex-wrap:wrap}.card{border:1px solid #ddd;")
        .append("border-radius:6px;padding:0.6em 1em}.muted{color:#777}svg{margin-right:2em}")
        .append("</style></head><body>\n");
    h.append("<h1>Policy <code>").append(esc(r.policyName())).append("</code> v")
        .append(esc(r.policyVersion())).append("</h1>\n<p class=\"muted\">")
        .append(esc(in.file())).append(" (").append(esc(in.format())).append("), ")
        .append(esc(in.split())).append(" split");
    if (!in.split().equals("all")) {
      h.append(" (test share ").append(in.testShare()).append(", seed ").append(in.seed()).append(')');
    }
    h.append("; ").append(c.total()).append(" items, ").append(curve.positives()).append(" harmful, ")
        .append(curve.negatives()).append(" harmless; ").append(in.rows()).append(" rows read, ")
        .append(in.malformed().size()).append(" malformed; flagged = ")
        .append(esc(r.flaggingActions().isEmpty() ? "every action but allow"
            : String.join(", ", r.flaggingActions()))).append("</p>\n");

    h.append("<div class=\"cards\">");
    card(h, "precision", EvalCommand.percent(c.precision()));
    card(h, "recall", EvalCommand.percent(c.recall()));
    card(h, "F1", EvalCommand.number(c.f1()));
    card(h, "false-positive rate", EvalCommand.percent(c.falsePositiveRate()));
    card(h, "average precision", EvalCommand.number(curve.averagePrecision()));
    card(h, "ROC AUC", EvalCommand.number(curve.rocAuc()));
    h.append("</div>\n");

    h.append("<h2>Confusion matrix at the policy's decisions</h2>\n<table><tr><th></th>")
        .append("<th>flagged</th><th>not flagged</th></tr><tr><th class=\"l\">harmful</th><td>")
        .append(c.tp()).append("</td><td>").append(c.fn()).append("</td></tr><tr><th class=\"l\">")
        .append("harmless</th><td>").append(c.fp()).append("</td><td>").append(c.tn())
        .append("</td></tr></table>\n");

    h.append("<h2>Curves over the total score</h2>\n<div>");
    List<double[]> pr = new ArrayList<>();
    List<double[]> roc = new ArrayList<>();
    roc.add(new double[] {0, 0});
    for (ScoreCurve.Point p : sample(curve.points())) {
      if (!Double.isNaN(p.recall()) && !Double.isNaN(p.precision())) {
        pr.add(new double[] {p.recall(), p.precision()});
      }
      if (!Double.isNaN(p.falsePositiveRate()) && !Double.isNaN(p.recall())) {
        roc.add(new double[] {p.falsePositiveRate(), p.recall()});
      }
    }
    chart(h, "Precision-recall", "recall", "precision", pr, false,
        new double[] {c.recall(), c.precision()});
    chart(h, "ROC", "false-positive rate", "recall", roc, true,
        new double[] {c.falsePositiveRate(), c.recall()});
    h.append("</div>\n<p class=\"muted\">The dot is the policy's own decision.</p>\n");

    h.append("<h2>Suggested thresholds on the total score</h2>\n<table><tr><th class=\"l\">goal</th>")
        .append("<th>threshold</th><th>precision</th><th>recall</th><th>F1</th></tr>");
    threshold(h, "best F1", curve.bestF1());
    threshold(h, "highest recall at precision &#8805; 0.95", curve.highestRecallAtPrecision(0.95));
    threshold(h, "highest recall at precision &#8805; 0.99", curve.highestRecallAtPrecision(0.99));
    h.append("</table>\n");

    categoryTable(h, "By true category (against all harmless items)", r.byLabelCategory());
    categoryTable(h, "By the policy category that scored highest", r.byPolicyCategory());

    h.append("<h2>Signals</h2>\n<table><tr><th class=\"l\">signal</th><th class=\"l\">category</th>")
        .append("<th>hits</th><th>harmful</th><th>harmless</th><th>precision</th>")
        .append("<th>only catch</th><th>missed harmful</th></tr>");
    for (RuleStats s : r.rules()) {
      h.append("<tr><td class=\"l\">").append(esc(s.name())).append(s.shadow() ? " (shadow)" : "")
          .append(s.neverFired() ? " <span class=\"muted\">never fired</span>" : "")
          .append("</td><td class=\"l\">").append(esc(s.category())).append("</td><td>")
          .append(s.hits()).append("</td><td>").append(s.harmfulHits()).append("</td><td>")
          .append(s.harmlessHits()).append("</td><td>").append(EvalCommand.percent(s.precision()))
          .append("</td><td>").append(s.onlyCatches()).append("</td><td>").append(s.missedHits())
          .append("</td></tr>");
    }
    h.append("</table>\n");

    h.append("<h2>The ten rules with the most false positives</h2>\n");
    List<EvidenceRuleStats> top = r.topFalsePositiveRules(10);
    if (top.isEmpty()) {
      h.append("<p>No rule fired on a harmless item.</p>\n");
    } else {
      h.append("<table><tr><th class=\"l\">rule</th><th class=\"l\">signal</th><th>harmless</th>")
          .append("<th>harmful</th><th>precision</th></tr>");
      for (EvidenceRuleStats e : top) {
        h.append("<tr><td class=\"l\">").append(esc(e.rule())).append("</td><td class=\"l\">")
            .append(esc(e.signal())).append("</td><td>").append(e.harmlessItems()).append("</td><td>")
            .append(e.harmfulItems()).append("</td><td>").append(EvalCommand.percent(e.precision()))
            .append("</td></tr>");
      }
      h.append("</table>\n");
    }
    if (!in.malformed().isEmpty()) {
      h.append("<h2>Malformed rows</h2>\n<ul>");
      for (String m : in.malformed().subList(0, Math.min(100, in.malformed().size()))) {
        h.append("<li>").append(esc(m)).append("</li>");
      }
      h.append("</ul>\n");
    }
    h.append("</body></html>\n");
    return h.toString();
  }

  private static List<ScoreCurve.Point> sample(List<ScoreCurve.Point> points) {
    if (points.size() <= MAX_POINTS) {
      return points;
    }
    List<ScoreCurve.Point> out = new ArrayList<>();
    double step = (double) points.size() / MAX_POINTS;
    for (double i = 0; i < points.size(); i += step) {
      out.add(points.get((int) i));
    }
    out.add(points.get(points.size() - 1));
    return out;
  }

  private static void card(StringBuilder h, String label, String value) {
    h.append("<div class=\"card\"><div class=\"muted\">").append(esc(label))
        .append("</div><div class=\"big\">").append(esc(value)).append("</div></div>");
  }

  private static void threshold(StringBuilder h, String goal, ScoreCurve.Point p) {
    h.append("<tr><td class=\"l\">").append(goal).append("</td>");
    if (p == null) {
      h.append("<td colspan=\"4\" class=\"l\">unreachable</td></tr>");
      return;
    }
    h.append("<td>").append(EvalCommand.number(p.threshold())).append("</td><td>")
        .append(EvalCommand.percent(p.precision())).append("</td><td>")
        .append(EvalCommand.percent(p.recall())).append("</td><td>").append(EvalCommand.number(p.f1()))
        .append("</td></tr>");
  }

  private static void categoryTable(StringBuilder h, String title, Map<String, Confusion> map) {
    if (map.isEmpty()) {
      return;
    }
    h.append("<h2>").append(esc(title)).append("</h2>\n<table><tr><th class=\"l\">category</th>")
        .append("<th>tp</th><th>fp</th><th>tn</th><th>fn</th><th>precision</th><th>recall</th>")
        .append("<th>F1</th></tr>");
    for (Map.Entry<String, Confusion> e : map.entrySet()) {
      Confusion c = e.getValue();
      h.append("<tr><td class=\"l\">").append(esc(e.getKey())).append("</td><td>").append(c.tp())
          .append("</td><td>").append(c.fp()).append("</td><td>").append(c.tn()).append("</td><td>")
          .append(c.fn()).append("</td><td>").append(EvalCommand.percent(c.precision()))
          .append("</td><td>").append(EvalCommand.percent(c.recall())).append("</td><td>")
          .append(EvalCommand.number(c.f1())).append("</td></tr>");
    }
    h.append("</table>\n");
  }

  /** A unit-square chart: axes, grid, the curve as a polyline, the operating point as a dot. */
  private static void chart(StringBuilder h, String title, String xLabel, String yLabel,
      List<double[]> points, boolean diagonal, double[] mark) {
    int w = SIZE + 2 * MARGIN;
    h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"")
        .append(w).append("\" viewBox=\"0 0 ").append(w).append(' ').append(w)
        .append("\" role=\"img\" aria-label=\"").append(esc(title)).append(" curve\">")
        .append("<title>").append(esc(title)).append("</title>")
        .append("<text x=\"").append(w / 2).append("\" y=\"20\" text-anchor=\"middle\" ")
        .append("font-weight=\"600\">").append(esc(title)).append("</text>");
    for (int i = 0; i <= 4; i++) {
      double v = i / 4.0;
      String x = fmt(MARGIN + v * SIZE);
      String y = fmt(MARGIN + (1 - v) * SIZE);
      h.append("<line x1=\"").append(x).append("\" y1=\"").append(MARGIN).append("\" x2=\"").append(x)
          .append("\" y2=\"").append(MARGIN + SIZE).append("\" stroke=\"#eee\"/>")
          .append("<line x1=\"").append(MARGIN).append("\" y1=\"").append(y).append("\" x2=\"")
          .append(MARGIN + SIZE).append("\" y2=\"").append(y).append("\" stroke=\"#eee\"/>")
          .append("<text x=\"").append(x).append("\" y=\"").append(MARGIN + SIZE + 14)
          .append("\" font-size=\"10\" text-anchor=\"middle\">").append(v).append("</text>")
          .append("<text x=\"").append(MARGIN - 4).append("\" y=\"").append(y)
          .append("\" font-size=\"10\" text-anchor=\"end\">").append(v).append("</text>");
    }
    h.append("<rect x=\"").append(MARGIN).append("\" y=\"").append(MARGIN).append("\" width=\"")
        .append(SIZE).append("\" height=\"").append(SIZE).append("\" fill=\"none\" stroke=\"#999\"/>");
    if (diagonal) {
      h.append("<line x1=\"").append(MARGIN).append("\" y1=\"").append(MARGIN + SIZE)
          .append("\" x2=\"").append(MARGIN + SIZE).append("\" y2=\"").append(MARGIN)
          .append("\" stroke=\"#ccc\" stroke-dasharray=\"4 4\"/>");
    }
    StringBuilder poly = new StringBuilder();
    for (double[] p : points) {
      poly.append(fmt(MARGIN + p[0] * SIZE)).append(',').append(fmt(MARGIN + (1 - p[1]) * SIZE))
          .append(' ');
    }
    h.append("<polyline class=\"curve\" fill=\"none\" stroke=\"#1f6feb\" stroke-width=\"2\" points=\"")
        .append(poly.toString().strip()).append("\"/>");
    if (!Double.isNaN(mark[0]) && !Double.isNaN(mark[1])) {
      h.append("<circle cx=\"").append(fmt(MARGIN + mark[0] * SIZE)).append("\" cy=\"")
          .append(fmt(MARGIN + (1 - mark[1]) * SIZE)).append("\" r=\"5\" fill=\"#d1242f\"/>");
    }
    h.append("<text x=\"").append(w / 2).append("\" y=\"").append(w - 6)
        .append("\" text-anchor=\"middle\" font-size=\"12\">").append(esc(xLabel)).append("</text>")
        .append("<text x=\"12\" y=\"").append(w / 2).append("\" text-anchor=\"middle\" font-size=\"12\" ")
        .append("transform=\"rotate(-90 12 ").append(w / 2).append(")\">").append(esc(yLabel))
        .append("</text></svg>");
  }

  private static String fmt(double x) {
    return String.format(Locale.ROOT, "%.1f", x);
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&':
          b.append("&amp;");
          break;
        case '<':
          b.append("&lt;");
          break;
        case '>':
          b.append("&gt;");
          break;
        case '"':
          b.append("&quot;");
          break;
        case '\'':
          b.append("&#39;");
          break;
        default:
          // Characters XML 1.0 forbids (controls, lone surrogates) would make the page unparsable.
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF
              || Character.isSurrogate(c) && !validPair(s, i)) {
            b.append('\uFFFD');
          } else {
            b.append(c);
          }
      }
    }
    return b.toString();
  }

  private static boolean validPair(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
