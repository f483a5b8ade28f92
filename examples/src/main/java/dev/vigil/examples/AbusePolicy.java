package dev.vigil.examples;

import static dev.vigil.Condition.signal;
import static dev.vigil.Condition.total;

import dev.vigil.Action;
import dev.vigil.Classifier;
import dev.vigil.Policy;
import dev.vigil.SignalOptions;
import dev.vigil.text.Normalizer;
import dev.vigil.text.RegexClassifier;
import dev.vigil.text.TermClassifier;
import dev.vigil.text.TermList;
import dev.vigil.text.TermMatcher;
import dev.vigil.text.TextFeatures;

/**
 * An example policy for abusive language, built from Vigil's signals and a small term list of ours
 * ({@code abuse-terms.txt}: insults, profanity, slurs and threats, matched with the {@code aggressive}
 * preset so that {@code f.u.c.k} and {@code b1tch} count, with an allow-list for the classic
 * Scunthorpe words). Written by us for demonstration and for {@code ./vigil eval}; a bigger list comes
 * in with {@code --terms FILE}.
 *
 * <p>How it decides: the term signal's score is the noisy-or of the distinct terms hit; slurs and
 * threats go to their own categories through a second and third signal so that one slur or threat alone
 * is removed. Shouting and evasion (mixed scripts, invisible characters) add a little. Remove at a total
 * of 1.0, review at 0.5.
 */
public final class AbusePolicy {
  private AbusePolicy() {}

  /** The policy's name. */
  public static final String NAME = "abuse";

  /** Builds the policy. */
  public static Policy create() {
    TermList terms = BundledTerms.load("abuse-terms.txt", TermList.loader());
    Classifier insults = classifier("insults", terms, "insult", "profanity");
    Classifier slurs = classifier("slurs", terms, "hate");
    Classifier threats = classifier("threats", terms, "threat");
    RegexClassifier youAre = RegexClassifier.builder("you-are-insult",
            "(?i)\\b(you|u|ur|you'?re|youre)\\s+(are\\s+)?(a|an|such an?|so)?\\s*"
                + "(idiot|moron|loser|clown|bitch|retard|piece of shit)")
        .category("insult").build();
    return Policy.builder(NAME).version("2026.11.25")
        .signal(insults, SignalOptions.in("abuse").weight(1.0))
        .signal(youAre, SignalOptions.in("abuse").weight(0.5))
        .signal(slurs, SignalOptions.in("hate").weight(1.0))
        .signal(threats, SignalOptions.in("threat").weight(1.0))
        .signal(TextFeatures.shouting(), SignalOptions.in("abuse").weight(0.1))
        .signal(TextFeatures.mixedScripts(), SignalOptions.in("evasion").weight(0.3))
        .signal(TextFeatures.invisibles(), SignalOptions.in("evasion").weight(0.3))
        .forced(signal("threats").atLeast(0.9), Action.REMOVE)
        .removeWhen(total().atLeast(1.0))
        .reviewWhen(total().atLeast(0.5))
        .build();
  }

  private static Classifier classifier(String name, TermList terms, String... categories) {
    TermMatcher.Builder b = TermMatcher.builder().normalizer(Normalizer.aggressive())
        .allow("scunthorpe").allow("assassin").allow("cocktail").allow("shitake").allow("hoedown")
        .allow("cockpit").allow("dickens").allow("class").allow("bass").allow("pass");
    for (dev.vigil.text.Term t : terms.terms()) {
      for (String c : categories) {
        if (t.category().equals(c)) {
          b.add(t);
        }
      }
    }
    return TermClassifier.of(name, b.build());
  }
}
