package dev.vigil;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;

/**
 * Looks at {@link Content} and returns a {@link Signal}: the one interface that every signal, built-in or
 * your own, implements.
 *
 * <p><b>Contract for implementations.</b>
 * <ul>
 *   <li>{@link #classify} is called concurrently from many threads: keep the classifier immutable, or
 *       make it thread safe. Do heavy work (compiling patterns, loading lists) when the classifier is
 *       built, never in {@code classify}.
 *   <li>Return {@link Signal#notApplicable()} when the content has nothing for you to look at, and
 *       {@link Signal#notMatched()} when you looked and found nothing.
 *   <li>Evidence offsets point into the original field text (see {@link Evidence}).
 *   <li>Exceptions are allowed to escape: policies and composites contain them and record a
 *       {@link Outcome#FAILED} signal. The same goes for returning null.
 *   <li>Never log the content's text: logs are read by people who must not see private messages.
 * </ul>
 *
 * <p>The default methods compose classifiers; see {@link Classifiers} for their exact semantics.
 * A composite's {@code toString()} prints its expression, built from its children's
 * {@link #expression()}: {@code allOf(regex(url), not(verified))}.
 *
 * <p>The test-jar of {@code vigil-core} has {@code ClassifierContract}, a set of jqwik properties every
 * classifier should pass; implement it in your classifier's test class.
 */
public interface Classifier {

  /**
   * The classifier's name, unique within a policy. It labels the signal in decisions and explanations.
   */
  String name();

  /**
   * Classifies the content. Must be thread safe and should not block; see the class comment.
   */
  Signal classify(Content content);

  /**
   * How this classifier prints inside a composite's expression. Defaults to {@link #name()}; Vigil's
   * own classifiers print their kind and arguments, such as {@code regex(url)} or
   * {@code allOf(a, b)}.
   */
  default String expression() {
    return name();
  }

  /** {@code allOf(this, other)}: the minimum of the two scores. See {@link Classifiers#allOf}. */
  default Classifier and(Classifier other) {
    return Classifiers.allOf(this, other);
  }

  /** {@code anyOf(this, other)}: the maximum of the two scores. See {@link Classifiers#anyOf}. */
  default Classifier or(Classifier other) {
    return Classifiers.anyOf(this, other);
  }

  /** {@code not(this)}: one minus the score. See {@link Classifiers#not}. */
  default Classifier not() {
    return Classifiers.not(this);
  }

  /** This classifier applied to one field only. See {@link Classifiers#onField}. */
  default Classifier onField(String field) {
    return Classifiers.onField(field, this);
  }

  /** This classifier under another name. See {@link Classifiers#named}. */
  default Classifier named(String name) {
    return Classifiers.named(name, this);
  }

  /**
   * A classifier from a function, for small custom signals:
   * {@code Classifier.of("long-post", c -> Signal.of(c.field("body").length() > 5000 ? 0.3 : 0))}.
   */
  static Classifier of(String name, Function<? super Content, Signal> function) {
    requireNonNull(name, "name");
    requireNonNull(function, "function");
    Classifiers.checkName(name);
    return new Classifier() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Signal classify(Content content) {
        return function.apply(content);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
