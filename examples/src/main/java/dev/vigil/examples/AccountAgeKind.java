package dev.vigil.examples;

import dev.vigil.Classifier;
import dev.vigil.spi.Arguments;
import dev.vigil.spi.Parameter;
import dev.vigil.spi.SignalKind;
import java.util.List;

/**
 * {@code kind: account-age} for policy files: the {@link AccountAgeClassifier}, registered in
 * {@code META-INF/services/dev.vigil.spi.SignalKind} the way a team registers its own signals (a model
 * call, a reputation lookup) so that its analysts can use them from files.
 */
public final class AccountAgeKind implements SignalKind {
  /** For {@link java.util.ServiceLoader}. */
  public AccountAgeKind() {}

  @Override
  public String name() {
    return "account-age";
  }

  @Override
  public String description() {
    return "How new the author's account is, from the content attribute "
        + AccountAgeClassifier.ATTRIBUTE + " (days): 1 under a day old, falling to 0 at 'max-days';"
        + " not applicable without the attribute.";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(Parameter.of("max-days", Parameter.Type.NUMBER, "the age in days at which the score"
        + " reaches 0").greaterThan(1).defaultValue(30.0));
  }

  @Override
  public Classifier create(Arguments arguments) {
    return new AccountAgeClassifier(arguments.signal(), arguments.number("max-days"));
  }
}
