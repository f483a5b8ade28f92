package dev.vigil.policy;

import dev.vigil.Classifier;
import dev.vigil.Classifiers;
import dev.vigil.FailureMode;
import dev.vigil.policy.ListSection.ListDef;
import dev.vigil.policy.Yaml.Mapping;
import dev.vigil.policy.Yaml.Node;
import dev.vigil.policy.Yaml.Scalar;
import dev.vigil.spi.Arguments;
import dev.vigil.spi.Parameter;
import dev.vigil.spi.SignalKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code signals:} section: each signal is either of a {@code kind} (with the kind's parameters) or
 * a composite {@code expression} over other signals and parts, with the options of a policy signal
 * (category, weight, shadow, fail, field, isolated) or {@code part: true} for a building block that
 * only expressions use.
 *
 * <p>Classifiers are built kind by kind (so a kind can share work among its signals, see
 * {@link SignalKind#createAll}), then composites in dependency order. A signal's classifier is wrapped to
 * its {@code field} and renamed to its name where needed, and expressions refer to that final classifier,
 * so a classifier used by several composites is one instance and runs once per evaluation.
 */
final class SignalSection {
  /**
   * The categories of {@code split-by-evidence}: declared, not the signal's own, each once. Problems are
   * reported at the item; the good ones are kept.
   */
  private List<String> splitCategories(Node node, String where, @Nullable String own,
      Map<String, ?> categories) {
    List<Scalar> items = values.scalars(node, "'split-by-evidence' of " + where);
    List<String> out = new ArrayList<>();
    if (items == null) {
      return out;
    }
    for (Scalar item : items) {
      String c = values.name(item, "a category of 'split-by-evidence' of " + where);
      if (c == null) {
        continue;
      }
      if (!categories.containsKey(c)) {
        problems.error(item, "'split-by-evidence' of " + where + " names category '" + c
            + "', which the policy does not declare under 'categories'"
            + Suggest.hint(c, categories.keySet()));
      } else if (c.equals(own)) {
        problems.error(item, "'split-by-evidence' of " + where + " names '" + c + "', the signal's own"
            + " category: list the other categories its evidence may count in");
      } else if (out.contains(c)) {
        problems.error(item, "'split-by-evidence' of " + where + " names '" + c + "' twice");
      } else {
        out.add(c);
      }
    }
    return out;
  }

  /** One signal or part of the file. */
  static final class SignalDef {
    final String name;
    final Scalar nameNode;
    final Mapping node;
    boolean part;
    @Nullable String category;
    /** The categories its evidence may count in besides its own ({@code split-by-evidence}). */
    List<String> split = List.of();
    double weight = 1.0;
    boolean shadow;
    FailureMode fail = FailureMode.FAIL_OPEN;
    @Nullable String field;
    boolean isolated;
    @Nullable KindArguments args;
    @Nullable Scalar expressionNode;
    Expression.@Nullable Expr expression;
    @Nullable Classifier classifier;
    /** What the kind built, before the signal's field and name were put around it. */
    @Nullable Classifier raw;
    /** Whether reading it reported a problem: it is still built where it can be, to report more. */
    boolean broken;

    SignalDef(String name, Scalar nameNode, Mapping node) {
      this.name = name;
      this.nameNode = nameNode;
      this.node = node;
    }

    boolean counted() {
      return !part && !shadow;
    }
  }

  static final List<String> OPTIONS = List.of("kind", "expression", "part", "category", "weight",
      "shadow", "fail", "field", "isolated", "split-by-evidence", "description");
  private static final List<String> PART_FORBIDS = List.of("category", "weight", "shadow", "fail",
      "isolated", "split-by-evidence");

  private final Values values;
  private final Problems problems;
  /** Signals that were reported broken while read: expressions naming them are not reported again. */
  private final Set<String> broken = new java.util.HashSet<>();

  SignalSection(Values values) {
    this.values = values;
    this.problems = values.problems();
  }

  /** Reads every signal's definition; broken ones are reported and left out. */
  Map<String, SignalDef> read(@Nullable Node section, Map<String, ?> categories,
      Map<String, SignalKind> kinds, Map<String, ListDef> lists, ListSection listSection,
      Sources sources, PolicyLimits limits) {
    Map<String, SignalDef> defs = new LinkedHashMap<>();
    if (section == null) {
      return defs;
    }
    Mapping m = values.mapping(section, "'signals'");
    if (m != null && m.entries.size() > limits.maxSignals()) {
      problems.error(m, "the policy defines " + m.entries.size() + " signals, over the limit of "
          + limits.maxSignals());
      return defs;
    }
    for (Values.Named e : values.named(m, "'signals'", "signal", false)) {
      defs.put(e.name(), read(e.name(), e.key(), e.value(), categories, kinds, lists, listSection, sources,
          limits));
    }
    for (Yaml.Entry e : m == null ? List.<Yaml.Entry>of() : m.entries.values()) {
      if (!defs.containsKey(e.key().value)) {
        broken.add(e.key().value);
      }
    }
    return defs;
  }

  private SignalDef read(String name, Scalar nameNode, Mapping def, Map<String, ?> categories,
      Map<String, SignalKind> kinds, Map<String, ListDef> lists, ListSection listSection,
      Sources sources, PolicyLimits limits) {
    String where = "signal '" + name + "'";
    int before = problems.count();
    SignalDef s = new SignalDef(name, nameNode, def);
    Node kindNode = def.get("kind");
    Node exprNode = def.get("expression");
    SignalKind kind = null;
    if ((kindNode == null) == (exprNode == null)) {
      problems.error(def, where + " needs exactly one of 'kind' (a built-in or registered kind, such as"
          + " regex or links.count) and 'expression' (a composite such as allOf(a, b))"
          + (kindNode != null ? ", not both" : ""));
    } else if (kindNode != null) {
      String kindName = values.text(kindNode, "the kind of " + where);
      if (kindName != null) {
        kind = kinds.get(kindName);
        if (kind == null) {
          problems.error(kindNode, "unknown kind '" + Interpreter.shorten(kindName) + "' in " + where
              + Suggest.hint(kindName, Suggest.sorted(kinds.keySet())) + " (kinds come from Vigil and"
              + " from jars that register a dev.vigil.spi.SignalKind)");
        }
      }
    }
    // Keys: the options, and the kind's parameters.
    List<String> known = new ArrayList<>(OPTIONS);
    if (kind != null) {
      for (Parameter p : kind.parameters()) {
        known.add(p.name());
      }
    }
    if (kind != null || exprNode != null) {
      values.keys(def, where + (kind != null ? " (kind " + kind.name() + ")" : ""), known);
    }
    Boolean part = def.get("part") == null ? Boolean.FALSE : values.bool(def.get("part"), "'part' of "
        + where);
    s.part = Boolean.TRUE.equals(part);
    if (s.part) {
      for (String k : PART_FORBIDS) {
        Node n = def.get(k);
        if (n != null) {
          problems.error(n, "'" + k + "' does not apply to part '" + name + "': a part is used only"
              + " inside expressions and never counted; remove 'part: true' to make it a signal");
        }
      }
    } else {
      Node c = def.get("category");
      if (c == null) {
        values.missing(def, "category", where + " (one of the policy's categories: "
            + String.join(", ", categories.keySet()) + "; or 'part: true' for a part)");
      } else {
        String category = values.name(c, "the category of " + where);
        if (category != null && !categories.containsKey(category)) {
          problems.error(c, where + " is in category '" + category + "', which the policy does not"
              + " declare under 'categories'" + Suggest.hint(category, categories.keySet()));
        } else {
          s.category = category;
        }
      }
      if (def.get("split-by-evidence") != null) {
        s.split = splitCategories(def.get("split-by-evidence"), where, s.category, categories);
      }
      if (def.get("weight") != null) {
        // Finite, of either sign: a negative weight makes the signal counter-evidence (lint says what
        // that lets an attacker do).
        Double w = values.number(def.get("weight"), "the weight of " + where);
        s.weight = w == null ? 1.0 : w;
      }
      if (def.get("shadow") != null) {
        s.shadow = Boolean.TRUE.equals(values.bool(def.get("shadow"), "'shadow' of " + where));
      }
      if (def.get("fail") != null) {
        String f = values.choice(def.get("fail"), "'fail' of " + where, List.of("open", "closed"));
        s.fail = "closed".equals(f) ? FailureMode.FAIL_CLOSED : FailureMode.FAIL_OPEN;
      }
      if (def.get("isolated") != null) {
        s.isolated = Boolean.TRUE.equals(values.bool(def.get("isolated"), "'isolated' of " + where));
      }
    }
    if (def.get("field") != null) {
      s.field = values.text(def.get("field"), "the field of " + where);
      if (s.field != null && s.field.isBlank()) {
        problems.error(def.get("field"), "the field of " + where + " must not be blank");
      }
    }
    values.text(def.get("description"), "the description of " + where);
    if (kind != null && kindNode instanceof Scalar) {
      KindArguments args = new KindArguments(name, s.part ? null : s.category, kind, (Scalar) kindNode,
          def, problems);
      if (args.read(values, lists, listSection, sources)) {
        s.args = args;
      }
    } else if (exprNode != null) {
      String text = values.text(exprNode, "the expression of " + where);
      if (text != null) {
        s.expressionNode = (Scalar) exprNode;
        if (text.length() > limits.maxExpressionLength()) {
          problems.error(exprNode, "the expression of " + where + " is " + text.length()
              + " chars long, over the limit of " + limits.maxExpressionLength());
        } else {
          try {
            s.expression = Expression.parse(text);
          } catch (Expression.SyntaxError e) {
            problems.error(s.expressionNode, e.offset, "in the expression of " + where + ": "
                + e.getMessage());
          }
        }
      }
    }
    s.broken = problems.count() > before;
    // Kept even when broken, so that its pattern or expression is still checked and names that refer
    // to it are not reported as unknown; a load with problems never builds a policy.
    return s;
  }

  /**
   * Builds every signal's classifier: kinds first, a kind's signals together, then composites in
   * dependency order. Reports unknown names in expressions and cycles.
   */
  void build(Map<String, SignalDef> defs) {
    Map<SignalKind, List<SignalDef>> byKind = new LinkedHashMap<>();
    for (SignalDef s : defs.values()) {
      if (s.args != null) {
        byKind.computeIfAbsent(s.args.kind(), k -> new ArrayList<>()).add(s);
      }
    }
    for (Map.Entry<SignalKind, List<SignalDef>> e : byKind.entrySet()) {
      List<Arguments> args = new ArrayList<>();
      for (SignalDef s : e.getValue()) {
        args.add(s.args);
      }
      List<@Nullable Classifier> built;
      try {
        built = e.getKey().createAll(args);
      } catch (RuntimeException ex) {
        // A kind that throws from createAll cannot say which signal was wrong: report it at the first.
        SignalDef first = e.getValue().get(0);
        problems.error(first.node.get("kind"), "kind '" + e.getKey().name() + "' failed to build signal '"
            + first.name + "'" + (e.getValue().size() > 1 ? " (and its " + (e.getValue().size() - 1)
                + " other signals)" : "") + ": " + ex);
        continue;
      }
      if (built == null || built.size() != args.size()) {
        problems.error(e.getValue().get(0).node.get("kind"), "kind '" + e.getKey().name()
            + "' returned " + (built == null ? "no list" : built.size() + " classifiers") + " for "
            + args.size() + " signals");
        continue;
      }
      for (int i = 0; i < built.size(); i++) {
        SignalDef s = e.getValue().get(i);
        Classifier c = built.get(i);
        if (c == null || s.args.reported()) {
          if (c == null && !s.args.reported()) {
            problems.error(s.node.get("kind"), "kind '" + e.getKey().name() + "' built no classifier for"
                + " signal '" + s.name + "' and said nothing why");
          }
          continue;
        }
        s.raw = c;
        s.classifier = wrap(s, c);
      }
    }
    // Composites: check names, find cycles, then build in dependency order.
    Map<String, Integer> state = new HashMap<>(); // 1 visiting, 2 done
    for (SignalDef s : defs.values()) {
      if (s.expression != null) {
        visit(s, defs, state, new ArrayList<>());
      }
    }
  }

  private void visit(SignalDef s, Map<String, SignalDef> defs, Map<String, Integer> state,
      List<String> path) {
    Integer st = state.get(s.name);
    if (st != null && st == 2) {
      return;
    }
    if (st != null) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(s.name), path.size()));
      cycle.add(s.name);
      problems.error(s.expressionNode, "signals refer to each other in a cycle: "
          + String.join(" -> ", cycle) + "; a composite cannot contain itself");
      state.put(s.name, 2);
      return;
    }
    state.put(s.name, 1);
    path.add(s.name);
    List<Expression.Ref> refs = new ArrayList<>();
    Expression.refs(s.expression, refs);
    boolean ok = true;
    for (Expression.Ref r : refs) {
      SignalDef target = defs.get(r.name);
      if (target == null) {
        if (!broken.contains(r.name)) {
          problems.error(s.expressionNode, r.offset, "the expression of signal '" + s.name + "' names '"
              + r.name + "', which is no signal or part of the policy" + Suggest.hint(r.name, defs.keySet()));
        }
        ok = false;
        continue;
      }
      if (r.kind != null && (target.args == null || !target.args.kind().name().equals(r.kind))) {
        problems.error(s.expressionNode, r.offset, "the expression of signal '" + s.name + "' writes "
            + r.kind + "(" + r.name + "), but '" + r.name + "' is "
            + (target.args == null ? "a composite" : "of kind " + target.args.kind().name())
            + "; write just " + r.name);
        ok = false;
        continue;
      }
      if (target.expression != null) {
        visit(target, defs, state, path);
      }
      if (target.classifier == null) {
        ok = false;
      }
    }
    path.remove(path.size() - 1);
    if (state.get(s.name) == 2) {
      return; // a cycle through this signal was reported
    }
    state.put(s.name, 2);
    if (!ok) {
      return;
    }
    try {
      Classifier c = Expression.build(s.expression, n -> defs.get(n).classifier);
      s.classifier = wrap(s, c);
    } catch (Expression.BuildError e) {
      problems.error(s.expressionNode, e.offset, "in the expression of signal '" + s.name + "': "
          + e.getMessage());
    }
  }

  /** The signal's final classifier: on its field, under its name. */
  private static Classifier wrap(SignalDef s, Classifier c) {
    Classifier out = c;
    if (s.field != null) {
      out = Classifiers.onField(s.field, out);
    }
    if (!out.name().equals(s.name)) {
      out = Classifiers.named(s.name, out);
    }
    return out;
  }
}
