package dev.vigil.benchmarks;

import dev.vigil.Content;
import dev.vigil.Signal;
import dev.vigil.text.Normalizer;
import dev.vigil.text.TermClassifier;
import dev.vigil.text.TermMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Chat-sized messages (about 30 chars, rebar's {@code en-sampled} lines or generated ones) against the
 * 5,000-term list with the {@code standard} and the {@code aggressive} preset: messages per second through the allocation-free
 * callback, and through the {@link TermClassifier} that builds a {@link Signal}. With
 * {@code hits=none} every message is one that matches nothing: {@code gc.alloc.rate.norm} must then be
 * zero on both paths.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ShortMessageBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ShortMessageBenchmark {
  static final int MESSAGES = 4096;

  /** Whether the messages are a natural sample ({@code some}) or only messages without hits. */
  @Param({"some", "none"})
  public String hits;

  /**
   * The normalizer preset: {@code standard}, or {@code aggressive} (leetspeak, separators, repeats),
   * which the lists of slurs and threats use; both in one run, so that their ratio is measured.
   */
  @Param({"standard", "aggressive"})
  public String preset;

  /**
   * The list: {@code words5000} (the blocklist, a hit every 1,500 chars of these lines) or {@code
   * hits5000} (5,000 words drawn from a large English dictionary, a hit every 100 chars or so: the
   * report path's cost shows) or {@code random100000} (100,000 random words, {@link
   * LargeDictionaryBenchmark}'s list: the size at which issue 22 measured 25x between the presets on
   * chat lines). {@link #roklenarcic} scans the same messages with the fastest peer.
   */
  @Param({"words5000", "hits5000", "random100000"})
  public String list;

  private TermMatcher matcher;
  private TermClassifier classifier;
  private TermEngines.Engine peer;
  private String[] messages;
  private Content[] contents;
  private final TermEngines.Counter counter = new TermEngines.Counter();

  /** Builds the matcher and picks the messages. */
  @Setup
  public void setUp() {
    List<String> words;
    if (list.equals("random100000")) {
      words = BenchData.randomWords(100_000, 1_000_003);
    } else if (list.equals("hits5000")) {
      List<String> dict = BenchData.has("en-dict.txt") ? BenchData.lines("en-dict.txt")
          : BenchData.randomWords(127_000, 127);
      words = BenchData.sample(dict, 5000, 80);
    } else {
      words = BenchData.has("words-5000.txt") ? BenchData.lines("words-5000.txt")
          : BenchData.randomWords(5000, 5000);
    }
    List<String> lines = BenchData.has("en-sampled.txt") ? BenchData.lines("en-sampled.txt")
        : BenchData.generatedLines(words, 30_000, 1);
    matcher = TermEngines.vigilMatcher(words, Normalizer.preset(preset));
    classifier = TermClassifier.of("words", matcher);
    peer = TermEngines.ROKLENARCIC.build(words);
    List<String> chosen = new ArrayList<>();
    for (String line : lines) {
      if (hits.equals("some") || matcher.find(line).isEmpty()) {
        chosen.add(line);
      }
      if (chosen.size() == MESSAGES) {
        break;
      }
    }
    messages = chosen.toArray(new String[0]);
    contents = new Content[messages.length];
    for (int i = 0; i < messages.length; i++) {
      contents[i] = Content.of(messages[i]);
    }
    if (messages.length != MESSAGES) {
      throw new IllegalStateException("only " + messages.length + " messages");
    }
  }

  /** The callback path: hits counted by a reusable handler. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public int callback() {
    int total = 0;
    for (String m : messages) {
      counter.count = 0;
      matcher.match(m, counter);
      total += counter.count;
    }
    return total;
  }

  /**
   * The fastest peer on the same messages (roklenarcic's {@code WholeWordMatchSet}, case-insensitive,
   * whole words, no normalization): the reference for the callback path's ratio. It does not depend on
   * {@code preset}.
   */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public int roklenarcic() {
    int total = 0;
    for (String m : messages) {
      total += peer.count(m);
    }
    return total;
  }

  /** The classifier path: a Signal per message, with evidence when it matches. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public void classifier(Blackhole bh) {
    for (Content c : contents) {
      bh.consume(classifier.classify(c));
    }
  }
}
