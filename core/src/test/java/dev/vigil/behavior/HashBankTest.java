package dev.vigil.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.Classifier;
import dev.vigil.Content;
import dev.vigil.Holder;
import dev.vigil.Outcome;
import dev.vigil.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Hash banks: multi-index search equals a brute-force scan, the file format, errors and swaps. */
class HashBankTest {

  /** A random hash of {@code bits} bits as hex. */
  static String randomHex(Random r, int bits) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < bits / 4; i++) {
      sb.append(Character.forDigit(r.nextInt(16), 16));
    }
    return sb.toString();
  }

  /** {@code hex} with {@code flips} distinct random bits flipped. */
  static String flip(Random r, String hex, int flips) {
    char[] c = hex.toCharArray();
    java.util.Set<Integer> done = new java.util.HashSet<>();
    while (done.size() < flips) {
      int bit = r.nextInt(c.length * 4);
      if (done.add(bit)) {
        int d = Character.digit(c[bit / 4], 16) ^ (1 << (bit % 4));
        c[bit / 4] = Character.forDigit(d, 16);
      }
    }
    return new String(c);
  }

  @Property(tries = 60)
  void searchFindsExactlyWhatAScanFinds(@ForAll @IntRange(min = 16, max = 64) int digits,
      @ForAll @IntRange(min = 1, max = 4_000) int size, @ForAll long seed) {
    Random r = new Random(seed);
    int bits = digits * 4;
    List<String> hashes = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      // Half near a few centres, so that searches have neighbours at every distance.
      hashes.add(i % 2 == 0 ? randomHex(r, bits) : flip(r, hashes.get(r.nextInt(i)), r.nextInt(bits / 3)));
      labels.add("label-" + i);
    }
    HashBank bank = HashBank.of("random", hashes, labels);
    for (int q = 0; q < 20; q++) {
      String query = flip(r, hashes.get(r.nextInt(size)), r.nextInt(bits / 4 + 1));
      int distance = r.nextInt(bits / 2 + 1);
      List<HashBank.Match> found = bank.search(query, distance);
      assertEquals(bank.searchByScan(query, distance), found, () -> query + " within " + distance);
      for (HashBank.Match m : found) {
        assertTrue(m.distance() <= distance);
      }
    }
  }

  @Example
  void aMillionEntryBankAtDistance31Of256BitsEqualsTheScan() {
    // The size the benchmark uses: the index is exact there too.
    Random r = new Random(7);
    List<String> hashes = new ArrayList<>(1_000_000);
    List<String> labels = new ArrayList<>(1_000_000);
    for (int i = 0; i < 1_000_000; i++) {
      hashes.add(randomHex(r, 256));
      labels.add("l" + i);
    }
    HashBank bank = HashBank.of("million", hashes, labels);
    for (int q = 0; q < 50; q++) {
      String query = flip(r, hashes.get(r.nextInt(hashes.size())), r.nextInt(40));
      assertEquals(bank.searchByScan(query, 31), bank.search(query, 31));
    }
  }

  @Example
  void readsTheFileFormatAndOrdersMatchesNearestFirst() {
    HashBank bank = HashBank.parse("scams", "# known scam texts\n\n"
        + "00000000000000ff  gift-card, 2026-03\n"
        + "00000000000000f0,prize\n"
        + "ffffffffffffffff  far away\n");
    assertEquals(64, bank.bits());
    assertEquals(3, bank.size());
    assertEquals(List.of(new HashBank.Match("prize", 1, "00000000000000f0"),
        new HashBank.Match("gift-card, 2026-03", 3, "00000000000000ff")),
        bank.search("00000000000000F1", 3));
    assertEquals(List.of(), bank.search("0f00000000000000", 3));
  }

  @Example
  void badLinesNameTheBankTheLineAndTheProblem() {
    assertEquals("hash bank 'b' line 2 has 'g' in its hash, which is not a hex digit:"
        + " '00000000000000g0 x'", assertThrows(IllegalArgumentException.class,
            () -> HashBank.parse("b", "00000000000000ff a\n00000000000000g0 x\n")).getMessage());
    assertEquals("hash bank 'b' line 1 has a hash of 4 hex digits (a bank's hashes have 16 to 64): 'abcd x'",
        assertThrows(IllegalArgumentException.class, () -> HashBank.parse("b", "abcd x")).getMessage());
    assertEquals("hash bank 'b' line 1 has no label after the hash: '00000000000000ff'",
        assertThrows(IllegalArgumentException.class, () -> HashBank.parse("b", "00000000000000ff"))
            .getMessage());
    assertEquals("hash bank 'b' line 2 has a 68-bit hash but the bank's first has 64 bits:"
        + " '00000000000000fff y'", assertThrows(IllegalArgumentException.class,
            () -> HashBank.parse("b", "00000000000000ff x\n00000000000000fff y")).getMessage());
    assertEquals("hash bank 'b' has no entries",
        assertThrows(IllegalArgumentException.class, () -> HashBank.parse("b", "# nothing\n")).getMessage());
    HashBank bank = HashBank.parse("b", "00000000000000ff x");
    assertEquals("hash bank 'b': query 'ff' has a hash of 2 hex digits (a bank's hashes have 16 to 64)",
        assertThrows(IllegalArgumentException.class, () -> bank.search("ff", 1)).getMessage());
  }

  @Example
  void theSignalMatchesAnAttributeHashAndFollowsASwap() {
    String known = randomHex(new Random(1), 256);
    Holder<HashBank> holder = Holder.of(HashBank.parse("images", known + " scam-image-1"));
    Classifier signal = Behaviors.bank("known-image", holder, Key.attribute("pdq"), 31);
    Content near = Content.builder().body("look").attribute("pdq", flip(new Random(2), known, 20)).build();
    Signal s = signal.classify(near);
    assertEquals(1.0, s.score());
    assertEquals(List.of("known-image: attribute(pdq) within 20 of 256 bits of 'scam-image-1' in bank"
        + " 'images'"), s.notes());
    assertEquals(0.0, signal.classify(Content.builder().attribute("pdq", flip(new Random(3), known, 40))
        .build()).score());
    assertEquals(Outcome.NOT_APPLICABLE, signal.classify(Content.of("no hash")).outcome());
    Signal bad = signal.classify(Content.builder().attribute("pdq", "zz").build());
    assertEquals(Outcome.FAILED, bad.outcome());
    assertTrue(bad.failureMessage().contains("attribute(pdq) is not a hash of this bank"), bad.failureMessage());
    holder.set(HashBank.parse("images-v2", randomHex(new Random(4), 256) + " other"));
    assertEquals(0.0, signal.classify(near).score());
  }

  @Example
  void aBankOfTextsMatchesNearCopiesBySimHash() {
    String scam = "Your parcel is waiting, confirm the delivery fee at the link below today";
    Holder<HashBank> holder = Holder.of(HashBank.parse("texts", Behaviors.simHash(scam) + " parcel-fee"));
    Classifier signal = Behaviors.bank("known-text", holder, Key.textSimHash(), 12);
    assertEquals(1.0, signal.classify(Content.of("Your parcel is waiting: confirm the delivery fee at the"
        + " link below TODAY")).score());
    assertEquals(0.0, signal.classify(Content.of("The meeting moved to Thursday afternoon, bring the"
        + " quarterly numbers please")).score());
  }
}
