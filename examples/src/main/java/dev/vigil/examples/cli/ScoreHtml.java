package dev.vigil.examples.cli;

import static dev.vigil.examples.cli.EvalHtml.esc;

import dev.vigil.Content;
import dev.vigil.Decision;
import dev.vigil.Decision.CategoryScore;
import dev.vigil.Decision.NearMiss;
import dev.vigil.Decision.SignalReport;
import dev.vigil.Decision.Truncation;
import dev.vigil.Evidence;
import dev.vigil.Outcome;
import dev.vigil.Visible;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Renders the decisions of one {@code vigil score} run as one self-contained HTML page for a reviewer
 * who has never seen Vigil: each item's original text with its evidence highlighted in place (numbered
 * after the signal that found it), the arithmetic from signals to categories to the total, the rule
 * that chose, the near misses and what did not fire. Invisible characters show as {@code U+200B} boxes
 * and letters of another script than their word are marked, as in {@link Decision#explain()}.
 *
 * <p>Content is data: every text is escaped, the page holds no script, and its content security policy
 * forbids scripts and anything fetched, so a {@code <script>} in a message can never run. The markup is
 * well-formed XML.
 */
final class ScoreHtml {
  private ScoreHtml() {}

  /** One scored item. */
  record Scored(Item item, Decision decision) {}

  static String render(List<Scored> scored) {
    StringBuilder h = new StringBuilder(16_000 + 4_000 * scored.size());
    String policy = scored.isEmpty() ? "" : scored.get(0).decision().policyName() + " v"
        + scored.get(0).decision().policyVersion();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
        .append(" style-src 'unsafe-inline'\"/>")
        .append("<title>Vigil decisions: ").append(esc(policy)).append("</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:72em}")
        .append("table{border-collapse:collapse;margin:0.4em 0 1em}")
        .append("td,th{border:1px solid #ccc;padding:0.2em 0.6em;text-align:left;vertical-align:top}")
        .append("th{background:#f2f2f2}td.n{text-align:right}.muted{color:#666}")
        .append("section.item{border:1px solid #ddd;border-radius:6px;padding:0.4em 1.2em;margin:1.2em 0}")
        .append(".action{display:inline-block;padding:0.1em 0.6em;border-radius:4px;color:#fff;")
        .append("background:#2e7d32}.action.remove{background:#c62828}.action.review{background:#ef6c00}")
        .append(".text{white-space:pre-wrap;font-family:ui-monospace,monospace;background:#fafafa;")
        .append("border:1px solid #eee;padding:0.5em;margin:0.2em 0 0.6em}")
        .append("mark{background:#ffd54f;color:#000;padding:0 1px;border-radius:2px}")
        .append("mark.shadow{background:none;border-bottom:2px dashed #8d6e63}")
        .append("sup.ref{color:#6d4c41;font-size:0.7em}")
        .append(".inv{border:1px solid #c62828;color:#c62828;font-size:0.7em;padding:0 2px;margin:0 1px}")
        .append(".script{outline:2px solid #6a1b9a;background:#f3e5f5}")
        .append(".script-name{color:#6a1b9a;font-size:0.7em}")
        .append("</style></head><body>\n");
    h.append("<h1>Decisions of policy <code>").append(esc(policy)).append("</code></h1>\n");
    Map<String, Integer> byAction = new TreeMap<>();
    for (Scored s : scored) {
      byAction.merge(s.decision().action().name(), 1, Integer::sum);
    }
    h.append("<p>").append(scored.size()).append(" items");
    byAction.forEach((a, n) -> h.append(", ").append(n).append(' ').append(esc(a)));
    h.append(".</p>\n<p class=\"muted\">How to read this page: each item shows its text with what the"
        + " policy found <mark>highlighted</mark> (the small number names the signal in the table"
        + " below it; a <mark class=\"shadow\">dashed underline</mark> is a signal being tried out"
        + " that does not count). Characters nobody can see show as <span class=\"inv\">U+200B</span>,"
        + " and a letter from another alphabet than the rest of its word is"
        + " <span class=\"script\">boxed</span> with its alphabet's name. Each signal adds score x"
        + " weight to its category; the categories add up to the total; the first rule that holds"
        + " chooses the action.</p>\n");
    h.append("<table><tr><th>item</th><th>action</th><th>why</th></tr>\n");
    for (int i = 0; i < scored.size(); i++) {
      Scored s = scored.get(i);
      h.append("<tr><td><a href=\"#item-").append(i).append("\">").append(esc(String.valueOf(
          s.item().id()))).append("</a></td><td>").append(action(s.decision())).append("</td><td>")
          .append(esc(s.decision().reason())).append("</td></tr>\n");
    }
    h.append("</table>\n");
    for (int i = 0; i < scored.size(); i++) {
      item(h, i, scored.get(i));
    }
    h.append("</body></html>\n");
    return h.toString();
  }

  private static String action(Decision d) {
    String a = d.action().name();
    return "<span class=\"action " + esc(a) + "\">" + esc(a) + "</span>";
  }

  private static void item(StringBuilder h, int index, Scored s) {
    Decision d = s.decision();
    Content c = s.item().content();
    h.append("<section class=\"item\" id=\"item-").append(index).append("\"><h2>")
        .append(action(d)).append(" item <code>").append(esc(String.valueOf(s.item().id())))
        .append("</code></h2>\n<p>").append(esc(d.reason())).append("</p>\n");
    List<SignalReport> signals = d.signals();
    for (int f = 0; f < c.fieldCount(); f++) {
      h.append("<div class=\"muted\">").append(esc(c.fieldName(f))).append("</div><div class=\"text\">");
      field(h, c.fieldName(f), c.fieldText(f), signals);
      h.append("</div>\n");
    }
    StringBuilder table = new StringBuilder();
    signalRows(table, signals);
    if (table.length() > 0) {
      h.append("<table><tr><th>#</th><th>signal</th><th>category</th><th>score</th><th>x weight</th>")
          .append("<th>= adds</th><th>evidence</th></tr>\n").append(table).append("</table>\n");
    }
    h.append("<p>");
    List<String> silent = new ArrayList<>();
    for (SignalReport r : signals) {
      if (r.outcome() == Outcome.NOT_MATCHED || r.outcome() == Outcome.NOT_APPLICABLE) {
        silent.add(r.name());
      }
    }
    List<CategoryScore> categories = d.categories();
    if (categories.isEmpty()) {
      h.append("No category scored");
    }
    for (int k = 0; k < categories.size(); k++) {
      CategoryScore cs = categories.get(k);
      h.append(k == 0 ? "" : " + ").append(esc(cs.category())).append(' ').append(exact(cs.score()));
      if (cs.capped()) {
        h.append(" (capped at ").append(exact(cs.cap())).append(" from ").append(exact(cs.uncapped()))
            .append(')');
      }
    }
    h.append(" = total <b>").append(exact(d.total())).append("</b>. ");
    h.append(d.rule() == null ? "No rule held." : "Rule that chose: <code>" + esc(d.rule().toString())
        + "</code>.");
    h.append("</p>\n");
    if (!d.nearMisses().isEmpty()) {
      h.append("<p>Near misses:</p><ul>");
      for (NearMiss m : d.nearMisses()) {
        h.append("<li>").append(esc(m.toString())).append("</li>");
      }
      h.append("</ul>\n");
    }
    if (!silent.isEmpty()) {
      h.append("<p class=\"muted\">Did not fire (").append(silent.size()).append("): ")
          .append(esc(String.join(", ", silent))).append(".</p>\n");
    }
    for (Truncation t : d.truncations()) {
      h.append("<p class=\"muted\">Field ").append(esc(t.field())).append(" was cut: ")
          .append(t.scanned()).append(" of ").append(t.length()).append(" chars scanned.</p>\n");
    }
    h.append("</section>\n");
  }

  /** A table row per signal that fired or failed: its arithmetic and its evidence. */
  private static void signalRows(StringBuilder h, List<SignalReport> signals) {
    for (int k = 0; k < signals.size(); k++) {
      SignalReport r = signals.get(k);
      if (r.outcome() == Outcome.NOT_MATCHED || r.outcome() == Outcome.NOT_APPLICABLE) {
        continue;
      }
      h.append("<tr><td class=\"n\">").append(k + 1).append("</td><td><code>").append(esc(r.name()))
          .append("</code>");
      if (!r.expression().equals(r.name())) {
        h.append(" = <code>").append(esc(r.expression())).append("</code>");
      }
      h.append("</td><td>").append(esc(r.category())).append("</td>");
      if (r.outcome() == Outcome.FAILED) {
        h.append("<td colspan=\"4\">failed (").append(esc(r.failureMode().name().toLowerCase(Locale.ROOT)
            .replace('_', ' '))).append("): ").append(esc(String.valueOf(r.signal().failureMessage())))
            .append("</td></tr>\n");
        continue;
      }
      h.append("<td class=\"n\">").append(num(r.score())).append("</td><td class=\"n\">")
          .append(num(r.weight())).append("</td><td class=\"n\">");
      if (r.shadow()) {
        h.append("not counted (shadow)");
      } else if (r.isSplit()) {
        h.append(exact(r.contribution())).append(" split by evidence:");
        r.contributions().forEach((cat, v) -> h.append(' ').append(esc(cat)).append(' ').append(exact(v)));
      } else {
        h.append(exact(r.contribution()));
      }
      h.append("</td><td>");
      for (Evidence e : r.signal().evidence()) {
        h.append("<div><code>").append(esc(e.rule())).append("</code> (").append(esc(e.category()))
            .append(") in ").append(esc(e.field())).append(": \u201c");
        visible(h, e.text(), 0, e.text().length());
        h.append("\u201d</div>");
      }
      int hidden = r.signal().evidenceCount() - r.signal().evidence().size();
      if (hidden > 0) {
        h.append("<div class=\"muted\">and ").append(hidden).append(" more</div>");
      }
      for (String note : r.signal().notes()) {
        h.append("<div class=\"muted\">note: ").append(esc(note)).append("</div>");
      }
      h.append("</td></tr>\n");
    }
  }

  /**
   * A field's text with the evidence of the matched signals highlighted in place: the text is cut at
   * every evidence start and end, and each piece covered by evidence is marked, with the numbers of the
   * signals whose evidence covers it.
   */
  private static void field(StringBuilder h, String field, String text, List<SignalReport> signals) {
    TreeSet<Integer> cuts = new TreeSet<>(List.of(0, text.length()));
    List<int[]> spans = new ArrayList<>(); // start, end, signal index, shadow
    for (int k = 0; k < signals.size(); k++) {
      SignalReport r = signals.get(k);
      if (r.outcome() != Outcome.MATCHED) {
        continue;
      }
      for (Evidence e : r.signal().evidence()) {
        if (e.field().equals(field) && e.end() <= text.length() && e.start() < e.end()) {
          spans.add(new int[] {e.start(), e.end(), k, r.shadow() ? 1 : 0});
          cuts.add(e.start());
          cuts.add(e.end());
        }
      }
    }
    Integer from = null;
    for (int to : cuts) {
      if (from != null && from < to) {
        TreeSet<Integer> counted = new TreeSet<>();
        TreeSet<Integer> shadows = new TreeSet<>();
        for (int[] sp : spans) {
          if (sp[0] <= from && sp[1] >= to) {
            (sp[3] == 0 ? counted : shadows).add(sp[2] + 1);
          }
        }
        if (counted.isEmpty() && shadows.isEmpty()) {
          visible(h, text, from, to);
        } else {
          TreeSet<Integer> all = new TreeSet<>(counted);
          all.addAll(shadows);
          h.append("<mark").append(counted.isEmpty() ? " class=\"shadow\"" : "").append(" title=\"");
          for (int n : all) {
            h.append(n == all.first() ? "" : ", ").append(esc(signals.get(n - 1).name()));
          }
          h.append("\">");
          visible(h, text, from, to);
          h.append("</mark><sup class=\"ref\">");
          for (int n : all) {
            h.append(n == all.first() ? "" : ",").append(n);
          }
          h.append("</sup>");
        }
      }
      from = to;
    }
  }

  /** Chars {@code [from, to)} of {@code text}, escaped, invisibles and other-script letters shown. */
  private static void visible(StringBuilder h, String text, int from, int to) {
    String part = text.substring(from, to);
    Visible.walk(part, new Visible.Sink() {
      @Override
      public void plain(int a, int b) {
        h.append(esc(part.substring(a, b)));
      }

      @Override
      public void invisible(int codePoint, int a, int b) {
        if (codePoint == '\n' || codePoint == '\t' || codePoint == '\r') {
          h.append(esc(part.substring(a, b))); // laid out by pre-wrap as the writer meant
        } else {
          h.append("<span class=\"inv\" title=\"an invisible character\">U+")
              .append(String.format(Locale.ROOT, "%04X", codePoint)).append("</span>");
        }
      }

      @Override
      public void otherScript(int codePoint, int a, int b, String script) {
        h.append("<span class=\"script\" title=\"").append(esc(script)).append(" letter\">")
            .append(esc(part.substring(a, b))).append("</span><span class=\"script-name\">")
            .append(esc(script)).append("</span>");
      }
    });
  }

  /**
   * A category's score or the total as the policy compared it: sums are rounded to nine decimals, so
   * this is exact and short (a rounded "1.0" beside "remove needs total >= 1.0, was 0.99996" would
   * contradict the near miss).
   */
  private static String exact(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return String.valueOf(x);
    }
    BigDecimal d = BigDecimal.valueOf(x).setScale(9, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return d.scale() < 1 ? d.setScale(1).toPlainString() : d.toPlainString();
  }

  private static String num(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return String.valueOf(x);
    }
    BigDecimal d = BigDecimal.valueOf(x).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return d.scale() < 1 ? d.setScale(1).toPlainString() : d.toPlainString();
  }
}
