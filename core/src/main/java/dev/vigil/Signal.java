package dev.vigil;

import static java.util.Objects.requireNonNull;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What one classifier said about one piece of content: an {@link Outcome}, a score in [0, 1] (how
 * strongly this signal indicates harm) and the {@link Evidence} behind it.
 *
 * <p>The outcome and the score always agree: {@link Outcome#MATCHED} has a score above zero,
 * {@link Outcome#NOT_MATCHED} a score of zero, and {@link Outcome#NOT_APPLICABLE} and
 * {@link Outcome#FAILED} a score of zero that policies and composites do not count. The evidence list is
 * capped at {@link #MAX_EVIDENCE} items; {@link #evidenceCount()} keeps the total.
 *
 * <p>Notes are short, human-readable remarks from composites ("skipped title-regex: not applicable").
 * A classifier on the hot path may {@linkplain #withNote(Supplier) defer} a note, so that its text is
 * formatted only when the notes are read (an explanation, a decision written as JSON), not for every
 * item scored.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class Signal {
  /** The most evidence items a signal keeps; the total is kept in {@link #evidenceCount()}. */
  public static final int MAX_EVIDENCE = 64;

  private static final Signal NOT_MATCHED =
      new Signal(Outcome.NOT_MATCHED, 0.0, List.of(), 0, List.of(), null, Map.of());
  private static final Signal NOT_APPLICABLE =
      new Signal(Outcome.NOT_APPLICABLE, 0.0, List.of(), 0, List.of(), null, Map.of());

  private final Outcome outcome;
  private final double score;
  private final List<Evidence> evidence;
  private final int evidenceCount;
  private final List<String> notes;
  private final @Nullable Throwable failure;
  private final Map<String, Double> categoryScores;

  private Signal(Outcome outcome, double score, List<Evidence> evidence, int evidenceCount,
      List<String> notes, @Nullable Throwable failure, Map<String, Double> categoryScores) {
    this.categoryScores = categoryScores;
    this.outcome = outcome;
    this.score = score;
    this.evidence = evidence;
    this.evidenceCount = evidenceCount;
    this.notes = notes;
    this.failure = failure;
  }

  /**
   * A signal with the given score and no evidence: {@link Outcome#MATCHED} when the score is above zero,
   * otherwise {@link Outcome#NOT_MATCHED}.
   *
   * @throws IllegalArgumentException if the score is NaN or outside [0, 1]
   */
  public static Signal of(double score) {
    return of(score, List.of());
  }

  /**
   * A signal with the given score and evidence: {@link Outcome#MATCHED} when the score is above zero,
   * otherwise {@link Outcome#NOT_MATCHED}. Evidence beyond {@link #MAX_EVIDENCE} items is dropped and
   * counted.
   *
   * @throws IllegalArgumentException if the score is NaN or outside [0, 1]
   */
  public static Signal of(double score, List<Evidence> evidence) {
    return of(score, evidence, evidence.size());
  }

  /**
   * Like {@link #of(double, List)}, for a classifier that found {@code evidenceCount} items but passes
   * only some of them.
   *
   * @throws IllegalArgumentException if the score is NaN or outside [0, 1], or the count is smaller than
   *     the list
   */
  public static Signal of(double score, List<Evidence> evidence, int evidenceCount) {
    checkScore(score);
    requireNonNull(evidence, "evidence");
    if (evidenceCount < evidence.size()) {
      throw new IllegalArgumentException("evidenceCount must be at least the " + evidence.size()
          + " evidence items given but was " + evidenceCount);
    }
    if (score == 0.0 && evidence.isEmpty()) {
      return NOT_MATCHED;
    }
    return new Signal(score > 0.0 ? Outcome.MATCHED : Outcome.NOT_MATCHED, score, capped(evidence),
        evidenceCount, List.of(), null, Map.of());
  }

  /**
   * A signal with the given score, no evidence, and one note formatted when first read: what
   * {@code of(score).withNote(note)} gives, in one object, for a classifier that scores every item
   * (a behaviour signal). The note's contract is {@link #withNote(Supplier)}'s.
   *
   * @throws IllegalArgumentException if the score is NaN or outside [0, 1]
   */
  public static Signal of(double score, Supplier<String> note) {
    checkScore(score);
    requireNonNull(note, "note");
    return new Signal(score > 0.0 ? Outcome.MATCHED : Outcome.NOT_MATCHED, score, List.of(), 0,
        new DeferredNote(List.of(), note), null, Map.of());
  }

  /** A full-strength match (score 1) with the given evidence. */
  public static Signal matched(Evidence... evidence) {
    return of(1.0, List.of(evidence));
  }

  /** The shared "looked and found nothing" signal. */
  public static Signal notMatched() {
    return NOT_MATCHED;
  }

  /** The shared "nothing to look at" signal. */
  public static Signal notApplicable() {
    return NOT_APPLICABLE;
  }

  /** A "nothing to look at" signal that says why. */
  public static Signal notApplicable(String reason) {
    return new Signal(Outcome.NOT_APPLICABLE, 0.0, List.of(), 0,
        List.of(requireNonNull(reason, "reason")), null, Map.of());
  }

  /** A failed signal, keeping its cause. */
  public static Signal failed(Throwable cause) {
    requireNonNull(cause, "cause");
    return new Signal(Outcome.FAILED, 0.0, List.of(), 0, List.of(), cause, Map.of());
  }

  /** A failed signal with a message (wrapped in an {@link IllegalStateException}). */
  public static Signal failed(String message) {
    return failed(new IllegalStateException(requireNonNull(message, "message")));
  }

  /** This signal with {@code note} appended to its notes. */
  public Signal withNote(String note) {
    requireNonNull(note, "note");
    if (notes.isEmpty()) {
      return new Signal(outcome, score, evidence, evidenceCount, List.of(note), failure,
        categoryScores);
    }
    List<String> n = new ArrayList<>(notes.size() + 1);
    n.addAll(notes);
    n.add(note);
    return new Signal(outcome, score, evidence, evidenceCount, List.copyOf(n), failure,
        categoryScores);
  }

  /**
   * This signal with a note appended that {@code note} formats the first time the notes are read, and
   * only then: the notes' size is known at once, their text when needed. {@code note} must be cheap,
   * thread safe and give the same text each time (it may run more than once when threads race to read
   * the notes first); it should capture numbers and names, never content text. A note that throws or
   * returns null reads as {@code "note failed: <exception type>"} rather than failing the reader.
   */
  public Signal withNote(Supplier<String> note) {
    requireNonNull(note, "note");
    return new Signal(outcome, score, evidence, evidenceCount, new DeferredNote(notes, note), failure,
        categoryScores);
  }

  /** Notes ending with one that is formatted when first read. Immutable; see {@link #withNote(Supplier)}. */
  private static final class DeferredNote extends AbstractList<String> implements RandomAccess {
    private final List<String> before;
    private final Supplier<String> note;
    private volatile @Nullable String text;

    DeferredNote(List<String> before, Supplier<String> note) {
      this.before = before;
      this.note = note;
    }

    @Override
    public String get(int index) {
      if (index == before.size()) {
        String t = text;
        if (t == null) {
          t = format(note);
          text = t;
        }
        return t;
      }
      return before.get(index);
    }

    private static String format(Supplier<String> note) {
      try {
        String t = note.get();
        return t != null ? t : "note failed: null";
      } catch (RuntimeException e) {
        return "note failed: " + e.getClass().getName();
      }
    }

    @Override
    public int size() {
      return before.size() + 1;
    }
  }

  /** This signal with {@code more} appended to its notes; {@code this} when there are none. */
  public Signal withNotes(List<String> more) {
    if (more.isEmpty()) {
      return this;
    }
    if (notes.isEmpty()) {
      return new Signal(outcome, score, evidence, evidenceCount, List.copyOf(more), failure,
        categoryScores);
    }
    List<String> n = new ArrayList<>(notes.size() + more.size());
    n.addAll(notes);
    n.addAll(more);
    return new Signal(outcome, score, evidence, evidenceCount, List.copyOf(n), failure,
        categoryScores);
  }

  /**
   * This signal with the score of each evidence category's evidence alone, as the classifier computes
   * it: a term list whose hits name {@code scam} and {@code threat} scores the noisy-or of each
   * category's terms. A policy that splits the signal by evidence
   * ({@link SignalOptions#splitByEvidence}) weighs each category by it; a classifier that does not say
   * leaves each category the whole score.
   *
   * @throws IllegalArgumentException if the signal did not match, or a score is NaN or outside [0, 1]
   */
  public Signal withCategoryScores(Map<String, Double> scores) {
    requireNonNull(scores, "scores");
    if (outcome != Outcome.MATCHED) {
      throw new IllegalArgumentException("only a matched signal has category scores; this one is "
          + outcome);
    }
    Map<String, Double> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : scores.entrySet()) {
      double v = requireNonNull(e.getValue(), "score of category " + e.getKey());
      if (!(v >= 0.0 && v <= 1.0)) {
        throw new IllegalArgumentException("score of category '" + e.getKey()
            + "' must be in [0, 1] but was " + v);
      }
      copy.put(requireNonNull(e.getKey(), "category"), v);
    }
    return new Signal(outcome, score, evidence, evidenceCount, notes, failure,
        Collections.unmodifiableMap(copy));
  }

  /**
   * The score of the evidence naming {@code category} alone, as the classifier reported it
   * ({@link #withCategoryScores}), or the signal's whole score when it reported none for it.
   */
  public double categoryScore(String category) {
    Double s = categoryScores.get(category);
    return s == null ? score : s;
  }

  /** The per-category scores the classifier reported; empty unless it did. */
  public Map<String, Double> categoryScores() {
    return categoryScores;
  }

  /** The outcome. */
  public Outcome outcome() {
    return outcome;
  }

  /** The score in [0, 1]; zero unless {@link Outcome#MATCHED}. */
  public double score() {
    return score;
  }

  /** Whether the outcome is {@link Outcome#MATCHED}. */
  public boolean matched() {
    return outcome == Outcome.MATCHED;
  }

  /** The evidence, at most {@link #MAX_EVIDENCE} items, in the order the classifier found them. */
  public List<Evidence> evidence() {
    return evidence;
  }

  /** How many evidence items the classifier found, including those dropped by the cap. */
  public int evidenceCount() {
    return evidenceCount;
  }

  /** Remarks from composites and classifiers, for the explanation. */
  public List<String> notes() {
    return notes;
  }

  /** The cause of a {@link Outcome#FAILED} signal, otherwise null. */
  public @Nullable Throwable failure() {
    return failure;
  }

  /**
   * A one-line description of the failure, naming the exception type and its message, or null. The
   * message is the classifier's own text; a policy logs only the exception type unless told otherwise.
   */
  public @Nullable String failureMessage() {
    if (failure == null) {
      return null;
    }
    String m = failure.getMessage();
    return m == null ? failure.getClass().getName() : failure.getClass().getName() + ": " + m;
  }

  static void checkScore(double score) {
    if (!(score >= 0.0 && score <= 1.0)) {
      throw new IllegalArgumentException("score must be in [0, 1] but was " + score);
    }
  }

  private static List<Evidence> capped(List<Evidence> evidence) {
    return evidence.size() <= MAX_EVIDENCE
        ? List.copyOf(evidence)
        : List.copyOf(evidence.subList(0, MAX_EVIDENCE));
  }

  /** Equal when outcome, score, evidence, counts, notes and the failure's type and message agree. */
  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Signal)) {
      return false;
    }
    Signal that = (Signal) o;
    return outcome == that.outcome
        && Double.compare(score, that.score) == 0
        && evidenceCount == that.evidenceCount
        && evidence.equals(that.evidence)
        && notes.equals(that.notes)
        && categoryScores.equals(that.categoryScores)
        && Objects.equals(failureMessage(), that.failureMessage());
  }

  @Override
  public int hashCode() {
    return Objects.hash(outcome, score, evidence, notes);
  }

  /** For debugging. Evidence text is content, so only its count is printed. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Signal{").append(outcome);
    if (outcome == Outcome.MATCHED) {
      sb.append(", score=").append(score);
    }
    if (evidenceCount > 0) {
      sb.append(", evidence=").append(evidenceCount);
    }
    if (failure != null) {
      sb.append(", failure=").append(failure.getClass().getName());
    }
    if (!notes.isEmpty()) {
      sb.append(", notes=").append(notes);
    }
    return sb.append('}').toString();
  }
}
