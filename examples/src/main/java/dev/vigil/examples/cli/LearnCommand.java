package dev.vigil.examples.cli;

import dev.vigil.Action;
import dev.vigil.Policy;
import dev.vigil.eval.Confusion;
import dev.vigil.eval.Evaluation;
import dev.vigil.eval.EvaluationReport;
import dev.vigil.eval.LabeledItem;
import dev.vigil.eval.Split;
import dev.vigil.learn.LearnedPolicy;
import dev.vigil.learn.PolicyLearner;
import dev.vigil.learn.TermMiner;
import dev.vigil.policy.LearnedPolicyFile;
import dev.vigil.policy.PolicyException;
import dev.vigil.policy.PolicyFile;
import dev.vigil.text.Term;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code vigil learn}: fits a policy's weights and thresholds (and, by default, a list of mined terms)
 * to the training part of labeled data, prints the original and the learned policy side by side on the
 * training part and on the held-out part it never trained on, and writes the learned policy file.
 */
final class LearnCommand {
  private LearnCommand() {}

  static final Cli.Command SPEC = new Cli.Command("learn", "Fits a policy's weights, thresholds and a list"
      + " of mined terms to the training part of labeled\ndata; prints training and held-out figures of the"
      + " original and the learned policy side by side\nand writes the learned policy (see the README).",
      "--policy NAME|FILE --input FILE|- --out FILE [options]", options(), null, Map.of());

  private static List<Cli.Opt> options() {
    List<Cli.Opt> o = new ArrayList<>();
    o.add(Cli.Opt.value("--policy", "NAME|FILE", "the policy to learn from (bundled name or file)"));
    for (Cli.Opt opt : EvalCommand.INPUT_OPTIONS) {
      if (!opt.name().equals("--split") && !opt.name().equals("--flagged")) {
        o.add(opt);
      }
    }
    o.add(Cli.Opt.value("--out", "FILE", "the learned policy file to write (its term list beside it)"));
    o.add(Cli.Opt.value("--target", "ACTION:METRIC=V,...", "thresholds to choose on the training part\n"
        + "(default remove:precision=0.99,review:recall=0.90)"));
    o.add(Cli.Opt.flag("--no-mine", "fit the policy's own signals only, mining no terms"));
    o.add(Cli.Opt.flag("--harmless-terms", "also mine terms that mark harmless items and fit them as\n"
        + "counter-evidence: a list whose signal has a negative weight (it\nlowers a total by at most that;"
        + " the output says how much)"));
    o.addAll(MineCommand.MINER_OPTIONS);
    o.add(Cli.Opt.value("--max-terms", "2000", "the most mined terms the learned list keeps"));
    o.add(Cli.Opt.value("--category", "NAME", "the mined terms' category (default the policy's first)"));
    o.add(Cli.Opt.value("--regularization", "R", "how strongly weights are pulled to zero (higher: fewer"
        + " terms);\ndefault: chosen by cross-validation"));
    return o;
  }

  static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
    Cli.Options o = Cli.Options.parse(args, SPEC, out, err);
    if (o == null) {
      return VigilCli.USAGE;
    }
    if (o.helped) {
      return VigilCli.OK;
    }
    String outFile = o.values.get("--out");
    if (outFile == null) {
      err.println("vigil: learn needs --out FILE, the learned policy to write");
      return VigilCli.USAGE;
    }
    PolicyFile file = Policies.load(o.get("--policy", Policies.DEFAULT), err);
    if (file == null) {
      return VigilCli.USAGE;
    }
    PolicyLearner learner;
    try {
      learner = learner(file.policy(), o);
    } catch (IllegalArgumentException e) {
      err.println("vigil: " + e.getMessage());
      return VigilCli.USAGE;
    }
    int[] code = new int[1];
    EvalCommand.Labeled labeled = EvalCommand.readLabeled(o, stdin, err, code, "learn");
    if (labeled == null) {
      return code[0];
    }
    double testShare = Double.parseDouble(o.get("--test-share", "0.3"));
    long seed = Long.parseLong(o.get("--seed", "42"));
    Split<LabeledItem> split = Split.of(labeled.items(), testShare, seed);
    long started = System.nanoTime();
    LearnedPolicy learned;
    try {
      learned = learner.learn(split.train());
    } catch (IllegalArgumentException e) {
      err.println("vigil: cannot learn: " + e.getMessage());
      return VigilCli.BAD_INPUT;
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    Policy original = file.policy();
    out.printf(Locale.ROOT, "learned from %d distinct training items of %s (%d repeats dropped) in %.1f s;"
        + " %d held out%n%n", learned.items(), labeled.input().file(), split.duplicates()
        + learned.duplicates(), seconds, split.test().size());
    printSideBySide(out, original, learned.policy(), split);
    printModel(out, learned);
    try {
      List<dev.vigil.Content> check = new ArrayList<>();
      for (LabeledItem item : labeled.items()) {
        check.add(item.content());
      }
      LearnedPolicyFile.Written w = LearnedPolicyFile.write(file, learned, Path.of(outFile), check);
      for (Path p : w.files()) {
        out.println("wrote " + p);
      }
      // The analyst's inline tests say what they expect; a learned policy may disagree (the data may
      // be right, or the test): say which.
      var results = w.policy().runTests();
      long failed = results.stream().filter(t -> !t.failures().isEmpty()).count();
      if (!results.isEmpty()) {
        out.printf(Locale.ROOT, "inline tests of the learned policy: %d of %d pass%n",
            results.size() - failed, results.size());
        results.stream().filter(t -> !t.failures().isEmpty()).forEach(t -> out.println(
            "  fails: " + t.test().name() + ": " + String.join("; ", t.failures())));
      }
    } catch (IOException | PolicyException e) {
      err.println("vigil: cannot write the learned policy: " + e.getMessage());
      return VigilCli.BAD_INPUT;
    }
    return labeled.hadMalformedRows() ? VigilCli.BAD_INPUT : VigilCli.OK;
  }

  static PolicyLearner learner(Policy policy, Cli.Options o) {
    PolicyLearner learner = PolicyLearner.of(policy)
        .maxTerms(MineCommand.whole(o, "--max-terms", "2000"));
    if (o.values.containsKey("--regularization")) {
      learner = learner.regularization(MineCommand.number(o, "--regularization", "1"));
    }
    if (o.values.containsKey("--target")) {
      learner = learner.targets(targets(o.values.get("--target")));
    }
    if (o.values.containsKey("--category")) {
      learner = learner.termCategory(o.values.get("--category"));
    }
    if (!o.flags.contains("--no-mine")) {
      // No character sequences unless asked: they match inside words, so a list of them brings back
      // the Scunthorpe problem whole-word terms avoid (the abuse policy's own inline test catches it).
      // No limit on the share of harmless items a candidate is in: that limit is for terms proposed to
      // a person; here the fit gives a term common in both classes a small weight, or none.
      learner = learner.minedTerms(MineCommand.miner(o, "off", "1"))
          .harmlessTerms(o.flags.contains("--harmless-terms"));
    } else if (o.flags.contains("--harmless-terms")) {
      throw new IllegalArgumentException("--harmless-terms mines terms: it cannot go with --no-mine");
    }
    return learner;
  }

  /** Parses {@code remove:precision=0.99,review:recall=0.9}. */
  static Map<Action, PolicyLearner.Target> targets(String spec) {
    Map<Action, PolicyLearner.Target> out = new LinkedHashMap<>();
    for (String part : EvalCommand.list(spec)) {
      int colon = part.indexOf(':');
      int eq = part.indexOf('=');
      if (colon <= 0 || eq < colon) {
        throw new IllegalArgumentException("--target must read ACTION:precision=V or ACTION:recall=V but"
            + " was '" + part + "'");
      }
      String action = part.substring(0, colon).strip();
      String metric = part.substring(colon + 1, eq).strip();
      double value;
      try {
        value = Double.parseDouble(part.substring(eq + 1).strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--target value must be a number in '" + part + "'");
      }
      Action a = action.equals("remove") ? Action.REMOVE : action.equals("review") ? Action.REVIEW
          : Action.of(action, 75);
      switch (metric) {
        case "precision":
          out.put(a, PolicyLearner.Target.precision(value));
          break;
        case "recall":
          out.put(a, PolicyLearner.Target.recall(value));
          break;
        default:
          throw new IllegalArgumentException("--target metric must be precision or recall but was '"
              + metric + "'");
      }
    }
    return out;
  }

  private static void printSideBySide(PrintStream out, Policy original, Policy learned,
      Split<LabeledItem> split) {
    EvaluationReport[] r = {
        Evaluation.of(original).run(split.train()), Evaluation.of(learned).run(split.train()),
        Evaluation.of(original).run(split.test()), Evaluation.of(learned).run(split.test())};
    out.printf(Locale.ROOT, "%-22s %12s %12s   %12s %12s%n", "flagged: all but allow", "train", "",
        "held out", "");
    out.printf(Locale.ROOT, "%-22s %12s %12s   %12s %12s%n", "", "original", "learned", "original",
        "learned");
    row(out, "precision", r, e -> EvalCommand.percent(e.confusion().precision()));
    row(out, "recall", r, e -> EvalCommand.percent(e.confusion().recall()));
    row(out, "F1", r, e -> EvalCommand.number(e.confusion().f1()));
    row(out, "false-positive rate", r, e -> EvalCommand.percent(e.confusion().falsePositiveRate()));
    row(out, "average precision", r, e -> EvalCommand.number(e.curve().averagePrecision()));
    row(out, "ROC AUC", r, e -> EvalCommand.number(e.curve().rocAuc()));
    row(out, "tp / fp / tn / fn", r, e -> {
      Confusion c = e.confusion();
      return c.tp() + "/" + c.fp() + "/" + c.tn() + "/" + c.fn();
    });
    out.println();
  }

  private static void row(PrintStream out, String label, EvaluationReport[] r,
      java.util.function.Function<EvaluationReport, String> f) {
    out.printf(Locale.ROOT, "%-22s %12s %12s   %12s %12s%n", label, f.apply(r[0]), f.apply(r[1]),
        f.apply(r[2]), f.apply(r[3]));
  }

  private static void printModel(PrintStream out, LearnedPolicy learned) {
    out.println("weights (learned):");
    learned.weights().forEach((k, v) -> out.printf(Locale.ROOT, "  %-28s %s%s%n", k, v,
        learned.unused().contains(k) ? "   (no evidence of harm on these items)" : ""));
    if (!learned.crossValidation().isEmpty()) {
      out.print("regularization: " + learned.regularization() + ", chosen by 5-fold cross-validation"
          + " (held-out log-loss:");
      learned.crossValidation().forEach((k, v) -> out.printf(Locale.ROOT, " %s %.4f", k, v));
      out.println(")");
    }
    out.println("rules (thresholds on the total chosen on held-out predictions):");
    learned.policy().rules().forEach(r -> out.println("  " + r));
    out.printf(Locale.ROOT, "calibration: probability of harm = 1 / (1 + exp(-(%s x total %s %s)))"
        + " (decisions report it; rules may read it)%n", learned.calibration().slope(),
        learned.calibration().intercept() < 0 ? "-" : "+", Math.abs(learned.calibration().intercept()));
    if (!learned.terms().isEmpty()) {
      out.printf(Locale.ROOT, "mined terms: %d kept of %d candidates; the strongest:%n",
          learned.terms().size(), learned.candidates());
      for (Term t : learned.terms().subList(0, Math.min(15, learned.terms().size()))) {
        out.printf(Locale.ROOT, "  %-30s %.4f%n", t.id(), t.weight());
      }
    }
    if (!learned.harmlessTerms().isEmpty()) {
      out.printf(Locale.ROOT, "mined counter-evidence: %d terms that mark harmless items; the strongest:%n",
          learned.harmlessTerms().size());
      for (Term t : learned.harmlessTerms().subList(0, Math.min(15, learned.harmlessTerms().size()))) {
        out.printf(Locale.ROOT, "  %-30s %.4f%n", t.id(), t.weight());
      }
    }
    for (String note : learned.notes()) {
      out.println("note: " + note);
    }
    out.println();
  }
}
