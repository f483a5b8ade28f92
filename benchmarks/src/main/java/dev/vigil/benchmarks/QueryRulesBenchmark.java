package dev.vigil.benchmarks;

import dev.vigil.lucene.QueryRule;
import dev.vigil.lucene.QueryRules;
import dev.vigil.lucene.RuleAnalyzers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.Query;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Many stored query rules matched per 280-char post: Vigil's {@link QueryRules} (Lucene's Monitor with a
 * term presearcher, highlights for evidence) against the naive loop (the post in one
 * {@link MemoryIndex}, every rule's query searched in it), in the same run. Half the rules are exact
 * phrases, half proximity ({@code "w1 w2"~3}); their words come either from the posts' own vocabulary
 * ({@code common}: realistic and hard, since frequent words select many candidates) or from words the
 * posts never use ({@code rare}). English analyzer. Documents per second; allocation with {@code -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class QueryRulesBenchmark {
  private static final int POSTS = 256;

  /** How many stored rules. */
  @Param({"100", "1000", "10000", "100000"})
  public int rules;

  /** Where the rules' words come from. */
  @Param({"common", "rare"})
  public String vocabulary;

  private QueryRules monitor;
  private Query[] queries;
  private Analyzer analyzer;
  private String[] posts;
  private int next;

  /** Builds the rules and the posts from the corpora or a fixed seed. */
  @Setup(Level.Trial)
  public void setUp() throws ParseException {
    List<String> lines = BenchData.has("en-sampled.txt") ? BenchData.lines("en-sampled.txt")
        : BenchData.generatedLines(BenchData.randomWords(5000, 5000), 30_000, 1);
    posts = new String[POSTS];
    List<String> postWords = new ArrayList<>();
    Set<String> vocab = new LinkedHashSet<>();
    int line = 0;
    for (int i = 0; i < POSTS; i++) {
      StringBuilder sb = new StringBuilder(400);
      while (sb.length() < 280) {
        sb.append(lines.get(line++ % lines.size())).append(' ');
      }
      posts[i] = sb.substring(0, 280);
      for (String w : posts[i].toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
        if (w.length() >= 3) {
          postWords.add(w);
          vocab.add(w);
        }
      }
    }
    List<String> rare = new ArrayList<>();
    for (String w : BenchData.randomWords(200_000, 99)) {
      if (!vocab.contains(w)) {
        rare.add(w);
      }
    }
    SplittableRandom r = new SplittableRandom(42);
    analyzer = RuleAnalyzers.english();
    QueryRules.Builder b = QueryRules.builder("english");
    queries = new Query[rules];
    QueryParser parser = new QueryParser("_text", analyzer);
    for (int i = 0; i < rules; i++) {
      // Common words are drawn by their frequency in the posts, as analysts' rules would be.
      String w1 = vocabulary.equals("common") ? postWords.get(r.nextInt(postWords.size()))
          : rare.get(r.nextInt(rare.size()));
      String w2 = vocabulary.equals("common") ? postWords.get(r.nextInt(postWords.size()))
          : rare.get(r.nextInt(rare.size()));
      String q = "\"" + w1 + " " + w2 + "\"" + (i % 2 == 0 ? "" : "~3");
      b.add(new QueryRule("r" + i, "c", 1.0, q));
      queries[i] = parser.parse(q);
    }
    monitor = b.build();
  }

  /** Releases the rule set. */
  @TearDown(Level.Trial)
  public void tearDown() {
    monitor.close();
  }

  /** Counts hits, as the naive loop counts matching rules. */
  private static final class Counter implements QueryRules.MatchSink {
    int hits;

    @Override
    public void onMatch(int field, int rule, int start, int end) {
      hits++;
    }

    @Override
    public void onError(int rule, Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private final Counter counter = new Counter();
  private final String[] body = {"body"};
  private final String[] text = new String[1];

  /** Vigil: the presearcher selects candidate rules; only those run; hits are streamed and counted. */
  @Benchmark
  public int presearcher() {
    text[0] = posts[next];
    next = (next + 1) & (POSTS - 1);
    counter.hits = 0;
    monitor.match(body, text, counter);
    return counter.hits;
  }

  /** The naive loop: every rule against the post's in-memory index. */
  @Benchmark
  public int naive() {
    String post = posts[next];
    next = (next + 1) & (POSTS - 1);
    MemoryIndex index = new MemoryIndex(true);
    index.addField("_text", post, analyzer);
    int hits = 0;
    for (Query q : queries) {
      if (index.search(q) > 0.0f) {
        hits++;
      }
    }
    return hits;
  }
}
