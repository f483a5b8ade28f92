package dev.vigil.policy;

import dev.vigil.policy.Yaml.Mapping;
import dev.vigil.policy.Yaml.Node;
import dev.vigil.policy.Yaml.Scalar;
import dev.vigil.policy.Yaml.Sequence;
import dev.vigil.policy.Yaml.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads typed values from YAML nodes, reporting each mismatch with what was expected and what was found.
 * Every reader returns null after a report, so the caller goes on and the load reports everything.
 */
final class Values {
  /**
   * What a name of the policy (signal, list, category, action) looks like: letters, digits, {@code _},
   * {@code .} and {@code -}, starting with a letter, digit or {@code _}; not a number (so that
   * {@code atLeast(2, ...)} is never ambiguous), and without spaces or parentheses (so that it reads
   * unambiguously inside an expression or a rule).
   */
  static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_][\\p{L}\\p{N}_.-]*");

  private final Problems problems;

  Values(Problems problems) {
    this.problems = problems;
  }

  Problems problems() {
    return problems;
  }

  /** An entry of a section of named definitions: its name, the key's node and its mapping. */
  record Named(String name, Scalar key, Mapping value) {}

  /**
   * The entries of a section that maps names to definitions ({@code categories}, {@code lists},
   * {@code signals}), each with a valid name and a mapping as its value; the others are reported and
   * left out. With {@code emptyAllowed}, a name without a value ({@code threat:}) is an empty mapping.
   */
  List<Named> named(@Nullable Node section, String what, String each, boolean emptyAllowed) {
    List<Named> out = new ArrayList<>();
    Mapping m = mapping(section, what);
    if (m == null) {
      return out;
    }
    for (Yaml.Entry e : m.entries.values()) {
      String name = name(e.key(), each + " name");
      String where = each + " '" + e.key().value + "'";
      Mapping def = emptyAllowed ? mappingOrEmpty(e.value(), where) : mapping(e.value(), where);
      if (name != null && def != null) {
        out.add(new Named(name, e.key(), def));
      }
    }
    return out;
  }

  /** A mapping, or null after a report. */
  @Nullable Mapping mapping(@Nullable Node n, String what) {
    if (n instanceof Mapping) {
      return (Mapping) n;
    }
    if (n != null) {
      problems.error(n, what + " must be a mapping of keys to values but is " + n.describe());
    }
    return null;
  }

  /** A mapping, or an empty one for null (a key written with no value, {@code threat:}). */
  @Nullable Mapping mappingOrEmpty(Node n, String what) {
    if (n instanceof Scalar && ((Scalar) n).type == Type.NULL) {
      return new Mapping(n.line, n.column);
    }
    return mapping(n, what);
  }

  /** A sequence, or null after a report. */
  @Nullable Sequence sequence(@Nullable Node n, String what) {
    if (n instanceof Sequence) {
      return (Sequence) n;
    }
    if (n != null) {
      problems.error(n, what + " must be a list but is " + n.describe());
    }
    return null;
  }

  /** Any non-null scalar's text (numbers and booleans as written), or null after a report. */
  @Nullable String text(@Nullable Node n, String what) {
    if (n instanceof Scalar && ((Scalar) n).type != Type.NULL) {
      return ((Scalar) n).value;
    }
    if (n != null) {
      problems.error(n, what + " must be a string but is " + n.describe());
    }
    return null;
  }

  /** A name of the policy ({@link #NAME}), or null after a report. */
  @Nullable String name(@Nullable Node n, String what) {
    String s = text(n, what);
    if (s != null && !isName(s)) {
      problems.error(n, what + " '" + Interpreter.shorten(s) + "' is not a valid name: use letters,"
          + " digits, '_', '.' and '-', starting with a letter, digit or '_', and not a number");
      return null;
    }
    return s;
  }

  static boolean isName(String s) {
    return NAME.matcher(s).matches() && !Expression.isNumber(s);
  }

  /** A number, or null after a report; {@code .inf} and {@code .nan} are refused. */
  @Nullable Double number(@Nullable Node n, String what) {
    if (n instanceof Scalar && (((Scalar) n).type == Type.INT || ((Scalar) n).type == Type.FLOAT)) {
      double d = parseNumber(((Scalar) n).value);
      if (Double.isFinite(d)) {
        return d;
      }
      problems.error(n, what + " must be a finite number but is " + ((Scalar) n).value);
      return null;
    }
    if (n != null) {
      problems.error(n, what + " must be a number but is " + n.describe()
          + (n instanceof Scalar && ((Scalar) n).type == Type.STRING && Expression.isNumber(((Scalar) n).value)
              ? " (write it without quotes)" : ""));
    }
    return null;
  }

  /** A number in [min, max] (or with exclusive ends), or null after a report. */
  @Nullable Double number(@Nullable Node n, String what, double min, boolean minExclusive, double max,
      boolean maxExclusive) {
    Double d = number(n, what);
    if (d == null) {
      return null;
    }
    boolean ok = (minExclusive ? d > min : d >= min) && (maxExclusive ? d < max : d <= max);
    if (!ok) {
      String range = max == Double.POSITIVE_INFINITY
          ? (minExclusive ? "greater than " : "at least ") + Interpreter.number(min)
          : "in " + (minExclusive ? "(" : "[") + Interpreter.number(min) + ", "
              + Interpreter.number(max) + (maxExclusive ? ")" : "]");
      problems.error(n, what + " must be " + range + " but is " + ((Scalar) n).value);
      return null;
    }
    return d;
  }

  /** A whole number in [min, max], or null after a report. */
  @Nullable Integer integer(@Nullable Node n, String what, long min, long max) {
    if (n instanceof Scalar && ((Scalar) n).type == Type.INT) {
      Long v = parseInteger(((Scalar) n).value);
      if (v != null && v >= min && v <= max) {
        return (int) (long) v;
      }
      problems.error(n, what + " must be a whole number " + (max == Integer.MAX_VALUE ? "of at least "
          + min : "in [" + min + ", " + max + "]") + " but is " + ((Scalar) n).value);
      return null;
    }
    if (n != null) {
      problems.error(n, what + " must be a whole number but is " + n.describe());
    }
    return null;
  }

  /** A boolean, or null after a report. */
  @Nullable Boolean bool(@Nullable Node n, String what) {
    if (n instanceof Scalar && ((Scalar) n).type == Type.BOOL) {
      return Boolean.parseBoolean(((Scalar) n).value.toLowerCase(java.util.Locale.ROOT));
    }
    if (n != null) {
      problems.error(n, what + " must be true or false but is " + n.describe());
    }
    return null;
  }

  /** One of {@code choices}, or null after a report (with a suggestion). */
  @Nullable String choice(@Nullable Node n, String what, Collection<String> choices) {
    String s = text(n, what);
    if (s == null) {
      return null;
    }
    if (!choices.contains(s)) {
      problems.error(n, what + " must be one of " + String.join(", ", choices) + " but is '"
          + Interpreter.shorten(s) + "'" + hintIfClose(s, choices));
      return null;
    }
    return s;
  }

  private static String hintIfClose(String s, Collection<String> choices) {
    String close = Suggest.closest(s, choices);
    return close == null ? "" : "; did you mean '" + close + "'?";
  }

  /** One string or a list of strings, each as its node; null after a report. */
  @Nullable List<Scalar> scalars(@Nullable Node n, String what) {
    List<Scalar> out = new ArrayList<>();
    if (n instanceof Scalar && ((Scalar) n).type != Type.NULL) {
      out.add((Scalar) n);
      return out;
    }
    Sequence s = sequence(n, what);
    if (s == null) {
      return null;
    }
    boolean ok = true;
    for (Node item : s.items) {
      if (item instanceof Scalar && ((Scalar) item).type != Type.NULL) {
        out.add((Scalar) item);
      } else {
        problems.error(item, "each item of " + what + " must be a string but this one is "
            + item.describe());
        ok = false;
      }
    }
    return ok ? out : null;
  }

  /** Checks a mapping's keys, reporting each unknown one with the closest known key. */
  boolean keys(Mapping m, String where, Collection<String> known) {
    boolean ok = true;
    for (Yaml.Entry e : m.entries.values()) {
      if (!known.contains(e.key().value)) {
        problems.error(e.key(), "unknown key '" + Interpreter.shorten(e.key().value) + "' in " + where
            + Suggest.hint(e.key().value, known));
        ok = false;
      }
    }
    return ok;
  }

  /** Reports a missing required key at the mapping. */
  void missing(Mapping m, String key, String where) {
    problems.error(m, where + " needs '" + key + "'");
  }

  static double parseNumber(String s) {
    String t = s.replace("_", "");
    switch (t) {
      case ".inf":
      case ".Inf":
      case ".INF":
      case "+.inf":
      case "+.Inf":
      case "+.INF":
        return Double.POSITIVE_INFINITY;
      case "-.inf":
      case "-.Inf":
      case "-.INF":
        return Double.NEGATIVE_INFINITY;
      case ".nan":
      case ".NaN":
      case ".NAN":
        return Double.NaN;
      default:
        break;
    }
    Long l = parseInteger(t);
    if (l != null) {
      return l;
    }
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** A YAML 1.2 core-schema integer (decimal, 0o octal, 0x hex), or null if out of range. */
  static @Nullable Long parseInteger(String s) {
    try {
      if (s.startsWith("0x")) {
        return Long.parseLong(s.substring(2), 16);
      }
      if (s.startsWith("0o")) {
        return Long.parseLong(s.substring(2), 8);
      }
      return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
