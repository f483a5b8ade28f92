package dev.vigil.text;

import static java.util.Objects.requireNonNull;

import dev.vigil.Classifier;
import dev.vigil.Content;
import dev.vigil.Signal;
import dev.vigil.internal.PerThread;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several term lists compiled into one {@link TermMatcher} and matched in one pass, with a classifier
 * per list. A policy usually weighs its lists differently (slurs, scam phrases, a watchlist), so each
 * list is its own signal; but a pass over the text per list costs a pass per list, and the pass is most
 * of what a list costs. Here the first classifier of a group to see a content scans it for all the
 * lists, and the others reuse that scan: a policy with {@code k} lists reads each field once instead of
 * {@code k} times.
 *
 * <pre>{@code
 * TermLists lists = TermLists.builder()
 *     .list("slurs", slurTerms)
 *     .list("scam-phrases", scamTerms)
 *     .build();
 * Policy policy = Policy.builder("comments")
 *     .signal(lists.classifier("slurs"), SignalOptions.in("abuse").weight(0.8))
 *     .signal(lists.classifier("scam-phrases"), SignalOptions.in("scam").weight(0.4))
 *     .removeWhen(Condition.total().atLeast(1.0))
 *     .build();
 * }</pre>
 *
 * <p>Each list's classifier gives exactly the signal a {@link TermClassifier} over a matcher of that
 * list alone would give (same score, evidence and count): duplicates merge within a list, not across
 * lists, so a term on two lists counts on both. All lists share the normalizer and the allow-list.
 *
 * <p>The scan is shared through a per-thread cache of the last content scanned (compared by identity;
 * {@link Content} is immutable), which holds that content until the thread scans another. Immutable and
 * thread safe.
 */
public final class TermLists {
  private final TermMatcher matcher;
  private final Map<String, ListClassifier> classifiers = new LinkedHashMap<>();
  private final PerThread<ContentHits> scans = new PerThread<>(ContentHits::new);

  private TermLists(TermMatcher matcher, List<String> names) {
    this.matcher = matcher;
    for (int g = 0; g < names.size(); g++) {
      classifiers.put(names.get(g), new ListClassifier(names.get(g), g));
    }
  }

  /** A builder; the normalizer defaults to {@link Normalizer#standard()}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The classifier of list {@code name}, named after it.
   *
   * @throws IllegalArgumentException naming the lists there are when there is no list {@code name}
   */
  public Classifier classifier(String name) {
    requireNonNull(name, "name");
    ListClassifier c = classifiers.get(name);
    if (c == null) {
      throw new IllegalArgumentException(
          "no term list named '" + name + "'; the lists are " + classifiers.keySet());
    }
    return c;
  }

  /** The names of the lists, in the order they were added. */
  public List<String> names() {
    return List.copyOf(classifiers.keySet());
  }

  /** The matcher of all the lists together. */
  public TermMatcher matcher() {
    return matcher;
  }

  @Override
  public String toString() {
    return "TermLists" + classifiers.keySet() + " over " + matcher;
  }

  /** The hits of the last content scanned on this thread: the cached ones, or a new scan's. */
  private ContentHits scan(Content content) {
    ContentHits cached = scans.peek();
    if (cached.content == content) {
      return cached;
    }
    ContentHits s = scans.acquire(); // a handler never runs user code here, but stay safe if one ever does
    try {
      s.scan(matcher, content);
    } finally {
      scans.release(s);
    }
    return s;
  }

  /** The classifier of one list: its part of the shared scan. */
  private final class ListClassifier implements Classifier {
    private final String name;
    private final int group;

    ListClassifier(String name, int group) {
      this.name = name;
      this.group = group;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String expression() {
      return "terms(" + name + ")";
    }

    @Override
    public String toString() {
      return expression();
    }

    @Override
    public Signal classify(Content content) {
      int fields = content.fieldCount();
      if (fields == 0) {
        return Signal.notApplicable();
      }
      return scan(content).signal(matcher, content, group);
    }
  }

  /** Builds {@link TermLists}. Not thread safe. */
  public static final class Builder {
    private final TermMatcher.Builder matcher = TermMatcher.builder();
    private final List<String> names = new ArrayList<>();

    private Builder() {}

    /** The normalizer of every list; {@link Normalizer#standard()} unless set. */
    public Builder normalizer(Normalizer normalizer) {
      matcher.normalizer(normalizer);
      return this;
    }

    /**
     * Adds list {@code name} with {@code terms}.
     *
     * @throws IllegalArgumentException when the name is blank or taken, or the list is empty
     */
    public Builder list(String name, Collection<Term> terms) {
      requireNonNull(name, "name");
      requireNonNull(terms, "terms");
      if (name.isBlank()) {
        throw new IllegalArgumentException("term list name must not be blank");
      }
      if (names.contains(name)) {
        throw new IllegalArgumentException("term list '" + name + "' is added twice");
      }
      if (terms.isEmpty()) {
        throw new IllegalArgumentException("term list '" + name + "' has no terms");
      }
      int group = names.size();
      names.add(name);
      for (Term t : terms) {
        matcher.add(t, group);
      }
      return this;
    }

    /** An allow-list entry for every list ({@link TermMatcher.Builder#allow(String)}). */
    public Builder allow(String text) {
      matcher.allow(text);
      return this;
    }

    /** An allow-list entry for every list, with a match mode. */
    public Builder allow(String text, MatchMode mode) {
      matcher.allow(text, mode);
      return this;
    }

    /**
     * Compiles the lists into one matcher.
     *
     * @throws IllegalArgumentException when there is no list, or as {@link TermMatcher.Builder#build()}
     */
    public TermLists build() {
      if (names.isEmpty()) {
        throw new IllegalArgumentException("term lists need at least one list");
      }
      return new TermLists(matcher.build(), names);
    }
  }
}
