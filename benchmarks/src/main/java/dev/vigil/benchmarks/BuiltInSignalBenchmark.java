package dev.vigil.benchmarks;

import dev.vigil.Classifier;
import dev.vigil.Content;
import dev.vigil.Signal;
import dev.vigil.contact.Contacts;
import dev.vigil.links.DomainList;
import dev.vigil.links.Links;
import dev.vigil.text.TextFeatures;
import java.util.List;
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
 * The built-in signals other than term lists and expressions, one at a time, on {@link PolicyBenchmark}'s
 * 280-char posts: the text features, the contact details and the link signals. A policy that adds one
 * pays about this much per post (a link signal less when another link signal of the policy scanned the
 * post first: they share the scan). Found this way: mixed scripts took 3 to 4 µs per post and payment
 * handles 5 to 7, more than the rest of a typical policy (twenty-second session).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar BuiltInSignalBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BuiltInSignalBenchmark {
  private static final int POSTS = 1024;

  @Param({"shouting", "repeated-characters", "emoji-density", "mixed-scripts", "invisibles",
      "digit-share", "phone-number", "email-address", "crypto-address", "payment-handle", "link-count",
      "lookalike-domain"})
  public String signal;

  private Classifier classifier;
  private Content[] posts;
  private int next;

  @Setup
  public void setUp() {
    PolicyBenchmark source = new PolicyBenchmark();
    source.length = 280;
    source.setUp();
    String[] texts = source.texts();
    posts = new Content[POSTS];
    for (int i = 0; i < POSTS; i++) {
      posts[i] = Content.of(texts[i % texts.length]);
    }
    classifier = of(signal);
  }

  static Classifier of(String name) {
    switch (name) {
      case "shouting":
        return TextFeatures.shouting();
      case "repeated-characters":
        return TextFeatures.repeatedCharacters();
      case "emoji-density":
        return TextFeatures.emojiDensity();
      case "mixed-scripts":
        return TextFeatures.mixedScripts();
      case "invisibles":
        return TextFeatures.invisibles();
      case "digit-share":
        return TextFeatures.digitShare();
      case "phone-number":
        return Contacts.phoneNumbers();
      case "email-address":
        return Contacts.emailAddresses();
      case "crypto-address":
        return Contacts.cryptoAddresses();
      case "payment-handle":
        return Contacts.paymentHandles();
      case "link-count":
        return Links.count();
      case "lookalike-domain":
        return Links.lookalikes(DomainList.of(List.of("paypal.com", "apple.com", "example-bank.com")));
      default:
        throw new IllegalArgumentException("no built-in signal named '" + name + "'");
    }
  }

  /** One post through the signal (posts in turn, so that a cache of the last post does not answer). */
  @Benchmark
  public Signal classify() {
    Content post = posts[next];
    next = (next + 1) & (POSTS - 1);
    return classifier.classify(post);
  }
}
