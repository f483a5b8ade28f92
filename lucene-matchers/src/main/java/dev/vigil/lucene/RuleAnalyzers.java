package dev.vigil.lucene;

import static java.util.Objects.requireNonNull;

import dev.vigil.text.Normalizer;
import java.io.Reader;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;

/**
 * The analyzers query rules run through, by name: {@code english}, {@code german}, {@code spanish},
 * {@code russian} (Lucene's analyzers for those languages: stop words and stemming), {@code icu} (Unicode
 * word segmentation for every script, dictionary-based for scripts written without spaces such as
 * Japanese, Chinese and Thai, then ICU case and accent folding; no stemming) and {@code normalized}
 * (core's {@code standard} normalizer applied to the raw text before the English analyzer, so that
 * look-alike letters, compatibility forms and invisible characters do not evade a rule; offsets still
 * point into the original text) and {@code skeleton} (Unicode word segmentation, ICU case and accent
 * folding, then the UTS #39 confusable skeleton of each word: Unicode's full table of look-alikes, for
 * rules that must see through any script's imitation of Latin letters).
 */
public final class RuleAnalyzers {
  private RuleAnalyzers() {}

  /** The names {@link #byName} accepts. */
  public static final List<String> NAMES =
      List.of("english", "german", "spanish", "russian", "icu", "normalized", "skeleton");

  /** English: possessives, lower case, stop words, Porter stemming. */
  public static Analyzer english() {
    return new EnglishAnalyzer();
  }

  /** German: lower case, stop words, normalization of umlauts, light stemming. */
  public static Analyzer german() {
    return new GermanAnalyzer();
  }

  /** Spanish: lower case, stop words, light stemming. */
  public static Analyzer spanish() {
    return new SpanishAnalyzer();
  }

  /** Russian: lower case, stop words, Snowball stemming. */
  public static Analyzer russian() {
    return new RussianAnalyzer();
  }

  /** ICU word segmentation for every script, then case and accent folding. */
  public static Analyzer icu() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer tokenizer = new ICUTokenizer();
        return new TokenStreamComponents(tokenizer, new ICUFoldingFilter(tokenizer));
      }

      @Override
      protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ICUFoldingFilter(in);
      }
    };
  }

  /**
   * Confusable skeletons (Unicode Technical Standard #39, through ICU4J; see {@link
   * ConfusableSkeletonFilter}): invisible chars removed (core's stage, so that a zero-width space does
   * not split a word; offsets still point into the original text), words as Unicode segments them (UAX
   * #29: a word that mixes scripts, such as "pаypal" with a Cyrillic "а", stays one word, where {@link
   * #icu()} would split it at the script change), each replaced by its folded skeletons. "PayPal",
   * "pаypаl", "PayPaI", "paypa1" and "ⓟⓐⓨⓟⓐⓛ" all match a rule for "paypal"; "rn" and "m" become one.
   * No stemming, no stop words.
   */
  public static Analyzer skeleton() {
    Normalizer invisibles = Normalizer.builder().stages(Normalizer.Stage.INVISIBLES).build();
    return new CharFiltered(invisibles) {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer tokenizer = new org.apache.lucene.analysis.standard.StandardTokenizer();
        return new TokenStreamComponents(tokenizer, new ConfusableSkeletonFilter(tokenizer));
      }

      @Override
      protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ConfusableSkeletonFilter(in);
      }
    };
  }

  /** {@code normalizer} applied before the English analyzer; offsets point into the original text. */
  public static Analyzer normalized(Normalizer normalizer) {
    requireNonNull(normalizer, "normalizer");
    EnglishAnalyzer english = new EnglishAnalyzer();
    return new CharFiltered(normalizer) {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer tokenizer = new org.apache.lucene.analysis.standard.StandardTokenizer();
        TokenStream stream = new org.apache.lucene.analysis.en.EnglishPossessiveFilter(tokenizer);
        stream = new LowerCaseFilter(stream);
        stream = new org.apache.lucene.analysis.StopFilter(stream, english.getStopwordSet());
        stream = new org.apache.lucene.analysis.en.PorterStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
      }

      @Override
      protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
      }
    };
  }

  /** An analyzer whose text, and whose query terms, first go through {@code normalizer}. */
  private abstract static class CharFiltered extends Analyzer {
    private final Normalizer normalizer;

    CharFiltered(Normalizer normalizer) {
      this.normalizer = normalizer;
    }

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
      return new NormalizingCharFilter(reader, normalizer);
    }

    @Override
    protected Reader initReaderForNormalization(String fieldName, Reader reader) {
      return new NormalizingCharFilter(reader, normalizer);
    }
  }

  /**
   * The analyzer of that name ({@link #NAMES}); {@code normalized} uses the {@code standard} preset.
   *
   * @throws IllegalArgumentException naming the choices when the name is unknown
   */
  public static Analyzer byName(String name) {
    switch (requireNonNull(name, "name")) {
      case "english":
        return english();
      case "german":
        return german();
      case "spanish":
        return spanish();
      case "russian":
        return russian();
      case "icu":
        return icu();
      case "normalized":
        return normalized(Normalizer.standard());
      case "skeleton":
        return skeleton();
      default:
        throw new IllegalArgumentException(
            "unknown analyzer '" + name + "'; choose one of " + String.join(", ", NAMES));
    }
  }
}
