package dev.vigil.examples.cli;

import dev.vigil.Decision;
import dev.vigil.Holder;
import dev.vigil.Policy;
import dev.vigil.examples.cli.Cli.Opt;
import dev.vigil.json.DecisionJson;
import dev.vigil.policy.PolicyException;
import dev.vigil.policy.PolicyFile;
import dev.vigil.policy.PolicyWatcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code vigil score}: one decision per item, as JSON Lines (the contract in the README) or as an
 * explanation for people. Items come from the files given, from standard input when it is a pipe or a
 * file (or with {@code -}), and otherwise from the bundled sample, which it says on standard error.
 * Files and the sample are replayed in time order ({@link TimeOrder}), from the empty behaviour state of
 * a freshly loaded policy, and printed in file order; standard input and {@code --watch} are scored as
 * items arrive.
 */
final class ScoreCommand {
  private ScoreCommand() {}

  static final List<Opt> TERM_OPTIONS = List.of(
      Opt.value("--terms", "FILE", "a term list (term, category, weight, id, mode per line) added to the\n"
          + "policy as a signal in category 'terms'"),
      Opt.value("--preset", "P", "normalization of the term list: none, standard (default), aggressive"),
      Opt.value("--mode", "M", "match mode of terms whose line gives none: word (default), prefix,\n"
          + "suffix, anywhere"),
      Opt.value("--allow", "FILE", "an allow-list file, one entry per line, matched anywhere"));

  static final Opt INPUT = Opt.value("--input", "FILE", "an input file, like FILE arguments ('-' for standard input)");
  static final Opt INPUT_FORMAT = Opt.value("--input-format", "F", "text: one item per line (blank lines"
      + " skipped); jsonl: one JSON object\nper line; auto (default): jsonl for *.jsonl, *.ndjson and the"
      + " sample, text\nfor other files, and for standard input by its first non-blank line");

  static final Cli.Command SPEC = new Cli.Command("score", "Scores items and prints one decision per item.",
      "[--policy NAME|FILE [--watch]] [--format json|text|html] [--input-format F] [FILE|- ...]",
      options(), "FILE|-", Map.of());

  private static List<Opt> options() {
    List<Opt> o = new ArrayList<>(List.of(
        Opt.value("--policy", "NAME|FILE", "a bundled policy (sample, the default; sms-spam; abuse;\n"
            + "dm-spam-wave) or a policy file"),
        Opt.flag("--watch", "with a policy file: reload it whenever it or a list it reads changes"),
        Opt.value("--format", "json|text|html", "json: one JSON object per line (default); text: an\n"
            + "explanation for people; html: one self-contained page for reviewers,\nwritten when the"
            + " input ends (each item's text with its evidence highlighted,\nthe score arithmetic, the"
            + " near misses)"),
        INPUT, INPUT_FORMAT));
    o.addAll(TERM_OPTIONS);
    return o;
  }

  /** Writes one decision. */
  private interface Printer {
    void print(Item item, Decision decision) throws IOException;
  }

  static final String SAMPLE_RESOURCE = "/dev/vigil/examples/sample.jsonl";

  static int run(String[] args, InputStream stdin, boolean stdinHasData, PrintStream out,
      PrintStream err) {
    Cli.Options o = Cli.Options.parse(args, SPEC, out, err);
    if (o == null) {
      return Cli.USAGE;
    }
    if (o.helped) {
      return VigilCli.OK;
    }
    List<String> files = files(o, err, "score");
    if (files == null) {
      return Cli.USAGE;
    }
    String format = o.get("--format", "json");
    String input = o.get("--input-format", "auto");
    if (!Cli.oneOf("--format", format, err, "json", "text", "html")
        || !Cli.oneOf("--input-format", input, err, "auto", "text", "jsonl")) {
      return Cli.USAGE;
    }
    boolean watch = o.flags.contains("--watch");
    String spec = o.get("--policy", Policies.DEFAULT);
    if (watch && (!Policies.isFile(spec) || o.values.containsKey("--terms"))) {
      err.println("vigil: --watch needs --policy FILE (a policy file on disk) and no --terms");
      return Cli.USAGE;
    }
    PolicyWatcher watcher = null;
    Holder<Policy> current;
    if (watch) {
      try {
        watcher = PolicyWatcher.builder(Path.of(spec)).listener(new SwapReporter(err)).start();
      } catch (PolicyException e) {
        Policies.printProblems(e, err);
        err.println("vigil: policy " + spec + " has " + e.problems().size() + " problem(s); nothing was"
            + " scored");
        return Cli.USAGE;
      }
      PolicyFile f = watcher.current();
      err.println("vigil: watching " + spec + ": " + f.name() + " v" + f.version() + " ("
          + f.contentHash().substring(0, 12) + ")");
      current = watcher.policy();
    } else {
      Policy chosen = VigilCli.policy(o, err);
      if (chosen == null) {
        return Cli.USAGE;
      }
      current = Holder.of(chosen);
    }
    boolean sample = files.isEmpty() && !stdinHasData;
    if (files.isEmpty() && stdinHasData) {
      files = List.of("-");
    }
    Inputs inputs = new Inputs(err);
    boolean json = format.equals("json");
    boolean html = format.equals("html");
    List<ScoreHtml.Scored> page = new ArrayList<>();
    // Files (and the sample) are replayed in time order, so behaviour signals see items as they
    // happened; a stream (standard input, --watch) is scored as it arrives, in its own order.
    boolean replay = !watch && !files.contains("-");
    try (PolicyWatcher closeMe = watcher) {
      Printer print = (item, d) -> {
        if (html) {
          page.add(new ScoreHtml.Scored(item, d));
          return;
        }
        if (json) {
          out.write(DecisionJson.toBytes(item.id(), d));
          out.write('\n');
        } else {
          out.print("item " + item.id() + ": ");
          out.println(d.explain());
        }
        out.flush();
      };
      List<Item> buffered = new ArrayList<>();
      Inputs.ItemConsumer consumer = replay ? buffered::add
          : item -> print.print(item, current.get().evaluate(item.content()));
      if (sample) {
        err.println("vigil: scoring the bundled sample; give files, '-' or a pipe to score your own");
        try (InputStream in = VigilCli.class.getResourceAsStream(SAMPLE_RESOURCE)) {
          if (in == null) {
            err.println("vigil: the bundled sample content is missing from the jar");
            return VigilCli.BAD_INPUT;
          }
          inputs.read("sample.jsonl", in, input.equals("auto") ? "jsonl" : input, consumer);
        }
      }
      inputs.readFiles(files, stdin, input, consumer);
      if (replay) {
        Decision[] decisions = new Decision[buffered.size()];
        for (int i : TimeOrder.of(buffered, Item::content)) {
          decisions[i] = current.get().evaluate(buffered.get(i).content());
        }
        for (int i = 0; i < decisions.length; i++) {
          print.print(buffered.get(i), decisions[i]);
        }
      }
      if (html) {
        out.print(ScoreHtml.render(page));
      }
      out.flush();
    } catch (IOException e) {
      err.println("vigil: " + e.getMessage());
      return VigilCli.BAD_INPUT;
    }
    return VigilCli.finish(inputs, "scored", err);
  }

  /**
   * The input files: the arguments and {@code --input}. The old meaning of {@code --input} in score and
   * match, the input's format ({@code --input jsonl}), still works when no such file exists, with a
   * deprecation message. Null after printing why the files are wrong.
   */
  static @Nullable List<String> files(Cli.Options o, PrintStream err, String command) {
    List<String> files = new ArrayList<>(o.files);
    String input = o.values.get("--input");
    if (input != null) {
      boolean format = List.of("auto", "text", "jsonl").contains(input)
          && !java.nio.file.Files.exists(Path.of(input));
      if (format) {
        if (o.values.containsKey("--input-format")) {
          err.println("vigil: --input " + input + " (the old spelling of --input-format) and"
              + " --input-format were both given");
          return null;
        }
        err.println("vigil: --input " + input + " as the input's format is deprecated in " + command
            + "; use --input-format " + input + " (--input now names an input file)");
        o.values.put("--input-format", input);
      } else {
        files.add(0, input);
      }
      o.values.remove("--input");
    }
    return files;
  }

  /** Says on standard error when {@code --watch} swapped the policy, or kept it after a broken edit. */
  private static final class SwapReporter implements PolicyWatcher.Listener {
    private final PrintStream err;

    SwapReporter(PrintStream err) {
      this.err = err;
    }

    @Override
    public void reloaded(PolicyFile previous, PolicyFile next) {
      err.println("vigil: policy reloaded: " + next.name() + " v" + next.version() + " ("
          + next.contentHash().substring(0, 12) + "), was v" + previous.version() + " ("
          + previous.contentHash().substring(0, 12) + ")");
    }

    @Override
    public void failed(PolicyException problems, PolicyFile current) {
      Policies.printProblems(problems, err);
      err.println("vigil: the edit did not load (" + problems.problems().size() + " problem(s)); still"
          + " scoring with v" + current.version() + " (" + current.contentHash().substring(0, 12) + ")");
    }
  }
}
