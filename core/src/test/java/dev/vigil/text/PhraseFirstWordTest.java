package dev.vigil.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What follows a phrase's first word, where the phrase index answers without the automaton: the next
 * word packed right after one space (the pair's filter), a second word longer than the index's keys,
 * a space and then a char that begins no word ("ab (cd"), a whitespace run ("ab \tcd"), phrases
 * that go on after the space with such a char ("ab &cd"), and phrases whose words another char joins
 * ("ab-xy"). Each against the naive reference, for texts
 * read through small buffers and straight from the string, and for index keys of 2, 3 and all symbols.
 */
class PhraseFirstWordTest {
  private static final String TEXT = "xx ab cd yy ab cdefghij zz ab (cd ab  cd ab \tcd ab &cd ab"
      + " cdefghij. ab - cd, ab cde ab cdx ab ab cd ab-xy ab.xy ab&xy ab";

  @Test
  void hitsEqualTheReferenceWhateverFollowsTheFirstWord() {
    List<List<String>> lists = List.of(
        List.of("ab", "ab cd", "ab cdefghij"),
        List.of("ab cd", "ab cdefghij", "ab &cd"),
        List.of("ab cdefghij"),
        List.of("cd", "ab cde", "ab cdx"),
        List.of("ab cd", "ab-xy", "ab&xy", "ab.xy"));
    for (List<String> list : lists) {
      for (int wordIndex : new int[] {2, 3, 64}) {
        for (int chunk : new int[] {-1, 7, 64}) {
          check(list, wordIndex, chunk);
        }
      }
    }
  }

  private static void check(List<String> list, int wordIndex, int chunk) {
    List<Term> terms = new ArrayList<>();
    for (String w : list) {
      terms.add(new Term(w, w, "x", 1.0, MatchMode.WORD));
    }
    TermMatcher matcher = TermMatcher.builder().normalizer(Normalizer.standard()).addAll(terms)
        .tuning(MatcherTuning.DEFAULT.scanChunk(chunk).wordIndex(wordIndex)).build();
    assertEquals(ScanPlan.PHRASE_INDEX, matcher.plan(), matcher::toString);
    List<NaiveTermMatcher.Hit> actual = new ArrayList<>();
    matcher.match(TEXT, (t, s, e) -> actual.add(new NaiveTermMatcher.Hit(t, s, e)));
    actual.sort(null);
    NaiveTermMatcher naive = new NaiveTermMatcher(Normalizer.standard(), terms, List.of(),
        MatchMode.WORD);
    assertEquals(naive.find(TEXT), actual,
        () -> "terms " + list + ", word index " + wordIndex + ", chunk " + chunk);
  }
}
