package dev.vigil;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Factories for composing classifiers, and for the built-in ones.
 *
 * <h2>Semantics</h2>
 * <table>
 *   <caption>Composite scores</caption>
 *   <tr><th>composite</th><th>score</th></tr>
 *   <tr><td>{@link #allOf allOf(a, b, ...)}</td><td>the minimum of the children's scores</td></tr>
 *   <tr><td>{@link #anyOf anyOf(a, b, ...)}</td><td>the maximum of the children's scores</td></tr>
 *   <tr><td>{@link #max max(a, b, ...)}</td><td>the maximum, like {@code anyOf}; reads better when the
 *       children are graded scores rather than yes-or-no tests</td></tr>
 *   <tr><td>{@link #atLeast atLeast(n, a, b, ...)}</td><td>the n-th largest of the children's scores, so
 *       it is high only when at least n children are high; zero when fewer than n children answered</td></tr>
 *   <tr><td>{@link #not not(a)}</td><td>1 - the child's score</td></tr>
 *   <tr><td>{@link #weightedSum weightedSum(cap, w1*a, w2*b, ...)}</td>
 *       <td>min(cap, w1 x score(a) + w2 x score(b) + ...)</td></tr>
 *   <tr><td>{@link #onField onField(f, a)}</td><td>the child's score on field {@code f} alone; not
 *       applicable when the content has no such field</td></tr>
 * </table>
 *
 * <h2>Children that do not answer</h2>
 * A child whose outcome is {@link Outcome#NOT_APPLICABLE} or {@link Outcome#FAILED} is skipped by
 * {@code allOf}, {@code anyOf}, {@code max}, {@code atLeast} and {@code weightedSum}: it neither lowers
 * a minimum nor raises a maximum, and it adds nothing to a sum. The composite records each skipped child
 * in its {@link Signal#notes() notes}. When every child is skipped, the composite itself is not applicable
 * (or failed, carrying the first child's failure, if any child failed). {@code not} and {@code onField}
 * pass a child's not-applicable or failed signal through unchanged.
 *
 * <h2>Evaluation order and failures</h2>
 * Every child is evaluated, in the order given, with no short-circuit, so that the explanation is
 * complete and the result does not depend on evaluation order. An exception thrown by a child, or a null
 * it returns, is caught and becomes that child's {@link Outcome#FAILED} signal ({@link VirtualMachineError}s
 * other than {@link StackOverflowError} are rethrown: the JVM is in trouble and no answer is trustworthy).
 *
 * <h2>Evidence</h2>
 * A composite that matches carries the evidence of its matching children ({@code not} carries none: the
 * absence of a match has no span).
 *
 * <p>Composites are immutable and thread safe when their children are. Their {@link Object#toString()}
 * and {@link Classifier#name()} print the expression, such as {@code allOf(regex(url), not(verified))}.
 * {@code allOf} and {@code anyOf} flatten direct children of the same kind:
 * {@code a.and(b).and(c)} is {@code allOf(a, b, c)}.
 */
public final class Classifiers {
  private Classifiers() {}

  /** The minimum of the children's scores; see the class comment. */
  public static Classifier allOf(Classifier... children) {
    return new Extremum("allOf", true, flatten("allOf", children));
  }

  /** The minimum of the children's scores; see the class comment. */
  public static Classifier allOf(List<? extends Classifier> children) {
    return allOf(children.toArray(new Classifier[0]));
  }

  /** The maximum of the children's scores; see the class comment. */
  public static Classifier anyOf(Classifier... children) {
    return new Extremum("anyOf", false, flatten("anyOf", children));
  }

  /** The maximum of the children's scores; see the class comment. */
  public static Classifier anyOf(List<? extends Classifier> children) {
    return anyOf(children.toArray(new Classifier[0]));
  }

  /** The maximum of the children's scores, printed as {@code max(...)}; see the class comment. */
  public static Classifier max(Classifier... children) {
    return new Extremum("max", false, copy("max", children));
  }

  /**
   * The {@code n}-th largest of the children's scores: high only when at least {@code n} children are
   * high. With fewer than {@code n} children answering, the score is zero (and a note says so).
   *
   * @throws IllegalArgumentException if {@code n} is not in [1, number of children]
   */
  public static Classifier atLeast(int n, Classifier... children) {
    Classifier[] c = copy("atLeast", children);
    if (n < 1 || n > c.length) {
      throw new IllegalArgumentException(
          "atLeast needs n in [1, " + c.length + "] (the number of children) but n was " + n);
    }
    return new AtLeast(n, c);
  }

  /** One minus the child's score; {@code not(not(x))} is {@code x} itself. */
  public static Classifier not(Classifier child) {
    requireNonNull(child, "child");
    if (child instanceof Not) {
      return ((Not) child).child;
    }
    return new Not(child);
  }

  /** A child with its weight in a {@link #weightedSum}. */
  public static Weighted weighted(double weight, Classifier classifier) {
    return new Weighted(weight, classifier);
  }

  /**
   * {@code min(cap, sum of weight x score)} over the parts.
   *
   * @param cap the most the sum can reach, in (0, 1]
   * @throws IllegalArgumentException if the cap is out of range or there are no parts
   */
  public static Classifier weightedSum(double cap, Weighted... parts) {
    if (!(cap > 0.0 && cap <= 1.0)) {
      throw new IllegalArgumentException("weightedSum cap must be in (0, 1] but was " + cap);
    }
    requireNonNull(parts, "parts");
    if (parts.length == 0) {
      throw new IllegalArgumentException("weightedSum needs at least one part");
    }
    Classifier[] c = new Classifier[parts.length];
    double[] w = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      requireNonNull(parts[i], "parts[" + i + "]");
      c[i] = parts[i].classifier();
      w[i] = parts[i].weight();
    }
    return new WeightedSum(cap, w, c);
  }

  /** The child applied to one field only; not applicable when the content lacks the field. */
  public static Classifier onField(String field, Classifier child) {
    requireNonNull(field, "field");
    requireNonNull(child, "child");
    if (field.isBlank()) {
      throw new IllegalArgumentException("field name must not be blank but was '" + field + "'");
    }
    return new OnField(field, child);
  }

  /**
   * The child under another name: in composites' expressions and decisions it shows as {@code name},
   * and decisions still show the child's expression.
   */
  public static Classifier named(String name, Classifier child) {
    requireNonNull(name, "name");
    requireNonNull(child, "child");
    checkName(name);
    return new Named(name, child);
  }

  /**
   * A classifier that delegates to whatever classifier {@code holder} holds at the moment of each call:
   * swap the holder's classifier (a reloaded term list, say) and every later evaluation uses the new one,
   * while the policy around it stays the same object. Each call reads the holder once, so one
   * evaluation never mixes two versions. Prints as {@code live(name)}.
   */
  public static Classifier live(String name, Holder<? extends Classifier> holder) {
    requireNonNull(name, "name");
    requireNonNull(holder, "holder");
    checkName(name);
    return new Live(name, holder);
  }

  /** The expression of a classifier as a decision shows it: a named classifier shows what it names. */
  static String describe(Classifier classifier) {
    return classifier instanceof Named ? ((Named) classifier).child.expression()
        : classifier.expression();
  }

  static void checkName(String name) {
    if (name.isBlank()) {
      throw new IllegalArgumentException("classifier name must not be blank but was '" + name + "'");
    }
  }

  /**
   * Classifies with the contract's containment: a thrown exception or a null result becomes a failed
   * signal. Used by composites and by {@link Policy}.
   */
  static Signal classifySafely(Classifier classifier, Content content) {
    Memo memo = MEMO.get();
    if (memo.depth > 0 && memo.content == content) {
      Signal known = memo.get(classifier);
      if (known != null) {
        return known;
      }
      Signal s = classifyContained(classifier, content);
      memo.put(classifier, s);
      return s;
    }
    return classifyContained(classifier, content);
  }

  /**
   * The signals computed so far in the policy evaluation running on this thread, so that a classifier
   * used both as a signal and inside composites (or in several composites) runs once per evaluation.
   * Keyed by classifier identity and valid only for the content instance being evaluated; a policy
   * evaluation opens it with {@link #beginEvaluation} and clears it with {@link #endEvaluation}, and
   * nested evaluations share it (the same classifier on the same content gives the same signal).
   */
  static final class Memo {
    @Nullable Content content;
    int depth;
    private Classifier[] keys = new Classifier[16];
    private Signal[] values = new Signal[16];
    private int size;

    @Nullable Signal get(Classifier c) {
      for (int i = 0; i < size; i++) {
        if (keys[i] == c) {
          return values[i];
        }
      }
      return null;
    }

    void put(Classifier c, Signal s) {
      if (size == keys.length) {
        keys = java.util.Arrays.copyOf(keys, size * 2);
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      keys[size] = c;
      values[size] = s;
      size++;
    }
  }

  private static final ThreadLocal<Memo> MEMO = ThreadLocal.withInitial(Memo::new);

  static Memo beginEvaluation(Content content) {
    Memo m = MEMO.get();
    if (m.depth++ == 0) {
      m.content = content;
      m.size = 0;
    }
    return m;
  }

  static void endEvaluation(Memo m) {
    if (--m.depth == 0) {
      java.util.Arrays.fill(m.keys, 0, m.size, null);
      java.util.Arrays.fill(m.values, 0, m.size, null);
      m.size = 0;
      m.content = null;
    }
  }

  private static Signal classifyContained(Classifier classifier, Content content) {
    Signal s;
    try {
      s = classifier.classify(content);
    } catch (StackOverflowError e) {
      return Signal.failed(e);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable t) { // contain anything a custom classifier throws, checked ones included
      return Signal.failed(t);
    }
    if (s == null) {
      return Signal.failed(new NullPointerException(
          "classifier '" + classifier.name() + "' returned null instead of a Signal"));
    }
    return s;
  }

  private static Classifier[] copy(String op, Classifier[] children) {
    requireNonNull(children, "children");
    if (children.length == 0) {
      throw new IllegalArgumentException(op + " needs at least one child");
    }
    Classifier[] c = children.clone();
    for (int i = 0; i < c.length; i++) {
      requireNonNull(c[i], "children[" + i + "]");
    }
    return c;
  }

  private static Classifier[] flatten(String op, Classifier[] children) {
    Classifier[] c = copy(op, children);
    List<Classifier> flat = new ArrayList<>(c.length);
    for (Classifier child : c) {
      if (child instanceof Extremum && ((Extremum) child).op.equals(op)) {
        flat.addAll(Arrays.asList(((Extremum) child).children));
      } else {
        flat.add(child);
      }
    }
    return flat.toArray(new Classifier[0]);
  }

  /** A child and its weight in a {@link #weightedSum}; the weight must be finite and at least zero. */
  public record Weighted(double weight, Classifier classifier) {
    /** Checks the weight. */
    public Weighted {
      requireNonNull(classifier, "classifier");
      if (!(weight >= 0.0 && weight < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("weight of '" + classifier.expression()
            + "' must be finite and >= 0 but was " + weight);
      }
    }
  }

  /** What the children of an n-ary composite said. */
  private static final class Answers {
    final Signal[] signals;
    int applicable;
    @Nullable List<String> notes;
    @Nullable Throwable firstFailure;

    Answers(Classifier[] children, Content content) {
      signals = new Signal[children.length];
      for (int i = 0; i < children.length; i++) {
        Signal s = classifySafely(children[i], content);
        signals[i] = s;
        if (s.outcome().isApplicable()) {
          applicable++;
        } else {
          if (s.outcome() == Outcome.FAILED && firstFailure == null) {
            firstFailure = s.failure();
          }
          note("skipped " + children[i].expression() + ": "
              + (s.outcome() == Outcome.FAILED ? "failed (" + s.failureMessage() + ")"
                  : "not applicable"));
        }
        if (!s.notes().isEmpty()) {
          for (String n : s.notes()) {
            note(n);
          }
        }
      }
    }

    void note(String n) {
      if (notes == null) {
        notes = new ArrayList<>(2);
      }
      notes.add(n);
    }

    /** The signal when no child answered: failed if any failed, otherwise not applicable. */
    Signal noAnswer() {
      Signal s = firstFailure != null ? Signal.failed(firstFailure) : Signal.notApplicable();
      return notes == null ? s : s.withNotes(notes);
    }

    /** A signal with {@code score} and the evidence of matched children with score >= {@code floor}. */
    Signal result(double score, double floor) {
      Signal s;
      if (score > 0.0) {
        List<Evidence> evidence = new ArrayList<>();
        int count = 0;
        for (Signal child : signals) {
          if (child.matched() && child.score() >= floor) {
            evidence.addAll(child.evidence());
            count += child.evidenceCount();
          }
        }
        s = Signal.of(score, evidence.size() > Signal.MAX_EVIDENCE
            ? evidence.subList(0, Signal.MAX_EVIDENCE) : evidence, Math.max(count, 0));
      } else {
        s = Signal.of(score);
      }
      return notes == null ? s : s.withNotes(notes);
    }
  }

  private abstract static class Composite implements Classifier {
    final Classifier[] children;
    private final String expression;

    Composite(Classifier[] children, String expression) {
      this.children = children;
      this.expression = expression;
    }

    static String join(Classifier[] children) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < children.length; i++) {
        if (i > 0) {
          sb.append(", ");
        }
        sb.append(children[i].expression());
      }
      return sb.toString();
    }

    @Override
    public final String name() {
      return expression;
    }

    @Override
    public final String expression() {
      return expression;
    }

    @Override
    public final String toString() {
      return expression;
    }
  }

  private static final class Extremum extends Composite {
    final String op;
    private final boolean min;

    Extremum(String op, boolean min, Classifier[] children) {
      super(children, op + "(" + join(children) + ")");
      this.op = op;
      this.min = min;
    }

    @Override
    public Signal classify(Content content) {
      Answers a = new Answers(children, content);
      if (a.applicable == 0) {
        return a.noAnswer();
      }
      double score = min ? 1.0 : 0.0;
      for (Signal s : a.signals) {
        if (s.outcome().isApplicable()) {
          score = min ? Math.min(score, s.score()) : Math.max(score, s.score());
        }
      }
      return a.result(score, min ? 0.0 : Double.MIN_VALUE);
    }
  }

  private static final class AtLeast extends Composite {
    private final int n;

    AtLeast(int n, Classifier[] children) {
      super(children, "atLeast(" + n + ", " + join(children) + ")");
      this.n = n;
    }

    @Override
    public Signal classify(Content content) {
      Answers a = new Answers(children, content);
      if (a.applicable == 0) {
        return a.noAnswer();
      }
      if (a.applicable < n) {
        a.note("atLeast(" + n + "): only " + a.applicable + " of " + children.length
            + " children answered");
        return a.result(0.0, 1.0);
      }
      double[] scores = new double[a.applicable];
      int k = 0;
      for (Signal s : a.signals) {
        if (s.outcome().isApplicable()) {
          scores[k++] = s.score();
        }
      }
      Arrays.sort(scores);
      double score = scores[scores.length - n];
      return a.result(score, score);
    }
  }

  private static final class WeightedSum extends Composite {
    private final double cap;
    private final double[] weights;

    WeightedSum(double cap, double[] weights, Classifier[] children) {
      super(children, expression(cap, weights, children));
      this.cap = cap;
      this.weights = weights;
    }

    private static String expression(double cap, double[] weights, Classifier[] children) {
      StringBuilder sb = new StringBuilder("weightedSum(cap ").append(cap).append(": ");
      for (int i = 0; i < children.length; i++) {
        if (i > 0) {
          sb.append(" + ");
        }
        sb.append(weights[i]).append('*').append(children[i].expression());
      }
      return sb.append(')').toString();
    }

    @Override
    public Signal classify(Content content) {
      Answers a = new Answers(children, content);
      if (a.applicable == 0) {
        return a.noAnswer();
      }
      double sum = 0.0;
      for (int i = 0; i < children.length; i++) {
        Signal s = a.signals[i];
        if (s.outcome().isApplicable()) {
          sum += weights[i] * s.score();
        }
      }
      return a.result(Math.min(cap, sum), Double.MIN_VALUE);
    }
  }

  private static final class Not extends Composite {
    final Classifier child;

    Not(Classifier child) {
      super(new Classifier[] {child}, "not(" + child.expression() + ")");
      this.child = child;
    }

    @Override
    public Signal classify(Content content) {
      Signal s = classifySafely(child, content);
      if (!s.outcome().isApplicable()) {
        return s;
      }
      Signal r = Signal.of(1.0 - s.score());
      return r.withNotes(s.notes());
    }
  }

  private static final class OnField extends Composite {
    private final String field;
    private final Classifier child;

    OnField(String field, Classifier child) {
      super(new Classifier[] {child}, "onField(" + field + ", " + child.expression() + ")");
      this.field = field;
      this.child = child;
    }

    @Override
    public Signal classify(Content content) {
      Content only = content.onlyField(field);
      if (only == null) {
        return Signal.notApplicable();
      }
      return classifySafely(child, only);
    }
  }

  private static final class Live implements Classifier {
    private final String name;
    private final Holder<? extends Classifier> holder;

    Live(String name, Holder<? extends Classifier> holder) {
      this.name = name;
      this.holder = holder;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String expression() {
      return "live(" + name + ")";
    }

    @Override
    public Signal classify(Content content) {
      return classifySafely(holder.get(), content);
    }

    @Override
    public String toString() {
      return expression();
    }
  }

  private static final class Named implements Classifier {
    private final String name;
    final Classifier child;

    Named(String name, Classifier child) {
      this.name = name;
      this.child = child;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Signal classify(Content content) {
      return classifySafely(child, content);
    }

    @Override
    public String toString() {
      return name + " = " + child.expression();
    }
  }
}
