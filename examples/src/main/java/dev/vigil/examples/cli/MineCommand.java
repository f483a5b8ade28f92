package dev.vigil.examples.cli;

import dev.vigil.eval.LabeledItem;
import dev.vigil.learn.TermMiner;
import dev.vigil.text.Normalizer;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code vigil mine}: proposes terms that mark the harmful items of labeled data, as a term-list file a
 * policy can use as is (each term's weight is its smoothed precision; a comment above it gives its
 * support in both classes).
 */
final class MineCommand {
  private MineCommand() {}

  /** The miner's options, shared with {@code learn}. */
  static final List<Cli.Opt> MINER_OPTIONS = List.of(
      Cli.Opt.value("--preset", "standard", "the normalizer terms are counted under (none, standard,"
          + " aggressive)"),
      Cli.Opt.value("--max-words", "3", "the longest phrase, in words (1 to 6)"),
      Cli.Opt.value("--min-support", "3", "the fewest harmful items a term is in"),
      Cli.Opt.value("--max-harmless-share", "S", "the largest share of harmless items a term may be in\n"
          + "(default 0.01 for mine; 1 for learn, whose fit weighs every term)"),
      Cli.Opt.value("--char-grams", "MIN-MAX|off", "also character sequences of MIN to MAX inside words and\n"
          + "numbers, matched anywhere (such as 3-5; default off: they match inside words)"),
      Cli.Opt.value("--word-pieces", "MIN-MAX|off", "also the first and last MIN to MAX letters or digits\n"
          + "of words, matched at a word's start or end (such as 1-4; default off)"));

  static final Cli.Command SPEC = new Cli.Command("mine", "Proposes words and phrases that mark harmful"
      + " items, ranked by smoothed precision, as a\nterm-list file on standard output (see the README).",
      "--input FILE|- [options] > terms.tsv", options(), null, Map.of());

  private static List<Cli.Opt> options() {
    List<Cli.Opt> o = new ArrayList<>();
    for (Cli.Opt opt : EvalCommand.INPUT_OPTIONS) {
      if (!opt.name().equals("--flagged")) {
        o.add(opt);
      }
    }
    o.addAll(MINER_OPTIONS);
    o.add(Cli.Opt.value("--min-precision", "0.5", "the lowest smoothed precision written"));
    o.add(Cli.Opt.value("--limit", "500", "the most terms written"));
    o.add(Cli.Opt.value("--category", "harmful", "the category the terms are written in"));
    return o;
  }

  /** The miner the options describe, character sequences by {@code defaultGrams} unless given. */
  static TermMiner miner(Cli.Options o, String defaultGrams, String defaultShare) {
    return minerBuilder(o, defaultGrams, defaultShare).build();
  }

  private static TermMiner.Builder minerBuilder(Cli.Options o, String defaultGrams,
      String defaultShare) {
    int[] grams = range(o, "--char-grams", defaultGrams, "3-5");
    int[] pieces = range(o, "--word-pieces", "off", "1-4");
    return TermMiner.builder().characterGrams(grams[0], grams[1]).wordPieces(pieces[0], pieces[1])
        .normalizer(Normalizer.preset(o.get("--preset", "standard")))
        .maxWords(whole(o, "--max-words", "3"))
        .minSupport(whole(o, "--min-support", "3"))
        .maxHarmlessShare(number(o, "--max-harmless-share", defaultShare));
  }

  /** The option's {@code MIN-MAX} value, {0, 0} for off, or an error naming the option and the value. */
  private static int[] range(Cli.Options o, String name, String fallback, String example) {
    String spec = o.values.getOrDefault(name, fallback);
    if (spec == null || spec.equals("off")) {
      return new int[] {0, 0};
    }
    String[] parts = spec.split("-", -1);
    try {
      if (parts.length == 2) {
        return new int[] {Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip())};
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " must read MIN-MAX (such as " + example + ") or off but"
        + " was '" + spec + "'");
  }

  /** The option's value as a whole number, or an error naming the option and the value. */
  static int whole(Cli.Options o, String name, String fallback) {
    String v = o.get(name, fallback);
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number but was '" + v + "'");
    }
  }

  /** The option's value as a number, or an error naming the option and the value. */
  static double number(Cli.Options o, String name, String fallback) {
    String v = o.get(name, fallback);
    try {
      return Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number but was '" + v + "'");
    }
  }

  static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
    Cli.Options o = Cli.Options.parse(args, SPEC, out, err);
    if (o == null) {
      return VigilCli.USAGE;
    }
    if (o.helped) {
      return VigilCli.OK;
    }
    TermMiner miner;
    String category = o.get("--category", "harmful");
    try {
      miner = minerBuilder(o, "off", "0.01")
          .minPrecision(number(o, "--min-precision", "0.5"))
          .limit(whole(o, "--limit", "500"))
          .build();
      dev.vigil.SignalOptions.in(category);
    } catch (IllegalArgumentException e) {
      err.println("vigil: " + e.getMessage());
      return VigilCli.USAGE;
    }
    int[] code = new int[1];
    EvalCommand.Labeled labeled = EvalCommand.readLabeled(o, stdin, err, code, "mine");
    if (labeled == null) {
      return code[0];
    }
    List<LabeledItem> items = labeled.items();
    long harmful = items.stream().filter(LabeledItem::harmful).count();
    List<TermMiner.Candidate> mined = miner.mine(items);
    out.printf(Locale.ROOT, "# Terms mined by vigil mine from %s (%s split, %d items: %d harmful, %d"
        + " harmless).%n", labeled.input().file(), labeled.input().split(), items.size(), harmful,
        items.size() - harmful);
    out.printf(Locale.ROOT, "# %s. Weight: the smoothed precision.%n", miner);
    out.println("# Columns: term, category, weight (see TermList). Above each term: its support.");
    for (TermMiner.Candidate c : mined) {
      out.printf(Locale.ROOT, "# harmful %d, harmless %d%n", c.harmful(), c.harmless());
      out.printf(Locale.ROOT, "%s\t%s\t%.4f%s%n", c.term(), category, Math.min(c.precision(), 1.0),
          c.mode() == dev.vigil.text.MatchMode.WORD ? "" : "\t" + c.id() + "\tanywhere");
    }
    err.printf(Locale.ROOT, "vigil: %d term(s) written%n", mined.size());
    return labeled.hadMalformedRows() ? VigilCli.BAD_INPUT : VigilCli.OK;
  }
}
