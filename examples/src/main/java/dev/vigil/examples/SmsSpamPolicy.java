package dev.vigil.examples;

import static dev.vigil.Condition.total;

import dev.vigil.Classifier;
import dev.vigil.Classifiers;
import dev.vigil.Policy;
import dev.vigil.SignalOptions;
import dev.vigil.contact.Contacts;
import dev.vigil.links.Links;
import dev.vigil.text.Normalizer;
import dev.vigil.text.RegexClassifier;
import dev.vigil.text.TermClassifier;
import dev.vigil.text.TermList;
import dev.vigil.text.TermMatcher;
import dev.vigil.text.TextFeatures;

/**
 * An example policy for SMS spam, built from Vigil's signals and a small phrase list of ours
 * ({@code sms-spam-terms.txt}): premium-rate short codes, prize and subscription wording, phone numbers,
 * links and payment details. Written by us for demonstration and for {@code ./vigil eval}; measure it on
 * your own traffic before trusting it.
 *
 * <p>How it decides: each signal adds weight x score to the {@code spam} category (capped at 1.5); the
 * item is removed at a total of 1.0 and reviewed at 0.6. A phone number or a link alone reaches neither;
 * together with spam wording or a short code they do.
 */
public final class SmsSpamPolicy {
  private SmsSpamPolicy() {}

  /** The policy's name. */
  public static final String NAME = "sms-spam";

  /** Builds the policy. */
  public static Policy create() {
    TermList phrases = BundledTerms.load("sms-spam-terms.txt", TermList.loader().category("spam"));
    TermMatcher matcher = TermMatcher.builder().normalizer(Normalizer.standard())
        .addAll(phrases.terms()).build();
    Classifier wording = TermClassifier.of("spam-wording", matcher);
    // "txt WIN to 87121", "send STOP to 62468": five-digit premium-rate short codes.
    RegexClassifier shortCode = RegexClassifier.builder("short-code",
            "(?i)\\b(?:txt|text|send|reply|call)\\b[^.\\n]{0,30}?\\bto\\b:?\\s*\\d{5}\\b")
        .category("spam").build();
    // £1000, $500, 150p, 1.50/week: money in a message from a stranger.
    RegexClassifier money = RegexClassifier.builder("money",
            "(?i)(?:[£$€]\\s?\\d[\\d,.]*|\\b\\d+(?:\\.\\d+)?p\\b|\\b\\d+(?:\\.\\d+)?\\s?(?:gbp|pounds?)\\b)")
        .category("spam").build();
    Classifier phone = Contacts.phoneNumbers();
    Classifier links = Links.count().between(0, 1).named("links");
    Classifier callToAction = Classifiers.atLeast(2, phone.or(links).named("phone-or-link"), wording,
        shortCode).named("contact-with-spam-wording");

    return Policy.builder(NAME).version("2026.11.25")
        .signal(wording, SignalOptions.in("spam").weight(0.7))
        .signal(shortCode, SignalOptions.in("spam").weight(0.6))
        .signal(money, SignalOptions.in("spam").weight(0.3))
        .signal(phone, SignalOptions.in("spam").weight(0.4))
        .signal(links, SignalOptions.in("spam").weight(0.3))
        .signal(Links.shorteners(), SignalOptions.in("spam").weight(0.3))
        .signal(Links.obfuscated(), SignalOptions.in("spam").weight(0.3))
        .signal(Links.ipHosts(), SignalOptions.in("spam").weight(0.3))
        .signal(Contacts.emailAddresses(), SignalOptions.in("spam").weight(0.2))
        .signal(Classifiers.anyOf(Contacts.cryptoAddresses(), Contacts.paymentHandles())
            .named("payment-details"), SignalOptions.in("spam").weight(0.4))
        .signal(callToAction, SignalOptions.in("spam").weight(0.5))
        .signal(TextFeatures.digitShare(), SignalOptions.in("spam").weight(0.2))
        .signal(TextFeatures.repeatedCharacters(), SignalOptions.in("spam").weight(0.1))
        .categoryCap("spam", 1.5)
        .removeWhen(total().atLeast(1.0))
        .reviewWhen(total().atLeast(0.6))
        .build();
  }
}
