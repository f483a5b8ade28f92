package dev.vigil.lucene;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.QueryVisitor;

/**
 * An immutable snapshot of query rules, compiled for matching many rules per document in the style of
 * Lucene's Monitor: rules are indexed by their terms, a presearcher selects the candidate rules from a
 * document's terms, and only those run, against the document in a one-document in-memory index
 * ({@link MemoryIndex}); the matching words' offsets (Lucene's {@code Matches} API) become evidence.
 *
 * <p><b>Where this departs from Lucene's Monitor.</b> The first version used the Monitor itself. Its
 * term presearcher indexes one term per conjunction, so a phrase of common words ("of the") makes a
 * rule a candidate for nearly every document: at 10,000 such rules it ran only 5 times as fast as
 * running every rule, and allocated a megabyte per 280-char post. Vigil's presearcher
 * ({@code RulePresearcher}) requires every term of a conjunction (all words of a phrase, both sides of
 * an {@code AND}), and decides single terms and two-word phrases (exact or with a slop) from the words'
 * positions without running Lucene; it is about 90 times as fast as running every rule on common words. It
 * has no background thread and no index to update: a snapshot is never modified. Add, replace or
 * remove rules by building a new snapshot and swapping it in a core {@link dev.vigil.Holder}
 * ({@link #replace}), so an evaluation sees one whole rule set. The presearcher's reduction of each query
 * is a necessary condition for a match, so it returns exactly the matches of running every rule (tested
 * against that naive reference on random rule sets and documents).
 *
 * <p>Each field of the content is matched as its own document, with unqualified query terms on a default
 * field, so evidence names the field it came from; a rule qualified with a field ({@code title:free})
 * sees only that field. A rule that fails to parse is rejected when the snapshot is built, with its id
 * and the parser's message; a rule that throws while matching is reported in the {@link Result} (the
 * others still count).
 *
 * <p><b>Lifecycle.</b> {@link #close()} marks a snapshot as retired; evaluations already using it finish,
 * and later calls to {@link #match} fail. {@link #replace} retires the snapshot it replaces. Thread safe.
 */
public final class QueryRules implements AutoCloseable {
  /**
   * The field that unqualified query terms search: every field of a content is indexed under it too.
   * Queries built in Java ({@link Builder#add(QueryRule, Query)}) name it, or a content field's name.
   */
  public static final String DEFAULT_FIELD = "_text";

  private final String analyzerName;
  private final Map<String, QueryRule> rules;
  private final Set<String> fields;
  private final Analyzer analyzer;
  private final String[] ids;
  private final Query[] queries;
  private final RulePresearcher presearcher;
  private final AtomicInteger users = new AtomicInteger(1);
  private final AtomicBoolean closed = new AtomicBoolean();

  private QueryRules(String analyzerName, Analyzer analyzer, Map<String, QueryRule> rules,
      Set<String> fields, String[] ids, Query[] queries) {
    this.analyzerName = analyzerName;
    this.analyzer = analyzer;
    this.rules = rules;
    this.fields = fields;
    this.ids = ids;
    this.queries = queries;
    this.presearcher = new RulePresearcher(java.util.Arrays.asList(queries));
  }

  /** One in-memory index per thread, reset after each document: building one per call allocates. */
  private static final ThreadLocal<MemoryIndex> INDEX = ThreadLocal.withInitial(() -> new MemoryIndex(true));

  /** A builder of rules analyzed with the named analyzer (see {@link RuleAnalyzers#byName}). */
  public static Builder builder(String analyzer) {
    return new Builder(analyzer, RuleAnalyzers.byName(analyzer));
  }

  /** A builder of rules analyzed with {@code analyzer}; {@code name} labels it. */
  public static Builder builder(String name, Analyzer analyzer) {
    return new Builder(name, analyzer);
  }

  /**
   * Reads rules from a UTF-8 file with one rule per line, {@code id<TAB>category<TAB>weight<TAB>query};
   * blank lines and lines starting with {@code #} are skipped.
   *
   * @throws QueryRulesException listing every bad line (with its number) and every rule that fails to
   *     parse (with its id and the parser's message); nothing is half-loaded
   */
  public static QueryRules load(Path file, String analyzer) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(r, file.toString(), builder(analyzer));
    }
  }

  /** Reads rules in the format of {@link #load} into {@code builder} and builds it. */
  public static QueryRules parse(Reader reader, String source, Builder builder) {
    List<String> problems = new ArrayList<>();
    int number = 0;
    try (BufferedReader lines = new BufferedReader(reader)) {
      String line;
      while ((line = lines.readLine()) != null) {
        number++;
        if (line.isBlank() || line.strip().startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t", 4);
        if (cols.length != 4) {
          problems.add(source + ":" + number + ": expected id, category, weight and query separated "
              + "by tabs but found " + cols.length + " column(s)");
          continue;
        }
        try {
          builder.add(new QueryRule(cols[0].strip(), cols[1].strip(), Double.parseDouble(cols[2].strip()),
              cols[3].strip()));
        } catch (NumberFormatException e) {
          problems.add(source + ":" + number + ": weight '" + cols[2].strip() + "' is not a number");
        } catch (IllegalArgumentException e) {
          problems.add(source + ":" + number + ": " + e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read query rules " + source, e);
    }
    if (!problems.isEmpty()) {
      // Report the parse errors of the rules that were read too, so one round fixes everything.
      try {
        builder.build().close();
      } catch (QueryRulesException e) {
        problems.addAll(e.problems());
      }
      throw new QueryRulesException(problems);
    }
    return builder.build();
  }

  /**
   * Puts {@code next} into {@code holder} and closes the snapshot it replaces (which is released once the
   * evaluations using it finish).
   */
  public static void replace(dev.vigil.Holder<QueryRules> holder, QueryRules next) {
    QueryRules previous = holder.set(requireNonNull(next, "next"));
    if (previous != next) {
      previous.close();
    }
  }

  /** The rules, by id, in the order they were added. */
  public Map<String, QueryRule> rules() {
    return rules;
  }

  /** How many rules. */
  public int size() {
    return rules.size();
  }

  /** The analyzer's name. */
  public String analyzer() {
    return analyzerName;
  }

  /** One hit: a rule matched in a field, at a span of the original text. */
  public record Match(int field, String rule, int start, int end) {}

  /** What matching found: the hits, and the rules that failed while matching. */
  public record Result(List<Match> matches, Map<String, Exception> errors) {}

  /**
   * Matches every rule against the fields; {@code names[i]} is the name of the field whose text is
   * {@code texts[i]}. Collects every hit; {@link #match(String[], String[], MatchSink)} streams them.
   *
   * @throws IllegalStateException if the snapshot has been retired and released
   */
  public Result match(String[] names, String[] texts) {
    List<Match> matches = new ArrayList<>();
    Map<String, Exception> errors = new LinkedHashMap<>();
    match(names, texts, new MatchSink() {
      @Override
      public void onMatch(int field, int rule, int start, int end) {
        matches.add(new Match(field, ids[rule], start, end));
      }

      @Override
      public void onError(int rule, Exception e) {
        errors.put(ids[rule], e);
      }
    });
    return new Result(matches, Map.copyOf(errors));
  }

  /** Receives hits as primitives, in field order; a rule's index is its position in {@link #ruleIds}. */
  public interface MatchSink {
    /** Rule {@code rule} matched field {@code field} at {@code [start, end)} of its original text. */
    void onMatch(int field, int rule, int start, int end);

    /** Rule {@code rule} threw while matching; the others go on. */
    void onError(int rule, Exception e);
  }

  /** The rules' ids, indexed as {@link MatchSink} reports them. */
  public List<String> ruleIds() {
    return List.of(ids);
  }

  /**
   * Matches every rule against the fields, passing each hit to {@code sink} without collecting them.
   *
   * @throws IllegalStateException if the snapshot has been retired and released
   */
  public void match(String[] names, String[] texts, MatchSink sink) {
    if (!acquire()) {
      throw new IllegalStateException("query rules were closed");
    }
    try {
      for (int i = 0; i < texts.length; i++) {
        String[] docFields = fields.contains(names[i]) ? new String[] {DEFAULT_FIELD, names[i]}
            : new String[] {DEFAULT_FIELD};
        Map<String, int[]> terms = RulePresearcher.terms(analyzer, docFields, texts[i]);
        BitSet candidates = presearcher.candidates(terms);
        if (candidates.isEmpty()) {
          continue;
        }
        MemoryIndex index = null;
        try {
          IndexSearcher searcher = null;
          LeafReaderContext leaf = null;
          for (int r = candidates.nextSetBit(0); r >= 0; r = candidates.nextSetBit(r + 1)) {
            if (presearcher.isPair(r)) {
              // Two-word phrases are decided from the positions the presearcher already has.
              presearcher.pairSpans(r, terms, i, sink);
              continue;
            }
            if (index == null) {
              index = INDEX.get();
              index.reset();
              for (String f : docFields) {
                index.addField(f, texts[i], analyzer);
              }
              searcher = index.createSearcher();
              leaf = searcher.getIndexReader().leaves().get(0);
            }
            try {
              Query rewritten = searcher.rewrite(queries[r]);
              Weight weight = searcher.createWeight(rewritten, ScoreMode.COMPLETE_NO_SCORES, 1f);
              Matches found = weight.matches(leaf, 0);
              if (found == null) {
                continue;
              }
              boolean any = false;
              for (String f : found) {
                MatchesIterator it = found.getMatches(f);
                if (it == null) {
                  continue;
                }
                while (it.next()) {
                  int start = it.startOffset();
                  int end = it.endOffset();
                  if (start >= 0 && start <= end && end <= texts[i].length()) {
                    sink.onMatch(i, r, start, end);
                    any = true;
                  }
                }
              }
              if (!any) {
                // A match without positions (a purely negative or match-all query): the whole field.
                sink.onMatch(i, r, 0, texts[i].length());
              }
            } catch (IOException | RuntimeException e) {
              sink.onError(r, e);
            }
          }
        } finally {
          if (index != null) {
            index.reset();
          }
        }
      }
    } finally {
      release();
    }
  }

  /** The rule with index {@code r} (see {@link #ruleIds}). */
  QueryRule rule(int r) {
    return rules.get(ids[r]);
  }

  boolean acquire() {
    while (true) {
      int u = users.get();
      if (u == 0) {
        return false;
      }
      if (users.compareAndSet(u, u + 1)) {
        return true;
      }
    }
  }

  void release() {
    users.decrementAndGet();
  }

  /** Releases the snapshot once no evaluation is using it. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      release();
    }
  }

  @Override
  public String toString() {
    return "QueryRules(" + rules.size() + " rules, " + analyzerName + ")";
  }

  /** Rules that could not be read or parsed; {@link #problems()} has one message per rule or line. */
  public static final class QueryRulesException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    QueryRulesException(List<String> problems) {
      super(problems.size() + " bad query rule(s): "
          + String.join("; ", problems.subList(0, Math.min(problems.size(), 20)))
          + (problems.size() > 20 ? "; ..." : ""));
      this.problems = List.copyOf(problems);
    }

    /** One message per bad rule or line. */
    public List<String> problems() {
      return problems;
    }
  }

  /** Builds a {@link QueryRules} snapshot. Not thread safe. */
  public static final class Builder {
    private final String analyzerName;
    private final Analyzer analyzer;
    private final Map<String, QueryRule> rules = new LinkedHashMap<>();
    /** Queries built in Java rather than parsed, by rule id. */
    private final Map<String, Query> prebuilt = new LinkedHashMap<>();

    private Builder(String analyzerName, Analyzer analyzer) {
      this.analyzerName = requireNonNull(analyzerName, "analyzerName");
      this.analyzer = requireNonNull(analyzer, "analyzer");
    }

    /**
     * Adds a rule.
     *
     * @throws IllegalArgumentException if a rule with the same id was added
     */
    public Builder add(QueryRule rule) {
      requireNonNull(rule, "rule");
      if (rules.putIfAbsent(rule.id(), rule) != null) {
        throw new IllegalArgumentException("duplicate query rule id '" + rule.id() + "'");
      }
      return this;
    }

    /**
     * Adds a rule whose query is built in Java rather than parsed: any Lucene {@link Query} (interval
     * and span queries, or a team's own), for what the query syntax cannot say. The rule's query text
     * is then not parsed; it stays the rule's description in explanations. The query runs as parsed
     * ones do, against the same fields and analyzer, and a query that fails while matching is
     * contained as theirs are.
     *
     * @throws IllegalArgumentException if a rule with the same id was added
     */
    public Builder add(QueryRule rule, Query query) {
      requireNonNull(query, "query");
      add(rule);
      prebuilt.put(rule.id(), query);
      return this;
    }

    /** Adds rules. */
    public Builder addAll(Collection<QueryRule> all) {
      all.forEach(this::add);
      return this;
    }

    /**
     * Parses every rule and indexes them.
     *
     * @throws QueryRulesException naming every rule that fails to parse, with the parser's message
     */
    public QueryRules build() {
      List<String> problems = new ArrayList<>();
      List<String> parsedIds = new ArrayList<>();
      List<Query> parsedQueries = new ArrayList<>();
      Set<String> fields = new HashSet<>();
      for (QueryRule r : rules.values()) {
        QueryParser parser = new QueryParser(DEFAULT_FIELD, analyzer);
        Query q;
        try {
          Query given = prebuilt.get(r.id());
          q = given != null ? given : parser.parse(r.query());
        } catch (ParseException | RuntimeException e) {
          String message = e.getMessage() == null ? e.getClass().getSimpleName()
              : e.getMessage().lines().findFirst().orElse("");
          problems.add("rule '" + r.id() + "': " + message);
          continue;
        }
        q.visit(new QueryVisitor() {
          @Override
          public boolean acceptField(String field) {
            fields.add(field);
            return true;
          }
        });
        parsedIds.add(r.id());
        parsedQueries.add(q);
      }
      if (!problems.isEmpty()) {
        throw new QueryRulesException(problems);
      }
      fields.remove(DEFAULT_FIELD);
      String[] ids = parsedIds.toArray(new String[0]);
      Query[] parsed = parsedQueries.toArray(new Query[0]);
      return new QueryRules(analyzerName, analyzer, java.util.Collections.unmodifiableMap(
          new LinkedHashMap<>(rules)), Set.copyOf(fields), ids, parsed);
    }
  }
}
