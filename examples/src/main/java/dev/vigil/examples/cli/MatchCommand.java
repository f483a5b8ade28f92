package dev.vigil.examples.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.Content;
import dev.vigil.Decision;
import dev.vigil.Evidence;
import dev.vigil.Policy;
import dev.vigil.examples.cli.Cli.Opt;
import dev.vigil.json.DecisionJson;
import dev.vigil.lucene.QueryRuleClassifier;
import dev.vigil.lucene.QueryRules;
import dev.vigil.lucene.RuleAnalyzers;
import dev.vigil.policy.PolicyFile;
import dev.vigil.text.TermMatcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code vigil match}: one JSON object per span found, in the evidence shape, by a term list, by query
 * rules, or by every signal of a policy. Reads standard input when no file is given.
 */
final class MatchCommand {
  private MatchCommand() {}

  static final Cli.Command SPEC = new Cli.Command("match", "Prints one JSON object per span found: id,"
      + " field, rule, category, start, end, text\n(and the signal, with --policy). Reads standard input"
      + " when no FILE is given.",
      "--terms FILE | --queries FILE | --policy NAME|FILE [options] [FILE|- ...]", options(), "FILE|-",
      Map.of());

  private static List<Opt> options() {
    List<Opt> o = new ArrayList<>(List.of(
        Opt.value("--queries", "FILE", "query rules, one per line: id<TAB>category<TAB>weight<TAB>Lucene"
            + " query"),
        Opt.value("--analyzer", "A", "how query rules and text are analyzed: english (default), german,"
            + "\nspanish, russian, icu, normalized (the standard preset first), skeleton\n(UTS #39"
            + " confusable skeletons)"),
        Opt.value("--policy", "NAME|FILE", "every span a policy's signals find, once, with the signal"),
        ScoreCommand.INPUT, ScoreCommand.INPUT_FORMAT));
    o.addAll(0, ScoreCommand.TERM_OPTIONS.subList(1, ScoreCommand.TERM_OPTIONS.size()));
    o.add(0, Opt.value("--terms", "FILE", "a term list: term, category, weight, id, mode per line"));
    return o;
  }

  static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
    Cli.Options o = Cli.Options.parse(args, SPEC, out, err);
    if (o == null) {
      return Cli.USAGE;
    }
    if (o.helped) {
      return VigilCli.OK;
    }
    List<String> files = ScoreCommand.files(o, err, "match");
    if (files == null) {
      return Cli.USAGE;
    }
    boolean terms = o.values.containsKey("--terms");
    boolean queries = o.values.containsKey("--queries");
    boolean withPolicy = o.values.containsKey("--policy");
    if ((terms ? 1 : 0) + (queries ? 1 : 0) + (withPolicy ? 1 : 0) != 1) {
      err.println("vigil: match needs one of --terms FILE, --queries FILE and --policy NAME|FILE");
      return Cli.USAGE;
    }
    String input = o.get("--input-format", "auto");
    if (!Cli.oneOf("--input-format", input, err, "auto", "text", "jsonl")) {
      return Cli.USAGE;
    }
    TermMatcher matcher = null;
    QueryRuleClassifier rules = null;
    QueryRules loaded = null;
    Policy policy = null;
    if (withPolicy) {
      PolicyFile file = Policies.load(o.values.get("--policy"), err);
      if (file == null) {
        return Cli.USAGE;
      }
      policy = file.policy();
    } else if (terms) {
      matcher = TermOptions.matcher(o.values, err);
      if (matcher == null) {
        return Cli.USAGE;
      }
    } else {
      String analyzer = o.get("--analyzer", "english");
      if (!Cli.oneOf("--analyzer", analyzer, err, RuleAnalyzers.NAMES.toArray(new String[0]))) {
        return Cli.USAGE;
      }
      try {
        loaded = QueryRules.load(Path.of(o.values.get("--queries")), analyzer);
      } catch (java.nio.file.NoSuchFileException e) {
        err.println("vigil: " + o.values.get("--queries") + ": no such file");
        return Cli.USAGE;
      } catch (IOException | IllegalArgumentException e) {
        err.println("vigil: " + e.getMessage());
        return Cli.USAGE;
      }
      rules = QueryRuleClassifier.of("queries", loaded);
    }
    TermMatcher termMatcher = matcher;
    QueryRuleClassifier queryRules = rules;
    Policy matchPolicy = policy;
    Inputs inputs = new Inputs(err);
    try (QueryRules closeMe = loaded) {
      JsonGenerator g = VigilCli.jsonLines(out);
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
      inputs.readFiles(files.isEmpty() ? List.of("-") : files, stdin, input, consumer);
      g.close();
      out.flush();
    } catch (IOException e) {
      err.println("vigil: " + e.getMessage());
      return VigilCli.BAD_INPUT;
    }
    return VigilCli.finish(inputs, "matched", err);
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
  }}
