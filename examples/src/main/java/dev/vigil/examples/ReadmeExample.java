package dev.vigil.examples;

import dev.vigil.Classifier;
import dev.vigil.Condition;
import dev.vigil.Content;
import dev.vigil.Decision;
import dev.vigil.Policy;
import dev.vigil.SignalOptions;
import dev.vigil.text.Normalizer;
import dev.vigil.text.RegexClassifier;

/**
 * The code example of the README. A test checks that the README shows exactly the lines between the
 * markers, and runs them.
 */
public final class ReadmeExample {
  private ReadmeExample() {}

  /** Runs the README example and returns its decision. */
  public static Decision run() {
    // README-BEGIN
    Classifier links = RegexClassifier.of("links", "spam", "(?i)https?://\\S+");
    // Read as a reader sees it: "dоuble" with a Cyrillic о, "your\u200B" and "ＢＩＴＣＯＩＮ" match too.
    Classifier scam = RegexClassifier.builder("scam-phrases", "double your (money|bitcoin)")
        .category("scam").normalizer(Normalizer.standard()).build();

    Policy policy = Policy.builder("dm-scams").version("3")
        .signal(links, SignalOptions.in("spam").weight(0.4))
        .signal(scam.and(links).named("scam-link"), "scam")
        .removeWhen(Condition.total().atLeast(1.0))
        .reviewWhen(Condition.total().atLeast(0.4))
        .build();

    Decision decision = policy.evaluate(Content.of("Double your bitcoin: https://example.com/x"));
    System.out.println(decision.action()); // remove
    System.out.println(decision.explain());
    // README-END
    return decision;
  }

  /** Prints the README example's decision. */
  public static void main(String[] args) {
    run();
  }
}
