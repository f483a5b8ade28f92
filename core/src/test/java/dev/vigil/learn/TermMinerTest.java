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
  void wordPiecesCatchHowWordsBeginAndEndAndStayAtTheirEdges() {
    List<LabeledItem> items = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      // Every number differs, but the harmful ones begin with 0871; "ringtones" and "ringtoned" end
      // alike; "tone" is inside harmless words too.
      items.add(LabeledItem.of("s" + i, "call 0871" + (100_000 + 7919 * i) + " for ringtone" + "sd".charAt(i % 2)
          + " now", true));
      items.add(LabeledItem.of("h" + i, "call " + (200_000 + 7919 * i) + " about the stones", false));
    }
    List<TermMiner.Candidate> pieces = TermMiner.builder().wordPieces(2, 4).build().mine(items);
    Map<String, TermMiner.Candidate> byId = pieces.stream()
        .collect(Collectors.toMap(TermMiner.Candidate::id, Function.identity()));
    TermMiner.Candidate number = byId.get("08*");
    assertTrue(number != null, byId.keySet().toString());
    assertEquals(20, number.harmful());
    assertEquals(0, number.harmless());
    assertEquals(dev.vigil.text.MatchMode.PREFIX, number.mode());
    // "087*" and "0871*" hold in the same items, no more precisely: only the shortest is kept.
    assertFalse(byId.containsKey("087*") || byId.containsKey("0871*"), byId.keySet().toString());
    assertTrue(byId.containsKey("ri*") && byId.get("ri*").harmful() == 20, byId.keySet().toString());
    // Word ends: "ringtoned" (ten items) ends in "ed" as no harmless word does, so "*ed" is kept (and
    // "*ned", no more precise, is not); "ringtones" ends as the harmless "stones" do.
    assertEquals(dev.vigil.text.MatchMode.SUFFIX, byId.get("*ed").mode(), byId.keySet().toString());
    assertEquals(10, byId.get("*ed").harmful());
    assertFalse(byId.containsKey("*ned") || byId.containsKey("*es") || byId.containsKey("*nes"),
        byId.keySet().toString());
    // Nothing from a word's middle: "ngto" is inside "ringtone" but at neither edge.
    assertTrue(pieces.stream().noneMatch(c -> c.term().equals("ngto")), pieces.toString());
    // A piece is shorter than its word: a word of up to the longest piece is a word candidate only.
    java.util.Set<String> keys = new java.util.HashSet<>();
    TermMiner.builder().maxWords(1).wordPieces(1, 4).build().collect(dev.vigil.Content.of("now"), keys);
    assertEquals(java.util.Set.of("now", "\u0002n", "\u0002no", "\u0003w", "\u0003ow"), keys);
    // Off by default.
    assertTrue(TermMiner.builder().build().mine(items).stream()
        .allMatch(c -> c.mode() == dev.vigil.text.MatchMode.WORD));
    assertThrows(IllegalArgumentException.class, () -> TermMiner.builder().wordPieces(0, 3));
    assertThrows(IllegalArgumentException.class, () -> TermMiner.builder().wordPieces(4, 3));
    assertThrows(IllegalArgumentException.class, () -> TermMiner.builder().wordPieces(1, 9));
  }

  @Test
  void harmlessSideTermsAreMinedWithTheRolesSwapped() {
    List<TermMiner.Candidate> harmless = TermMiner.builder().build().mineHarmless(data());
    Map<String, TermMiner.Candidate> mined = harmless.stream()
        .collect(Collectors.toMap(TermMiner.Candidate::term, Function.identity()));
    // "game" is in 40 harmless items and no harmful one; "reply" is in both, so it is left out by the
    // default limit of 1% on the other class (here the harmful items).
    assertEquals(40, mined.get("game").harmless());
    assertEquals(0, mined.get("game").harmful());
    assertFalse(mined.containsKey("reply"), mined.keySet().toString());
    assertFalse(mined.containsKey("gift"), "a term of harm is never proposed as harmless");
    for (int i = 1; i < harmless.size(); i++) {
      assertTrue(harmless.get(i - 1).precision() >= harmless.get(i).precision(), harmless.toString());
    }
    // The share of harmless items among those holding it, smoothed: above the harmless base rate.
    assertTrue(mined.get("game").precision() > 40.0 / 61, mined.get("game").toString());
    assertTrue(TermMiner.builder().build().mineHarmless(List.of(LabeledItem.of("a", "hi", true)))
        .isEmpty());
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
