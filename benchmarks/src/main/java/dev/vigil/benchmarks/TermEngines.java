package dev.vigil.benchmarks;

import com.github.houbb.sensitive.word.bs.SensitiveWordBs;
import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import com.roklenarcic.util.strings.WholeWordMatchSet;
import dev.vigil.text.HitHandler;
import dev.vigil.text.Normalizer;
import dev.vigil.text.Term;
import dev.vigil.text.TermMatcher;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ahocorasick.trie.Trie;

/**
 * One facade over Vigil's matcher and its peers, so a benchmark compares them on the same dictionary
 * and text: case-insensitive, whole-word matching, counting hits.
 */
public enum TermEngines {
  /** Vigil, {@code standard} normalization, through the allocation-free callback. */
  VIGIL {
    @Override
    public Engine build(List<String> words) {
      return vigil(words, Normalizer.standard());
    }
  },
  /**
   * Vigil, {@code standard}, with one extra phrase that never matches: it turns off the anchored mode
   * for single-word lists, showing what anchoring at word starts gains.
   */
  VIGIL_UNANCHORED {
    @Override
    public Engine build(List<String> words) {
      List<String> withPhrase = new java.util.ArrayList<>(words);
      withPhrase.add("qqxq zzqz");
      return vigil(withPhrase, Normalizer.standard());
    }
  },
  /**
   * Vigil, {@code standard}, on the list plus 300 two-word phrases that occur in the benchmark's text
   * ({@link BenchData#phrases}, which {@code TermMatcherBenchmark} adds): what phrases cost a list of
   * single words. Their first words are as common as the text's words (articles, prepositions).
   */
  VIGIL_PHRASES {
    @Override
    public Engine build(List<String> words) {
      return vigil(words, Normalizer.standard());
    }

    @Override
    boolean comparable() {
      return false; // the phrases find more
    }
  },
  /** Vigil, {@code aggressive} preset: the contextual stages run through the streaming cursor. */
  VIGIL_AGGRESSIVE {
    @Override
    public Engine build(List<String> words) {
      return vigil(words, Normalizer.aggressive());
    }

    @Override
    boolean comparable() {
      return false; // leetspeak and repeats find more
    }
  },
  /** Vigil with case folding only: the cost of the rest of the standard preset. */
  VIGIL_CASE_ONLY {
    @Override
    public Engine build(List<String> words) {
      return vigil(words, Normalizer.builder().stages(Normalizer.Stage.CASE_FOLDING).build());
    }
  },
  /** org.ahocorasick:ahocorasick (robert-bor), ignore case, only whole words. */
  ROBERT_BOR {
    @Override
    public Engine build(List<String> words) {
      Trie trie = Trie.builder().ignoreCase().onlyWholeWords().addKeywords(words).build();
      return text -> trie.parseText(text).size();
    }
  },
  /** com.hankcs double-array trie; it has no case folding, so the text is lower-cased per call. */
  HANKCS {
    @Override
    public Engine build(List<String> words) {
      TreeMap<String, String> map = new TreeMap<>();
      for (String w : words) {
        map.put(w.toLowerCase(Locale.ROOT), w);
      }
      AhoCorasickDoubleArrayTrie<String> trie = new AhoCorasickDoubleArrayTrie<>();
      trie.build(map);
      return text -> {
        String lower = text.toLowerCase(Locale.ROOT);
        int[] count = new int[1];
        trie.parseText(lower, (begin, end, value) -> {
          if ((begin == 0 || !Character.isLetterOrDigit(lower.charAt(begin - 1)))
              && (end == lower.length() || !Character.isLetterOrDigit(lower.charAt(end)))) {
            count[0]++;
          }
        });
        return count[0];
      };
    }
  },
  /** com.github.roklenarcic WholeWordMatchSet, case-insensitive. */
  ROKLENARCIC {
    @Override
    public Engine build(List<String> words) {
      WholeWordMatchSet set = new WholeWordMatchSet(words, false);
      return text -> {
        int[] count = new int[1];
        set.match(text, (haystack, start, end) -> {
          count[0]++;
          return true;
        });
        return count[0];
      };
    }
  },
  /** java.util.regex: one alternation between word boundaries. */
  JDK_REGEX {
    @Override
    public Engine build(List<String> words) {
      StringBuilder sb = new StringBuilder("\\b(?:");
      for (int i = 0; i < words.size(); i++) {
        sb.append(i == 0 ? "" : "|").append(Pattern.quote(words.get(i)));
      }
      Pattern p = Pattern.compile(sb.append(")\\b").toString(),
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
      return text -> {
        Matcher m = p.matcher(text);
        int count = 0;
        while (m.find()) {
          count++;
        }
        return count;
      };
    }
  },
  /** com.github.houbb:sensitive-word, its normalizations on, our words as its whole dictionary. */
  SENSITIVE_WORD {
    @Override
    public Engine build(List<String> words) {
      SensitiveWordBs bs = SensitiveWordBs.newInstance()
          .wordDeny(() -> words)
          .wordAllow(List::of)
          .ignoreCase(true).ignoreWidth(true).ignoreNumStyle(true).ignoreChineseStyle(true)
          .ignoreEnglishStyle(true).ignoreRepeat(true)
          .enableWordCheck(true).enableNumCheck(false).enableEmailCheck(false)
          .enableUrlCheck(false).enableIpv4Check(false)
          .init();
      return text -> bs.findAll(text).size();
    }
  };

  /** Counts the hits in a text. */
  public interface Engine {
    int count(String text);
  }

  public abstract Engine build(List<String> words);

  /** Whether the engine's hits should equal Vigil's on plain English text. */
  boolean comparable() {
    return this != SENSITIVE_WORD && this != JDK_REGEX;
  }

  static TermMatcher vigilMatcher(List<String> words, Normalizer normalizer) {
    TermMatcher.Builder b = TermMatcher.builder().normalizer(normalizer);
    for (String w : words) {
      b.add(Term.of(w));
    }
    return b.build();
  }

  private static Engine vigil(List<String> words, Normalizer normalizer) {
    TermMatcher m = vigilMatcher(words, normalizer);
    Counter counter = new Counter();
    return text -> {
      counter.count = 0;
      m.match(text, counter);
      return counter.count;
    };
  }

  /** A reusable counting handler: the callback path allocates nothing. */
  static final class Counter implements HitHandler {
    int count;

    @Override
    public void onHit(int term, int start, int end) {
      count++;
    }
  }
}
