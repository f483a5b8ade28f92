package dev.vigil.spi;

import static java.util.Objects.requireNonNull;

import dev.vigil.Classifier;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One kind of signal that a policy file can name, such as {@code kind: regex} or
 * {@code kind: links.count}, with the parameters it takes and the factory of its classifiers.
 *
 * <pre>{@code
 * public final class ReputationKind implements SignalKind {
 *   public String name() { return "acme.reputation"; }
 *   public String description() { return "The author's reputation from Acme's service, 1 for the worst."; }
 *   public List<Parameter> parameters() {
 *     return List.of(Parameter.of("endpoint", Parameter.Type.STRING, "the service's URL").required());
 *   }
 *   public Classifier create(Arguments a) {
 *     return new ReputationClassifier(a.signal(), a.string("endpoint"));
 *   }
 * }
 * }</pre>
 *
 * <p><b>Registration.</b> List the class in {@code META-INF/services/dev.vigil.spi.SignalKind} of its jar;
 * the policy loader finds it with {@link java.util.ServiceLoader} (or is given it directly). A policy
 * file names kinds, never classes: nothing that a file says makes the loader instantiate a class that
 * was not registered.
 *
 * <p><b>Contract.</b> The loader checks every argument against {@link #parameters()} before it calls
 * {@link #create}: unknown keys, missing required ones, wrong types and values out of range are reported
 * with their file, line and column, and {@code create} is not called. {@code create} reports what the
 * types cannot express (an invalid pattern, a bad line in a file the kind reads) with
 * {@link Arguments#report} or by throwing {@link IllegalArgumentException}; either way nothing of the
 * policy is built. The classifier it returns should be named {@link Arguments#signal()}; the loader
 * renames it otherwise. Implementations must be immutable and thread safe, with a public no-argument
 * constructor for {@code ServiceLoader}.
 */
public interface SignalKind {
  /** What a kind name looks like: lower-case words, with {@code -} inside and {@code .} between them. */
  Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:\\.[a-z][a-z0-9]*(?:-[a-z0-9]+)*)*");

  /**
   * The name a policy file uses in {@code kind:}, matching {@link #NAME}. Dots group related kinds
   * ({@code links.count}, {@code links.blocked}); a team's own kinds should start with its name
   * ({@code acme.reputation}) so they never clash with Vigil's.
   */
  String name();

  /** One or two sentences for the reference, the JSON Schema and editors. */
  String description();

  /** The parameters the kind takes, in the order the reference lists them. */
  List<Parameter> parameters();

  /**
   * Builds the classifier of one signal from checked arguments. Called once per signal of this kind
   * when a policy is built, never while it scores.
   *
   * @throws IllegalArgumentException for a value the parameter types could not rule out; the loader
   *     reports it at the signal's {@code kind}
   */
  Classifier create(Arguments arguments);

  /**
   * Builds the classifiers of every signal of this kind in one policy, in order, so that a kind can share
   * work between them (Vigil's {@code terms} kind compiles several lists into one matcher scanned once).
   * A signal whose arguments have a problem gets null, with the problem {@link Arguments#report reported}
   * on its arguments; the others are still built, so that one load reports every problem.
   *
   * <p>By default, {@link #create} for each signal, reporting what it throws as an
   * {@link IllegalArgumentException} at the signal's {@code kind}, unless the kind reported problems on
   * those arguments first (then the exception only stops the build of that signal).
   *
   * @return one classifier (or null, after a report) per element of {@code all}, in the same order
   */
  default List<@Nullable Classifier> createAll(List<Arguments> all) {
    requireNonNull(all, "all");
    List<@Nullable Classifier> out = new ArrayList<>(all.size());
    for (Arguments a : all) {
      Classifier c = null;
      try {
        c = create(a);
      } catch (IllegalArgumentException e) {
        a.report(null, String.valueOf(e.getMessage()));
      }
      out.add(c);
    }
    return out;
  }
}
