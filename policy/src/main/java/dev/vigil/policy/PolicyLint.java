package dev.vigil.policy;

import static java.util.Objects.requireNonNull;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.vigil.Condition;
import dev.vigil.FailureMode;
import dev.vigil.Rule;
import dev.vigil.policy.Interpreter.Category;
import dev.vigil.policy.Interpreter.Model;
import dev.vigil.policy.Interpreter.RuleDef;
import dev.vigil.policy.ListSection.ListDef;
import dev.vigil.policy.SignalSection.SignalDef;
import dev.vigil.text.RegexClassifier;
import dev.vigil.text.Term;
import dev.vigil.text.TermMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Warnings about a policy that loads but is likely not what its author meant, in the spirit of
 * SpamAssassin's {@code --lint}:
 * <ul>
 *   <li>a rule shadowed by an earlier one on the same subject that holds whenever it does (so it can
 *       never be the one that chooses), such as {@code remove when total >= 1.0} after
 *       {@code review when total >= 0.5};
 *   <li>a counted signal that no rule can be moved by (no rule reads the total, its category or itself),
 *       a weight of zero, a cap on a category without counted signals, a part or a list nothing uses;
 *   <li>allow-list entries that suppress nothing: no term of the lists they guard matches inside them;
 *   <li>regular expressions that match the empty string;
 *   <li>terms that normalize to the same form in two lists (or twice in one) with different categories.
 * </ul>
 * Each warning is positioned where the file (or list file) wrote the thing it is about. (A rule that can
 * never hold, its threshold above what the weights and caps let its subject reach, is an error of the
 * loader, not a warning.)
 */
public final class PolicyLint {
  private PolicyLint() {}

  /** The warnings of a loaded policy, in file order. */
  public static List<Problem> check(PolicyFile file) {
    requireNonNull(file, "file");
    Model m = file.model();
    List<Problem> out = new ArrayList<>();
    Problems p = new Problems(m.file(), out);
    Positions positions = new Positions();
    rules(m, p);
    signals(m, p);
    allowLists(m, p, positions);
    regexes(m, p);
    collisions(m, p, positions);
    out.sort(Problem.ORDER);
    return List.copyOf(out);
  }

  private static void rules(Model m, Problems p) {
    List<RuleDef> ordered = new ArrayList<>();
    for (RuleDef r : m.rules()) {
      if (r.rule().isForced()) {
        ordered.add(r);
      }
    }
    for (RuleDef r : m.rules()) {
      if (!r.rule().isForced()) {
        ordered.add(r);
      }
    }
    if (m.rules().isEmpty()) {
      p.warning(1, 1, "the policy has no rules: every decision is allow");
    }
    for (int j = 0; j < ordered.size(); j++) {
      RuleDef r = ordered.get(j);
      Condition c = r.rule().condition();
      for (int i = 0; i < j; i++) {
        Rule earlier = ordered.get(i).rule();
        if (implies(earlier.condition(), c)) {
          p.warning(r.node(), "rule '" + r.rule() + "' can never choose: '" + earlier + "' (line "
              + ordered.get(i).node().line + ") is checked first and holds whenever it does"
              + (earlier.action().severity() < r.rule().action().severity()
                  ? "; put the more severe rule first" : ""));
          break;
        }
      }
    }
  }

  /** Whether {@code a} holds whenever {@code b} holds: same subject, a threshold no higher. */
  private static boolean implies(Condition a, Condition b) {
    if (a.subject() != b.subject() || !java.util.Objects.equals(a.name(), b.name())) {
      return false;
    }
    return a.threshold() < b.threshold() || (a.threshold() == b.threshold() && (!a.isStrict() || b.isStrict()));
  }

  private static void signals(Model m, Problems p) {
    boolean total = false;
    Set<String> categoryRules = new HashSet<>();
    Set<String> signalRules = new HashSet<>();
    for (RuleDef r : m.rules()) {
      Condition c = r.rule().condition();
      switch (c.subject()) {
        case TOTAL:
        case PROBABILITY:
          total = true;
          break;
        case CATEGORY:
          categoryRules.add(c.name());
          break;
        default:
          signalRules.add(c.name());
      }
    }
    Set<String> used = new HashSet<>();
    Set<String> listsUsed = new HashSet<>();
    Set<String> categoriesUsed = new HashSet<>();
    Set<String> counted = new HashSet<>();
    for (SignalDef s : m.signals().values()) {
      if (s.expression != null) {
        List<Expression.Ref> refs = new ArrayList<>();
        Expression.refs(s.expression, refs);
        for (Expression.Ref r : refs) {
          used.add(r.name);
        }
      }
      if (s.args != null) {
        for (ListDef l : s.args.listsUsed) {
          listsUsed.add(l.name);
        }
      }
      if (s.category != null) {
        categoriesUsed.add(s.category);
        categoriesUsed.addAll(s.split);
        if (s.counted()) {
          counted.add(s.category);
          counted.addAll(s.split);
        }
      }
    }
    for (SignalDef s : m.signals().values()) {
      if (s.part) {
        if (!used.contains(s.name)) {
          p.warning(s.nameNode, "part '" + s.name + "' is used by no expression: it is never evaluated");
        }
        continue;
      }
      if (s.shadow) {
        continue;
      }
      if (s.weight < 0) {
        p.warning(s.node.get("weight"), "signal '" + s.name + "' has weight "
            + Interpreter.number(s.weight) + ": it is counter-evidence, and text that fires it lowers the"
            + " total by up to " + Interpreter.number(-s.weight) + ", also when an attacker adds that text"
            + " to a harmful item; keep it small against the thresholds");
      }
      if (s.weight == 0) {
        p.warning(s.node.get("weight") != null ? s.node.get("weight") : s.nameNode, "signal '" + s.name
            + "' has weight 0: it counts nothing; make it a shadow to report it without counting");
      } else if (!total && !categoryRules.contains(s.category) && !signalRules.contains(s.name)
          && s.fail != FailureMode.FAIL_CLOSED) {
        p.warning(s.nameNode, "signal '" + s.name + "' can move no decision: no rule reads the total,"
            + " category(" + s.category + ") or signal(" + s.name + ")");
      }
    }
    for (ListDef l : m.lists().values()) {
      if (!listsUsed.contains(l.name) && l.type != ListSection.Type.DOMAINS) {
        p.warning(l.nameNode, "list '" + l.name + "' is used by no signal");
      }
    }
    for (Category c : m.categories().values()) {
      if (!categoriesUsed.contains(c.name())) {
        p.warning(c.node(), "category '" + c.name() + "' has no signal");
      } else if (c.cap() < Double.POSITIVE_INFINITY && !counted.contains(c.name())) {
        p.warning(c.node(), "category '" + c.name() + "' has a cap but only shadow signals: the cap"
            + " does nothing until one is counted");
      }
    }
  }

  private static void allowLists(Model m, Problems p, Positions positions) {
    // For each allow entry: does any term of the lists it guards match inside it?
    Map<String, Boolean> suppresses = new LinkedHashMap<>();
    Map<String, ListDef> listOf = new LinkedHashMap<>();
    for (SignalDef s : m.signals().values()) {
      if (s.args == null || !s.args.kind().name().equals("terms") || s.classifier == null) {
        continue;
      }
      List<ListDef> blocks = new ArrayList<>();
      List<ListDef> allows = new ArrayList<>();
      for (ListDef l : s.args.listsUsed) {
        (l.type == ListSection.Type.ALLOW ? allows : blocks).add(l);
      }
      if (allows.isEmpty() || blocks.isEmpty()) {
        continue;
      }
      TermMatcher.Builder b = TermMatcher.builder().normalizer(blocks.get(0).normalizer);
      Set<String> only = new HashSet<>(s.args.strings("term-categories"));
      int added = 0;
      for (ListDef l : blocks) {
        for (Term t : l.terms.terms()) {
          if (only.isEmpty() || only.contains(t.category())) {
            b.add(t);
            added++;
          }
        }
      }
      if (added == 0) {
        continue;
      }
      TermMatcher blockMatcher = b.build();
      for (ListDef a : allows) {
        for (Term entry : a.terms.terms()) {
          String key = a.name + "\u0000" + entry.text();
          listOf.put(key, a);
          boolean hit = !blockMatcher.find(entry.text()).isEmpty();
          suppresses.merge(key, hit, Boolean::logicalOr);
        }
      }
    }
    for (Map.Entry<String, Boolean> e : suppresses.entrySet()) {
      if (e.getValue()) {
        continue;
      }
      ListDef a = listOf.get(e.getKey());
      String text = e.getKey().substring(e.getKey().indexOf('\u0000') + 1);
      int[] at = positions.pos(a, text);
      positions.at(p, a, text).warning(at[0], at[1], "allow-list entry '" + text + "' of list '"
          + a.name + "' suppresses nothing: no term of the lists it guards matches inside it");
    }
  }

  /** Where entries were written: inline ones as loaded, a list file's read again when needed. */
  private static final class Positions {
    private final Map<ListDef, Map<String, int[]>> files = new java.util.HashMap<>();

    Problems at(Problems p, ListDef l, String text) {
      return l.file != null && of(l).containsKey(text) ? p.in(l.file) : p;
    }

    int[] pos(ListDef l, String text) {
      int[] at = of(l).get(text);
      return at != null ? at : new int[] {l.nameNode.line, l.nameNode.column};
    }

    private Map<String, int[]> of(ListDef l) {
      if (l.path == null) {
        return l.positions;
      }
      return files.computeIfAbsent(l, k -> {
        Map<String, int[]> out = new java.util.HashMap<>();
        try {
          int number = 0;
          for (String line : java.nio.file.Files.readAllLines(k.path,
              java.nio.charset.StandardCharsets.UTF_8)) {
            number++;
            String text = line.split("\t", -1)[0].strip();
            if (!text.isEmpty() && !text.startsWith("#")) {
              out.putIfAbsent(text, new int[] {number, 1});
            }
          }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
          // Changed or gone since it was loaded: the warning points at the list's definition instead.
        }
        return out;
      });
    }
  }

  private static void regexes(Model m, Problems p) {
    for (SignalDef s : m.signals().values()) {
      if (!(s.raw instanceof RegexClassifier)) {
        continue;
      }
      RegexClassifier r = (RegexClassifier) s.raw;
      boolean empty;
      try {
        empty = Pattern.compile(r.pattern()).matches("");
      } catch (PatternSyntaxException e) {
        continue; // built already, so not reached
      }
      if (empty) {
        p.warning(s.node.get("pattern") != null ? s.node.get("pattern") : s.nameNode, "the pattern of"
            + " signal '" + s.name + "' matches the empty string (an empty alternative, or * where + was"
            + " meant?); empty matches are ignored, so it fires only on what else it matches");
      }
    }
  }

  private static void collisions(Model m, Problems p, Positions positions) {
    // normalized form -> first (list, term) with it
    Map<String, Object[]> seen = new LinkedHashMap<>();
    for (ListDef l : m.lists().values()) {
      if (l.type != ListSection.Type.TERMS || l.terms == null) {
        continue;
      }
      for (Term t : l.terms.terms()) {
        String form = l.normalizer.normalize(t.text());
        Object[] first = seen.putIfAbsent(form, new Object[] {l, t});
        if (first == null) {
          continue;
        }
        ListDef fl = (ListDef) first[0];
        Term ft = (Term) first[1];
        if (!ft.category().equals(t.category())) {
          int[] at = positions.pos(l, t.text());
          positions.at(p, l, t.text()).warning(at[0], at[1], "term '" + t.text()
              + "' (list '" + l.name + "', category " + t.category() + ") normalizes to '" + form
              + "', as '" + ft.text() + "' does (list '" + fl.name + "', category " + ft.category()
              + "): the same text counts in two categories");
        }
      }
    }
  }
}
