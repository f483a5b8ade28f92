package dev.vigil.examples.cli;

import dev.vigil.Policy;
import dev.vigil.eval.Confusion;
import dev.vigil.eval.Evaluation;
import dev.vigil.eval.EvaluationReport;
import dev.vigil.eval.EvidenceRuleStats;
import dev.vigil.eval.LabeledItem;
import dev.vigil.eval.RuleStats;
import dev.vigil.eval.ScoreCurve;
import dev.vigil.eval.Split;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code vigil eval}: runs a policy on labeled data and reports the quality of its decisions:
 * a summary table on standard output, and on request a JSON file (schema in the README) and a
 * self-contained HTML report.
 */
final class EvalCommand {
  private EvalCommand() {}

  /** Label values that mean harmful when {@code --harmful} is not given. */
  static final List<String> DEFAULT_HARMFUL =
      List.of("1", "true", "yes", "harmful", "spam", "abuse", "abusive", "toxic", "hate");

  /** The options that choose and read the labeled input, shared by {@code eval} and {@code diff}. */
  static final List<Cli.Opt> INPUT_OPTIONS = List.of(
      Cli.Opt.value("--input", "FILE|-", "the labeled data ('-' for standard input, with --input-format)"),
      Cli.Opt.value("--input-format", "csv|tsv|jsonl", "its format; from the file's extension unless given"),
      Cli.Opt.value("--text-field", "NAME", "the field holding the text (default text)"),
      Cli.Opt.value("--label-field", "NAME", "the field holding the label (default label)"),
      Cli.Opt.value("--id-field", "NAME", "the field holding an id (default: the row number)"),
      Cli.Opt.value("--columns", "A,B,...", "the columns of a CSV or TSV file without a header row"),
      Cli.Opt.value("--harmful", "V,...", "label values that mean harmful (default 1, true, yes, harmful,\n"
          + "spam, abuse, abusive, toxic, hate)"),
      Cli.Opt.value("--flagged", "ACTION,...", "actions that count as flagged (default: all but allow)"),
      Cli.Opt.value("--split", "all|train|test", "which part of a seeded, de-duplicated split (default all)"),
      Cli.Opt.value("--test-share", "0.3", "the test part's share of the items"),
      Cli.Opt.value("--seed", "42", "the split's seed"));

  /** Old spellings: {@code --format} was the input's format in eval and diff. */
  static final Map<String, String> DEPRECATED = Map.of("--format", "--input-format");

  static final Cli.Command SPEC = new Cli.Command("eval", "Runs a policy on labeled data and prints"
      + " precision, recall, F1, curves' summaries and\nper-rule statistics; --json and --html write the full"
      + " report (see the README).", "--policy NAME|FILE --input FILE|- [options]", evalOptions(), null,
      DEPRECATED);

  private static List<Cli.Opt> evalOptions() {
    List<Cli.Opt> o = new ArrayList<>();
    o.add(Cli.Opt.value("--policy", "NAME|FILE", "a bundled policy (sample, sms-spam, abuse, dm-spam-wave)"
        + " or a policy file"));
    o.addAll(INPUT_OPTIONS);
    o.add(Cli.Opt.value("--json", "FILE", "write the report as JSON (folders are created)"));
    o.add(Cli.Opt.value("--html", "FILE", "write the report as a self-contained HTML page"));
    o.addAll(ScoreCommand.TERM_OPTIONS);
    return o;
  }

  /** Labeled items read from {@code --input}, split as asked, and what the report says of the input. */
  record Labeled(List<LabeledItem> items, EvalJson.Input input) {
    boolean hadMalformedRows() {
      return !input.malformed().isEmpty();
    }
  }

  /**
   * Reads the labeled input the options name, or prints why it cannot and returns null; {@code code[0]}
   * is then the exit code (usage error or bad input).
   */
  static @Nullable Labeled readLabeled(Cli.Options o, InputStream stdin, PrintStream err, int[] code,
      String command) {
    code[0] = VigilCli.USAGE;
    String file = o.values.get("--input");
    if (file == null) {
      err.println("vigil: " + command + " needs --input FILE (or --input - for standard input)");
      return null;
    }
    String format = o.values.getOrDefault("--input-format", LabeledInput.formatOf(file));
    if (format == null) {
      err.println("vigil: cannot tell the format of '" + file + "' from its name; give --input-format "
          + "csv, tsv or jsonl");
      return null;
    }
    String split = o.get("--split", "all");
    if (!Cli.oneOf("--input-format", format, err, "csv", "tsv", "jsonl")
        || !Cli.oneOf("--split", split, err, "all", "train", "test")) {
      return null;
    }
    double testShare;
    long seed;
    try {
      testShare = Double.parseDouble(o.get("--test-share", "0.3"));
      seed = Long.parseLong(o.get("--seed", "42"));
    } catch (NumberFormatException e) {
      err.println("vigil: --test-share and --seed must be numbers: " + e.getMessage());
      return null;
    }
    if (!(testShare >= 0 && testShare <= 1)) {
      err.println("vigil: --test-share must be in [0, 1] but was " + testShare);
      return null;
    }
    Set<String> harmful = new LinkedHashSet<>();
    for (String h : o.values.containsKey("--harmful") ? list(o.values.get("--harmful"))
        : DEFAULT_HARMFUL) {
      harmful.add(h.toLowerCase(Locale.ROOT));
    }
    List<String> columns = o.values.containsKey("--columns") ? list(o.values.get("--columns")) : null;
    LabeledInput reader = new LabeledInput(format, o.get("--text-field", "text"),
        o.get("--label-field", "label"), o.values.get("--id-field"), columns, harmful);
    LabeledInput.Result read;
    code[0] = VigilCli.BAD_INPUT;
    try (InputStream in = file.equals("-") ? stdin : Files.newInputStream(Path.of(file))) {
      read = reader.read(file.equals("-") ? "<stdin>" : file, in);
    } catch (NoSuchFileException e) {
      err.println("vigil: " + file + ": no such file");
      return null;
    } catch (IOException e) {
      err.println("vigil: " + e.getMessage());
      return null;
    }
    for (int i = 0; i < Math.min(20, read.malformed().size()); i++) {
      err.println("vigil: " + read.malformed().get(i));
    }
    if (read.malformed().size() > 20) {
      err.println("vigil: ... and " + (read.malformed().size() - 20) + " more malformed row(s)");
    }
    List<LabeledItem> items = read.items();
    int duplicates = 0;
    if (!split.equals("all")) {
      Split<LabeledItem> s = Split.of(items, testShare, seed);
      items = split.equals("test") ? s.test() : s.train();
      duplicates = s.duplicates();
    }
    // A backtest shows behaviour signals the items as they happened: in time order, from the empty state
    // of the freshly loaded policy.
    items = TimeOrder.sorted(items, LabeledItem::content);
    String source = file.equals("-") ? "<stdin>" : file;
    return new Labeled(items, new EvalJson.Input(source, format, read.rows(), read.malformed(), duplicates,
        split, seed, testShare, List.copyOf(harmful)));
  }

  /** The evaluation of {@code policy} flagging what {@code --flagged} says. */
  static Evaluation evaluation(Policy policy, Cli.Options o) {
    Evaluation evaluation = Evaluation.of(policy);
    if (o.values.containsKey("--flagged")) {
      evaluation = evaluation.flagging(list(o.values.get("--flagged")));
    }
    return evaluation;
  }

  static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
    Cli.Options o = Cli.Options.parse(args, SPEC, out, err);
    if (o == null) {
      return VigilCli.USAGE;
    }
    if (o.helped) {
      return VigilCli.OK;
    }
    int[] code = new int[1];
    Labeled labeled = readLabeled(o, stdin, err, code, "eval");
    if (labeled == null) {
      return code[0];
    }
    Policy policy = VigilCli.policy(o, err);
    if (policy == null) {
      return VigilCli.USAGE;
    }
    List<LabeledItem> items = labeled.items();
    EvalJson.Input input = labeled.input();
    String file = input.file();
    ProgressBar bar = new ProgressBar(err, items.size());
    EvaluationReport report = evaluation(policy, o).onProgress(bar::update).run(items);
    bar.done();
    printSummary(out, report, input);
    try {
      if (o.values.containsKey("--json")) {
        try (OutputStream json = Files.newOutputStream(created(o.values.get("--json")))) {
          EvalJson.write(json, report, input);
        }
        out.println("wrote " + o.values.get("--json"));
      }
      if (o.values.containsKey("--html")) {
        Files.writeString(created(o.values.get("--html")), EvalHtml.render(report, input));
        out.println("wrote " + o.values.get("--html"));
      }
    } catch (IOException e) {
      err.println("vigil: cannot write the report: " + e.getMessage());
      return VigilCli.BAD_INPUT;
    }
    return labeled.hadMalformedRows() ? VigilCli.BAD_INPUT : VigilCli.OK;
  }

  /** The path of a report to write, its folder created if missing. */
  static Path created(String file) throws IOException {
    Path p = Path.of(file);
    Path parent = p.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return p;
  }

  static List<String> list(String csv) {
    List<String> out = new ArrayList<>();
    for (String s : Arrays.asList(csv.split(","))) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    return out;
  }

  static String percent(double x) {
    return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * x);
  }

  static String number(double x) {
    return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%.4f", x);
  }

  private static void printSummary(PrintStream out, EvaluationReport r, EvalJson.Input in) {
    Confusion c = r.confusion();
    ScoreCurve curve = r.curve();
    out.printf(Locale.ROOT, "policy %s v%s on %s (%s split, %d items: %d harmful, %d harmless)%n",
        r.policyName(), r.policyVersion(), in.file(), in.split(), c.total(), curve.positives(),
        curve.negatives());
    out.printf(Locale.ROOT, "rows read %d, malformed %d, duplicates dropped by the split %d%n",
        in.rows(), in.malformed().size(), in.duplicates());
    out.printf(Locale.ROOT, "flagged: %s%n%n", r.flaggingActions().isEmpty()
        ? "every action but allow" : String.join(", ", r.flaggingActions()));
    out.printf(Locale.ROOT, "  %-20s %10s%n", "tp / fp / tn / fn", c.tp() + " / " + c.fp() + " / "
        + c.tn() + " / " + c.fn());
    out.printf(Locale.ROOT, "  %-20s %10s%n", "precision", percent(c.precision()));
    out.printf(Locale.ROOT, "  %-20s %10s%n", "recall", percent(c.recall()));
    out.printf(Locale.ROOT, "  %-20s %10s%n", "F1", number(c.f1()));
    out.printf(Locale.ROOT, "  %-20s %10s%n", "false-positive rate", percent(c.falsePositiveRate()));
    out.printf(Locale.ROOT, "  %-20s %10s%n", "average precision", number(curve.averagePrecision()));
    out.printf(Locale.ROOT, "  %-20s %10s%n", "ROC AUC", number(curve.rocAuc()));
    ScoreCurve.Point best = curve.bestF1();
    if (best != null) {
      out.printf(Locale.ROOT, "  best F1 %.4f at total >= %.4f (precision %s, recall %s)%n",
          best.f1(), best.threshold(), percent(best.precision()), percent(best.recall()));
    }
    for (double p : new double[] {0.95, 0.99}) {
      ScoreCurve.Point at = curve.highestRecallAtPrecision(p);
      out.printf(Locale.ROOT, "  recall at precision >= %.2f: %s%n", p, at == null ? "unreachable"
          : percent(at.recall()) + " at total >= " + number(at.threshold()));
    }
    Map<String, Confusion> byLabel = r.byLabelCategory();
    if (byLabel.size() > 1) {
      out.printf(Locale.ROOT, "%nby true category (against all harmless items):%n");
      byLabel.forEach((k, v) -> out.printf(Locale.ROOT, "  %-20s recall %7s  precision %7s  (%d items)%n",
          k, percent(v.recall()), percent(v.precision()), v.tp() + v.fn()));
    }
    out.printf(Locale.ROOT, "%n%-26s %6s %8s %8s %9s %6s%n", "signal", "hits", "harmful", "harmless",
        "precision", "only");
    for (RuleStats s : r.rules()) {
      out.printf(Locale.ROOT, "%-26s %6d %8d %8d %9s %6d%s%n", s.name() + (s.shadow() ? " (shadow)" : ""),
          s.hits(), s.harmfulHits(), s.harmlessHits(), percent(s.precision()), s.onlyCatches(),
          s.neverFired() ? "  never fired" : "");
    }
    List<EvidenceRuleStats> top = r.topFalsePositiveRules(10);
    if (!top.isEmpty()) {
      out.printf(Locale.ROOT, "%nthe rules with the most false positives:%n");
      for (EvidenceRuleStats e : top) {
        out.printf(Locale.ROOT, "  %-30s harmless %6d  harmful %6d  (%s)%n", e.rule(), e.harmlessItems(),
            e.harmfulItems(), e.signal());
      }
    }
    if (r.itemsWithFailures() > 0) {
      out.printf(Locale.ROOT, "%n%d item(s) had a failing signal%n", r.itemsWithFailures());
    }
  }

  /** A progress bar on standard error, drawn only for a person at a terminal and for long runs. */
  static final class ProgressBar {
    private final PrintStream err;
    private final int total;
    private final boolean enabled;
    private int lastPercent = -1;

    ProgressBar(PrintStream err, int total) {
      this.err = err;
      this.total = total;
      this.enabled = total >= 1000 && System.console() != null && err == System.err;
    }

    void update(int done, int all) {
      if (!enabled) {
        return;
      }
      int percent = (int) (100L * done / all);
      if (percent != lastPercent) {
        lastPercent = percent;
        int filled = percent / 4;
        err.print("\r[" + "#".repeat(filled) + ".".repeat(25 - filled) + "] " + percent + "% "
            + done + "/" + all);
        err.flush();
      }
    }

    void done() {
      if (enabled && total > 0) {
        err.print("\r" + " ".repeat(60) + "\r");
        err.flush();
      }
    }
  }
}
