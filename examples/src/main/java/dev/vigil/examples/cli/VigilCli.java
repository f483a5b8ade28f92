package dev.vigil.examples.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.Content;
import dev.vigil.Decision;
import dev.vigil.Evidence;
import dev.vigil.Policy;
import dev.vigil.Holder;
import dev.vigil.policy.PolicyException;
import dev.vigil.policy.PolicyFile;
import dev.vigil.policy.PolicyWatcher;
import dev.vigil.lucene.QueryRuleClassifier;
import dev.vigil.lucene.QueryRules;
import dev.vigil.lucene.RuleAnalyzers;
import dev.vigil.text.TermClassifier;
import dev.vigil.text.TermMatcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code vigil} command-line tool.
 *
 * <pre>
 * vigil score [--policy NAME|FILE] [--watch] [--format json|text] [--input auto|text|jsonl] [FILE|- ...]
 * vigil match --terms FILE | --queries FILE | --policy NAME|FILE [--input ...] [FILE|- ...]
 * vigil eval --policy NAME|FILE --input FILE [options]
 * vigil lint FILE, vigil test FILE, vigil diff --policy OLD --against NEW --input FILE, vigil schema
 * </pre>
 *
 * <p>Exit codes: 0 all items scored; 1 some input was malformed or unreadable (the rest was still
 * scored); 2 usage error.
 */
public final class VigilCli {
  static final int OK = 0;
  static final int BAD_INPUT = 1;
  static final int USAGE = 2;

  private static final String SAMPLE_RESOURCE = "/dev/vigil/examples/sample.jsonl";

  private static final String USAGE_TEXT = String.join("\n",
      "usage: vigil score [--policy NAME|FILE [--watch]] [--format json|text] [--input auto|text|jsonl]",
      "                   [--terms FILE [--preset P] [--mode M] [--allow FILE]] [FILE|- ...]",
      "       vigil match --terms FILE [--preset none|standard|aggressive] [--mode word|anywhere]",
      "                   [--allow FILE] [--input auto|text|jsonl] [FILE|- ...]",
      "       vigil match --queries FILE",
      "                   [--analyzer english|german|spanish|russian|icu|normalized|skeleton]",
      "                   [--input auto|text|jsonl] [FILE|- ...]",
      "       vigil match --policy NAME|FILE [--input auto|text|jsonl] [FILE|- ...]",
      "       vigil eval --policy NAME|FILE --input FILE [--format csv|tsv|jsonl] [--text-field NAME]",
      "                  [--label-field NAME] [--columns A,B,...] [--id-field NAME]",
      "                  [--harmful VALUE,...] [--flagged ACTION,...] [--split all|train|test]",
      "                  [--test-share 0.3] [--seed 42] [--json FILE] [--html FILE] [--terms FILE ...]",
      "       vigil lint FILE [--strict]",
      "       vigil test FILE",
      "       vigil diff --policy OLD --against NEW --input FILE [eval's input options]",
      "                  [--examples N] [--json FILE] [--html FILE]",
      "       vigil schema",
      "",
      "  score     score items and print one decision per item",
      "            with no FILE: scores the bundled sample content; '-' reads standard input",
      "  match     print one JSON object per term hit: id, field, rule, category, start, end, text",
      "            with no FILE: reads standard input",
      "  eval      run a policy on labeled data; print precision, recall, F1, curves' summaries and",
      "            per-rule statistics; --json and --html write the full report (see the README)",
      "  lint      load a policy file and report every error and warning with file:line:column",
      "  test      run a policy file's inline tests; print each failure with its decision",
      "  diff      run two policies on the same labeled data: items fixed, broken, changed action",
      "  schema    print the JSON Schema of policy files for every signal kind on the class path",
      "  --policy  a bundled policy (default: sample; available: %s) or a policy file",
      "  --watch   with score and a policy file: reload the policy when its files change",
      "  --queries query rules, one per line: id<TAB>category<TAB>weight<TAB>Lucene query",
      "  --analyzer how query rules and text are analyzed (default english; normalized applies",
      "            the standard preset first; skeleton compares UTS #39 confusable skeletons)",
      "  --terms   a term list (one term per line; tab-separated term, category, weight, id, mode);",
      "            with score, it is added to the policy as a signal in category 'terms'",
      "  --preset  normalization of the term list: none, standard (default) or aggressive",
      "  --mode    match mode of terms whose line gives none: word (default), prefix, suffix, anywhere",
      "  --allow   an allow-list file, one entry per line, matched anywhere",
      "  --format  json: one JSON object per line (default); text: an explanation for people",
      "  --input   text: one item per line (blank lines skipped); jsonl: one JSON object per line,",
      "            {\"id\": ..., \"text\": \"...\"} or {\"id\": ..., \"fields\": {\"title\": \"...\"}};",
      "            auto (default): jsonl for *.jsonl, *.ndjson and the sample, text for other files,",
      "            and for standard input jsonl if its first non-blank line starts with '{'",
      "");

  private VigilCli() {}

  /** Runs the tool and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs the tool with the given streams and returns the exit code. */
  static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")
        || args[0].equals("-h")) {
      out.print(usage());
      return args.length == 0 ? USAGE : OK;
    }
    switch (args[0]) {
      case "score":
        return score(args, stdin, out, err);
      case "match":
        return match(args, stdin, out, err);
      case "eval":
        return EvalCommand.run(args, out, err);
      case "lint":
        return PolicyCommands.lint(args, out, err);
      case "test":
        return PolicyCommands.test(args, out, err);
      case "diff":
        return DiffCommand.run(args, out, err);
      case "schema":
        return PolicyCommands.schema(args, out, err);
      default:
        err.println("vigil: unknown command '" + args[0] + "'");
        err.print(usage());
        return USAGE;
    }
  }

  private static String usage() {
    return String.format(Locale.ROOT, USAGE_TEXT, String.join(", ", Policies.BUNDLED.keySet()));
  }

  /** Options shared by the commands, parsed from {@code --name value} pairs and file arguments. */
  static final class Options {
    final Map<String, String> values = new LinkedHashMap<>();
    final List<String> files = new ArrayList<>();
    final java.util.Set<String> flags = new java.util.HashSet<>();

    /** Parses, accepting only the given option names; returns null (after printing why) on error. */
    static @Nullable Options parse(String[] args, List<String> allowed, PrintStream err) {
      return parse(args, allowed, List.of(), err);
    }

    /**
     * Parses options that take a value ({@code allowed}) and flags that take none ({@code flagNames});
     * returns null (after printing why) on error.
     */
    static @Nullable Options parse(String[] args, List<String> allowed, List<String> flagNames,
        PrintStream err) {
      Options o = new Options();
      for (int i = 1; i < args.length; i++) {
        String a = args[i];
        if (a.startsWith("--")) {
          if (flagNames.contains(a)) {
            o.flags.add(a);
            continue;
          }
          if (!allowed.contains(a)) {
            err.println("vigil: unknown option '" + a + "' for " + args[0]);
            return null;
          }
          if (i + 1 >= args.length) {
            err.println("vigil: " + a + " needs a value");
            return null;
          }
          o.values.put(a, args[++i]);
        } else {
          o.files.add(a);
        }
      }
      return o;
    }

    String get(String name, String fallback) {
      return values.getOrDefault(name, fallback);
    }
  }

  static boolean oneOf(String option, String value, PrintStream err, String... allowed) {
    for (String a : allowed) {
      if (a.equals(value)) {
        return true;
      }
    }
    err.println("vigil: " + option + " must be " + String.join(", ", allowed) + " but was '" + value
        + "'");
    return false;
  }

  private static JsonGenerator jsonLines(PrintStream out) throws IOException {
    OutputStream unclosed = new java.io.FilterOutputStream(out) {
      @Override
      public void close() throws IOException {
        flush();
      }
    };
    JsonGenerator g = new JsonFactory().createGenerator(unclosed, JsonEncoding.UTF8);
    g.setRootValueSeparator(null);
    return g;
  }

  private static int finish(Inputs inputs, String what, PrintStream err) {
    if (inputs.bad > 0) {
      err.println("vigil: " + inputs.bad + " problem(s) in the input; " + inputs.items + " item(s) "
          + what);
      return BAD_INPUT;
    }
    return OK;
  }

  private static int score(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
    Options o = Options.parse(args, List.of("--policy", "--format", "--input", "--terms", "--preset",
        "--mode", "--allow"), List.of("--watch"), err);
    if (o == null) {
      return USAGE;
    }
    String format = o.get("--format", "json");
    String input = o.get("--input", "auto");
    if (!oneOf("--format", format, err, "json", "text")
        || !oneOf("--input", input, err, "auto", "text", "jsonl")) {
      return USAGE;
    }
    boolean watch = o.flags.contains("--watch");
    String spec = o.get("--policy", Policies.DEFAULT);
    if (watch && (!Policies.isFile(spec) || o.values.containsKey("--terms"))) {
      err.println("vigil: --watch needs --policy FILE (a policy file on disk) and no --terms");
      return USAGE;
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
        return USAGE;
      }
      PolicyFile f = watcher.current();
      err.println("vigil: watching " + spec + ": " + f.name() + " v" + f.version() + " ("
          + f.contentHash().substring(0, 12) + ")");
      current = watcher.policy();
    } else {
      Policy chosen = policy(o, err);
      if (chosen == null) {
        return USAGE;
      }
      current = Holder.of(chosen);
    }
    Inputs inputs = new Inputs(err);
    boolean json = format.equals("json");
    try (PolicyWatcher closeMe = watcher) {
      JsonGenerator g = jsonLines(out);
      Inputs.ItemConsumer consumer = item -> {
        Decision d = current.get().evaluate(item.content());
        if (json) {
          DecisionJson.write(g, item.id(), d);
          g.flush();
          out.write('\n');
        } else {
          out.print("item " + item.id() + ": ");
          out.println(d.explain());
        }
        out.flush();
      };
      if (o.files.isEmpty()) {
        try (InputStream sample = VigilCli.class.getResourceAsStream(SAMPLE_RESOURCE)) {
          if (sample == null) {
            err.println("vigil: the bundled sample content is missing from the jar");
            return BAD_INPUT;
          }
          inputs.read("sample.jsonl", sample, input.equals("auto") ? "jsonl" : input, consumer);
        }
      }
      inputs.readFiles(o.files, stdin, input, consumer);
      g.close();
      out.flush();
    } catch (IOException e) {
      err.println("vigil: " + e.getMessage());
      return BAD_INPUT;
    }
    return finish(inputs, "scored", err);
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

  /**
   * The policy {@code --policy} names (default: sample), with the {@code --terms} list added as a
   * signal in category 'terms'; null (after saying why) on a bad name, file or list.
   */
  static @Nullable Policy policy(Options o, PrintStream err) {
    PolicyFile file = Policies.load(o.get("--policy", Policies.DEFAULT), err);
    if (file == null) {
      return null;
    }
    Policy policy = file.policy();
    if (o.values.containsKey("--terms")) {
      TermMatcher matcher = TermOptions.matcher(o.values, err);
      if (matcher == null) {
        return null;
      }
      String name = Path.of(o.values.get("--terms")).getFileName().toString();
      // The added list changes the decisions, so the hash must cover it too.
      String hash = TermOptions.hashWith(file.contentHash(), o.values);
      policy = policy.toBuilder().contentHash(hash).signal(TermClassifier.of(name, matcher), "terms")
          .build();
    }
    return policy;
  }

  private static int match(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
    Options o = Options.parse(args, List.of("--terms", "--preset", "--mode", "--allow", "--input",
        "--queries", "--analyzer", "--policy"), err);
    if (o == null) {
      return USAGE;
    }
    boolean terms = o.values.containsKey("--terms");
    boolean queries = o.values.containsKey("--queries");
    boolean withPolicy = o.values.containsKey("--policy");
    if ((terms ? 1 : 0) + (queries ? 1 : 0) + (withPolicy ? 1 : 0) != 1) {
      err.println("vigil: match needs one of --terms FILE, --queries FILE and --policy NAME|FILE");
      return USAGE;
    }
    String input = o.get("--input", "auto");
    if (!oneOf("--input", input, err, "auto", "text", "jsonl")) {
      return USAGE;
    }
    TermMatcher matcher = null;
    QueryRuleClassifier rules = null;
    QueryRules loaded = null;
    Policy policy = null;
    if (withPolicy) {
      PolicyFile file = Policies.load(o.values.get("--policy"), err);
      if (file == null) {
        return USAGE;
      }
      policy = file.policy();
    } else if (terms) {
      matcher = TermOptions.matcher(o.values, err);
      if (matcher == null) {
        return USAGE;
      }
    } else {
      String analyzer = o.get("--analyzer", "english");
      if (!oneOf("--analyzer", analyzer, err, RuleAnalyzers.NAMES.toArray(new String[0]))) {
        return USAGE;
      }
      try {
        loaded = QueryRules.load(Path.of(o.values.get("--queries")), analyzer);
      } catch (java.nio.file.NoSuchFileException e) {
        err.println("vigil: " + o.values.get("--queries") + ": no such file");
        return USAGE;
      } catch (IOException | IllegalArgumentException e) {
        err.println("vigil: " + e.getMessage());
        return USAGE;
      }
      rules = QueryRuleClassifier.of("queries", loaded);
    }
    TermMatcher termMatcher = matcher;
    QueryRuleClassifier queryRules = rules;
    Policy matchPolicy = policy;
    Inputs inputs = new Inputs(err);
    try (QueryRules closeMe = loaded) {
      JsonGenerator g = jsonLines(out);
      Inputs.ItemConsumer consumer = item -> {
        Content c = item.content();
        List<Evidence> found = new ArrayList<>();
        List<String> signals = new ArrayList<>();
        if (matchPolicy != null) {
          // Every span once, with the signal that found it: leaves first, since composites repeat
          // their children's evidence.
          java.util.Set<Evidence> seen = new java.util.HashSet<>();
          List<Decision.SignalReport> reports = matchPolicy.evaluate(c).signals();
          for (boolean composites : new boolean[] {false, true}) {
            for (Decision.SignalReport s : reports) {
              if (isComposite(s.expression()) != composites) {
                continue;
              }
              for (Evidence e : s.signal().evidence()) {
                if (seen.add(e)) {
                  found.add(e);
                  signals.add(s.name());
                }
              }
            }
          }
        } else if (queryRules != null) {
          found.addAll(queryRules.classify(c).evidence());
        } else {
          for (int f = 0; f < c.fieldCount(); f++) {
            String field = c.fieldName(f);
            String text = c.fieldText(f);
            for (TermMatcher.Hit h : termMatcher.find(text)) {
              found.add(Evidence.of(field, text, h.start(), h.end(), h.term().id(), h.term().category()));
            }
          }
        }
        for (int i = 0; i < found.size(); i++) {
          g.writeStartObject();
          DecisionJson.writeId(g, item.id());
          if (!signals.isEmpty()) {
            g.writeStringField("signal", signals.get(i));
          }
          DecisionJson.writeEvidenceFields(g, found.get(i));
          g.writeEndObject();
          g.flush();
          out.write('\n');
        }
      };
      List<String> files = o.files.isEmpty() ? List.of("-") : o.files;
      inputs.readFiles(files, stdin, input, consumer);
      g.close();
      out.flush();
    } catch (IOException e) {
      err.println("vigil: " + e.getMessage());
      return BAD_INPUT;
    }
    return finish(inputs, "matched", err);
  }

  /** Whether a signal's expression is a composite's ({@code allOf(...)}), not a leaf's. */
  private static boolean isComposite(String expression) {
    for (String op : new String[] {"allOf(", "anyOf(", "max(", "atLeast(", "not(", "weightedSum(",
        "onField("}) {
      if (expression.startsWith(op)) {
        return true;
      }
    }
    return false;
  }
}
