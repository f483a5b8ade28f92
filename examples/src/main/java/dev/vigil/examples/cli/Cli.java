package dev.vigil.examples.cli;

import dev.vigil.policy.Suggest;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The command line's grammar: each command declares its options once ({@link Command}), and from that
 * declaration come its parsing, its {@code --help} and the tool's usage. Options read the same in every
 * command: {@code --policy} is a policy, {@code --input} an input file, {@code --input-format} the
 * input's format, {@code --format} the output's.
 *
 * <p>Parsing follows the usual conventions: {@code --name value} or {@code --name=value}; {@code --}
 * ends the options; {@code -} is standard input; an option given twice is an error (none repeats); an
 * unknown option is an error with the closest known one; an old spelling still works with a deprecation
 * message on standard error. Errors go to standard error and make the exit code 2.
 *
 * <p>Why not picocli: the tool's commands take string options that go straight to library calls, and
 * this declaration with its parser is some two hundred lines with no dependency; picocli would replace
 * these lines, not the commands, add 400 KB to the CLI and change the usage text users know. Should the
 * commands grow typed options, subcommands of their own or completion scripts, picocli is the next step.
 */
final class Cli {
  private Cli() {}

  /** Usage errors. */
  static final int USAGE = 2;

  /** One option: its name, the placeholder of its value (null for a flag), and its help. */
  record Opt(String name, @Nullable String value, String help) {
    static Opt value(String name, String value, String help) {
      return new Opt(name, value, help);
    }

    static Opt flag(String name, String help) {
      return new Opt(name, null, help);
    }
  }

  /**
   * A command: its name, a one-line summary, the synopsis of its arguments, its options, what its
   * positional arguments are (null when it takes none) and old spellings of options that still work.
   */
  record Command(String name, String summary, String synopsis, List<Opt> options,
      @Nullable String positional, Map<String, String> deprecated) {
    /** The help {@code vigil NAME --help} prints. */
    String help() {
      StringBuilder sb = new StringBuilder("usage: vigil ").append(name).append(' ').append(synopsis)
          .append("\n\n").append(summary).append("\n\n");
      int width = 0;
      for (Opt o : options) {
        width = Math.max(width, label(o).length());
      }
      width = Math.max(width, "--help".length());
      for (Opt o : options) {
        line(sb, label(o), o.help(), width);
      }
      line(sb, "--help", "print this help", width);
      return sb.toString();
    }

    private static String label(Opt o) {
      return o.name() + (o.value() == null ? "" : " " + o.value());
    }

    private static void line(StringBuilder sb, String label, String help, int width) {
      String[] lines = help.split("\n");
      sb.append("  ").append(label).append(" ".repeat(width - label.length() + 2)).append(lines[0])
          .append('\n');
      for (int i = 1; i < lines.length; i++) {
        sb.append(" ".repeat(width + 4)).append(lines[i]).append('\n');
      }
    }

    @Nullable Opt option(String name) {
      for (Opt o : options) {
        if (o.name().equals(name)) {
          return o;
        }
      }
      return null;
    }
  }

  /** What a command line said: option values, flags and positional arguments, in order. */
  static final class Options {
    final Map<String, String> values = new LinkedHashMap<>();
    final Set<String> flags = new HashSet<>();
    final List<String> files = new ArrayList<>();
    /** Whether {@code --help} was asked for (and printed). */
    boolean helped;

    String get(String name, String fallback) {
      return values.getOrDefault(name, fallback);
    }

    /**
     * Parses the arguments after the command's name. Prints the help and sets {@link #helped} on
     * {@code --help} or {@code -h}; returns null after printing why the line is wrong.
     */
    static @Nullable Options parse(String[] args, Command c, PrintStream out, PrintStream err) {
      Options o = new Options();
      boolean options = true;
      for (int i = 1; i < args.length; i++) {
        String a = args[i];
        if (!options || !a.startsWith("-") || a.equals("-")) {
          o.files.add(a);
          continue;
        }
        if (a.equals("--")) {
          options = false;
          continue;
        }
        if (a.equals("--help") || a.equals("-h")) {
          out.print(c.help());
          o.helped = true;
          return o;
        }
        String name = a;
        String value = null;
        int eq = a.indexOf('=');
        if (a.startsWith("--") && eq > 2) {
          name = a.substring(0, eq);
          value = a.substring(eq + 1);
        }
        String renamed = c.deprecated().get(name);
        Opt opt = c.option(renamed != null ? renamed : name);
        if (opt == null) {
          List<String> names = new ArrayList<>();
          for (Opt known : c.options()) {
            names.add(known.name());
          }
          String close = Suggest.closest(name, names);
          err.println("vigil: unknown option '" + name + "' for " + c.name()
              + (close != null ? "; did you mean '" + close + "'?" : "") + " (see vigil " + c.name()
              + " --help)");
          return null;
        }
        if (opt.value() == null) {
          if (value != null) {
            err.println("vigil: " + name + " takes no value but was given '" + value + "'");
            return null;
          }
          if (!o.flags.add(opt.name())) {
            err.println("vigil: " + name + " was given twice");
            return null;
          }
          continue;
        }
        if (value == null) {
          if (i + 1 >= args.length) {
            err.println("vigil: " + name + " needs a value (" + opt.value() + ")");
            return null;
          }
          value = args[++i];
        }
        if (renamed != null) {
          err.println("vigil: " + name + " is deprecated in " + c.name() + "; use " + renamed);
        }
        if (o.values.containsKey(opt.name())) {
          err.println("vigil: " + opt.name() + " was given twice ('" + o.values.get(opt.name()) + "' and '"
              + value + "'); give it once");
          return null;
        }
        o.values.put(opt.name(), value);
      }
      if (c.positional() == null && !o.files.isEmpty()) {
        err.println("vigil: " + c.name() + " takes no argument '" + o.files.get(0) + "' (see vigil "
            + c.name() + " --help)");
        return null;
      }
      return o;
    }
  }

  /** Whether {@code value} is one of {@code allowed}; prints why not otherwise. */
  static boolean oneOf(String option, String value, PrintStream err, String... allowed) {
    for (String a : allowed) {
      if (a.equals(value)) {
        return true;
      }
    }
    err.println("vigil: " + option + " must be " + String.join(", ", allowed) + " but was '" + value
        + "'");
    return false;
  }
}
