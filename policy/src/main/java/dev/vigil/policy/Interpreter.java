package dev.vigil.policy;

import dev.vigil.Action;
import dev.vigil.Calibration;
import dev.vigil.Condition;
import dev.vigil.Policy;
import dev.vigil.Rule;
import dev.vigil.SignalOptions;
import dev.vigil.policy.ListSection.ListDef;
import dev.vigil.policy.SignalSection.SignalDef;
import dev.vigil.policy.Yaml.Mapping;
import dev.vigil.policy.Yaml.Node;
import dev.vigil.policy.Yaml.Scalar;
import dev.vigil.spi.SignalKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns one policy file into a {@link PolicyFile}: reads it under the limits, walks its sections top to
 * bottom, collects every problem, and builds the {@link Policy} only when there is none. The sections'
 * readers live in their own classes ({@link ListSection}, {@link SignalSection}, {@link TestSection});
 * this class holds the header, categories, actions, rules, scan limits and settings, and the assembly.
 */
final class Interpreter {
  static final List<String> TOP = List.of("$schema", "policy", "version", "description", "categories",
      "actions", "lists", "signals", "rules", "calibration", "scan-limits", "settings", "tests");
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s)");

  private Interpreter() {}

  /** The model of a loaded file that lint reads. */
  record Model(Map<String, Category> categories, Map<String, Action> actions, Map<String, ListDef> lists,
      Map<String, SignalDef> signals, List<RuleDef> rules, String file) {}

  /** A declared category and its cap (infinite when none). */
  record Category(String name, Scalar node, double cap) {}

  /** A rule and where the file wrote it. */
  record RuleDef(Rule rule, Scalar node) {}

  static PolicyFile load(Sources sources, Map<String, SignalKind> kinds, PolicyLimits limits) {
    List<Problem> sink = new ArrayList<>();
    Problems problems = new Problems(sources.policyDisplay(), sink);
    byte[] bytes;
    try {
      bytes = sources.readPolicy();
    } catch (Sources.TooLarge e) {
      problems.error(0, 0, "the policy file is " + e.size + " bytes, over the limit of " + e.limit);
      throw new PolicyException(sink);
    } catch (IOException e) {
      problems.error(0, 0, "cannot read the policy file: " + (e instanceof java.nio.file.NoSuchFileException
          ? "no such file" : e.getMessage()));
      throw new PolicyException(sink);
    }
    String text = decode(bytes, problems);
    Node root = text == null ? null : Yaml.parse(text, limits, problems);
    if (root == null) {
      throw new PolicyException(sorted(sink));
    }
    Values values = new Values(problems);
    Mapping top = values.mapping(root, "a policy file");
    if (top == null) {
      throw new PolicyException(sorted(sink));
    }
    values.keys(top, "the policy file", TOP);
    values.text(top.get("$schema"), "'$schema'");

    String name = null;
    if (top.get("policy") == null) {
      values.missing(top, "policy", "a policy file (its name, as decisions will show it)");
    } else {
      name = values.name(top.get("policy"), "the policy's name");
    }
    String version = top.get("version") == null ? "1" : values.text(top.get("version"), "the version");
    if (version != null && version.isBlank()) {
      problems.error(top.get("version"), "the version must not be blank");
    }
    String description = top.get("description") == null ? null
        : values.text(top.get("description"), "the description");

    Map<String, Category> categories = categories(top, values);
    Map<String, Action> actions = actions(top.get("actions"), values);
    ListSection listSection = new ListSection(values, sources);
    Map<String, ListDef> lists = listSection.read(top.get("lists"));
    SignalSection signalSection = new SignalSection(values);
    if (top.get("signals") == null) {
      values.missing(top, "signals", "a policy file");
    }
    Map<String, SignalDef> signals = signalSection.read(top.get("signals"), categories, kinds, lists,
        listSection, sources, limits);
    signalSection.build(signals);
    List<RuleDef> rules = rules(top.get("rules"), values, actions, categories, signals);
    Calibration calibration = calibration(top.get("calibration"), values);
    for (RuleDef r : rules) {
      if (r.rule().condition().subject() == Condition.Subject.PROBABILITY && calibration == null) {
        problems.error(r.node(), "rule '" + shorten(r.node().value) + "' reads the probability of harm,"
            + " but the policy has no 'calibration:' (slope and intercept of the total; vigil learn"
            + " writes one)");
      }
    }
    Settings settings = settings(top, values, signals);
    List<InlineTest> tests = new TestSection(values).read(top.get("tests"), actions.keySet(), signals);

    if (problems.hasErrors() || name == null || version == null) {
      throw new PolicyException(sorted(sink));
    }
    Policy.Builder b = Policy.builder(name).version(version);
    for (SignalDef s : signals.values()) {
      if (s.part) {
        continue;
      }
      SignalOptions o = SignalOptions.in(s.category).weight(s.weight);
      o = s.split.isEmpty() ? o : o.splitByEvidence(s.split.toArray(new String[0]));
      o = s.shadow ? o.shadow() : o;
      o = s.fail == dev.vigil.FailureMode.FAIL_CLOSED ? o.failClosed() : o;
      o = s.isolated ? o.isolated() : o;
      b.signal(s.classifier, o);
    }
    Set<String> counted = countedCategories(signals);
    for (Category c : categories.values()) {
      // A cap on a category without counted signals (all in shadow, say) would change nothing; lint
      // says so, and the policy builds without it.
      if (c.cap() < Double.POSITIVE_INFINITY && counted.contains(c.name())) {
        b.categoryCap(c.name(), c.cap());
      }
    }
    for (RuleDef r : rules) {
      b.rule(r.rule());
    }
    b.calibration(calibration);
    settings.apply(b);
    String hash = sources.hash();
    b.contentHash(hash);
    Policy policy;
    try {
      policy = b.build();
    } catch (IllegalArgumentException e) {
      problems.error(top.get("policy"), e.getMessage());
      throw new PolicyException(sorted(sink));
    }
    Model model = new Model(categories, actions, lists, signals, rules, sources.policyDisplay());
    PolicyFile file = new PolicyFile(policy, description, hash, sources.policyDisplay(),
        sources.policyPath(), sources.files(), tests, model, sources);
    sources.forget(); // the file keeps hashes, not bytes; it reads again when asked (PolicyFile.read)
    return file;
  }

  private static @Nullable String decode(byte[] bytes, Problems problems) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = decoder.decode(in, out, true);
    if (r.isError()) {
      int at = in.position();
      int line = 1;
      for (int i = 0; i < at; i++) {
        line += bytes[i] == '\n' ? 1 : 0;
      }
      problems.error(line, 0, "the policy file is not valid UTF-8 (first bad byte at offset " + at + ")");
      return null;
    }
    decoder.flush(out);
    out.flip();
    String text = out.toString();
    return text.startsWith("\ufeff") ? text.substring(1) : text;
  }

  private static Map<String, Category> categories(Mapping top, Values values) {
    Map<String, Category> out = new LinkedHashMap<>();
    Node section = top.get("categories");
    if (section == null) {
      values.missing(top, "categories", "a policy file (the categories its signals count in, such as"
          + " 'spam: {cap: 1.0}')");
      return out;
    }
    for (Values.Named e : values.named(section, "'categories'", "category", true)) {
      String name = e.name();
      Mapping def = e.value();
      values.keys(def, "category '" + name + "'", List.of("cap", "description"));
      values.text(def.get("description"), "the description of category '" + name + "'");
      double cap = Double.POSITIVE_INFINITY;
      if (def.get("cap") != null) {
        Double c = values.number(def.get("cap"), "the cap of category '" + name + "'", 0, true,
            Double.POSITIVE_INFINITY, true);
        cap = c == null ? cap : c;
      }
      out.put(name, new Category(name, e.key(), cap));
    }
    return out;
  }

  /** {@code calibration: {slope: 6.1, intercept: -5.7}}: Platt scaling of the total. */
  private static @Nullable Calibration calibration(@Nullable Node section, Values values) {
    if (section == null) {
      return null;
    }
    Mapping def = values.mapping(section, "'calibration'");
    if (def == null) {
      return null;
    }
    values.keys(def, "'calibration'", List.of("method", "slope", "intercept"));
    if (def.get("method") != null) {
      String method = values.text(def.get("method"), "the calibration's method");
      if (method != null && !method.equals("platt")) {
        values.problems().error(def.get("method"), "the calibration's method must be platt (the"
            + " logistic of slope x total + intercept) but was '" + method + "'");
        return null;
      }
    }
    if (def.get("slope") == null || def.get("intercept") == null) {
      values.missing(def, def.get("slope") == null ? "slope" : "intercept", "'calibration'");
      return null;
    }
    Double slope = values.number(def.get("slope"), "the calibration's slope", 0, false,
        Double.POSITIVE_INFINITY, true);
    Double intercept = values.number(def.get("intercept"), "the calibration's intercept");
    return slope == null || intercept == null ? null : new Calibration(slope, intercept);
  }

  private static Map<String, Action> actions(@Nullable Node section, Values values) {
    Map<String, Action> out = new LinkedHashMap<>();
    out.put("allow", Action.ALLOW);
    out.put("review", Action.REVIEW);
    out.put("remove", Action.REMOVE);
    if (section == null) {
      return out;
    }
    for (Values.Named e : values.named(section, "'actions'", "action", false)) {
      String name = e.name();
      Mapping def = e.value();
      if (out.containsKey(name)) {
        values.problems().error(e.key(), "action '" + name + "' is built in (allow 0, review 50, remove"
            + " 100) and cannot be declared again");
        continue;
      }
      values.keys(def, "action '" + name + "'", List.of("severity", "description"));
      values.text(def.get("description"), "the description of action '" + name + "'");
      if (def.get("severity") == null) {
        values.missing(def, "severity", "action '" + name + "' (a whole number; allow is 0, review 50,"
            + " remove 100)");
        continue;
      }
      Integer severity = values.integer(def.get("severity"), "the severity of action '" + name + "'",
          Integer.MIN_VALUE, Integer.MAX_VALUE);
      if (severity != null) {
        out.put(name, Action.of(name, severity));
      }
    }
    return out;
  }

  private static List<RuleDef> rules(@Nullable Node section, Values values, Map<String, Action> actions,
      Map<String, Category> categories, Map<String, SignalDef> signals) {
    List<RuleDef> out = new ArrayList<>();
    if (section == null) {
      return out;
    }
    List<Scalar> items = values.scalars(section, "'rules'");
    if (items == null) {
      return out;
    }
    Set<String> counted = countedCategories(signals);
    Reach reach = new Reach(signals, categories);
    Problems problems = values.problems();
    // With signals missing (errors above), what a rule can reach is unknown: no cascade of errors.
    boolean checkReach = !problems.hasErrors();
    for (Scalar s : items) {
      Rule rule;
      try {
        rule = RuleText.parse(s.value, actions);
      } catch (Expression.SyntaxError e) {
        problems.error(s, e.offset, "in rule '" + shorten(s.value) + "': " + e.getMessage());
        continue;
      }
      Condition c = rule.condition();
      String target = c.name();
      int nameAt = target == null ? 0 : Math.max(0, s.value.indexOf("(" + target + ")") + 1);
      if (c.subject() == Condition.Subject.CATEGORY) {
        if (!categories.containsKey(target)) {
          problems.error(s, nameAt, "rule '" + shorten(s.value) + "' names category '" + target + "', which the"
              + " policy does not declare" + Suggest.hint(target, categories.keySet()));
          continue;
        }
        if (!counted.contains(target)) {
          problems.error(s, nameAt, "rule '" + shorten(s.value) + "' can never hold: category '" + target
              + "' has no counted signal (only shadows, parts or none)");
          continue;
        }
      } else if (c.subject() == Condition.Subject.SIGNAL) {
        SignalDef d = signals.get(target);
        if (d == null) {
          problems.error(s, nameAt, "rule '" + shorten(s.value) + "' names signal '" + target + "', which the policy"
              + " does not have" + Suggest.hint(target, signals.keySet()));
          continue;
        }
        if (d.part || d.shadow) {
          problems.error(s, nameAt, "rule '" + shorten(s.value) + "' names " + (d.part ? "part" : "shadow signal")
              + " '" + target + "', which never acts" + (d.part ? " (parts are not signals of the"
                  + " policy)" : " (shadows are reported, never counted)"));
          continue;
        }
      }
      if (checkReach && reach.neverHolds(c)) {
        problems.error(s, 0, "rule '" + shorten(s.value) + "' can never hold: " + reach.explain(c));
        continue;
      }
      out.add(new RuleDef(rule, s));
    }
    return out;
  }

  private static Set<String> countedCategories(Map<String, SignalDef> signals) {
    Set<String> out = new LinkedHashSet<>();
    for (SignalDef s : signals.values()) {
      if (s.counted() && s.category != null) {
        out.add(s.category);
        out.addAll(s.split);
      }
    }
    return out;
  }

  /** Scan limits and settings, applied to the builder once everything checked out. */
  private record Settings(@Nullable Integer maxScan, Map<String, Integer> fieldLimits,
      @Nullable Double nearMiss, @Nullable Duration budget) {
    void apply(Policy.Builder b) {
      if (maxScan != null) {
        b.maxScanChars(maxScan);
      }
      fieldLimits.forEach(b::maxScanChars);
      if (nearMiss != null) {
        b.nearMissRatio(nearMiss);
      }
      if (budget != null) {
        b.timeBudget(budget);
      }
    }
  }

  private static Settings settings(Mapping top, Values values, Map<String, SignalDef> signals) {
    Integer maxScan = null;
    Map<String, Integer> fields = new LinkedHashMap<>();
    Mapping limits = values.mapping(top.get("scan-limits"), "'scan-limits'");
    if (limits != null) {
      values.keys(limits, "'scan-limits'", List.of("default", "fields"));
      if (limits.get("default") != null) {
        maxScan = values.integer(limits.get("default"), "the default scan limit (chars per field)", 1,
            Integer.MAX_VALUE);
      }
      Mapping f = values.mapping(limits.get("fields"), "the scan limits of fields");
      if (f != null) {
        for (Yaml.Entry e : f.entries.values()) {
          Integer v = values.integer(e.value(), "the scan limit of field '" + e.key().value + "'", 1,
              Integer.MAX_VALUE);
          if (v != null && !e.key().value.isBlank()) {
            fields.put(e.key().value, v);
          }
        }
      }
    }
    Double nearMiss = null;
    Duration budget = null;
    Mapping settings = values.mapping(top.get("settings"), "'settings'");
    if (settings != null) {
      values.keys(settings, "'settings'", List.of("near-miss-ratio", "time-budget"));
      if (settings.get("near-miss-ratio") != null) {
        nearMiss = values.number(settings.get("near-miss-ratio"), "the near-miss ratio", 0, false, 1,
            false);
      }
      Node b = settings.get("time-budget");
      if (b != null) {
        String t = values.text(b, "the time budget");
        Matcher m = t == null ? null : DURATION.matcher(t.strip().toLowerCase(Locale.ROOT));
        if (m != null && m.matches()) {
          double amount = Double.parseDouble(m.group(1));
          long nanos = (long) (amount * (m.group(2).equals("ms") ? 1e6 : 1e9));
          if (nanos > 0 && nanos <= Duration.ofHours(1).toNanos()) {
            budget = Duration.ofNanos(nanos);
          } else {
            values.problems().error(b, "the time budget must be more than 0 and at most an hour but is '"
                + t + "'");
          }
        } else if (t != null) {
          values.problems().error(b, "the time budget must be a duration such as 50ms or 2s but is '"
              + shorten(t) + "'");
        }
      }
    }
    if (budget == null) {
      for (SignalDef s : signals.values()) {
        if (s.isolated) {
          values.problems().error(s.node.get("isolated"), "signal '" + s.name + "' is isolated, which"
              + " needs a time budget: add 'settings: {time-budget: 100ms}'");
        }
      }
    }
    return new Settings(maxScan, fields, nearMiss, budget);
  }

  private static List<Problem> sorted(List<Problem> problems) {
    List<Problem> out = new ArrayList<>(problems);
    out.sort(Problem.ORDER);
    return out;
  }

  /** A value shortened for a message: the first 60 chars, one line. */
  static String shorten(String s) {
    String one = s.replace('\n', ' ').replace('\r', ' ');
    return one.length() <= 60 ? one : one.substring(0, 57) + "...";
  }

  /** A number as people write it: 1, 0.5, 1000000 (no exponent, no trailing .0). */
  static String number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
