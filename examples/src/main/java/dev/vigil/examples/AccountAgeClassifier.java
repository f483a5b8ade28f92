package dev.vigil.examples;

import static java.util.Objects.requireNonNull;

import dev.vigil.Classifier;
import dev.vigil.Content;
import dev.vigil.Signal;

/**
 * A custom classifier, written the way a team writes its own signals: it reads the author's account
 * age from the content's metadata (attribute {@value #ATTRIBUTE}, in days) and scores how new the
 * account is. Brand-new accounts posting links are a classic spam pattern; combine it with a link
 * signal rather than using it alone.
 *
 * <p>Score: 1 for an account younger than a day, falling linearly to 0 at {@code maxDays}. Not
 * applicable when the attribute is absent; a value that is not a number is a failure of this
 * classifier (contained by the policy), not of the evaluation. No evidence: metadata has no span.
 */
public final class AccountAgeClassifier implements Classifier {
  /** The content attribute holding the account's age in days. */
  public static final String ATTRIBUTE = "account_age_days";

  private final String name;
  private final double maxDays;

  /** A classifier named {@code name} whose score reaches zero at {@code maxDays}. */
  public AccountAgeClassifier(String name, double maxDays) {
    this.name = requireNonNull(name, "name");
    if (!(maxDays > 1.0 && maxDays < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("maxDays must be finite and > 1 but was " + maxDays);
    }
    this.maxDays = maxDays;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Signal classify(Content content) {
    String value = content.attributes().get(ATTRIBUTE);
    if (value == null) {
      return Signal.notApplicable("no " + ATTRIBUTE + " attribute");
    }
    double days = Double.parseDouble(value.strip());
    if (!(days >= 0)) {
      throw new IllegalArgumentException(ATTRIBUTE + " must be a number >= 0 but was " + value);
    }
    double score = days < 1.0 ? 1.0 : Math.max(0.0, (maxDays - days) / (maxDays - 1.0));
    return Signal.of(score);
  }

  @Override
  public String expression() {
    return "accountAge(" + name + ")";
  }

  @Override
  public String toString() {
    return expression();
  }
}
