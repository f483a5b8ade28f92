package dev.vigil.policy;

import dev.vigil.links.DomainList;
import dev.vigil.policy.ListSection.ListDef;
import dev.vigil.policy.Yaml.Mapping;
import dev.vigil.policy.Yaml.Node;
import dev.vigil.policy.Yaml.Scalar;
import dev.vigil.spi.Arguments;
import dev.vigil.spi.NamedTermList;
import dev.vigil.spi.Parameter;
import dev.vigil.spi.SignalKind;
import dev.vigil.spi.SourceFile;
import dev.vigil.text.Term;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The arguments of one signal, checked against its kind's {@link Parameter}s when read ({@link #read}),
 * then handed to the kind. Problems a kind reports land at the value's position in the policy file, or at
 * a line of the file a parameter names.
 */
final class KindArguments implements Arguments {
  private final String signal;
  private final @Nullable String category;
  private final SignalKind kind;
  private final Scalar kindNode;
  private final Mapping node;
  private final Problems problems;
  private final Map<String, Parameter> parameters = new LinkedHashMap<>();
  private final Map<String, Object> given = new HashMap<>();
  private final Map<String, Node> nodes = new HashMap<>();
  private final Map<String, String> fileDisplays = new HashMap<>();
  /** The term lists and allow-lists this signal names, for lint. */
  final List<ListDef> listsUsed = new ArrayList<>();
  private boolean reported;

  KindArguments(String signal, @Nullable String category, SignalKind kind, Scalar kindNode, Mapping node,
      Problems problems) {
    this.signal = signal;
    this.category = category;
    this.kind = kind;
    this.kindNode = kindNode;
    this.node = node;
    this.problems = problems;
    for (Parameter p : kind.parameters()) {
      parameters.put(p.name(), p);
    }
  }

  /**
   * Reads and checks the value of every parameter the signal's mapping gives (keys that are not the
   * kind's were refused before); reports missing required ones. Returns whether all is well.
   */
  boolean read(Values values, Map<String, ListDef> lists, ListSection listSection, Sources sources) {
    int before = problems.count();
    boolean failed = false;
    String where = "signal '" + signal + "' (kind " + kind.name() + ")";
    for (Parameter p : parameters.values()) {
      Node n = node.get(p.name());
      if (n == null) {
        if (p.isRequired()) {
          values.missing(node, p.name(), where + " (" + p.expected() + ": " + p.description() + ")");
        }
        continue;
      }
      nodes.put(p.name(), n);
      String what = "'" + p.name() + "' of " + where;
      Object v = value(p, n, what, values, lists, listSection, sources);
      if (v != null) {
        given.put(p.name(), v);
      } else {
        failed = true; // reported, here or where the list it names is defined
      }
    }
    return !failed && problems.count() == before;
  }

  private @Nullable Object value(Parameter p, Node n, String what, Values values,
      Map<String, ListDef> lists, ListSection listSection, Sources sources) {
    switch (p.type()) {
      case STRING:
        return values.text(n, what);
      case CHOICE:
        return values.choice(n, what, p.choices());
      case NUMBER: {
        Double d = values.number(n, what);
        if (d != null && !p.inRange(d)) {
          problems.error(n, what + " must be " + p.expected() + " but is " + ((Scalar) n).value);
          return null;
        }
        return d;
      }
      case INTEGER: {
        Integer i = values.integer(n, what, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (i != null && !p.inRange(i)) {
          problems.error(n, what + " must be " + p.expected() + " but is " + ((Scalar) n).value);
          return null;
        }
        return i;
      }
      case BOOLEAN:
        return values.bool(n, what);
      case STRINGS: {
        List<Scalar> items = values.scalars(n, what);
        if (items == null) {
          return null;
        }
        List<String> out = new ArrayList<>();
        for (Scalar s : items) {
          out.add(s.value);
        }
        return List.copyOf(out);
      }
      case RANGE:
        return range(p, n, what, values);
      case TERM_LISTS:
      case ALLOW_LISTS:
        return listRefs(p, n, what, values, lists, listSection);
      case DOMAINS: {
        if (n instanceof Scalar && ((Scalar) n).type != Yaml.Type.NULL) {
          String name = ((Scalar) n).value;
          ListDef l = lists.get(name);
          if (l == null && listSection.isBroken(name)) {
            return null; // its own problem was reported
          }
          if (l == null || l.type != ListSection.Type.DOMAINS) {
            problems.error(n, what + " names '" + Interpreter.shorten(name) + "', which is not a domain"
                + " list of the policy" + Suggest.hint(name, names(lists, ListSection.Type.DOMAINS))
                + " (write domains inline as a list: [" + Interpreter.shorten(name) + "])");
            return null;
          }
          return l.domains;
        }
        return listSection.domainsInline(n, what);
      }
      case FILE: {
        String path = values.text(n, what);
        Sources.Read r = path == null ? null : sources.read(path, n, problems);
        if (r == null) {
          return null;
        }
        fileDisplays.put(p.name(), r.display());
        return new SourceFile(r.display(), r.bytes());
      }
      case STRING_MAP: {
        Mapping m = values.mapping(n, what);
        if (m == null) {
          return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        boolean ok = true;
        for (Yaml.Entry e : m.entries.values()) {
          String v = values.text(e.value(), "'" + e.key().value + "' in " + what);
          if (v == null) {
            ok = false;
          } else {
            out.put(e.key().value, v);
          }
        }
        return ok ? java.util.Collections.unmodifiableMap(out) : null;
      }
      default:
        throw new IllegalStateException("unknown parameter type " + p.type());
    }
  }

  private @Nullable Object range(Parameter p, Node n, String what, Values values) {
    Yaml.Sequence s = values.sequence(n, what + " ([low, high])");
    if (s == null) {
      return null;
    }
    if (s.items.size() != 2) {
      problems.error(n, what + " must be " + p.expected() + " but has " + s.items.size() + " item(s)");
      return null;
    }
    Double low = values.number(s.items.get(0), "the low end of " + what);
    Double high = values.number(s.items.get(1), "the high end of " + what);
    if (low == null || high == null) {
      return null;
    }
    if (!(low < high) || !p.inRange(low) || !p.inRange(high)) {
      problems.error(n, what + " must be " + p.expected() + " but is [" + Interpreter.number(low) + ", "
          + Interpreter.number(high) + "]");
      return null;
    }
    return new double[] {low, high};
  }

  private @Nullable Object listRefs(Parameter p, Node n, String what, Values values,
      Map<String, ListDef> lists, ListSection listSection) {
    ListSection.Type type = p.type() == Parameter.Type.TERM_LISTS ? ListSection.Type.TERMS
        : ListSection.Type.ALLOW;
    List<Scalar> refs = values.scalars(n, what);
    if (refs == null) {
      return null;
    }
    List<ListDef> out = new ArrayList<>();
    boolean ok = true;
    for (Scalar r : refs) {
      ListDef l = lists.get(r.value);
      if (l == null && listSection.isBroken(r.value)) {
        ok = false; // its own problem was reported
      } else if (l == null || l.type != type) {
        String kindOf = type == ListSection.Type.TERMS ? "term list" : "allow-list";
        problems.error(r, what + " names '" + Interpreter.shorten(r.value) + "', which is not "
            + (l == null ? "a list of the policy" : "a " + kindOf + " (it is a " + l.type.key + " list)")
            + (l == null ? Suggest.hint(r.value, names(lists, type)) : ""));
        ok = false;
      } else {
        out.add(l);
      }
    }
    if (!ok) {
      return null;
    }
    listsUsed.addAll(out);
    return List.copyOf(out);
  }

  private static List<String> names(Map<String, ListDef> lists, ListSection.Type type) {
    List<String> out = new ArrayList<>();
    for (ListDef l : lists.values()) {
      if (l.type == type) {
        out.add(l.name);
      }
    }
    return out;
  }

  boolean reported() {
    return reported;
  }

  SignalKind kind() {
    return kind;
  }

  private Object get(String key, Parameter.Type... types) {
    Parameter p = parameters.get(key);
    if (p == null) {
      throw new IllegalStateException("kind '" + kind.name() + "' asked for parameter '" + key
          + "', which it does not declare");
    }
    boolean typed = false;
    for (Parameter.Type t : types) {
      typed |= p.type() == t;
    }
    if (!typed) {
      throw new IllegalStateException("kind '" + kind.name() + "' asked for parameter '" + key
          + "' as " + java.util.Arrays.toString(types) + " but declared it " + p.type());
    }
    Object v = given.get(key);
    if (v == null) {
      v = p.defaultValue();
    }
    if (v == null) {
      throw new IllegalStateException("parameter '" + key + "' of kind '" + kind.name()
          + "' was not given and has no default; check has(\"" + key + "\") first");
    }
    return v;
  }

  @Override
  public String signal() {
    return signal;
  }

  @Override
  public @Nullable String category() {
    return category;
  }

  @Override
  public boolean has(String key) {
    return given.containsKey(key);
  }

  @Override
  public String string(String key) {
    return (String) get(key, Parameter.Type.STRING, Parameter.Type.CHOICE);
  }

  @Override
  public double number(String key) {
    return ((Number) get(key, Parameter.Type.NUMBER)).doubleValue();
  }

  @Override
  public int integer(String key) {
    return ((Number) get(key, Parameter.Type.INTEGER)).intValue();
  }

  @Override
  public boolean flag(String key) {
    return (Boolean) get(key, Parameter.Type.BOOLEAN);
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<String> strings(String key) {
    Parameter p = parameters.get(key);
    if (p != null && p.type() == Parameter.Type.STRINGS && !given.containsKey(key)) {
      return List.of();
    }
    return (List<String>) get(key, Parameter.Type.STRINGS);
  }

  @Override
  public double[] range(String key) {
    return ((double[]) get(key, Parameter.Type.RANGE)).clone();
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<NamedTermList> termLists(String key) {
    List<NamedTermList> out = new ArrayList<>();
    for (ListDef l : (List<ListDef>) get(key, Parameter.Type.TERM_LISTS)) {
      out.add(new NamedTermList(l.name, java.util.Objects.requireNonNull(l.terms), l.normalizer));
    }
    return out;
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<Term> allowEntries(String key) {
    Parameter p = parameters.get(key);
    if (p != null && p.type() == Parameter.Type.ALLOW_LISTS && !given.containsKey(key)) {
      return List.of();
    }
    List<Term> out = new ArrayList<>();
    for (ListDef l : (List<ListDef>) get(key, Parameter.Type.ALLOW_LISTS)) {
      out.addAll(java.util.Objects.requireNonNull(l.terms).terms());
    }
    return out;
  }

  @Override
  public DomainList domains(String key) {
    return (DomainList) get(key, Parameter.Type.DOMAINS);
  }

  @Override
  public SourceFile file(String key) {
    return (SourceFile) get(key, Parameter.Type.FILE);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, String> stringMap(String key) {
    return (Map<String, String>) get(key, Parameter.Type.STRING_MAP);
  }

  @Override
  public void report(@Nullable String key, String message) {
    if (key == null && reported) {
      return; // what a kind throws after reporting its problems adds nothing
    }
    reported = true;
    Node at = key == null ? kindNode : nodes.getOrDefault(key, node);
    problems.error(at, "signal '" + signal + "': " + message);
  }

  @Override
  public void reportInFile(String key, int line, String message) {
    reported = true;
    String file = fileDisplays.get(key);
    if (file == null) {
      report(key, message + " (at line " + line + ")");
      return;
    }
    problems.in(file).error(Math.max(0, line), line > 0 ? 1 : 0, message);
  }
}
