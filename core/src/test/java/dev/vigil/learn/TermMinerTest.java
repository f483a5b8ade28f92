package dev.vigil.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.eval.LabeledItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TermMinerTest {

  static List<LabeledItem> data() {
    List<LabeledItem> items = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      // Evasions of one term count together: case, a fullwidth form, a Cyrillic "е", a zero-width space.
      String gift = new String[] {"gift card", "GIFT CARD", "ｇｉｆｔ card", "gift cаrd", "gift\u200B card"}[i % 5];
      items.add(LabeledItem.of("s" + i, "buy a " + gift + " now, reply " + i, true));
      items.add(LabeledItem.of("h" + i, "can you reply by " + i + " about the card game", false));
      items.add(LabeledItem.of("g" + i, "the game is at " + i, false));
    }
    items.add(LabeledItem.of("rare", "bitcoin doubler", true));
    return items;
  }

  @Test
  void proposesThePhraseOfTheHarmfulItemsWithItsSupport() {
    Map<String, TermMiner.Candidate> mined = TermMiner.builder().build().mine(data()).stream()
        .collect(Collectors.toMap(TermMiner.Candidate::term, Function.identity()));
    TermMiner.Candidate gift = mined.get("gift");
    assertTrue(gift != null, mined.keySet().toString());
    assertEquals(20, gift.harmful());
    assertEquals(0, gift.harmless());
    // "reply" and "card" are in harmless items too (in more than 1% of them); "bitcoin" is too rare.
    assertFalse(mined.containsKey("reply"), mined.keySet().toString());
    assertFalse(mined.containsKey("card"), mined.keySet().toString());
    assertFalse(mined.containsKey("bitcoin"), mined.keySet().toString());
    // "gift card" adds nothing over "gift": every item holding it holds "gift", as precisely.
    assertFalse(mined.containsKey("gift card"), mined.keySet().toString());
  }

  @Test
  void ranksBySmoothedPrecisionThenSupport() {
    List<TermMiner.Candidate> mined = TermMiner.builder().minSupport(1).build().mine(data());
    for (int i = 1; i < mined.size(); i++) {
      assertTrue(TermMiner.RANKING.compare(mined.get(i - 1), mined.get(i)) <= 0);
    }
    TermMiner.Candidate rare = mined.stream().filter(c -> c.term().equals("bitcoin")).findFirst()
        .orElseThrow();
    TermMiner.Candidate gift = mined.stream().filter(c -> c.term().equals("gift")).findFirst()
        .orElseThrow();
    assertTrue(gift.precision() > rare.precision(), "one item is weaker evidence than twenty");
  }

  @Test
  void characterSequencesCatchTheShapeOfNumbers() {
    List<LabeledItem> items = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      items.add(LabeledItem.of("s" + i, "ring 0800" + (100_000 + 7919 * i) + " today", true));
      items.add(LabeledItem.of("h" + i, "ring me at " + (200_000 + 7919 * i) + " today", false));
    }
    Map<String, TermMiner.Candidate> words = TermMiner.builder().build().mine(items).stream()
        .collect(Collectors.toMap(TermMiner.Candidate::term, Function.identity()));
    assertTrue(words.isEmpty(), "every number is different, so no word marks the harmful items: " + words);
    List<TermMiner.Candidate> grams = TermMiner.builder().characterGrams(3, 5).build().mine(items);
    TermMiner.Candidate free = grams.stream().filter(c -> c.term().equals("080")).findFirst()
        .orElseThrow(() -> new AssertionError(grams.toString()));
    assertEquals(20, free.harmful());
    assertEquals(0, free.harmless());
    assertEquals(dev.vigil.text.MatchMode.ANYWHERE, free.mode());
    assertEquals("*080*", free.id());
    // "0800" holds "080" in every item, no more precisely: it is left out.
    assertTrue(grams.stream().noneMatch(c -> c.term().equals("0800")), grams.toString());
    assertThrows(IllegalArgumentException.class, () -> TermMiner.builder().characterGrams(1, 3));
    assertThrows(IllegalArgumentException.class, () -> TermMiner.builder().characterGrams(5, 3));
  }

  @Test
  void nothingHarmfulMinesNothing() {
    assertTrue(TermMiner.builder().build().mine(List.of(LabeledItem.of("a", "hi", false))).isEmpty());
    assertTrue(TermMiner.builder().build().mine(List.of()).isEmpty());
  }

  @Test
  void badSettingsNameTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TermMiner.builder().maxWords(9));
    assertTrue(e.getMessage().contains("maxWords") && e.getMessage().contains("9"));
    assertThrows(IllegalArgumentException.class, () -> TermMiner.builder().maxHarmlessShare(2));
    assertThrows(IllegalArgumentException.class, () -> TermMiner.builder().minSupport(0));
  }
}
