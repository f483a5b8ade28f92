package dev.vigil.examples;

import static dev.vigil.Condition.signal;
import static dev.vigil.Condition.total;

import dev.vigil.Action;
import dev.vigil.Classifier;
import dev.vigil.Classifiers;
import dev.vigil.Policy;
import dev.vigil.SignalOptions;
import dev.vigil.contact.Contacts;
import dev.vigil.links.DomainList;
import dev.vigil.links.Links;
import dev.vigil.text.Normalizer;
import dev.vigil.text.RegexClassifier;
import dev.vigil.text.TextFeatures;

/**
 * The sample policy built with the fluent API: the Java twin of {@code examples/policies/sample.yaml},
 * which {@code ./vigil score} runs by default (a test keeps the two deciding alike). A small
 * community-forum policy, written by us for demonstration; not a production rule set. Policies usually
 * live in files that analysts own; build one in code when a signal needs objects a file cannot name.
 */
public final class SamplePolicy {
  private SamplePolicy() {}

  /** The policy's name. */
  public static final String NAME = "sample";

  /** Brands whose look-alike domains are phishing; an example list of ours. */
  static final DomainList BRANDS = DomainList.of("paypal.com", "example-bank.com", "microsoft.com");

  /** Domains blocked outright; an example list of ours. */
  static final DomainList BLOCKED = DomainList.of("double-your-coins.example", "free-giveaway.example");

  /** Builds the sample policy. */
  public static Policy create() {
    RegexClassifier scamPhrases = RegexClassifier.builder("scam-phrases",
            "(?i)\\b(guaranteed (returns|profits?)|double your (money|bitcoin|crypto)"
                + "|send (me )?(btc|bitcoin|eth|usdt)|investment opportunity|risk[- ]free)\\b")
        .category("scam").normalizer(Normalizer.standard()).build();
    Classifier links = Links.count().between(0, 1).named("links");
    RegexClassifier offPlatform = RegexClassifier.builder("off-platform-contact",
            "(?i)\\b(whats ?app|telegram|dm me|text me at)\\b")
        .category("spam").normalizer(Normalizer.standard()).build();
    RegexClassifier insults = RegexClassifier.builder("insults",
            "(?i)\\b(idiot|moron|loser|clown)s?\\b")
        .category("abuse").normalizer(Normalizer.standard()).build();
    RegexClassifier threats = RegexClassifier.builder("threats",
            "(?i)\\b(i will|i'?m going to|gonna) (hurt|find|kill) you\\b")
        .category("threat").normalizer(Normalizer.standard()).build();
    RegexClassifier newScamWording = RegexClassifier.builder("new-scam-wording",
            "(?i)\\b(airdrop|claim your (reward|tokens))\\b")
        .category("scam").normalizer(Normalizer.standard()).build();
    Classifier contact = Classifiers.anyOf(Contacts.phoneNumbers(), Contacts.emailAddresses())
        .named("contact-details");
    Classifier payment = Classifiers.anyOf(Contacts.cryptoAddresses(), Contacts.paymentHandles())
        .named("payment-details");
    Classifier scamWithLink = Classifiers.allOf(scamPhrases,
            Classifiers.anyOf(links, offPlatform, payment))
        .named("scam-with-link");

    return Policy.builder(NAME).version("2026.12.02")
        .signal(scamPhrases, SignalOptions.in("scam").weight(0.6))
        .signal(scamWithLink, SignalOptions.in("scam").weight(0.6))
        .signal(Links.blocked(BLOCKED), SignalOptions.in("scam"))
        .signal(Links.lookalikes(BRANDS), SignalOptions.in("scam").weight(0.8))
        .signal(payment, SignalOptions.in("scam").weight(0.4))
        .signal(links, SignalOptions.in("spam").weight(0.3))
        .signal(Links.obfuscated(), SignalOptions.in("spam").weight(0.4))
        .signal(Links.shorteners(), SignalOptions.in("spam").weight(0.2))
        .signal(Links.ipHosts(), SignalOptions.in("spam").weight(0.4))
        .signal(offPlatform, SignalOptions.in("spam").weight(0.3))
        .signal(contact, SignalOptions.in("spam").weight(0.2))
        .signal(TextFeatures.shouting(), SignalOptions.in("spam").weight(0.3))
        .signal(TextFeatures.mixedScripts(), SignalOptions.in("evasion").weight(0.5))
        .signal(TextFeatures.invisibles(), SignalOptions.in("evasion").weight(0.3))
        .signal(TextFeatures.emojiDensity(), SignalOptions.in("spam").weight(0.1))
        .signal(TextFeatures.repeatedCharacters(), SignalOptions.in("spam").weight(0.1))
        .signal(TextFeatures.digitShare(), SignalOptions.in("spam").weight(0.1))
        // atLeast(2, ...) rather than allOf: allOf skips a child that is not applicable (no account
        // age given) and would then fire on the link alone; atLeast needs both to answer.
        .signal(Classifiers.atLeast(2, new AccountAgeClassifier("account-age", 30), links)
            .named("new-account-link"), SignalOptions.in("spam").weight(0.5))
        .signal(insults, SignalOptions.in("abuse").weight(0.7))
        .signal(threats, SignalOptions.in("threat"))
        .shadow(newScamWording, "scam")
        .categoryCap("spam", 0.6)
        .categoryCap("scam", 1.0)
        .forced(signal("threats").atLeast(1.0), Action.REMOVE)
        .forced(signal("blocked-domain").atLeast(1.0), Action.REMOVE)
        .removeWhen(total().atLeast(1.0))
        .reviewWhen(total().atLeast(0.5))
        .build();
  }
}
