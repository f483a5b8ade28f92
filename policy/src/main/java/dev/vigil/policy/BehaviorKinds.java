package dev.vigil.policy;

import dev.vigil.Classifier;
import dev.vigil.Holder;
import dev.vigil.behavior.BehaviorState;
import dev.vigil.behavior.Behaviors;
import dev.vigil.behavior.HashBank;
import dev.vigil.behavior.Key;
import dev.vigil.spi.Arguments;
import dev.vigil.spi.Parameter;
import dev.vigil.spi.Parameter.Type;
import dev.vigil.spi.SignalKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The kinds of {@code dev.vigil.behavior}'s signals: {@code behavior.rate}, {@code behavior.new-key},
 * {@code behavior.distinct}, {@code behavior.wave} and {@code behavior.bank}. They keep their records in
 * the loader's {@link BehaviorState}, so a reload of the policy keeps the counts of its signals; a
 * signal's records are found by its kind and name, so renaming a signal, or changing its kind, starts it
 * from an empty record.
 */
final class BehaviorKinds {
  private static final Pattern DURATION = Pattern.compile("(?:(\\d{1,6})d)?(?:(\\d{1,6})h)?(?:(\\d{1,6})m)?"
      + "(?:(\\d{1,6})s)?(?:(\\d{1,6})ms)?");
  private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\(([^()\\s]+)\\)");
  private static final String KEYS = "author, link-domain, text-simhash or attribute(NAME)";

  private BehaviorKinds() {}

  static List<SignalKind> all(BehaviorState state) {
    List<SignalKind> kinds = new ArrayList<>();
    Parameter between = Parameter.of("between", Type.RANGE, "the ramp: score 0 up to the low count, 1"
        + " from the high one (whole numbers)").atLeast(0).required();
    kinds.add(kind("behavior.rate", "Items per key in a sliding window (posts per author per hour), as a"
        + " ramp.", List.of(
            Parameter.of("key", Type.STRING, "what to count by: " + KEYS).defaultValue("author"),
            Parameter.of("window", Type.STRING, "the window, such as 90s, 10m, 1h, 7d").required(),
            between),
        state, (a, s) -> {
          Key key = key(a, "key");
          Duration window = duration(a, "window");
          int[] r = ramp(a);
          return key == null || window == null || r == null ? null
              : Behaviors.rate(a.signal(), s, key, window, r[0], r[1]);
        }));
    kinds.add(kind("behavior.new-key", "How new a key is to this state (a new account, a domain never"
        + " linked before): score 1 up to 'young', falling to 0 at 'old'.", List.of(
            Parameter.of("key", Type.STRING, "what is new: " + KEYS).defaultValue("author"),
            Parameter.of("young", Type.STRING, "the age up to which the score is 1").defaultValue("1h"),
            Parameter.of("old", Type.STRING, "the age from which the score is 0").defaultValue("7d")),
        state, (a, s) -> {
          Key key = key(a, "key");
          Duration young = duration(a, "young");
          Duration old = duration(a, "old");
          return key == null || young == null || old == null ? null
              : Behaviors.newKey(a.signal(), s, key, young, old);
        }));
    kinds.add(kind("behavior.distinct", "Distinct values of one key per value of another in a sliding"
        + " window (distinct authors per link domain in ten minutes), as a ramp.", List.of(
            Parameter.of("key", Type.STRING, "what to count per: " + KEYS).required(),
            Parameter.of("counted", Type.STRING, "what to count the distinct values of: " + KEYS)
                .defaultValue("author"),
            Parameter.of("window", Type.STRING, "the window, such as 90s, 10m, 1h, 7d").required(),
            between),
        state, (a, s) -> {
          Key key = key(a, "key");
          Key counted = key(a, "counted");
          Duration window = duration(a, "window");
          int[] r = ramp(a);
          return key == null || counted == null || window == null || r == null ? null
              : Behaviors.distinct(a.signal(), s, key, counted, window, r[0], r[1]);
        }));
    kinds.add(kind("behavior.wave", "A spam wave: near-copies of the text (small edits aside) from many"
        + " distinct senders in a sliding window, as a ramp over the number of senders.", List.of(
            Parameter.of("sender", Type.STRING, "what a sender is: " + KEYS).defaultValue("author"),
            Parameter.of("window", Type.STRING, "the window, such as 10m or 1h").defaultValue("10m"),
            Parameter.of("between", Type.RANGE, "the ramp: score 0 up to the low number of senders, 1 from"
                + " the high one").atLeast(0).defaultValue(new double[] {2, 10})),
        state, (a, s) -> {
          Key sender = key(a, "sender");
          Duration window = duration(a, "window");
          int[] r = ramp(a);
          return sender == null || window == null || r == null ? null
              : Behaviors.wave(a.signal(), s, sender, window, r[0], r[1]);
        }));
    kinds.add(kind("behavior.bank", "Hashes of the content (an attribute the caller computes, such as a"
        + " PDQ hash, or text-simhash) within a Hamming distance of a bank of known ones: score 1.",
        List.of(
            Parameter.of("bank", Type.FILE, "the bank: one hex hash and its label per line").required(),
            Parameter.of("hashes", Type.STRING, "where the content's hash is: " + KEYS).required(),
            Parameter.of("max-distance", Type.INTEGER, "the most bits in which a match may differ")
                .atLeast(0).required()),
        state, (a, s) -> {
          Key hashes = key(a, "hashes");
          HashBank bank;
          try {
            bank = HashBank.parse(a.file("bank").name(), a.file("bank").text());
          } catch (HashBank.BadEntryException e) {
            a.reportInFile("bank", e.line(), e.problem());
            return null;
          } catch (IllegalArgumentException e) {
            a.report("bank", String.valueOf(e.getMessage()));
            return null;
          }
          if (a.integer("max-distance") > bank.bits() / 2) {
            a.report("max-distance", "max-distance must be at most half the bank's " + bank.bits()
                + " bits but is " + a.integer("max-distance"));
            return null;
          }
          return hashes == null ? null
              : Behaviors.bank(a.signal(), Holder.of(bank), hashes, a.integer("max-distance"));
        }));
    return kinds;
  }

  /** A key as a file writes it, or null after a report. */
  static @Nullable Key key(Arguments a, String parameter) {
    String v = a.string(parameter).strip();
    switch (v) {
      case "author":
        return Key.author();
      case "link-domain":
        return Key.linkDomain();
      case "text-simhash":
        return Key.textSimHash();
      default:
        Matcher m = ATTRIBUTE.matcher(v);
        if (m.matches()) {
          return Key.attribute(m.group(1));
        }
        a.report(parameter, parameter + " must be " + KEYS + " but is '" + Interpreter.shorten(v) + "'"
            + Suggest.hint(v, List.of("author", "link-domain", "text-simhash")));
        return null;
    }
  }

  /** A duration as a file writes it ({@code 90s}, {@code 10m}, {@code 1h30m}, {@code 7d}), or null. */
  static @Nullable Duration duration(Arguments a, String parameter) {
    String v = a.string(parameter).strip();
    Matcher m = DURATION.matcher(v);
    if (v.isEmpty() || !m.matches()) {
      a.report(parameter, parameter + " must be a duration such as 90s, 10m, 1h30m or 7d but is '"
          + Interpreter.shorten(v) + "'");
      return null;
    }
    Duration d = Duration.ZERO;
    String[] units = {"d", "h", "m", "s", "ms"};
    for (int g = 1; g <= 5; g++) {
      if (m.group(g) != null) {
        long n = Long.parseLong(m.group(g));
        d = d.plus(switch (units[g - 1]) {
          case "d" -> Duration.ofDays(n);
          case "h" -> Duration.ofHours(n);
          case "m" -> Duration.ofMinutes(n);
          case "s" -> Duration.ofSeconds(n);
          default -> Duration.ofMillis(n);
        });
      }
    }
    if (d.isZero() || d.compareTo(Duration.ofDays(366)) > 0) {
      a.report(parameter, parameter + " must be between 1ms and 366d but is '" + v + "'");
      return null;
    }
    return d;
  }

  /** The {@code between} ramp as whole numbers, or null after a report. */
  static int @Nullable [] ramp(Arguments a) {
    double[] r = a.range("between");
    if (r[0] != Math.rint(r[0]) || r[1] != Math.rint(r[1]) || r[1] > 1_000_000) {
      a.report("between", "between must be two whole numbers up to 1000000 but is [" + fmt(r[0]) + ", "
          + fmt(r[1]) + "]");
      return null;
    }
    return new int[] {(int) r[0], (int) r[1]};
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  /** Builds signals of one kind; a factory returns null after reporting. */
  interface Factory {
    @Nullable Classifier create(Arguments a, BehaviorState state);
  }

  private static SignalKind kind(String name, String description, List<Parameter> parameters,
      BehaviorState state, Factory factory) {
    BehaviorState spaced = new Spaced(name, state);
    Function<Arguments, @Nullable Classifier> f = a -> factory.create(a, spaced);
    return new CoreKinds.Simple(name, description, parameters, f);
  }

  /**
   * The loader's state with each space prefixed by the kind, so two kinds never share a record. The
   * prefixed names are made once per space (a signal's name), not on every update.
   */
  private static final class Spaced implements BehaviorState {
    private final String kind;
    private final BehaviorState state;
    private final Map<String, String> spaces = new ConcurrentHashMap<>();

    Spaced(String kind, BehaviorState state) {
      this.kind = kind;
      this.state = state;
    }

    private String spaced(String space) {
      return spaces.computeIfAbsent(space, s -> kind + "/" + s);
    }

    @Override
    public long[] update(String space, String key, RecordUpdate update) {
      return state.update(spaced(space), key, update);
    }

    @Override
    public long @Nullable [] read(String space, String key) {
      return state.read(spaced(space), key);
    }

    @Override
    public long size() {
      return state.size();
    }
  }
}
