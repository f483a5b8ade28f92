package dev.vigil.text;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A term list as analysts keep them: loaded from a file or stream, checked whole, and immutable.
 *
 * <h2>Format</h2>
 * UTF-8 text, one term per line. Blank lines and lines whose first non-blank character is {@code #} are
 * skipped. A line may carry up to five tab-separated columns, {@code term, category, weight, id, mode};
 * an empty or missing column takes the loader's default (category {@code "default"}, weight 1, the term
 * itself as id, mode {@code word}). Modes: {@code word}, {@code prefix}, {@code suffix},
 * {@code anywhere}. Columns are trimmed.
 *
 * <pre>
 * # scam phrases, 2026-11-25
 * double your bitcoin	scam	0.9
 * giveaway	scam	0.4	giveaway-1	prefix
 * </pre>
 *
 * <h2>Errors</h2>
 * Every bad line (a weight that is not a number in [0, 1], an unknown mode, too many columns, invalid
 * UTF-8, a term that normalizes to nothing under the loader's normalizer) is reported with its line
 * number, all of them in one {@link TermListException}; nothing is half-loaded. Lines repeating an
 * earlier term with the same mode are merged into the first and counted in {@link #duplicates()}.
 */
public final class TermList {
  private final String source;
  private final List<Term> terms;
  private final int duplicates;

  private TermList(String source, List<Term> terms, int duplicates) {
    this.source = source;
    this.terms = List.copyOf(terms);
    this.duplicates = duplicates;
  }

  /** A loader with default settings. */
  public static Loader loader() {
    return new Loader();
  }

  /** Loads a file with default settings. */
  public static TermList load(Path file) throws IOException {
    return loader().load(file);
  }

  /** Where the list came from (a file name, or what the caller said). */
  public String source() {
    return source;
  }

  /** The terms, in file order, duplicates merged. */
  public List<Term> terms() {
    return terms;
  }

  /** How many lines repeated an earlier term and were merged into it. */
  public int duplicates() {
    return duplicates;
  }

  @Override
  public String toString() {
    return "TermList{" + source + ": " + terms.size() + " terms, " + duplicates + " duplicates}";
  }

  /** Thrown when a term list has bad lines; {@link #problems()} lists each with its line number. */
  public static final class TermListException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    TermListException(String source, List<String> problems) {
      super(source + ": " + problems.size() + " bad line(s): "
          + String.join("; ", problems.subList(0, Math.min(20, problems.size())))
          + (problems.size() > 20 ? "; ..." : ""));
      this.problems = List.copyOf(problems);
    }

    /** Each problem, as {@code line N: message}. */
    public List<String> problems() {
      return problems;
    }
  }

  /** Loads term lists with chosen defaults. Not thread safe; reusable. */
  public static final class Loader {
    private String category = "default";
    private MatchMode mode = MatchMode.WORD;
    private double weight = 1.0;
    private @Nullable Normalizer normalizer = Normalizer.standard();

    private Loader() {}

    /** The category of lines that give none. */
    public Loader category(String category) {
      requireNonNull(category, "category");
      if (category.isBlank()) {
        throw new IllegalArgumentException("category must not be blank");
      }
      this.category = category;
      return this;
    }

    /** The mode of lines that give none. */
    public Loader mode(MatchMode mode) {
      this.mode = requireNonNull(mode, "mode");
      return this;
    }

    /** The weight of lines that give none, in [0, 1]. */
    public Loader weight(double weight) {
      if (!(weight >= 0.0 && weight <= 1.0)) {
        throw new IllegalArgumentException("weight must be in [0, 1] but was " + weight);
      }
      this.weight = weight;
      return this;
    }

    /**
     * The normalizer the list will be matched with: a term that normalizes to nothing under it is a bad
     * line. {@link Normalizer#standard()} unless set.
     */
    public Loader normalizer(Normalizer normalizer) {
      this.normalizer = requireNonNull(normalizer, "normalizer");
      return this;
    }

    /** Loads a file; its name is the source in messages. */
    public TermList load(Path file) throws IOException {
      try (InputStream in = Files.newInputStream(file)) {
        return load(in, file.toString());
      }
    }

    /** Loads a UTF-8 stream (not closed). */
    public TermList load(InputStream in, String source) {
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)), source);
    }

    /** Parses text from a reader (not closed). */
    public TermList parse(Reader reader, String source) {
      requireNonNull(reader, "reader");
      requireNonNull(source, "source");
      BufferedReader r = reader instanceof BufferedReader ? (BufferedReader) reader
          : new BufferedReader(reader);
      List<Term> terms = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      int duplicates = 0;
      int number = 0;
      try {
        String line;
        while ((line = r.readLine()) != null) {
          number++;
          if (number == 1 && line.startsWith("\ufeff")) {
            line = line.substring(1);
          }
          String stripped = line.strip();
          if (stripped.isEmpty() || stripped.startsWith("#")) {
            continue;
          }
          Term t;
          try {
            t = parseLine(line);
          } catch (IllegalArgumentException e) {
            problems.add("line " + number + ": " + e.getMessage());
            continue;
          }
          if (normalizer != null && normalizer.units(t.text()).isEmpty()) {
            problems.add("line " + number + ": term '" + t.text() + "' normalizes to nothing under"
                + " the " + normalizer + " normalizer");
            continue;
          }
          if (!seen.add(t.mode() + "\u0000" + t.text())) {
            duplicates++;
            continue;
          }
          terms.add(t);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(source + ": cannot read after line " + number, e);
      }
      if (!problems.isEmpty()) {
        throw new TermListException(source, problems);
      }
      return new TermList(source, terms, duplicates);
    }

    private Term parseLine(String line) {
      if (line.indexOf('\ufffd') >= 0) {
        throw new IllegalArgumentException("invalid UTF-8");
      }
      String[] cols = line.split("\t", -1);
      if (cols.length > 5) {
        throw new IllegalArgumentException("expected at most 5 tab-separated columns"
            + " (term, category, weight, id, mode) but found " + cols.length);
      }
      String text = cols[0].strip();
      if (text.isEmpty()) {
        throw new IllegalArgumentException("the term column is empty");
      }
      String cat = cols.length > 1 && !cols[1].isBlank() ? cols[1].strip() : category;
      double w = weight;
      if (cols.length > 2 && !cols[2].isBlank()) {
        try {
          w = Double.parseDouble(cols[2].strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("weight must be a number in [0, 1] but was '"
              + cols[2].strip() + "'");
        }
        if (!(w >= 0.0 && w <= 1.0)) {
          throw new IllegalArgumentException("weight must be in [0, 1] but was " + cols[2].strip());
        }
      }
      String id = cols.length > 3 && !cols[3].isBlank() ? cols[3].strip() : text;
      MatchMode m = mode;
      if (cols.length > 4 && !cols[4].isBlank()) {
        try {
          m = MatchMode.valueOf(cols[4].strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("mode must be word, prefix, suffix or anywhere but was '"
              + cols[4].strip() + "'");
        }
      }
      return new Term(id, text, cat, w, m);
    }
  }
}
