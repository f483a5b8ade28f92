package dev.vigil.lucene;

import static java.util.Objects.requireNonNull;

import dev.vigil.Classifier;
import dev.vigil.Content;
import dev.vigil.Evidence;
import dev.vigil.Signal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Matches words and phrases after a Lucene {@link Analyzer} has analyzed both the terms and the text, so
 * that an English analyzer's stemming makes "kill" match "killing" and "killed", and a phrase matches
 * only when its analyzed tokens stand at consecutive positions (a removed stop word leaves a gap, as in a
 * Lucene phrase query).
 *
 * <p>Terms are analyzed once, in {@link Builder#build()}; each field of the content is analyzed on every
 * call, with the content's field name as Lucene's field name. Evidence spans run from the start offset of
 * a phrase's first token to the end offset of its last, in the original text.
 *
 * <p>Immutable and thread safe (Lucene analyzers reuse their token streams per thread). Not applicable
 * when the content has no fields.
 */
public final class AnalyzedTermsClassifier implements Classifier {
  private final String name;
  private final Analyzer analyzer;
  private final double score;
  private final Map<String, List<Entry>> byFirstToken;

  private record Entry(String id, String category, String[] tokens) {}

  private AnalyzedTermsClassifier(String name, Analyzer analyzer, double score,
      Map<String, List<Entry>> byFirstToken) {
    this.name = name;
    this.analyzer = analyzer;
    this.score = score;
    this.byFirstToken = byFirstToken;
  }

  /** A builder for a classifier named {@code name} that analyzes with {@code analyzer}. */
  public static Builder builder(String name, Analyzer analyzer) {
    return new Builder(name, analyzer);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String expression() {
    return "analyzedTerms(" + name + ")";
  }

  @Override
  public String toString() {
    return expression();
  }

  @Override
  public Signal classify(Content content) {
    if (content.fieldCount() == 0) {
      return Signal.notApplicable();
    }
    List<Evidence> evidence = new ArrayList<>(0);
    int count = 0;
    for (int f = 0; f < content.fieldCount(); f++) {
      String field = content.fieldName(f);
      String text = content.fieldText(f);
      Tokens tokens = analyze(analyzer, field, text);
      for (int i = 0; i < tokens.size(); i++) {
        List<Entry> candidates = byFirstToken.get(tokens.term(i));
        if (candidates == null) {
          continue;
        }
        for (Entry e : candidates) {
          int last = tokens.matchFrom(i, e.tokens());
          if (last >= 0) {
            count++;
            if (evidence.size() < Signal.MAX_EVIDENCE) {
              evidence.add(Evidence.of(field, text, tokens.start(i), tokens.end(last), e.id(),
                  e.category()));
            }
          }
        }
      }
    }
    return count == 0 ? Signal.notMatched() : Signal.of(score, evidence, count);
  }

  static Tokens analyze(Analyzer analyzer, String field, String text) {
    Tokens tokens = new Tokens();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      int position = -1;
      while (ts.incrementToken()) {
        position += increment.getPositionIncrement();
        tokens.add(term.toString(), position, offset.startOffset(), offset.endOffset());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException("analyzing field '" + field + "' failed", e);
    }
    return tokens;
  }

  /** Analyzed tokens of one text: term, position and offsets, in stream order. */
  static final class Tokens {
    private final List<String> terms = new ArrayList<>();
    private int[] positions = new int[16];
    private int[] starts = new int[16];
    private int[] ends = new int[16];

    void add(String term, int position, int start, int end) {
      int n = terms.size();
      if (n == positions.length) {
        positions = java.util.Arrays.copyOf(positions, n * 2);
        starts = java.util.Arrays.copyOf(starts, n * 2);
        ends = java.util.Arrays.copyOf(ends, n * 2);
      }
      terms.add(term);
      positions[n] = position;
      starts[n] = start;
      ends[n] = end;
    }

    int size() {
      return terms.size();
    }

    String term(int i) {
      return terms.get(i);
    }

    int start(int i) {
      return starts[i];
    }

    int end(int i) {
      return ends[i];
    }

    /**
     * The index of the token that ends {@code phrase} when its first token is token {@code first} and
     * each next token stands at the next position; -1 when the phrase does not match there.
     */
    int matchFrom(int first, String[] phrase) {
      int at = first;
      for (int k = 1; k < phrase.length; k++) {
        int want = positions[first] + k;
        int found = -1;
        for (int j = at + 1; j < terms.size() && positions[j] <= want; j++) {
          if (positions[j] == want && terms.get(j).equals(phrase[k])) {
            found = j;
            break;
          }
        }
        if (found < 0) {
          return -1;
        }
        at = found;
      }
      return at;
    }
  }

  /** Builds an {@link AnalyzedTermsClassifier}. Not thread safe. */
  public static final class Builder {
    private final String name;
    private final Analyzer analyzer;
    private double score = 1.0;
    private final List<String[]> terms = new ArrayList<>();

    private Builder(String name, Analyzer analyzer) {
      this.name = requireNonNull(name, "name");
      this.analyzer = requireNonNull(analyzer, "analyzer");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank but was '" + name + "'");
      }
    }

    /** Adds a word or phrase with its rule id and category. */
    public Builder term(String id, String category, String text) {
      terms.add(new String[] {requireNonNull(id, "id"), requireNonNull(category, "category"),
          requireNonNull(text, "text")});
      return this;
    }

    /** The score when any term matches, in (0, 1]; default 1. */
    public Builder score(double score) {
      if (!(score > 0.0 && score <= 1.0)) {
        throw new IllegalArgumentException(
            "score of '" + name + "' must be in (0, 1] but was " + score);
      }
      this.score = score;
      return this;
    }

    /**
     * Analyzes the terms and builds the classifier.
     *
     * @throws IllegalArgumentException naming the term when it analyzes to no tokens (only stop words,
     *     say), or when there are no terms
     */
    public AnalyzedTermsClassifier build() {
      if (terms.isEmpty()) {
        throw new IllegalArgumentException("'" + name + "' has no terms");
      }
      Map<String, List<Entry>> index = new HashMap<>();
      for (String[] t : terms) {
        Tokens tokens = analyze(analyzer, "term", t[2]);
        if (tokens.size() == 0) {
          throw new IllegalArgumentException("term '" + t[2] + "' (id " + t[0] + ") of '" + name
              + "' analyzes to no tokens; is it only stop words?");
        }
        String[] phrase = new String[tokens.size()];
        for (int i = 0; i < phrase.length; i++) {
          phrase[i] = tokens.term(i);
        }
        index.computeIfAbsent(phrase[0], k -> new ArrayList<>(1))
            .add(new Entry(t[0], t[1], phrase));
      }
      return new AnalyzedTermsClassifier(name, analyzer, score, Map.copyOf(index));
    }
  }
}
