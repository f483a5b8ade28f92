package dev.vigil.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One parameter of a {@link SignalKind}: its key in the policy file, its type, whether it is required,
 * its default, the range of its numbers and a description for the reference and for editors. The loader
 * checks every value against it before the kind sees it, so a kind never parses or range-checks a value
 * itself.
 *
 * <pre>{@code
 * List<Parameter> parameters = List.of(
 *     Parameter.of("pattern", Type.STRING, "the regular expression, in RE2 syntax").required(),
 *     Parameter.of("score", Type.NUMBER, "the score of a match").greaterThan(0).atMost(1)
 *         .defaultValue(1.0),
 *     Parameter.choice("analyzer", "how text is analyzed", "english", "german").defaultValue("english"));
 * }</pre>
 *
 * <p>Immutable: each method returns a new value.
 */
public final class Parameter {
  /** What a parameter's value is in the file, and what {@link Arguments} returns for it. */
  public enum Type {
    /** A string: {@link Arguments#string}. */
    STRING("a string"),
    /** A number: {@link Arguments#number}. */
    NUMBER("a number"),
    /** A whole number: {@link Arguments#integer}. */
    INTEGER("a whole number"),
    /** {@code true} or {@code false}: {@link Arguments#flag}. */
    BOOLEAN("true or false"),
    /** A list of strings, or one string: {@link Arguments#strings}. */
    STRINGS("a list of strings"),
    /** Two numbers {@code [low, high]} with {@code low < high}: {@link Arguments#range}. */
    RANGE("a pair of numbers [low, high] with low < high"),
    /** One of the parameter's {@link #choices()}: {@link Arguments#string}. */
    CHOICE("one of the choices"),
    /** The name of a term list of the policy, or a list of names: {@link Arguments#termLists}. */
    TERM_LISTS("the name of a term list, or a list of names"),
    /** The name of an allow-list of the policy, or a list of names: {@link Arguments#allowEntries}. */
    ALLOW_LISTS("the name of an allow-list, or a list of names"),
    /** The name of a domain list of the policy, or a list of domains: {@link Arguments#domains}. */
    DOMAINS("the name of a domain list, or a list of domains"),
    /** A path to a file, relative to the policy file, read by the loader: {@link Arguments#file}. */
    FILE("a path relative to the policy file"),
    /** A mapping of names to strings: {@link Arguments#stringMap}. */
    STRING_MAP("a mapping of names to strings");

    private final String description;

    Type(String description) {
      this.description = description;
    }

    /** How the type reads in an error message: "a number", "true or false". */
    public String description() {
      return description;
    }
  }

  /** What a parameter key looks like: lower-case words joined by {@code -}. */
  public static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*");

  private final String name;
  private final Type type;
  private final String description;
  private final boolean required;
  private final @Nullable Object defaultValue;
  private final double min;
  private final boolean minExclusive;
  private final double max;
  private final boolean maxExclusive;
  private final List<String> choices;

  private Parameter(String name, Type type, String description, boolean required,
      @Nullable Object defaultValue, double min, boolean minExclusive, double max, boolean maxExclusive,
      List<String> choices) {
    this.name = name;
    this.type = type;
    this.description = description;
    this.required = required;
    this.defaultValue = defaultValue;
    this.min = min;
    this.minExclusive = minExclusive;
    this.max = max;
    this.maxExclusive = maxExclusive;
    this.choices = choices;
  }

  /**
   * An optional parameter without a default.
   *
   * @throws IllegalArgumentException if the name does not match {@link #KEY}, or the type is
   *     {@link Type#CHOICE} (use {@link #choice})
   */
  public static Parameter of(String name, Type type, String description) {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    requireNonNull(description, "description");
    if (!KEY.matcher(name).matches()) {
      throw new IllegalArgumentException("parameter name must be lower-case words joined by '-' but was '"
          + name + "'");
    }
    if (type == Type.CHOICE) {
      throw new IllegalArgumentException("parameter '" + name + "': use Parameter.choice(...) for choices");
    }
    return new Parameter(name, type, description, false, null, Double.NEGATIVE_INFINITY, false,
        Double.POSITIVE_INFINITY, false, List.of());
  }

  /**
   * An optional parameter whose value is one of {@code choices}.
   *
   * @throws IllegalArgumentException if the name does not match {@link #KEY} or there are no choices
   */
  public static Parameter choice(String name, String description, String... choices) {
    Parameter p = of(name, Type.STRING, description);
    requireNonNull(choices, "choices");
    if (choices.length == 0) {
      throw new IllegalArgumentException("parameter '" + name + "' needs at least one choice");
    }
    return new Parameter(name, Type.CHOICE, description, false, null, p.min, false, p.max, false,
        List.of(choices));
  }

  /** The same parameter, required: a file that leaves it out is refused. */
  public Parameter required() {
    if (defaultValue != null) {
      throw new IllegalStateException("parameter '" + name + "' has a default and cannot be required");
    }
    return new Parameter(name, type, description, true, null, min, minExclusive, max, maxExclusive,
        choices);
  }

  /**
   * The same parameter with a default: a {@link String} for {@link Type#STRING} and {@link Type#CHOICE},
   * a {@link Number} for {@link Type#NUMBER} and {@link Type#INTEGER}, a {@link Boolean} for
   * {@link Type#BOOLEAN}, a {@code double[2]} for {@link Type#RANGE}.
   *
   * @throws IllegalArgumentException if the value does not fit the type, its range or its choices
   * @throws IllegalStateException if the parameter is required
   */
  public Parameter defaultValue(Object value) {
    requireNonNull(value, "value");
    if (required) {
      throw new IllegalStateException("parameter '" + name + "' is required and cannot have a default");
    }
    Object v = value;
    switch (type) {
      case STRING:
        check(value instanceof String, value);
        break;
      case CHOICE:
        check(value instanceof String && choices.contains(value), value);
        break;
      case NUMBER:
        check(value instanceof Number && inRange(((Number) value).doubleValue()), value);
        v = ((Number) value).doubleValue();
        break;
      case INTEGER:
        check((value instanceof Integer || value instanceof Long)
            && inRange(((Number) value).doubleValue()), value);
        v = ((Number) value).intValue();
        break;
      case BOOLEAN:
        check(value instanceof Boolean, value);
        break;
      case RANGE:
        check(value instanceof double[] && ((double[]) value).length == 2
            && ((double[]) value)[0] < ((double[]) value)[1] && inRange(((double[]) value)[0])
            && inRange(((double[]) value)[1]), value);
        v = ((double[]) value).clone();
        break;
      default:
        throw new IllegalArgumentException("parameter '" + name + "' of type " + type
            + " cannot have a default");
    }
    return new Parameter(name, type, description, false, v, min, minExclusive, max, maxExclusive,
        choices);
  }

  private void check(boolean ok, Object value) {
    if (!ok) {
      throw new IllegalArgumentException("default of parameter '" + name + "' must be " + expected()
          + " but was " + (value instanceof double[] ? java.util.Arrays.toString((double[]) value)
              : value));
    }
  }

  /** The same parameter, whose numbers must be at least {@code min}. */
  public Parameter atLeast(double min) {
    return bounded(min, false, max, maxExclusive);
  }

  /** The same parameter, whose numbers must be greater than {@code min}. */
  public Parameter greaterThan(double min) {
    return bounded(min, true, max, maxExclusive);
  }

  /** The same parameter, whose numbers must be at most {@code max}. */
  public Parameter atMost(double max) {
    return bounded(min, minExclusive, max, false);
  }

  private Parameter bounded(double min, boolean minExclusive, double max, boolean maxExclusive) {
    if (type != Type.NUMBER && type != Type.INTEGER && type != Type.RANGE) {
      throw new IllegalStateException("parameter '" + name + "' of type " + type + " has no numbers to bound");
    }
    if (defaultValue != null) {
      throw new IllegalStateException("parameter '" + name + "': set bounds before the default");
    }
    return new Parameter(name, type, description, required, null, min, minExclusive, max, maxExclusive,
        choices);
  }

  /** The key in the policy file. */
  public String name() {
    return name;
  }

  /** The type of the value. */
  public Type type() {
    return type;
  }

  /** What the parameter means, for the reference. */
  public String description() {
    return description;
  }

  /** Whether a file must give it. */
  public boolean isRequired() {
    return required;
  }

  /** The value used when the file leaves it out, or null if there is none. */
  public @Nullable Object defaultValue() {
    return defaultValue instanceof double[] ? ((double[]) defaultValue).clone() : defaultValue;
  }

  /** The lowest number allowed ({@link Double#NEGATIVE_INFINITY} when unbounded). */
  public double min() {
    return min;
  }

  /** Whether {@link #min()} itself is excluded. */
  public boolean minExclusive() {
    return minExclusive;
  }

  /** The highest number allowed ({@link Double#POSITIVE_INFINITY} when unbounded). */
  public double max() {
    return max;
  }

  /** Whether {@link #max()} itself is excluded. */
  public boolean maxExclusive() {
    return maxExclusive;
  }

  /** The values allowed for {@link Type#CHOICE}; empty for other types. */
  public List<String> choices() {
    return choices;
  }

  /** Whether a number is within the parameter's bounds. */
  public boolean inRange(double value) {
    if (Double.isNaN(value)) {
      return false;
    }
    boolean aboveMin = minExclusive ? value > min : value >= min;
    boolean belowMax = maxExclusive ? value < max : value <= max;
    return aboveMin && belowMax;
  }

  /**
   * What a value must be, for error messages: "a number in (0, 1]", "one of english, german", "true or
   * false".
   */
  public String expected() {
    if (type == Type.CHOICE) {
      return "one of " + String.join(", ", choices);
    }
    String base = type.description();
    boolean hasMin = min != Double.NEGATIVE_INFINITY;
    boolean hasMax = max != Double.POSITIVE_INFINITY;
    if (!hasMin && !hasMax) {
      return base;
    }
    String bounds;
    if (hasMin && hasMax) {
      bounds = " in " + (minExclusive ? "(" : "[") + number(min) + ", " + number(max)
          + (maxExclusive ? ")" : "]");
    } else if (hasMin) {
      bounds = (minExclusive ? " greater than " : " of at least ") + number(min);
    } else {
      bounds = (maxExclusive ? " less than " : " of at most ") + number(max);
    }
    return type == Type.RANGE ? base + ", each" + bounds : base + bounds;
  }

  private static String number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%d", (long) d)
        : Double.toString(d);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Parameter)) {
      return false;
    }
    Parameter p = (Parameter) o;
    return name.equals(p.name) && type == p.type && description.equals(p.description)
        && required == p.required && Objects.deepEquals(defaultValue, p.defaultValue)
        && Double.compare(min, p.min) == 0 && minExclusive == p.minExclusive
        && Double.compare(max, p.max) == 0 && maxExclusive == p.maxExclusive
        && choices.equals(p.choices);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, required, choices);
  }

  /** {@code score: a number in (0, 1], default 1.0}. */
  @Override
  public String toString() {
    Object d = defaultValue instanceof double[] ? java.util.Arrays.toString((double[]) defaultValue)
        : defaultValue;
    return name + ": " + expected() + (required ? ", required" : d != null ? ", default " + d : "");
  }
}
