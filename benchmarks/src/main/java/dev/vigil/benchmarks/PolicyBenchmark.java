package dev.vigil.benchmarks;

import static dev.vigil.Condition.total;

import dev.vigil.Classifier;
import dev.vigil.Classifiers;
import dev.vigil.Content;
import dev.vigil.Decision;
import dev.vigil.Policy;
import dev.vigil.Signal;
import dev.vigil.SignalOptions;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of a whole policy (three regular expressions, a composite and a custom classifier) on
 * generated posts, against a speed-of-light baseline over the same characters.
 *
 * <p>Run (allocation per operation with {@code -prof gc}):
 * <pre>
 * ./mvnw -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar PolicyBenchmark -prof gc -rf json -rff policy.json
 * </pre>
 *
 * <p>Read the results as ratios: {@code evaluate} over {@code baseline} in the same run, since absolute
 * numbers differ between machines.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PolicyBenchmark {
  private static final String[] WORDS = {
    "the", "update", "is", "great", "shipping", "took", "two", "weeks", "thanks", "for", "the",
    "help", "carrots", "cumin", "meetup", "friday", "bike", "price", "fair", "offer", "photos",
    "forum", "post", "read", "pinned", "guaranteed", "returns", "click", "telegram", "idiot",
    "https://example.com/x", "DOUBLE", "bitcoin", "now", "\ud83d\ude00", "caf\u00e9", "na\u00efve"
  };
  private static final int POSTS = 1024;

  /** Characters per post. */
  @Param({"280", "5000"})
  public int length;

  private Policy policy;
  private Content[] posts;
  private String[] texts;
  private int[] table;
  private int next;

  /** Builds the policy and generates the posts from a fixed seed. */
  @Setup
  public void setUp() {
    Classifier links = Classifiers.regex("links", "spam", "(?i)\\b(?:https?://|www\\.)[^\\s<>\"']+");
    Classifier scam = Classifiers.regex("scam", "scam",
        "(?i)\\b(guaranteed (returns|profits?)|double your (money|bitcoin|crypto))\\b");
    Classifier insults = Classifiers.regex("insults", "abuse", "(?i)\\b(idiot|moron|loser)s?\\b");
    Classifier longPost = Classifier.of("long-post",
        c -> Signal.of(c.fieldCount() > 0 && c.fieldText(0).length() > 4000 ? 0.2 : 0.0));
    policy = Policy.builder("bench").version("1")
        .signal(links, SignalOptions.in("spam").weight(0.4))
        .signal(scam, SignalOptions.in("scam").weight(0.6))
        .signal(scam.and(links).named("scam-link"), "scam")
        .signal(insults, SignalOptions.in("abuse").weight(0.7))
        .signal(longPost, SignalOptions.in("spam").weight(0.5))
        .categoryCap("spam", 0.6)
        .removeWhen(total().atLeast(1.0))
        .reviewWhen(total().atLeast(0.5))
        .build();
    SplittableRandom random = new SplittableRandom(42);
    posts = new Content[POSTS];
    texts = new String[POSTS];
    for (int i = 0; i < POSTS; i++) {
      StringBuilder sb = new StringBuilder(length + 16);
      while (sb.length() < length) {
        sb.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
      }
      texts[i] = sb.substring(0, length);
      posts[i] = Content.of(texts[i]);
    }
    table = new int[65536];
    for (int c = 0; c < table.length; c++) {
      table[c] = Character.isLetterOrDigit(c) ? 1 + (c & 7) : 0;
    }
  }

  /** Evaluates the whole policy on one post. */
  @Benchmark
  public Decision evaluate() {
    Content post = posts[next];
    next = (next + 1) & (POSTS - 1);
    return policy.evaluate(post);
  }

  /**
   * The least work any matcher must do: one table look-up per character whose result feeds the next
   * step (so the JIT cannot vectorize it away).
   */
  @Benchmark
  public void baseline(Blackhole bh) {
    String text = texts[next];
    next = (next + 1) & (POSTS - 1);
    int state = 0;
    for (int i = 0; i < text.length(); i++) {
      state = table[(text.charAt(i) + state) & 0xFFFF];
    }
    bh.consume(state);
  }
}
