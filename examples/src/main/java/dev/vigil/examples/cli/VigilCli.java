package dev.vigil.examples.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.Decision;
import dev.vigil.Policy;
import dev.vigil.examples.SamplePolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code vigil} command-line tool.
 *
 * <pre>
 * vigil score [--policy NAME] [--format json|text] [--input auto|text|jsonl] [FILE|- ...]
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

  /** The built-in example policies, by name. */
  static final Map<String, Supplier<Policy>> POLICIES = new LinkedHashMap<>();

  static {
    POLICIES.put(SamplePolicy.NAME, SamplePolicy::create);
  }

  private static final String USAGE_TEXT = String.join("\n",
      "usage: vigil score [--policy NAME] [--format json|text] [--input auto|text|jsonl] [FILE|- ...]",
      "",
      "  score     score items and print one decision per item",
      "            with no FILE: scores the bundled sample content; '-' reads standard input",
      "  --policy  built-in policy to use (default: sample; available: %s)",
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
    if (!args[0].equals("score")) {
      err.println("vigil: unknown command '" + args[0] + "'");
      err.print(usage());
      return USAGE;
    }
    return score(args, stdin, out, err);
  }

  private static String usage() {
    return String.format(Locale.ROOT, USAGE_TEXT, String.join(", ", POLICIES.keySet()));
  }

  private static int score(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
    String policyName = SamplePolicy.NAME;
    String format = "json";
    String input = "auto";
    List<String> files = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--policy":
        case "--format":
        case "--input":
          if (i + 1 >= args.length) {
            err.println("vigil: " + a + " needs a value");
            return USAGE;
          }
          String v = args[++i];
          if (a.equals("--policy")) {
            policyName = v;
          } else if (a.equals("--format")) {
            format = v;
          } else {
            input = v;
          }
          break;
        default:
          if (a.startsWith("--")) {
            err.println("vigil: unknown option '" + a + "'");
            err.print(usage());
            return USAGE;
          }
          files.add(a);
      }
    }
    Supplier<Policy> factory = POLICIES.get(policyName);
    if (factory == null) {
      err.println("vigil: unknown policy '" + policyName + "'; available: "
          + String.join(", ", POLICIES.keySet()));
      return USAGE;
    }
    if (!format.equals("json") && !format.equals("text")) {
      err.println("vigil: --format must be json or text but was '" + format + "'");
      return USAGE;
    }
    if (!input.equals("auto") && !input.equals("text") && !input.equals("jsonl")) {
      err.println("vigil: --input must be auto, text or jsonl but was '" + input + "'");
      return USAGE;
    }
    Policy policy = factory.get();
    Scorer scorer = new Scorer(policy, format.equals("json"), out, err);
    try {
      if (files.isEmpty()) {
        try (InputStream sample = VigilCli.class.getResourceAsStream(SAMPLE_RESOURCE)) {
          if (sample == null) {
            err.println("vigil: the bundled sample content is missing from the jar");
            return BAD_INPUT;
          }
          scorer.read("sample.jsonl", sample, input.equals("auto") ? "jsonl" : input);
        }
      }
      for (String f : files) {
        if (f.equals("-")) {
          scorer.read("<stdin>", stdin, input);
        } else {
          String mode = input.equals("auto")
              ? (f.endsWith(".jsonl") || f.endsWith(".ndjson") ? "jsonl" : "text")
              : input;
          try (InputStream in = Files.newInputStream(Path.of(f))) {
            scorer.read(f, in, mode);
          } catch (NoSuchFileException e) {
            err.println("vigil: " + f + ": no such file");
            scorer.bad++;
          } catch (IOException e) {
            err.println("vigil: " + f + ": cannot read: " + e.getMessage());
            scorer.bad++;
          }
        }
      }
      scorer.finish();
    } catch (IOException e) {
      err.println("vigil: " + e.getMessage());
      return BAD_INPUT;
    }
    if (scorer.bad > 0) {
      err.println("vigil: " + scorer.bad + " problem(s) in the input; "
          + scorer.scored + " item(s) scored");
      return BAD_INPUT;
    }
    return OK;
  }

  /** Reads items, scores them and writes decisions, counting problems. */
  private static final class Scorer {
    private final Policy policy;
    private final boolean json;
    private final PrintStream out;
    private final PrintStream err;
    private final ItemParser parser = new ItemParser();
    private final JsonGenerator generator;
    int bad;
    long scored;

    Scorer(Policy policy, boolean json, PrintStream out, PrintStream err) {
      this.policy = policy;
      this.json = json;
      this.out = out;
      this.err = err;
      try {
        OutputStream unclosed = new java.io.FilterOutputStream(out) {
          @Override
          public void close() throws IOException {
            flush();
          }
        };
        this.generator = new JsonFactory().createGenerator(unclosed, JsonEncoding.UTF8);
        // One object per line: JSON Lines.
        generator.setRootValueSeparator(null);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    void read(String source, InputStream in, String mode) throws IOException {
      // Invalid UTF-8 becomes U+FFFD: content from the wild is often mis-encoded, and that is not an
      // error of the line.
      CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder));
      String line;
      long number = 0;
      String effective = mode;
      while ((line = reader.readLine()) != null) {
        number++;
        if (number == 1 && line.startsWith("\ufeff")) {
          line = line.substring(1);
        }
        if (line.isBlank()) {
          continue;
        }
        if (effective.equals("auto")) {
          effective = line.stripLeading().startsWith("{") ? "jsonl" : "text";
        }
        Item item;
        try {
          item = effective.equals("jsonl") ? parser.json(number, line) : parser.plain(number, line);
        } catch (ItemParser.BadLineException e) {
          err.println("vigil: " + source + ":" + number + ": " + e.getMessage());
          bad++;
          continue;
        }
        write(item, policy.evaluate(item.content()));
        scored++;
      }
    }

    private void write(Item item, Decision d) throws IOException {
      if (json) {
        DecisionJson.write(generator, item.id(), d);
        generator.flush();
        out.write('\n');
      } else {
        out.print("item " + item.id() + ": ");
        out.println(d.explain());
      }
    }

    void finish() throws IOException {
      generator.close();
      out.flush();
    }
  }
}
