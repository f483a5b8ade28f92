package dev.vigil.policy;

import static java.util.Objects.requireNonNull;

import dev.vigil.spi.Parameter;
import dev.vigil.spi.SignalKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON Schema (draft-07, which the YAML language server and most editors support) of the policy-file
 * format, generated from the signal kinds a loader knows, so that editors validate and complete policies
 * as analysts type: every section, every kind with its parameters, their types, ranges, defaults and
 * descriptions. A kind the schema does not list is accepted with any parameters (a team's own kinds),
 * so a schema generated from Vigil's kinds fits every policy.
 *
 * <p>The schema checks the shape of a file; only the loader checks what depends on the rest of the file
 * (that names refer to something, expressions, cycles, list contents).
 */
public final class PolicySchema {
  private PolicySchema() {}

  /** The rule syntax, as a regular expression for editors (the loader's own parser is the judge). */
  static final String RULE_PATTERN = "^\\s*(forced\\s+)?[^\\s()]+\\s+when\\s+(total|probability|(category|signal)"
      + "\\(\\s*[^\\s()]+\\s*\\))\\s*>=?\\s*[+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?\\s*$";

  /** The schema, pretty-printed, for the given kinds (in order). */
  public static String generate(Collection<SignalKind> kinds) {
    requireNonNull(kinds, "kinds");
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("$schema", "http://json-schema.org/draft-07/schema#");
    root.put("$id", "https://github.com/vigil/vigil/schema/vigil-policy.schema.json");
    root.put("title", "Vigil policy file");
    root.put("description", "A Vigil policy: categories, lists, signals, rules and inline tests. Generated"
        + " from the signal kinds; see the README's policy-file reference.");
    root.put("type", "object");
    root.put("additionalProperties", false);
    root.put("required", List.of("policy", "categories", "signals"));
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("$schema", str("the schema this file follows, for editors"));
    props.put("policy", ref("name", "the policy's name, as decisions show it"));
    props.put("version", obj("type", List.of("string", "number"), "description",
        "the version decisions show (\"1\" when left out); quote it to keep it as written"));
    props.put("description", str("what the policy is for"));
    props.put("categories", map(obj("anyOf", List.of(obj("type", "null"), obj("type", "object",
        "additionalProperties", false, "properties", obj("cap", obj("type", "number",
            "exclusiveMinimum", 0, "description", "the most the category's score can reach"),
            "description", str("what the category holds"))))), "the categories signals count in, each"
            + " with an optional cap"));
    props.put("actions", map(obj("type", "object", "additionalProperties", false, "required",
        List.of("severity"), "properties", obj("severity", obj("type", "integer", "description",
            "higher is more severe; allow 0, review 50, remove 100"), "description",
            str("what the action means"))), "the policy's own actions beside allow, review and remove"));
    props.put("lists", map(ref("list", null), "term lists, allow-lists and domain lists"));
    props.put("signals", map(ref("signal", null), "the signals, and parts used only in expressions"));
    props.put("rules", obj("type", "array", "description", "rules as decisions print them, forced ones"
        + " checked first, then the others in order", "items", obj("type", "string", "pattern",
            RULE_PATTERN, "examples", List.of("remove when total >= 1.0", "review when category(abuse) >= 0.5",
                "forced remove when signal(threats) >= 1.0"))));
    props.put("calibration", obj("type", "object", "additionalProperties", false, "required",
        List.of("slope", "intercept"), "description", "the probability of harm given the total: 1 / (1 +"
            + " exp(-(slope x total + intercept))); decisions report it and rules may read it",
        "properties", obj("method", obj("enum", List.of("platt")), "slope", obj("type", "number",
            "minimum", 0), "intercept", obj("type", "number"))));
    props.put("scan-limits", obj("type", "object", "additionalProperties", false, "properties",
        obj("default", obj("type", "integer", "minimum", 1, "description", "chars scanned per field"),
            "fields", map(obj("type", "integer", "minimum", 1), "per-field limits"))));
    props.put("settings", obj("type", "object", "additionalProperties", false, "properties",
        obj("near-miss-ratio", obj("type", "number", "minimum", 0, "maximum", 1),
            "time-budget", obj("type", "string", "pattern", "^\\s*[0-9]+(\\.[0-9]+)?\\s*(ms|s)\\s*$",
                "description", "per evaluation, such as 50ms; needed by isolated signals"))));
    props.put("tests", obj("type", "array", "items", ref("test", null)));
    root.put("properties", props);

    Map<String, Object> defs = new LinkedHashMap<>();
    defs.put("name", obj("type", "string", "pattern", "^[^\\s(),*+:]+$"));
    defs.put("names", obj("anyOf", List.of(obj("type", "string"), obj("type", "array", "items",
        obj("type", "string")))));
    defs.put("list", list());
    defs.put("signal", signal(kinds));
    defs.put("test", test());
    root.put("definitions", defs);
    StringBuilder sb = new StringBuilder();
    write(root, sb, 0);
    return sb.append('\n').toString();
  }

  /**
   * A Markdown table of the kinds, one row each: the kind, what it does, and its parameters with their
   * types, ranges, defaults and meaning. The README's reference of kinds is this table.
   */
  public static String reference(Collection<SignalKind> kinds) {
    requireNonNull(kinds, "kinds");
    StringBuilder sb = new StringBuilder("| kind | what it scores | parameters |\n|---|---|---|\n");
    for (SignalKind k : kinds) {
      sb.append("| `").append(k.name()).append("` | ").append(cell(k.description())).append(" | ");
      List<String> params = new ArrayList<>();
      for (Parameter p : k.parameters()) {
        Object d = p.defaultValue();
        String def = d == null ? "" : d instanceof double[]
            ? ", default [" + Interpreter.number(((double[]) d)[0]) + ", "
                + Interpreter.number(((double[]) d)[1]) + "]"
            : ", default " + (d instanceof Double ? Interpreter.number((Double) d) : d);
        params.add("`" + p.name() + "`" + (p.isRequired() ? " (required)" : "") + ": " + p.expected() + def
            + "; " + p.description());
      }
      sb.append(params.isEmpty() ? "none" : cell(String.join("<br>", params))).append(" |\n");
    }
    return sb.toString();
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  private static Map<String, Object> list() {
    List<Object> branches = new ArrayList<>();
    for (String type : ListSection.TYPES) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("type", obj("const", type));
      p.put("description", str("what the list holds"));
      p.put("file", str("a list file, relative to the policy file"));
      Object entry;
      if (type.equals("terms")) {
        p.put("preset", obj("enum", ListSection.PRESETS, "default", "standard", "description",
            "normalization: none, standard (case, accents, look-alikes, invisibles) or aggressive"
                + " (also leetspeak, separators, repeats)"));
        p.put("category", str("the category of entries that give none"));
        p.put("weight", obj("type", "number", "minimum", 0, "maximum", 1, "default", 1));
        p.put("mode", obj("enum", ListSection.MODES, "default", "word"));
        entry = obj("anyOf", List.of(obj("type", "string"), obj("type", "object", "required",
            List.of("term"), "additionalProperties", false, "properties", obj("term", obj("type",
                "string"), "category", obj("type", "string"), "weight", obj("type", "number",
                "minimum", 0, "maximum", 1), "id", obj("type", "string"), "mode",
                obj("enum", ListSection.MODES)))));
      } else if (type.equals("allow")) {
        p.put("mode", obj("enum", ListSection.MODES, "default", "anywhere"));
        entry = obj("anyOf", List.of(obj("type", "string"), obj("type", "object", "required",
            List.of("entry"), "additionalProperties", false, "properties", obj("entry", obj("type",
                "string"), "mode", obj("enum", ListSection.MODES)))));
      } else {
        entry = obj("type", "string");
      }
      p.put("entries", obj("type", "array", "minItems", 1, "items", entry));
      branches.add(obj("type", "object", "required", List.of("type"), "additionalProperties", false,
          "properties", p, "oneOf", List.of(obj("required", List.of("file")),
              obj("required", List.of("entries")))));
    }
    return obj("oneOf", branches);
  }

  private static Map<String, Object> options() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("part", obj("type", "boolean", "default", false, "description", "a building block for"
        + " expressions: evaluated only inside them, never counted or reported"));
    p.put("category", ref("name", "the category the signal counts in"));
    p.put("weight", obj("type", "number", "default", 1, "description",
        "the signal adds weight x score to its category; a negative weight makes it counter-evidence,"
        + " lowering the total by up to |weight|"));
    p.put("split-by-evidence", obj("type", "array", "items", ref("name", "a declared category"),
        "uniqueItems", true, "description", "other categories this signal's evidence may count in:"
        + " each gets weight x the score of its own evidence, the rest goes to 'category'"));
    p.put("shadow", obj("type", "boolean", "default", false, "description",
        "evaluated and reported, never counted"));
    p.put("fail", obj("enum", List.of("open", "closed"), "default", "open", "description",
        "closed: a failure of the signal makes the decision at least review"));
    p.put("field", str("look at this field only"));
    p.put("isolated", obj("type", "boolean", "default", false, "description",
        "run on the policy's executor under its time budget (for blocking calls)"));
    p.put("description", str("what the signal is for"));
    return p;
  }

  private static Map<String, Object> signal(Collection<SignalKind> kinds) {
    List<Object> branches = new ArrayList<>();
    Map<String, Object> expr = new LinkedHashMap<>(options());
    expr.put("expression", obj("type", "string", "description", "a composite: allOf, anyOf, max,"
        + " atLeast(n, ...), not, onField(field, ...), weightedSum(cap c: w*a + ...)"));
    branches.add(obj("type", "object", "required", List.of("expression"), "additionalProperties", false,
        "properties", expr));
    List<String> names = new ArrayList<>();
    for (SignalKind k : kinds) {
      names.add(k.name());
      Map<String, Object> p = new LinkedHashMap<>(options());
      p.put("kind", obj("const", k.name(), "description", k.description()));
      List<String> required = new ArrayList<>(List.of("kind"));
      for (Parameter param : k.parameters()) {
        p.put(param.name(), parameter(param));
        if (param.isRequired()) {
          required.add(param.name());
        }
      }
      branches.add(obj("type", "object", "required", required, "additionalProperties", false,
          "properties", p));
    }
    Map<String, Object> custom = new LinkedHashMap<>(options());
    custom.put("kind", obj("type", "string", "not", obj("enum", names), "description",
        "a kind registered by another jar"));
    branches.add(obj("type", "object", "required", List.of("kind"), "properties", custom));
    return obj("oneOf", branches, "if", obj("properties", obj("part", obj("const", true)), "required",
        List.of("part")), "else", obj("required", List.of("category")));
  }

  private static Object parameter(Parameter p) {
    Map<String, Object> s = new LinkedHashMap<>();
    switch (p.type()) {
      case STRING:
      case FILE:
        s.put("type", "string");
        break;
      case CHOICE:
        s.put("enum", p.choices());
        break;
      case NUMBER:
      case INTEGER:
        s.put("type", p.type() == Parameter.Type.NUMBER ? "number" : "integer");
        bounds(p, s);
        break;
      case BOOLEAN:
        s.put("type", "boolean");
        break;
      case RANGE: {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", "number");
        bounds(p, item);
        s.put("type", "array");
        s.put("items", item);
        s.put("minItems", 2);
        s.put("maxItems", 2);
        break;
      }
      case STRING_MAP:
        s.put("type", "object");
        s.put("additionalProperties", obj("type", List.of("string", "number", "boolean")));
        break;
      default: // STRINGS, TERM_LISTS, ALLOW_LISTS, DOMAINS: one name or string, or a list
        s.put("$ref", "#/definitions/names");
        break;
    }
    Object d = p.defaultValue();
    if (d instanceof double[]) {
      s.put("default", List.of(((double[]) d)[0], ((double[]) d)[1]));
    } else if (d != null) {
      s.put("default", d);
    }
    s.put("description", p.description() + (p.isRequired() ? " (required)" : ""));
    return s;
  }

  private static void bounds(Parameter p, Map<String, Object> s) {
    if (p.min() != Double.NEGATIVE_INFINITY) {
      s.put(p.minExclusive() ? "exclusiveMinimum" : "minimum", p.min());
    }
    if (p.max() != Double.POSITIVE_INFINITY) {
      s.put(p.maxExclusive() ? "exclusiveMaximum" : "maximum", p.max());
    }
  }

  private static Map<String, Object> test() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", str("what the example shows"));
    p.put("text", str("the body"));
    p.put("fields", map(obj("type", "string"), "field names to texts"));
    p.put("author", str("the author's identifier"));
    p.put("locale", str("a BCP 47 language tag"));
    p.put("surface", str("where the content was posted"));
    p.put("attributes", map(obj("type", List.of("string", "number", "boolean")), "metadata"));
    p.put("time", str("when it was posted, an ISO-8601 instant (behaviour signals count by it)"));
    p.put("expect", str("the action the policy must choose"));
    p.put("fires", ref("names", "signals that must match"));
    p.put("silent", ref("names", "signals that must not match"));
    return obj("type", "object", "required", List.of("expect"), "additionalProperties", false,
        "properties", p, "oneOf", List.of(obj("required", List.of("text")),
            obj("required", List.of("fields"))));
  }

  private static Map<String, Object> str(String description) {
    return obj("type", "string", "description", description);
  }

  private static Map<String, Object> ref(String def, @Nullable String description) {
    Map<String, Object> m = obj("$ref", "#/definitions/" + def);
    if (description != null) {
      m.put("description", description);
    }
    return m;
  }

  private static Map<String, Object> map(Object values, String description) {
    return obj("type", "object", "description", description, "additionalProperties", values);
  }

  private static Map<String, Object> obj(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  @SuppressWarnings("unchecked")
  private static void write(Object v, StringBuilder sb, int indent) {
    if (v instanceof Map) {
      Map<String, Object> m = (Map<String, Object>) v;
      if (m.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append("{\n");
      int i = 0;
      for (Map.Entry<String, Object> e : m.entrySet()) {
        pad(sb, indent + 2);
        string(e.getKey(), sb);
        sb.append(": ");
        write(e.getValue(), sb, indent + 2);
        sb.append(++i < m.size() ? ",\n" : "\n");
      }
      pad(sb, indent);
      sb.append('}');
    } else if (v instanceof List) {
      List<Object> l = (List<Object>) v;
      boolean simple = true;
      for (Object o : l) {
        simple &= !(o instanceof Map) && !(o instanceof List);
      }
      if (simple) {
        sb.append('[');
        for (int i = 0; i < l.size(); i++) {
          sb.append(i > 0 ? ", " : "");
          write(l.get(i), sb, indent);
        }
        sb.append(']');
        return;
      }
      sb.append("[\n");
      for (int i = 0; i < l.size(); i++) {
        pad(sb, indent + 2);
        write(l.get(i), sb, indent + 2);
        sb.append(i + 1 < l.size() ? ",\n" : "\n");
      }
      pad(sb, indent);
      sb.append(']');
    } else if (v instanceof String) {
      string((String) v, sb);
    } else if (v instanceof Double) {
      sb.append(Interpreter.number((Double) v));
    } else {
      sb.append(v);
    }
  }

  private static void pad(StringBuilder sb, int n) {
    for (int i = 0; i < n; i++) {
      sb.append(' ');
    }
  }

  private static void string(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        default:
          if (c < 0x20 || c > 0x7e) {
            sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }
}
