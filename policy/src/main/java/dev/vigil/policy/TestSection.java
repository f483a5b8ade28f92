package dev.vigil.policy;

import dev.vigil.Content;
import dev.vigil.policy.SignalSection.SignalDef;
import dev.vigil.policy.Yaml.Mapping;
import dev.vigil.policy.Yaml.Node;
import dev.vigil.policy.Yaml.Scalar;
import dev.vigil.policy.Yaml.Sequence;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code tests:} section: a list of examples, each with {@code text} (the body) or {@code fields},
 * optional {@code author}, {@code locale}, {@code surface}, {@code attributes} and {@code time} (an
 * ISO-8601 instant, for behaviour signals: tests run in file order against one state), the action it
 * {@code expect}s, and signals that must fire ({@code fires}) or stay {@code silent}. Read when the
 * policy loads (so a typo in a test is an error like any other); run only on request.
 */
final class TestSection {
  static final List<String> KEYS = List.of("name", "text", "fields", "author", "locale", "surface",
      "attributes", "time", "expect", "fires", "silent");

  private final Values values;
  private final Problems problems;

  TestSection(Values values) {
    this.values = values;
    this.problems = values.problems();
  }

  List<InlineTest> read(@Nullable Node section, Set<String> actions, Map<String, SignalDef> signals) {
    List<InlineTest> tests = new ArrayList<>();
    if (section == null) {
      return tests;
    }
    Sequence s = values.sequence(section, "'tests'");
    if (s == null) {
      return tests;
    }
    for (int i = 0; i < s.items.size(); i++) {
      Mapping m = values.mapping(s.items.get(i), "test " + (i + 1));
      if (m != null) {
        InlineTest t = read(m, i + 1, actions, signals);
        if (t != null) {
          tests.add(t);
        }
      }
    }
    return tests;
  }

  private @Nullable InlineTest read(Mapping m, int number, Set<String> actions,
      Map<String, SignalDef> signals) {
    int before = problems.count();
    String name = m.get("name") == null ? "test " + number : values.text(m.get("name"), "a test's name");
    String where = "test '" + name + "'";
    values.keys(m, where, KEYS);
    Content.Builder b = Content.builder();
    Node text = m.get("text");
    Node fields = m.get("fields");
    if ((text == null) == (fields == null)) {
      problems.error(m, where + " needs exactly one of 'text' (the body) and 'fields' (a mapping of field"
          + " names to texts)");
    } else if (text != null) {
      String t = values.text(text, "the text of " + where);
      if (t != null) {
        b.body(t);
      }
    } else {
      Mapping f = values.mapping(fields, "the fields of " + where);
      if (f != null) {
        for (Yaml.Entry e : f.entries.values()) {
          String t = values.text(e.value(), "field '" + e.key().value + "' of " + where);
          if (t != null && !e.key().value.isBlank()) {
            b.field(e.key().value, t);
          } else if (e.key().value.isBlank()) {
            problems.error(e.key(), "a field name must not be blank");
          }
        }
      }
    }
    if (m.get("author") != null) {
      String a = values.text(m.get("author"), "the author of " + where);
      if (a != null) {
        b.author(a);
      }
    }
    if (m.get("time") != null) {
      String t = values.text(m.get("time"), "the time of " + where);
      if (t != null) {
        try {
          b.time(java.time.Instant.parse(t));
        } catch (java.time.format.DateTimeParseException e) {
          problems.error(m.get("time"), "the time of " + where + " must be an ISO-8601 instant such as"
              + " 2026-12-01T09:30:00Z but is '" + Interpreter.shorten(t) + "'");
        }
      }
    }
    if (m.get("surface") != null) {
      String sf = values.text(m.get("surface"), "the surface of " + where);
      if (sf != null) {
        b.surface(sf);
      }
    }
    if (m.get("locale") != null) {
      String l = values.text(m.get("locale"), "the locale of " + where);
      if (l != null) {
        try {
          b.locale(new Locale.Builder().setLanguageTag(l).build());
        } catch (IllformedLocaleException e) {
          problems.error(m.get("locale"), "the locale of " + where + " must be a BCP 47 tag such as en-GB"
              + " but is '" + Interpreter.shorten(l) + "'");
        }
      }
    }
    if (m.get("attributes") != null) {
      Mapping a = values.mapping(m.get("attributes"), "the attributes of " + where);
      if (a != null) {
        for (Yaml.Entry e : a.entries.values()) {
          String v = values.text(e.value(), "attribute '" + e.key().value + "' of " + where);
          if (v != null) {
            b.attribute(e.key().value, v);
          }
        }
      }
    }
    String expect = null;
    if (m.get("expect") == null) {
      values.missing(m, "expect", where + " (the action the policy must choose)");
    } else {
      expect = values.text(m.get("expect"), "the expected action of " + where);
      if (expect != null && !actions.contains(expect)) {
        problems.error(m.get("expect"), where + " expects action '" + Interpreter.shorten(expect)
            + "', which the policy does not have" + Suggest.hint(expect, actions));
      }
    }
    List<String> fires = signalNames(m.get("fires"), "'fires' of " + where, signals);
    List<String> silent = signalNames(m.get("silent"), "'silent' of " + where, signals);
    if (problems.count() > before || expect == null) {
      return null;
    }
    return new InlineTest(name, m.line, b.build(), expect, fires, silent);
  }

  private List<String> signalNames(@Nullable Node n, String what, Map<String, SignalDef> signals) {
    List<String> out = new ArrayList<>();
    if (n == null) {
      return out;
    }
    List<Scalar> names = values.scalars(n, what);
    if (names == null) {
      return out;
    }
    for (Scalar s : names) {
      SignalDef d = signals.get(s.value);
      if (d == null) {
        problems.error(s, what + " names '" + Interpreter.shorten(s.value) + "', which is no signal of the"
            + " policy" + Suggest.hint(s.value, signals.keySet()));
      } else if (d.part) {
        problems.error(s, what + " names part '" + s.value + "'; parts are not reported in decisions,"
            + " so a test can only check the signals that use them");
      } else {
        out.add(s.value);
      }
    }
    return out;
  }
}
