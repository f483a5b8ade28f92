package dev.vigil.policy;

import dev.vigil.links.DomainList;
import dev.vigil.policy.Yaml.Mapping;
import dev.vigil.policy.Yaml.Node;
import dev.vigil.policy.Yaml.Scalar;
import dev.vigil.policy.Yaml.Sequence;
import dev.vigil.text.MatchMode;
import dev.vigil.text.Normalizer;
import dev.vigil.text.TermList;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code lists:} section: term lists, allow-lists and domain lists, written inline ({@code entries})
 * or read from a file ({@code file}, in the formats of {@link TermList} and {@link DomainList}). A bad
 * entry is reported where it is: at its line and column in the policy file, or at its line in the list
 * file.
 */
final class ListSection {
  /** What a list holds. */
  enum Type {
    TERMS("terms"), ALLOW("allow"), DOMAINS("domains");

    final String key;

    Type(String key) {
      this.key = key;
    }
  }

  /** One list of the policy. */
  static final class ListDef {
    final String name;
    final Scalar nameNode;
    final Type type;
    /** Terms of a term list or entries of an allow-list. */
    @Nullable TermList terms;
    /** The preset's normalizer, for a term list. */
    Normalizer normalizer = Normalizer.standard();
    String preset = "standard";
    @Nullable DomainList domains;
    /** The list file as messages name it, or null when inline. */
    @Nullable String file;
    /** The list file on disk, or null (inline, or not on disk). */
    java.nio.file.@Nullable Path path;
    /**
     * Where each inline entry's text was first written: {line, column} in the policy file. For a list
     * file, lint reads the lines again from {@link #path} when it needs them, rather than every loaded
     * policy keeping a map of its largest lists.
     */
    final Map<String, int[]> positions = new java.util.HashMap<>();

    ListDef(String name, Scalar nameNode, Type type) {
      this.name = name;
      this.nameNode = nameNode;
      this.type = type;
    }
  }

  static final List<String> TYPES = List.of("terms", "allow", "domains");
  static final List<String> PRESETS = List.of("none", "standard", "aggressive");
  static final List<String> MODES = List.of("word", "prefix", "suffix", "anywhere");
  private static final Pattern TERM_LINE = Pattern.compile("line (\\d+): (.*)", Pattern.DOTALL);

  private final Values values;
  private final Sources sources;
  /** Lists whose definition had a problem: signals naming them are not reported again. */
  private final java.util.Set<String> broken = new java.util.HashSet<>();

  ListSection(Values values, Sources sources) {
    this.values = values;
    this.sources = sources;
  }

  /** Reads every list of the section, in order; lists with problems are left out after a report. */
  Map<String, ListDef> read(@Nullable Node section) {
    Map<String, ListDef> lists = new LinkedHashMap<>();
    if (section == null) {
      return lists;
    }
    for (Values.Named e : values.named(section, "'lists'", "list", false)) {
      ListDef list = read(e.name(), e.key(), e.value());
      if (list != null) {
        lists.put(e.name(), list);
      } else {
        broken.add(e.name());
      }
    }
    return lists;
  }

  /** Whether a list of this name was defined but had a problem (already reported). */
  boolean isBroken(String name) {
    return broken.contains(name);
  }

  private @Nullable ListDef read(String name, Scalar nameNode, Mapping def) {
    String where = "list '" + name + "'";
    Node typeNode = def.get("type");
    if (typeNode == null) {
      values.missing(def, "type", where + " (terms, allow or domains)");
      return null;
    }
    String typeName = values.choice(typeNode, "the type of " + where, TYPES);
    if (typeName == null) {
      return null;
    }
    Type type = Type.values()[TYPES.indexOf(typeName)];
    List<String> keys = new ArrayList<>(List.of("type", "description", "file", "entries"));
    if (type == Type.TERMS) {
      keys.addAll(List.of("preset", "category", "weight", "mode"));
    } else if (type == Type.ALLOW) {
      keys.add("mode");
    }
    int before = values.problems().count();
    values.keys(def, where + " (a " + typeName + " list)", keys);
    values.text(def.get("description"), "the description of " + where);
    Node file = def.get("file");
    Node entries = def.get("entries");
    if ((file == null) == (entries == null)) {
      values.problems().error(def, where + " needs exactly one of 'file' (a path relative to the policy"
          + " file) and 'entries' (the list written inline)" + (file != null ? ", not both" : ""));
      return null;
    }
    ListDef list = new ListDef(name, nameNode, type);
    if (type == Type.DOMAINS) {
      list.domains = file != null ? domainFile(file, where, list) : domainsInline(entries, where);
    } else {
      TermList.Loader loader = TermList.loader();
      if (type == Type.TERMS) {
        String preset = def.get("preset") == null ? "standard"
            : values.choice(def.get("preset"), "the preset of " + where, PRESETS);
        if (preset != null) {
          list.preset = preset;
          list.normalizer = Normalizer.preset(preset);
        }
        String category = def.get("category") == null ? null
            : values.name(def.get("category"), "the category of " + where);
        if (category != null) {
          loader.category(category);
        }
        Double weight = def.get("weight") == null ? null
            : values.number(def.get("weight"), "the weight of " + where, 0, false, 1, false);
        if (weight != null) {
          loader.weight(weight);
        }
        loader.normalizer(list.normalizer);
      } else {
        // Allow-list entries are matched with the normalizer of the signal that uses them.
        loader.normalizer(Normalizer.none()).mode(MatchMode.ANYWHERE);
      }
      Node modeNode = def.get("mode");
      if (modeNode != null) {
        String mode = values.choice(modeNode, "the mode of " + where, MODES);
        if (mode != null) {
          loader.mode(MatchMode.valueOf(mode.toUpperCase(Locale.ROOT)));
        }
      }
      list.terms = file != null ? termFile(file, where, loader, list) : termsInline(entries, where, loader,
          type, list);
    }
    if (values.problems().count() > before) {
      return null;
    }
    return (list.terms != null || list.domains != null) ? list : null;
  }

  private @Nullable TermList termFile(Node file, String where, TermList.Loader loader, ListDef list) {
    String path = values.text(file, "the file of " + where);
    Sources.Read r = path == null ? null : sources.read(path, file, values.problems());
    if (r == null) {
      return null;
    }
    list.file = r.display();
    list.path = r.path();
    try {
      return loader.load(new ByteArrayInputStream(r.bytes()), r.display());
    } catch (TermList.TermListException e) {
      reportLines(r.display(), e.problems(), TERM_LINE);
      return null;
    }
  }

  /**
   * Reports the problems of a list file, each at its line: {@code numbered} finds the line number
   * (group 1) and the message (group 2) in the loader's text for a problem.
   */
  private void reportLines(String file, List<String> problems, Pattern numbered) {
    Problems in = values.problems().in(file);
    for (String p : problems) {
      Matcher m = numbered.matcher(p);
      if (m.matches()) {
        in.error(Integer.parseInt(m.group(1)), 1, m.group(2));
      } else {
        in.error(0, 0, p);
      }
    }
  }

  /**
   * An inline term or allow list: each entry a string, or a mapping of {@code term} (or {@code entry}),
   * {@code category}, {@code weight}, {@code id} and {@code mode}. Written as the list file format and
   * read by the same loader, so both check entries alike; line N of that text is entry N.
   */
  private @Nullable TermList termsInline(Node entries, String where, TermList.Loader loader, Type type,
      ListDef list) {
    Sequence s = values.sequence(entries, "the entries of " + where);
    if (s == null) {
      return null;
    }
    if (s.items.isEmpty()) {
      values.problems().error(entries, where + " has no entries");
      return null;
    }
    StringBuilder text = new StringBuilder();
    boolean ok = true;
    String textKey = type == Type.TERMS ? "term" : "entry";
    List<String> keys = type == Type.TERMS ? List.of("term", "category", "weight", "id", "mode")
        : List.of("entry", "mode");
    for (Node item : s.items) {
      String[] cols = new String[5];
      if (item instanceof Scalar && ((Scalar) item).type != Yaml.Type.NULL) {
        cols[0] = ((Scalar) item).value;
      } else if (item instanceof Mapping) {
        Mapping m = (Mapping) item;
        ok &= values.keys(m, "an entry of " + where, keys);
        Node t = m.get(textKey);
        if (t == null) {
          values.missing(m, textKey, "an entry of " + where);
          ok = false;
          continue;
        }
        cols[0] = values.text(t, "the " + textKey + " of an entry of " + where);
        if (type == Type.TERMS) {
          cols[1] = m.get("category") == null ? null : values.name(m.get("category"), "a term's category");
          Double w = m.get("weight") == null ? null
              : values.number(m.get("weight"), "a term's weight", 0, false, 1, false);
          cols[2] = w == null ? null : Double.toString(w);
          cols[3] = m.get("id") == null ? null : values.text(m.get("id"), "a term's id");
        }
        cols[4] = m.get("mode") == null ? null : values.choice(m.get("mode"), "an entry's mode", MODES);
      } else {
        values.problems().error(item, "each entry of " + where + " must be a string or a mapping with '"
            + textKey + "' but this one is " + item.describe());
        ok = false;
        continue;
      }
      for (String c : cols) {
        if (c != null && (c.indexOf('\t') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0)) {
          values.problems().error(item, "an entry of " + where + " must not hold a tab or a line break");
          ok = false;
        }
      }
      if (cols[0] != null && cols[0].isBlank()) {
        values.problems().error(item, "an entry of " + where + " is empty");
        ok = false;
      } else if (cols[0] != null && cols[0].strip().startsWith("#")) {
        // The list format reads such lines as comments; a word term matches after '#' anyway.
        values.problems().error(item, "an entry of " + where + " must not start with '#' (list files"
            + " read such lines as comments); write the word alone: '" + Interpreter.shorten(
                cols[0].strip().substring(1)) + "' matches '" + Interpreter.shorten(cols[0].strip())
            + "' as a whole word");
        ok = false;
      }
      if (cols[0] != null) {
        list.positions.putIfAbsent(cols[0].strip(), new int[] {item.line, item.column});
      }
      text.append(cols[0] == null ? "" : cols[0].replace('\t', ' ').replaceAll("[\r\n]", " "));
      for (int i = 1; i < 5; i++) {
        text.append('\t').append(cols[i] == null ? "" : cols[i]);
      }
      text.append('\n');
    }
    if (!ok) {
      return null;
    }
    try {
      return loader.parse(new StringReader(text.toString()), where);
    } catch (TermList.TermListException e) {
      for (String p : e.problems()) {
        Matcher m = TERM_LINE.matcher(p);
        int index = m.matches() ? Integer.parseInt(m.group(1)) - 1 : -1;
        Node at = index >= 0 && index < s.items.size() ? s.items.get(index) : entries;
        values.problems().error(at, "entry of " + where + ": " + (m.matches() ? m.group(2) : p));
      }
      return null;
    }
  }

  private @Nullable DomainList domainFile(Node file, String where, ListDef list) {
    String path = values.text(file, "the file of " + where);
    Sources.Read r = path == null ? null : sources.read(path, file, values.problems());
    if (r == null) {
      return null;
    }
    list.file = r.display();
    try {
      return DomainList.load(new ByteArrayInputStream(r.bytes()), r.display());
    } catch (DomainList.DomainListException e) {
      reportLines(r.display(), e.problems(),
          Pattern.compile(Pattern.quote(r.display()) + ":(\\d+): (.*)", Pattern.DOTALL));
      return null;
    }
  }

  /** Domains written inline as a list of strings; each bad one is reported at its node. */
  @Nullable DomainList domainsInline(Node entries, String where) {
    List<Scalar> items = values.scalars(entries, "the domains of " + where);
    if (items == null) {
      return null;
    }
    if (items.isEmpty()) {
      values.problems().error(entries, where + " has no domains");
      return null;
    }
    boolean ok = true;
    StringBuilder text = new StringBuilder();
    for (Scalar item : items) {
      String d = item.value.strip();
      if (d.isEmpty() || d.startsWith("#") || d.indexOf('\n') >= 0 || d.indexOf('\r') >= 0) {
        values.problems().error(item, "'" + Interpreter.shorten(item.value) + "' is not a domain name");
        ok = false;
      }
      text.append(d).append('\n');
    }
    if (!ok) {
      return null;
    }
    try {
      return DomainList.parse(new StringReader(text.toString()), where);
    } catch (DomainList.DomainListException e) {
      Pattern line = Pattern.compile(Pattern.quote(where) + ":(\\d+): (.*)", Pattern.DOTALL);
      for (String p : e.problems()) {
        Matcher m = line.matcher(p);
        int index = m.matches() ? Integer.parseInt(m.group(1)) - 1 : -1;
        Node at = index >= 0 && index < items.size() ? items.get(index) : entries;
        values.problems().error(at, m.matches() ? m.group(2) : p);
      }
      return null;
    }
  }
}
