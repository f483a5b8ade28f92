package dev.vigil.policy;

import static java.util.Objects.requireNonNull;

import dev.vigil.Action;
import dev.vigil.learn.LearnedPolicy;
import dev.vigil.learn.PolicyLearner;
import dev.vigil.text.Term;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes what {@link PolicyLearner} learned back into the policy's own file, so that the analyst reads,
 * diffs ({@code vigil diff}) and edits the result like any policy: the original text with its comments,
 * each counted signal's {@code weight:} set to the learned one (added where the signal had none), the
 * categories' caps removed (a cap would clip the fitted total), the {@code rules:} replaced by the
 * learned thresholds, a {@code calibration:} set, the version marked {@code -learned}, and the mined
 * terms as one more list (a term file beside the policy) and one more signal (two of each when the
 * learner also kept terms that mark harmless items: their signal has a negative weight). A header
 * comment says how it was learned.
 *
 * <p>Nothing is written unless the result loads, with the lists of the original beside it, and decides
 * every given item exactly as the learned policy in memory does (see {@link #write}).
 */
public final class LearnedPolicyFile {
  private LearnedPolicyFile() {}

  /** The files written, the policy first. */
  public record Written(List<Path> files, PolicyFile policy) {}

  /**
   * Renders the learned policy as files: the policy file's text under {@code policyName} and, when terms
   * were mined, the term list's under {@code termsName}.
   *
   * @param originalText the text of the policy file the learner started from
   */
  public static Map<String, String> render(String originalText, LearnedPolicy learned,
      String policyName, String termsName) {
    return render(originalText, learned, policyName, termsName, harmlessName(termsName));
  }

  /**
   * {@link #render(String, LearnedPolicy, String, String)}, writing the terms that mark harmless
   * items, when there are any, under {@code harmlessTermsName}.
   */
  public static Map<String, String> render(String originalText, LearnedPolicy learned,
      String policyName, String termsName, String harmlessTermsName) {
    requireNonNull(originalText, "originalText");
    requireNonNull(learned, "learned");
    List<Problem> sink = new ArrayList<>();
    Yaml.Node root = Yaml.parse(originalText, PolicyLimits.defaults(), new Problems(policyName, sink));
    if (!(root instanceof Yaml.Mapping)) {
      throw new IllegalArgumentException("the original policy text is not a policy file: " + sink);
    }
    Yaml.Mapping top = (Yaml.Mapping) root;
    Text text = new Text(originalText);
    String termSignal = null;
    String harmlessSignal = null;
    for (String s : learned.weights().keySet()) {
      boolean added = top.get("signals") instanceof Yaml.Mapping
          && ((Yaml.Mapping) top.get("signals")).get(s) == null;
      if (added && s.startsWith(PolicyLearner.TERMS_SIGNAL)) {
        termSignal = s;
      } else if (added && s.startsWith(PolicyLearner.HARMLESS_TERMS_SIGNAL)) {
        harmlessSignal = s;
      }
    }

    // Weights of the signals the file declares.
    if (top.get("signals") instanceof Yaml.Mapping) {
      Yaml.Mapping signals = (Yaml.Mapping) top.get("signals");
      for (Map.Entry<String, Yaml.Entry> e : signals.entries.entrySet()) {
        Double w = learned.weights().get(e.getKey());
        if (w != null && e.getValue().value() instanceof Yaml.Mapping) {
          set(text, (Yaml.Mapping) e.getValue().value(), "weight", number(w));
        }
      }
    }
    // Caps.
    if (top.get("categories") instanceof Yaml.Mapping) {
      for (Yaml.Entry e : ((Yaml.Mapping) top.get("categories")).entries.values()) {
        if (e.value() instanceof Yaml.Mapping) {
          Yaml.Mapping def = (Yaml.Mapping) e.value();
          remove(text, def, "cap");
          if (!def.flow && def.entries.size() == 1 && def.get("cap") != null) {
            // Its only key gone, the category would be null: make it an empty mapping.
            text.insertAt(e.key().endLine, e.key().endColumn + 1, " {}");
          }
        }
      }
    }
    // Version.
    Yaml.Node version = top.get("version");
    String learnedVersion = (version instanceof Yaml.Scalar ? ((Yaml.Scalar) version).value : "1")
        + "-learned";
    if (version instanceof Yaml.Scalar) {
      text.replace((Yaml.Scalar) version, quoted(learnedVersion));
    } else if (top.entries.get("policy") != null) {
      // Without a version the policy is "1": the learned one says it is not the original.
      Yaml.Node name = top.entries.get("policy").value();
      int after = name instanceof Yaml.Scalar ? ((Yaml.Scalar) name).endLine + 1
          : top.entries.get("policy").key().line + 1;
      text.insertLine(after, "version: " + quoted(learnedVersion) + "\n");
    }
    // The mined terms: a list and a signal, appended to their sections.
    boolean terms = termSignal != null && !learned.terms().isEmpty();
    boolean harmless = harmlessSignal != null && !learned.harmlessTerms().isEmpty();
    List<String> listLines = new ArrayList<>();
    List<String> signalLines = new ArrayList<>();
    if (terms) {
      listAndSignal(learned, termSignal, termsName, listLines, signalLines);
    }
    if (harmless) {
      listAndSignal(learned, harmlessSignal, harmlessTermsName, listLines, signalLines);
    }
    if (!listLines.isEmpty()) {
      // Once per section: a section the original lacks is created once, with both lists in it.
      append(text, top, "lists", listLines, "signals");
      append(text, top, "signals", signalLines, null);
    }
    // Rules.
    StringBuilder rules = new StringBuilder("rules:\n");
    for (dev.vigil.Rule r : learned.policy().rules()) {
      if (r.isForced()) {
        rules.append("  - ").append(r).append('\n'); // the original's forced rules on a signal
      }
    }
    for (Map.Entry<Action, Double> r : learned.thresholds().entrySet()) {
      rules.append("  - ").append(r.getKey().name()).append(" when total >= ")
          .append(number(r.getValue())).append('\n');
    }
    if (rules.toString().equals("rules:\n")) {
      rules = new StringBuilder("rules: []\n");
    }
    String calibration = "calibration: {slope: " + significant(learned.calibration().slope())
        + ", intercept: " + significant(learned.calibration().intercept()) + "}\n";
    Yaml.Entry calibrationEntry = top.entries.get("calibration");
    if (calibrationEntry != null) {
      text.replaceLines(calibrationEntry.key().line, text.sectionEnd(top, "calibration"), calibration);
    } else {
      rules.insert(0, calibration + "\n");
    }
    Yaml.Entry rulesEntry = top.entries.get("rules");
    if (rulesEntry != null) {
      text.replaceLines(rulesEntry.key().line, text.sectionEnd(top, "rules"), rules.toString());
    } else {
      text.insertLine(text.lineCount() + 1, rules.toString());
    }
    // The header.
    List<String> targets = new ArrayList<>();
    learned.targets().forEach((a, t) -> targets.add(a.name() + " at " + t));
    StringBuilder about = new StringBuilder("Learned by vigil learn from version ")
        .append(version instanceof Yaml.Scalar ? ((Yaml.Scalar) version).value : "1").append(" on ")
        .append(learned.items()).append(" distinct labeled items")
        .append(learned.duplicates() > 0 ? " (" + learned.duplicates() + " repeats dropped)" : "")
        .append(". Weights are fitted by logistic regression on each signal's contribution, so the total"
            + " is the fitted score and caps are removed. Thresholds on the total for ")
        .append(String.join(", ", targets))
        .append(", chosen on cross-validated predictions. The calibration gives each decision the"
            + " probability of harm, 1 / (1 + exp(-(slope x total + intercept))).");
    StringBuilder header = new StringBuilder(comment(about.toString(), "# "));
    for (String note : learned.notes()) {
      header.append(comment("Note: " + note.replace('\n', ' '), "# "));
    }
    int headerLine = originalText.startsWith("# yaml-language-server") ? 2 : 1;
    text.insertLine(headerLine, header.toString());

    Map<String, String> out = new LinkedHashMap<>();
    out.put(policyName, text.toString());
    if (terms) {
      out.put(termsName, termList(learned.terms(), "Terms mined and weighted by vigil learn"));
    }
    if (harmless) {
      out.put(harmlessTermsName, termList(learned.harmlessTerms(), "Terms that mark HARMLESS items,"
          + " mined and weighted by vigil learn as counter-evidence (their signal's weight is"
          + " negative; never use this list as a list of harm)"));
    }
    return out;
  }

  /** A mined list's entry and its signal's, each one line in flow style. */
  private static void listAndSignal(LearnedPolicy learned, String signal, String file,
      List<String> lists, List<String> signals) {
    String preset = learned.termNormalizer() == null ? "standard" : learned.termNormalizer().toString();
    lists.add(signal + ": {type: terms, file: " + quotedIfNeeded(file) + ", preset: " + preset + "}");
    signals.add(signal + ": {kind: terms, lists: " + signal + ", category: " + learned.termCategory()
        + ", weight: " + number(learned.weights().get(signal)) + "}");
  }

  /** {@code NAME-harmless-terms.txt} beside {@code NAME-terms.txt}. */
  private static String harmlessName(String termsName) {
    return termsName.endsWith("-terms.txt")
        ? termsName.substring(0, termsName.length() - "-terms.txt".length()) + "-harmless-terms.txt"
        : "harmless-" + termsName;
  }

  /**
   * Renders and writes the learned policy to {@code out} and its term list beside it
   * ({@code NAME-terms.txt}), after checking that the files load with the original's lists and decide
   * each of {@code check} exactly as {@code learned.policy()} does. The original's list files are
   * written beside {@code out} when they are not there already.
   *
   * @throws PolicyException if the rendered policy does not load
   * @throws IOException if a file cannot be read or written, or a file beside {@code out} would be
   *     overwritten with other content, or a decision differs
   */
  public static Written write(PolicyFile original, LearnedPolicy learned, Path out,
      List<dev.vigil.Content> check) throws IOException {
    String fileName = requireNonNull(out.getFileName(), "out").toString();
    String base = fileName.endsWith(".yaml") || fileName.endsWith(".yml")
        ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
    String termsName = base + "-terms.txt";
    Map<String, String> rendered = render(new String(original.readPolicy(), StandardCharsets.UTF_8),
        learned, fileName, termsName, harmlessName(termsName));
    Map<String, byte[]> files = new LinkedHashMap<>(original.readFiles());
    for (Map.Entry<String, String> e : rendered.entrySet()) {
      files.put(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8));
    }
    PolicyFile loaded = PolicyLoader.defaults().load(fileName, files);
    for (dev.vigil.Content c : check) {
      String a = loaded.policy().evaluate(c).action().name();
      String b = learned.policy().evaluate(c).action().name();
      if (!a.equals(b)) {
        throw new IOException("the rendered policy decides " + a + " where the learned one decides " + b
            + "; nothing written");
      }
    }
    Path folder = out.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      Path p = folder.resolve(e.getKey());
      boolean ours = rendered.containsKey(e.getKey());
      if (!ours && Files.exists(p)) {
        if (!Arrays.equals(Files.readAllBytes(p), e.getValue())) {
          throw new IOException(p + " exists with other content than the original's '" + e.getKey()
              + "'; write the learned policy to another folder");
        }
        continue;
      }
      Files.createDirectories(p.toAbsolutePath().getParent());
      Files.write(p, e.getValue());
      written.add(p);
    }
    written.sort(Comparator.comparing((Path p) -> !p.getFileName().toString().equals(fileName)));
    return new Written(List.copyOf(written), loaded);
  }

  /** Mined terms as a term-list file whose first comment line begins with {@code what}. */
  static String termList(List<Term> terms, String what) {
    StringBuilder b = new StringBuilder();
    b.append(comment(what + ": columns term, category, weight (see TermList).", "# "))
        .append("# A term's weight is 1 - exp(-b / k) for its fitted log-odds b; the list scores the"
            + " noisy-or of the\n# weights of the distinct terms an item holds. The strongest first.\n");
    for (Term t : terms) {
      b.append(t.text()).append('\t').append(t.category()).append('\t').append(number(t.weight()));
      if (t.mode() != dev.vigil.text.MatchMode.WORD) {
        b.append('\t').append(t.id()).append('\t').append(t.mode().name().toLowerCase(java.util.Locale.ROOT));
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** Sets {@code key} of {@code m} to {@code value}, adding the key where it is missing. */
  private static void set(Text text, Yaml.Mapping m, String key, String value) {
    Yaml.Node v = m.get(key);
    if (v instanceof Yaml.Scalar) {
      text.replace((Yaml.Scalar) v, value);
      return;
    }
    if (m.flow) {
      text.insertAt(m.line, m.column + 1, key + ": " + value + (m.entries.isEmpty() ? "" : ", "));
      return;
    }
    Yaml.Scalar first = m.entries.values().iterator().next().key();
    text.insertLine(first.line, " ".repeat(first.column - 1) + key + ": " + value + "\n");
  }

  /** Removes {@code key} (a one-line scalar entry) from {@code m}. */
  private static void remove(Text text, Yaml.Mapping m, String key) {
    Yaml.Entry e = m.entries.get(key);
    if (e == null || !(e.value() instanceof Yaml.Scalar)) {
      return;
    }
    Yaml.Scalar v = (Yaml.Scalar) e.value();
    if (!m.flow) {
      text.replaceLines(e.key().line, v.endLine + 1, "");
      return;
    }
    List<Yaml.Entry> entries = new ArrayList<>(m.entries.values());
    int i = entries.indexOf(e);
    if (i + 1 < entries.size()) {
      Yaml.Scalar next = entries.get(i + 1).key();
      text.delete(e.key().line, e.key().column, next.line, next.column);
    } else if (i > 0) {
      Yaml.Node prev = entries.get(i - 1).value();
      if (!(prev instanceof Yaml.Scalar)) {
        return;
      }
      Yaml.Scalar p = (Yaml.Scalar) prev;
      text.delete(p.endLine, p.endColumn, v.endLine, v.endColumn);
    } else {
      text.delete(e.key().line, e.key().column, v.endLine, v.endColumn);
    }
  }

  /**
   * Appends {@code lines} as entries of the top-level mapping {@code section}, at the indentation of
   * its entries; creates the section (before {@code before}, or at the end) when the file has none.
   */
  private static void append(Text text, Yaml.Mapping top, String section, List<String> lines,
      @Nullable String before) {
    Yaml.Entry e = top.entries.get(section);
    if (e != null && e.value() instanceof Yaml.Mapping && !((Yaml.Mapping) e.value()).flow
        && !((Yaml.Mapping) e.value()).entries.isEmpty()) {
      Yaml.Scalar first = ((Yaml.Mapping) e.value()).entries.values().iterator().next().key();
      StringBuilder b = new StringBuilder();
      lines.forEach(line -> b.append(" ".repeat(first.column - 1)).append(line).append('\n'));
      text.insertLine(text.sectionEnd(top, section), b.toString());
      return;
    }
    if (e != null && e.value() instanceof Yaml.Mapping) {
      // A section written in flow style, {a: ..., b: ...}, takes the entries first inside its braces.
      Yaml.Mapping m = (Yaml.Mapping) e.value();
      text.insertAt(m.line, m.column + 1, String.join(", ", lines) + (m.entries.isEmpty() ? "" : ", "));
      return;
    }
    StringBuilder entries = new StringBuilder(section + ":\n");
    lines.forEach(line -> entries.append("  ").append(line).append('\n'));
    if (e != null) {
      // Written with no entries at all ("lists:" alone): the section becomes the entries.
      text.replaceLines(e.key().line, text.sectionEnd(top, section), entries.toString());
      return;
    }
    Yaml.Entry at = before == null ? null : top.entries.get(before);
    text.insertLine(at == null ? text.lineCount() + 1 : at.key().line, entries + "\n");
  }

  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /** {@code text} as comment lines of at most 100 chars, each starting with {@code prefix}. */
  static String comment(String text, String prefix) {
    StringBuilder out = new StringBuilder();
    StringBuilder line = new StringBuilder(prefix);
    for (String word : text.split(" ")) {
      if (line.length() > prefix.length() && line.length() + 1 + word.length() > 100) {
        out.append(line).append('\n');
        line = new StringBuilder(prefix);
      }
      if (line.length() > prefix.length()) {
        line.append(' ');
      }
      line.append(word);
    }
    return out.append(line).append('\n').toString();
  }

  private static String significant(double v) {
    return number(new BigDecimal(v).round(new java.math.MathContext(5)).doubleValue());
  }

  private static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String quotedIfNeeded(String s) {
    return s.matches("[A-Za-z0-9._/-]+") ? s : quoted(s);
  }

  /**
   * The original text and the edits to make to it, by line and column from 1 (columns count code
   * points, as the YAML parser's marks do); applied together, last first, so that positions stay those
   * of the original.
   */
  private static final class Text {
    private final String original;
    private final int[] lineStart;
    private final List<Edit> edits = new ArrayList<>();

    private record Edit(int from, int to, String with, int order) {}

    Text(String original) {
      this.original = original;
      List<Integer> starts = new ArrayList<>();
      starts.add(0);
      for (int i = 0; i < original.length(); i++) {
        if (original.charAt(i) == '\n') {
          starts.add(i + 1);
        }
      }
      lineStart = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    int lineCount() {
      boolean endsWithNewline = original.endsWith("\n");
      return endsWithNewline ? lineStart.length - 1 : lineStart.length;
    }

    int offset(int line, int column) {
      if (line > lineStart.length) {
        return original.length();
      }
      int start = lineStart[line - 1];
      return original.offsetByCodePoints(start, Math.min(column - 1,
          original.codePointCount(start, lineEnd(line))));
    }

    private int lineEnd(int line) {
      return line < lineStart.length ? lineStart[line] - 1 : original.length();
    }

    private int lineOffset(int line) {
      return line > lineStart.length ? original.length() : lineStart[line - 1];
    }

    void replace(Yaml.Scalar s, String with) {
      edits.add(new Edit(offset(s.line, s.column), offset(s.endLine, s.endColumn), with, edits.size()));
    }

    void insertAt(int line, int column, String with) {
      int at = offset(line, column);
      edits.add(new Edit(at, at, with, edits.size()));
    }

    void insertLine(int line, String with) {
      int at = lineOffset(line);
      String prefix = at == original.length() && !original.isEmpty() && !original.endsWith("\n") ? "\n"
          : "";
      edits.add(new Edit(at, at, prefix + with, edits.size()));
    }

    void replaceLines(int fromLine, int toLine, String with) {
      edits.add(new Edit(lineOffset(fromLine), lineOffset(toLine), with, edits.size()));
    }

    void delete(int fromLine, int fromColumn, int toLine, int toColumn) {
      edits.add(new Edit(offset(fromLine, fromColumn), offset(toLine, toColumn), "", edits.size()));
    }

    /**
     * The line after the last line of top-level {@code section}'s content: the next top-level key's
     * line, less the comments and blank lines just above it (they introduce what follows).
     */
    int sectionEnd(Yaml.Mapping top, String section) {
      int keyLine = top.entries.get(section).key().line;
      int next = lineCount() + 1;
      for (Yaml.Entry e : top.entries.values()) {
        if (e.key().line > keyLine && e.key().line < next) {
          next = e.key().line;
        }
      }
      while (next - 1 > keyLine) {
        String l = original.substring(lineOffset(next - 1), lineEnd(next - 1)).strip();
        if (!l.isEmpty() && !l.startsWith("#")) {
          break;
        }
        next--;
      }
      return next;
    }

    @Override
    public String toString() {
      List<Edit> sorted = new ArrayList<>(edits);
      // Last first; at one place, the later edit first so that earlier ones end up in front.
      sorted.sort(Comparator.comparingInt(Edit::from).thenComparingInt(Edit::order).reversed());
      StringBuilder b = new StringBuilder(original);
      for (Edit e : sorted) {
        b.replace(e.from(), e.to(), e.with());
      }
      return b.toString();
    }
  }
}
