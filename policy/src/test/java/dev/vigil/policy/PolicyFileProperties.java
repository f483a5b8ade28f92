package dev.vigil.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.Action;
import dev.vigil.Classifier;
import dev.vigil.Classifiers;
import dev.vigil.Condition;
import dev.vigil.Content;
import dev.vigil.Decision;
import dev.vigil.Decision.CategoryScore;
import dev.vigil.Decision.SignalReport;
import dev.vigil.Policy;
import dev.vigil.Rule;
import dev.vigil.SignalOptions;
import dev.vigil.contact.Contacts;
import dev.vigil.links.Links;
import dev.vigil.text.MatchMode;
import dev.vigil.text.Normalizer;
import dev.vigil.text.RegexClassifier;
import dev.vigil.text.Term;
import dev.vigil.text.TermClassifier;
import dev.vigil.text.TermMatcher;
import dev.vigil.text.TextFeatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The law of policy files: a random policy (random signal kinds and options, parts, composites over them,
 * caps and rules) written as a file and loaded decides exactly as the same policy built with the fluent
 * API, on random content. Policies and contents are decoded from lists of integers, so a failure shrinks
 * to few signals, rules and words.
 */
class PolicyFileProperties {
  private static final String[] PATTERNS = {"(?i)\\bfree\\b", "\\d{3}", "(?i)win(ner)?", "money|cash",
      "(?i)click here"};
  private static final String[] WORDS = {"free", "cash", "idiot", "win", "prize", "loser", "click"};
  private static final String[] PRESETS = {"none", "standard", "aggressive"};
  private static final String[] CATEGORIES = {"spam", "scam", "abuse"};
  private static final double[] WEIGHTS = {1.0, 0.3, 0.5, 0.0, 1.5};
  private static final double[] THRESHOLDS = {0.3, 0.5, 1.0, 1.5, 0.0};
  private static final String[] TOKENS = {"free", "FREE", "fr3e", "cash", "CA$H", "idiot", "1d10t",
      "win", "winner", "prize", "loser", "click here", "freedom", "cashew", "https://example.com/x",
      "bit.ly/abc", "+44 20 7946 0018", "bob@example.com", "THIS IS LOUD", "!!!!!!!!", "123", "money",
      "hello", "the", "and", "l.o.s.e.r", "p r i z e"};

  /** One signal: its YAML (lines under its name) and its classifier built the Java way. */
  private static final class Sig {
    final String name;
    final StringBuilder yaml = new StringBuilder();
    Classifier java;
    boolean part;
    boolean shadow;
    String category;
    double weight = 1.0;
    String field;

    Sig(String name) {
      this.name = name;
    }
  }

  /** A generated policy in both forms. */
  private static final class Generated {
    final StringBuilder lists = new StringBuilder();
    final List<Sig> signals = new ArrayList<>();
    final Map<String, Double> caps = new LinkedHashMap<>();
    final List<String> ruleTexts = new ArrayList<>();
    final List<Rule> rules = new ArrayList<>();
    String yaml;
    Policy java;
  }

  @Provide
  Arbitrary<List<Integer>> genes() {
    return Arbitraries.integers().between(0, 99_999).list().ofMinSize(1).ofMaxSize(8);
  }

  @Provide
  Arbitrary<List<List<Integer>>> contents() {
    return Arbitraries.integers().between(0, TOKENS.length - 1).list().ofMaxSize(12).list().ofMinSize(1)
        .ofMaxSize(6);
  }

  @Property(tries = 300)
  void fileAndFluentPoliciesDecideAlike(@ForAll("genes") List<Integer> signalGenes,
      @ForAll @Size(max = 4) List<@net.jqwik.api.constraints.IntRange(max = 99_999) Integer> ruleGenes,
      @ForAll @net.jqwik.api.constraints.IntRange(max = 999) int capGene,
      @ForAll("contents") List<List<Integer>> contents) throws IOException {
    Generated g = generate(signalGenes, ruleGenes, capGene);
    Path dir = Files.createTempDirectory("vigil-policy-property");
    try {
      Files.writeString(dir.resolve("policy.yaml"), g.yaml, StandardCharsets.UTF_8);
      Policy file = PolicyLoader.builder().withoutDiscovery().build().load(dir.resolve("policy.yaml"))
          .policy();
      for (List<Integer> tokens : contents) {
        Content c = content(tokens);
        assertEquals(fingerprint(g.java.evaluate(c)), fingerprint(file.evaluate(c)), g.yaml);
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  private static Content content(List<Integer> tokens) {
    StringBuilder body = new StringBuilder();
    StringBuilder title = new StringBuilder();
    for (int i = 0; i < tokens.size(); i++) {
      (i % 4 == 3 ? title : body).append(TOKENS[tokens.get(i)]).append(' ');
    }
    Content.Builder b = Content.builder().body(body.toString());
    if (title.length() > 0) {
      b.field("title", title.toString());
    }
    return b.build();
  }

  static String fingerprint(Decision d) {
    StringBuilder sb = new StringBuilder();
    sb.append(d.action()).append('/').append(d.action().severity()).append(' ').append(d.total())
        .append(' ').append(d.rule()).append(' ').append(d.reason()).append('\n');
    for (CategoryScore c : d.categories()) {
      sb.append(c).append('\n');
    }
    for (SignalReport s : d.signals()) {
      sb.append(s.name()).append(' ').append(s.expression()).append(' ').append(s.category()).append(' ')
          .append(s.weight()).append(' ').append(s.shadow()).append(' ').append(s.contribution())
          .append(' ').append(s.signal()).append(' ').append(s.signal().evidence()).append(' ')
          .append(s.signal().notes()).append('\n');
    }
    return sb.append(d.nearMisses()).toString();
  }

  /** Whether {@code c} can never hold in the generated policy: its threshold above what it can reach. */
  private static boolean neverHolds(Condition c, Generated g, List<Sig> countedSignals) {
    Map<String, Double> reach = new java.util.LinkedHashMap<>();
    for (Sig s : countedSignals) {
      reach.merge(s.category, s.weight, Double::sum);
    }
    reach.replaceAll((category, sum) -> Math.min(g.caps.getOrDefault(category, Double.POSITIVE_INFINITY), sum));
    double most = c.subject() == Condition.Subject.SIGNAL ? 1.0
        : c.subject() == Condition.Subject.CATEGORY ? reach.getOrDefault(c.name(), 0.0)
        : reach.values().stream().mapToDouble(Double::doubleValue).sum();
    return c.isStrict() ? c.threshold() >= most - 1e-9 : c.threshold() > most + 1e-9;
  }

  private static Generated generate(List<Integer> signalGenes, List<Integer> ruleGenes, int capGene) {
    Generated g = new Generated();
    for (int i = 0; i < signalGenes.size(); i++) {
      g.signals.add(signal(g, "s" + i, signalGenes.get(i), i));
    }
    // At least one counted signal: the policy needs one, and so do caps and rules.
    boolean anyCounted = false;
    for (Sig s : g.signals) {
      anyCounted |= !s.part && !s.shadow;
    }
    if (!anyCounted) {
      Sig s = new Sig("counted");
      s.category = "spam";
      s.yaml.append("    kind: links.count\n");
      s.java = Links.count().named("counted");
      g.signals.add(s);
    }
    Set<String> counted = new LinkedHashSet<>();
    List<Sig> countedSignals = new ArrayList<>();
    for (Sig s : g.signals) {
      if (!s.part && !s.shadow) {
        counted.add(s.category);
        countedSignals.add(s);
      }
    }
    for (String c : counted) {
      int digit = (capGene / (1 + List.copyOf(counted).indexOf(c) * 7)) % 4;
      if (digit > 0) {
        g.caps.put(c, digit * 0.4);
      }
    }
    Map<String, Action> actions = Map.of("review", Action.REVIEW, "remove", Action.REMOVE, "limit",
        Action.of("limit", 30));
    String[] actionNames = {"review", "remove", "limit"};
    for (int r : ruleGenes) {
      boolean forced = r % 5 == 0;
      String action = actionNames[(r / 5) % 3];
      int subject = (r / 15) % 3;
      boolean strict = (r / 45) % 2 == 1;
      double threshold = THRESHOLDS[(r / 90) % THRESHOLDS.length];
      String subjectText;
      Condition.Target target;
      if (subject == 0) {
        subjectText = "total";
        target = Condition.total();
      } else if (subject == 1) {
        String c = List.copyOf(counted).get((r / 450) % counted.size());
        subjectText = "category(" + c + ")";
        target = Condition.category(c);
      } else {
        Sig s = countedSignals.get((r / 450) % countedSignals.size());
        subjectText = "signal(" + s.name + ")";
        target = Condition.signal(s.name);
      }
      Condition cond = strict ? target.above(threshold) : target.atLeast(threshold);
      if (neverHolds(cond, g, countedSignals)) {
        continue; // both loaders refuse a rule that can never hold (ImpossibleRulesTest, PolicyErrorsTest)
      }
      g.rules.add(forced ? Rule.forced(cond, actions.get(action)) : Rule.when(cond, actions.get(action)));
      g.ruleTexts.add((forced ? "forced " : "") + action + " when " + subjectText + (strict ? " > " : " >= ")
          + threshold);
    }

    StringBuilder y = new StringBuilder("policy: generated\nversion: \"7\"\ncategories:\n");
    for (String c : CATEGORIES) {
      y.append("  ").append(c).append(':');
      if (g.caps.containsKey(c)) {
        y.append(" {cap: ").append(g.caps.get(c)).append('}');
      }
      y.append('\n');
    }
    y.append("actions:\n  limit: {severity: 30}\n");
    if (g.lists.length() > 0) {
      y.append("lists:\n").append(g.lists);
    }
    y.append("signals:\n");
    Policy.Builder b = Policy.builder("generated").version("7");
    for (Sig s : g.signals) {
      y.append("  ").append(s.name).append(":\n").append(s.yaml);
      if (s.part) {
        y.append("    part: true\n");
      } else {
        y.append("    category: ").append(s.category).append("\n    weight: ").append(s.weight).append('\n');
        if (s.shadow) {
          y.append("    shadow: true\n");
        }
        SignalOptions o = SignalOptions.in(s.category).weight(s.weight);
        b.signal(s.java, s.shadow ? o.shadow() : o);
      }
      if (s.field != null) {
        y.append("    field: ").append(s.field).append('\n');
      }
    }
    if (!g.ruleTexts.isEmpty()) {
      y.append("rules:\n");
      for (String r : g.ruleTexts) {
        y.append("  - ").append(r).append('\n');
      }
    }
    g.caps.forEach(b::categoryCap);
    for (Rule r : g.rules) {
      b.rule(r);
    }
    g.yaml = y.toString();
    g.java = b.build();
    return g;
  }

  /** Decodes one signal from a gene: a kind with its parameters, or a composite over earlier signals. */
  private static Sig signal(Generated g, String name, int gene, int index) {
    Sig s = new Sig(name);
    int kind = gene % 8;
    int rest = gene / 8;
    s.part = rest % 7 == 0;
    s.shadow = !s.part && rest % 11 == 0;
    s.category = s.part ? null : CATEGORIES[rest % 3];
    s.weight = WEIGHTS[(rest / 3) % WEIGHTS.length];
    s.field = rest % 13 == 0 ? "title" : null;
    int p = rest / 15;
    if (kind == 7 && index == 0) {
      kind = p % 7;
    }
    Classifier c;
    switch (kind) {
      case 0: {
        String pattern = PATTERNS[p % PATTERNS.length];
        boolean ci = (p / 5) % 2 == 1;
        double score = (p / 10) % 2 == 1 ? 0.5 : 1.0;
        s.yaml.append("    kind: regex\n    pattern: '").append(pattern.replace("'", "''")).append("'\n")
            .append("    score: ").append(score).append('\n');
        if (ci) {
          s.yaml.append("    case-insensitive: true\n");
        }
        RegexClassifier.Builder rb = RegexClassifier.builder(name, pattern)
            .category(s.category == null ? "default" : s.category).score(score);
        c = (ci ? rb.caseInsensitive() : rb).build();
        break;
      }
      case 1: {
        String preset = PRESETS[p % 3];
        List<Term> terms = new ArrayList<>();
        StringBuilder entries = new StringBuilder();
        for (int w = 0; w < WORDS.length; w++) {
          if (((p / 3) >> w & 1) == 1 || (w == 0 && (p / 3) % 128 == 0)) {
            double weight = WEIGHTS[(p + w) % 3];
            terms.add(new Term(WORDS[w], WORDS[w], "default", weight, MatchMode.WORD));
            entries.append(entries.length() > 0 ? ", " : "").append("{term: ").append(WORDS[w])
                .append(", weight: ").append(weight).append('}');
          }
        }
        boolean allow = (p / 384) % 2 == 1;
        g.lists.append("  l-").append(name).append(": {type: terms, preset: ").append(preset)
            .append(", entries: [").append(entries).append("]}\n");
        s.yaml.append("    kind: terms\n    lists: l-").append(name).append('\n');
        TermMatcher.Builder tb = TermMatcher.builder().normalizer(Normalizer.preset(preset)).addAll(terms);
        if (allow) {
          g.lists.append("  a-").append(name).append(": {type: allow, entries: [freedom, cashew]}\n");
          s.yaml.append("    allow: a-").append(name).append('\n');
          tb.allow("freedom").allow("cashew");
        }
        c = TermClassifier.of(name, tb.build());
        break;
      }
      case 2: {
        double low = p % 2;
        double high = low + 1 + (p / 2) % 3;
        s.yaml.append("    kind: links.count\n    between: [").append(low).append(", ").append(high)
            .append("]\n");
        c = Links.count().between(low, high);
        break;
      }
      case 3:
        s.yaml.append("    kind: contacts.phone-numbers\n");
        c = Contacts.phoneNumbers();
        break;
      case 4:
        s.yaml.append("    kind: contacts.email-addresses\n");
        c = Contacts.emailAddresses();
        break;
      case 5:
        s.yaml.append("    kind: text.shouting\n");
        c = TextFeatures.shouting();
        if (p % 2 == 1) {
          s.yaml.append("    between: [0.2, 0.6]\n    minimum: 4\n");
          c = TextFeatures.shouting().between(0.2, 0.6).minimum(4);
        }
        break;
      case 6:
        s.yaml.append("    kind: text.repeated-characters\n");
        c = TextFeatures.repeatedCharacters();
        break;
      default:
        c = composite(g, s, p, index);
    }
    if (s.field != null) {
      c = Classifiers.onField(s.field, c);
    }
    if (!c.name().equals(name)) {
      c = c.named(name);
    }
    s.java = c;
    return s;
  }

  private static Classifier composite(Generated g, Sig s, int p, int index) {
    int op = p % 7;
    int n = 1 + (p / 7) % Math.min(3, index);
    List<Sig> children = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      children.add(g.signals.get((p / 21 + i * 5) % index));
    }
    Classifier[] cs = new Classifier[children.size()];
    List<String> names = new ArrayList<>();
    for (int i = 0; i < cs.length; i++) {
      cs[i] = children.get(i).java;
      names.add(children.get(i).name);
    }
    String list = String.join(", ", names);
    String expr;
    Classifier c;
    switch (op) {
      case 0:
        expr = "allOf(" + list + ")";
        c = Classifiers.allOf(cs);
        break;
      case 1:
        expr = "anyOf(" + list + ")";
        c = Classifiers.anyOf(cs);
        break;
      case 2:
        expr = "max(" + list + ")";
        c = Classifiers.max(cs);
        break;
      case 3:
        expr = "not(" + names.get(0) + ")";
        c = Classifiers.not(cs[0]);
        break;
      case 4: {
        int k = 1 + (p / 63) % cs.length;
        expr = "atLeast(" + k + ", " + list + ")";
        c = Classifiers.atLeast(k, cs);
        break;
      }
      case 5: {
        double cap = (p / 63) % 2 == 0 ? 1.0 : 0.5;
        StringBuilder e = new StringBuilder("weightedSum(cap " + cap + ": ");
        Classifiers.Weighted[] parts = new Classifiers.Weighted[cs.length];
        for (int i = 0; i < cs.length; i++) {
          double w = WEIGHTS[(p / 126 + i) % 3];
          e.append(i > 0 ? " + " : "").append(w).append('*').append(names.get(i));
          parts[i] = Classifiers.weighted(w, cs[i]);
        }
        expr = e.append(')').toString();
        c = Classifiers.weightedSum(cap, parts);
        break;
      }
      default:
        expr = "onField(title, " + names.get(0) + ")";
        c = Classifiers.onField("title", cs[0]);
    }
    s.yaml.append("    expression: '").append(expr).append("'\n");
    return c;
  }

  @Property(tries = 200)
  void printedExpressionsParseBackToTheSameExpression(@ForAll("genes") List<Integer> signalGenes) {
    Generated g = generate(signalGenes, List.of(), 0);
    Map<String, Classifier> byName = new LinkedHashMap<>();
    for (Sig s : g.signals) {
      byName.put(s.name, s.java);
    }
    for (Sig s : g.signals) {
      String printed = Classifiers.named("x", s.java).toString().substring("x = ".length());
      if (printed.startsWith("terms(") || !printed.contains("(") || printed.matches("[a-z-]+\\(.*\\.\\..*\\)")
          || printed.endsWith("()")) {
        continue; // a leaf as built-ins print it, not an expression
      }
      try {
        Classifier again = Expression.build(Expression.parse(printed), n -> {
          Classifier c = byName.get(n);
          if (c == null) {
            throw new IllegalStateException("no " + n + " in " + printed);
          }
          return c;
        });
        assertEquals(printed, again.expression(), g.yaml);
      } catch (Expression.SyntaxError | Expression.BuildError e) {
        throw new AssertionError(printed + ": " + e.getMessage(), e);
      }
    }
  }

  @Property(tries = 500)
  void rulesPrintAndParseAlike(@ForAll @net.jqwik.api.constraints.IntRange(max = 99_999) int r) {
    boolean forced = r % 2 == 0;
    Action action = new Action[] {Action.REVIEW, Action.REMOVE, Action.of("limit", 30)}[(r / 2) % 3];
    Condition.Target t = new Condition.Target[] {Condition.total(), Condition.category("spam"),
        Condition.signal("links-2")}[(r / 6) % 3];
    double threshold = ((r / 18) % 1000) / 100.0;
    Condition c = (r / 18_000) % 2 == 0 ? t.atLeast(threshold) : t.above(threshold);
    Rule rule = forced ? Rule.forced(c, action) : Rule.when(c, action);
    try {
      assertEquals(rule, RuleText.parse(rule.toString(), Map.of("allow", Action.ALLOW, "review",
          Action.REVIEW, "remove", Action.REMOVE, "limit", Action.of("limit", 30))));
    } catch (Expression.SyntaxError e) {
      throw new AssertionError(rule + ": " + e.getMessage(), e);
    }
  }
}
