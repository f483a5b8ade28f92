package dev.vigil.benchmarks;

import static dev.vigil.Condition.total;

import dev.vigil.Classifier;
import dev.vigil.Classifiers;
import dev.vigil.Content;
import dev.vigil.Decision;
import dev.vigil.Policy;
import dev.vigil.SignalOptions;
import dev.vigil.links.Links;
import dev.vigil.policy.PolicyLoader;
import dev.vigil.text.Normalizer;
import dev.vigil.text.RegexClassifier;
import dev.vigil.text.Term;
import dev.vigil.text.TermClassifier;
import dev.vigil.text.TermLists;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

/**
 * A realistic full policy on 280-char posts and 5 KB documents: two term lists (5,000 and 50,000 terms,
 * {@code standard} preset, matched in one pass as a {@link TermLists} group; {@code policySeparateLists}
 * gives each its own pass), three regular expressions, the link-count signal, a composite rule, category
 * caps and thresholds. In the same run:
 * <ul>
 *   <li>{@code policyFromFile}: the same policy written as a policy file (its two lists as list files)
 *       and loaded with {@code PolicyLoader}; set-up checks that it decides exactly as the Java policy
 *       on every post, so the two rows compare the same work;
 *   <li>{@code speedOfLight}: one scalar pass over the same chars doing the least work a matcher must
 *       do, a table look-up per char whose result feeds the next step (so the JIT cannot vectorize it
 *       away); read every other row as a fraction of it;
 *   <li>{@code sensitiveWord}: the reference row, {@code com.github.houbb:sensitive-word:0.25.0} with all
 *       its normalizations on, over the same posts and the 5,000-term list.
 * </ul>
 * Throughput is per thread (one core); allocation per post comes from {@code -prof gc}
 * ({@code gc.alloc.rate.norm}).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar PolicyBenchmark -prof gc -rf json -rff policy.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PolicyBenchmark {
  private static final int POSTS = 1024;

  /** Characters per post. */
  @Param({"280", "5000"})
  public int length;

  private Policy policy;
  private Policy separateLists;
  private TermEngines.Engine sensitiveWord;
  private Content[] posts;
  private String[] texts;
  private List<String> small;
  private List<String> large;
  private int[] table;
  private int next;

  /** Builds the policy and the reference, and the posts from the corpora or a fixed seed. */
  @Setup
  public void setUp() {
    small = BenchData.has("words-5000.txt") ? BenchData.lines("words-5000.txt")
        : BenchData.randomWords(5000, 5000);
    large = new ArrayList<>(BenchData.randomWords(45_000, 50_000));
    SplittableRandom r = new SplittableRandom(7);
    List<String> filler = BenchData.randomWords(5000, 77);
    while (large.size() < 50_000) {
      large.add(filler.get(r.nextInt(filler.size())) + " " + filler.get(r.nextInt(filler.size())));
    }
    List<String> lines = BenchData.has("en-sampled.txt") ? BenchData.lines("en-sampled.txt")
        : BenchData.generatedLines(small, 30_000, 1);
    policy = policy(small, large, true);
    separateLists = policy(small, large, false);
    sensitiveWord = TermEngines.SENSITIVE_WORD.build(small);

    String[] extras = {"https://example.com/win", "call 555 0123", "guaranteed returns", "www.example.org",
        "you idiot", "double your bitcoin"};
    posts = new Content[POSTS];
    texts = new String[POSTS];
    int line = 0;
    for (int i = 0; i < POSTS; i++) {
      StringBuilder sb = new StringBuilder(length + 300);
      while (sb.length() < length) {
        if (r.nextInt(12) == 0) {
          sb.append(extras[r.nextInt(extras.length)]).append(' ');
        }
        sb.append(lines.get(line++ % lines.size())).append(' ');
      }
      texts[i] = sb.substring(0, length);
      posts[i] = Content.of(texts[i]);
    }
    table = new int[65536];
    for (int c = 0; c < table.length; c++) {
      table[c] = Character.isLetterOrDigit(c) ? 1 + (c & 7) : 0;
    }
  }

  /** The generated posts (after {@link #setUp}). */
  String[] texts() {
    return texts.clone();
  }

  /** The full policy (after {@link #setUp}). */
  Policy fullPolicy() {
    return policy;
  }

  /** The posts as content (after {@link #setUp}). */
  Content[] posts() {
    return posts.clone();
  }

  /** The 5,000-term list. */
  List<String> smallList() {
    return small;
  }

  /** The 50,000-term list. */
  List<String> largeList() {
    return large;
  }

  /**
   * The policy. With {@code sharedLists}, the two term lists are one {@link TermLists} group (one pass
   * over each post for both, as a policy with several lists is meant to be built); without, each is
   * its own {@link TermClassifier} with its own pass.
   */
  static Policy policy(List<String> small, List<String> large, boolean sharedLists) {
    return builder(small, large, sharedLists).build();
  }

  /** The policy's builder, for benchmarks that add signals to it. */
  static Policy.Builder builder(List<String> small, List<String> large, boolean sharedLists) {
    return builder(small, large, sharedLists, Normalizer.none(), false, false);
  }

  /**
   * The policy's builder with its regular expressions reading text through {@code regexNormalizer}; with
   * {@code twoCategories}, every other blocklist term in category {@code threat} (the rest in
   * {@code abuse}); with {@code split}, the blocklist split by evidence into {@code threat}.
   */
  static Policy.Builder builder(List<String> small, List<String> large, boolean sharedLists,
      Normalizer regexNormalizer, boolean twoCategories, boolean split) {
    Classifier blocklist;
    Classifier watchlist;
    List<Term> blockTerms = terms(small);
    if (twoCategories) {
      for (int i = 1; i < blockTerms.size(); i += 2) {
        Term t = blockTerms.get(i);
        blockTerms.set(i, new Term(t.id(), t.text(), "threat", t.weight(), t.mode()));
      }
    }
    if (sharedLists) {
      TermLists lists = TermLists.builder().normalizer(Normalizer.standard())
          .list("blocklist", blockTerms).list("watchlist", terms(large)).build();
      blocklist = lists.classifier("blocklist");
      watchlist = lists.classifier("watchlist");
    } else {
      blocklist = TermClassifier.of("blocklist", TermEngines.vigilMatcher(small, Normalizer.standard()));
      watchlist = TermClassifier.of("watchlist", TermEngines.vigilMatcher(large, Normalizer.standard()));
    }
    Classifier scam = RegexClassifier.builder("scam",
            "(?i)\\b(guaranteed (returns|profits?)|double your (money|bitcoin|crypto))\\b")
        .category("scam").normalizer(regexNormalizer).build();
    Classifier insults = RegexClassifier.builder("insults", "(?i)\\b(idiot|moron|loser)s?\\b")
        .category("abuse").normalizer(regexNormalizer).build();
    Classifier phone = RegexClassifier.builder("phone", "\\b\\d{3}[ .-]\\d{4}\\b").category("spam")
        .normalizer(regexNormalizer).build();
    Classifier links = Links.count();
    SignalOptions blockOptions = SignalOptions.in("abuse").weight(0.3);
    return Policy.builder("bench").version("1")
        .signal(blocklist, split ? blockOptions.splitByEvidence("threat") : blockOptions)
        .signal(watchlist, SignalOptions.in("spam").weight(0.2))
        .signal(scam, SignalOptions.in("scam").weight(0.6))
        .signal(insults, SignalOptions.in("abuse").weight(0.7))
        .signal(phone, SignalOptions.in("spam").weight(0.3))
        .signal(links, SignalOptions.in("spam").weight(0.4))
        .signal(Classifiers.allOf(scam, links.or(phone)).named("scam-contact"), "scam")
        .categoryCap("spam", 0.6)
        .removeWhen(total().atLeast(1.0))
        .reviewWhen(total().atLeast(0.5));
  }

  /** The policy as a file, with its lists as list files, in a temporary folder, loaded. */
  static Policy policyFile(List<String> small, List<String> large) {
    try {
      Path dir = Files.createTempDirectory("vigil-bench-policy");
      Files.write(dir.resolve("blocklist.txt"), small, StandardCharsets.UTF_8);
      Files.write(dir.resolve("watchlist.txt"), large, StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("bench.yaml"), String.join("\n",
          "policy: bench",
          "version: \"1\"",
          "categories: {abuse: , spam: {cap: 0.6}, scam: }",
          "lists:",
          "  blocklist: {type: terms, file: blocklist.txt}",
          "  watchlist: {type: terms, file: watchlist.txt}",
          "signals:",
          "  blocklist: {kind: terms, lists: blocklist, category: abuse, weight: 0.3}",
          "  watchlist: {kind: terms, lists: watchlist, category: spam, weight: 0.2}",
          "  scam: {kind: regex, pattern: '(?i)\\b(guaranteed (returns|profits?)|double your"
              + " (money|bitcoin|crypto))\\b', category: scam, weight: 0.6}",
          "  insults: {kind: regex, pattern: '(?i)\\b(idiot|moron|loser)s?\\b', category: abuse,"
              + " weight: 0.7}",
          "  phone: {kind: regex, pattern: '\\b\\d{3}[ .-]\\d{4}\\b', category: spam, weight: 0.3}",
          "  link-count: {kind: links.count, category: spam, weight: 0.4}",
          "  scam-contact: {expression: 'allOf(scam, anyOf(link-count, phone))', category: scam}",
          "rules: ['remove when total >= 1.0', 'review when total >= 0.5']", ""), StandardCharsets.UTF_8);
      Policy p = PolicyLoader.defaults().load(dir.resolve("bench.yaml")).policy();
      for (String f : new String[] {"bench.yaml", "blocklist.txt", "watchlist.txt"}) {
        Files.delete(dir.resolve(f));
      }
      Files.delete(dir);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String fingerprint(Decision d) {
    StringBuilder sb = new StringBuilder(d.action() + " " + d.total() + " " + d.reason());
    for (Decision.SignalReport s : d.signals()) {
      sb.append('|').append(s.name()).append(' ').append(s.expression()).append(' ').append(s.signal())
          .append(s.signal().evidence());
    }
    return sb.toString();
  }

  private static List<Term> terms(List<String> words) {
    List<Term> terms = new ArrayList<>(words.size());
    for (String w : words) {
      terms.add(Term.of(w));
    }
    return terms;
  }

  /**
   * A variant of the policy for issue 21, in a state of its own so that the other rows' JVMs build
   * nothing more than before: {@code normalized-regexes}, its three regexes over normalized text
   * ({@code standard}; set-up checks it decides as the plain policy on these posts, which hold no
   * evasions, so the rows compare the same work); {@code two-categories}, the blocklist's terms in two
   * categories counted in one (the next variant's baseline); {@code split-by-evidence}, the same split
   * into its two categories.
   */
  @State(Scope.Benchmark)
  public static class Variant {
    @Param({"normalized-regexes", "two-categories", "split-by-evidence"})
    public String variant;

    Policy policy;

    @Setup
    public void setUp(PolicyBenchmark b) {
      boolean normalized = variant.equals("normalized-regexes");
      policy = builder(b.small, b.large, true, normalized ? Normalizer.standard() : Normalizer.none(),
          !normalized, variant.equals("split-by-evidence")).build();
      if (normalized) {
        for (Content post : b.posts) {
          String want = fingerprint(b.policy.evaluate(post));
          String got = fingerprint(policy.evaluate(post));
          if (!want.equals(got)) {
            throw new IllegalStateException("normalized regexes decide otherwise: " + got + " vs " + want);
          }
        }
      }
    }
  }

  /** The policy's variant (see {@link Variant}) on one post. */
  @Benchmark
  public Decision policyVariant(Variant v) {
    Content post = posts[next];
    next = (next + 1) & (POSTS - 1);
    return v.policy.evaluate(post);
  }

  /** The whole policy on one post, its two term lists matched in one pass. */
  @Benchmark
  public Decision policy() {
    Content post = posts[next];
    next = (next + 1) & (POSTS - 1);
    return policy.evaluate(post);
  }

  /**
   * The policy loaded from a file, in a state of its own so that the other rows' JVMs build nothing
   * more than before. Its set-up checks that it decides exactly as the Java policy on every post.
   */
  @State(Scope.Benchmark)
  public static class FromFile {
    Policy policy;

    /** Loads the file policy and compares it with the Java one, post by post. */
    @Setup
    public void setUp(PolicyBenchmark b) {
      List<String> small = b.small;
      policy = policyFile(small, b.large);
      for (Content post : b.posts) {
        String a = fingerprint(b.policy.evaluate(post));
        String f = fingerprint(policy.evaluate(post));
        if (!a.equals(f)) {
          throw new IllegalStateException("the file policy decides otherwise than the Java one:\n" + a
              + "\n" + f);
        }
      }
    }
  }

  /** The same policy, loaded from a policy file. */
  @Benchmark
  public Decision policyFromFile(FromFile file) {
    Content post = posts[next];
    next = (next + 1) & (POSTS - 1);
    return file.policy.evaluate(post);
  }

  /** The same policy with a pass per term list (two separate classifiers). */
  @Benchmark
  public Decision policySeparateLists() {
    Content post = posts[next];
    next = (next + 1) & (POSTS - 1);
    return separateLists.evaluate(post);
  }

  /** The reference row: sensitive-word, all normalizations on, the 5,000-term list. */
  @Benchmark
  public int sensitiveWord() {
    String text = texts[next];
    next = (next + 1) & (POSTS - 1);
    return sensitiveWord.count(text);
  }

  /** The least work a matcher must do over the same chars: a dependent table look-up per char. */
  @Benchmark
  public int speedOfLight() {
    String text = texts[next];
    next = (next + 1) & (POSTS - 1);
    int state = 0;
    for (int i = 0; i < text.length(); i++) {
      state = table[(text.charAt(i) + state) & 0xFFFF];
    }
    return state;
  }
}
