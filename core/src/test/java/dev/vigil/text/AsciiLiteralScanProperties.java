package dev.vigil.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The indexOf-based literal scan finds exactly the occurrences a test at every position finds. */
class AsciiLiteralScanProperties {

  @Provide
  Arbitrary<List<String>> literalSets() {
    Arbitrary<String> literal = Arbitraries.oneOf(
        Arbitraries.strings().withChars("abAB .1-zZ@`").ofMinLength(1).ofMaxLength(5),
        Arbitraries.of("idiot", "moron", "loser", "guaranteed returns", "double your", "aa", "a a"));
    return literal.list().ofMinSize(1).ofMaxSize(10); // more than six pairs: the hashed scan
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> piece = Arbitraries.oneOf(
        Arbitraries.strings().withChars("abAB .1-zZ@`!\u0101\u0141").ofMaxLength(6),
        Arbitraries.of("idiot", "IDIOT", "MoRoN", "loser", "Guaranteed Returns", "double your", "é",
            "\ud83d\ude00", "\u0130", "\u00e1", "\u017f", "\u212a"));
    return piece.list().ofMaxSize(20).map(l -> String.join("", l));
  }

  @Property(tries = 3000)
  void findsExactlyTheOccurrencesOfANaiveSearch(@ForAll("literalSets") List<String> literals,
      @ForAll("texts") String text, @ForAll boolean caseInsensitive,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 9) int buffer) {
    AsciiLiteralScan scan = AsciiLiteralScan.of(literals, caseInsensitive);
    if (scan == null) {
      return; // the automaton is used
    }
    TreeSet<String> found = new TreeSet<>();
    boolean used = scan.find(text, new char[buffer], new byte[buffer + 8],
        (term, start, end) -> found.add(term + ":" + start + ":" + end));
    boolean foldsOutsideAscii = text.indexOf('\u017f') >= 0 || text.indexOf('\u212a') >= 0;
    assertEquals(!(caseInsensitive && foldsOutsideAscii), used);
    if (!used) {
      assertTrue(found.isEmpty(), "nothing is reported when the automaton must scan");
      return;
    }
    assertEquals(naive(literals, text, caseInsensitive), found);
  }

  private static TreeSet<String> naive(List<String> literals, String text, boolean caseInsensitive) {
    TreeSet<String> out = new TreeSet<>();
    for (int id = 0; id < literals.size(); id++) {
      String l = literals.get(id);
      for (int i = 0; i + l.length() <= text.length(); i++) {
        String window = text.substring(i, i + l.length());
        boolean same = caseInsensitive
            ? asciiLower(window).equals(l.toLowerCase(Locale.ROOT)) : window.equals(l);
        if (same) {
          out.add(id + ":" + i + ":" + (i + l.length()));
        }
      }
    }
    return out;
  }

  private static String asciiLower(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    return b.toString();
  }

  @Example
  void notUsedForLiteralsOutsideAsciiShortOrMany() {
    assertNull(AsciiLiteralScan.of(List.of("caf\u00e9"), true));
    assertNull(AsciiLiteralScan.of(List.of("x"), false), "a single char has no pair");
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 65; i++) {
      many.add("w" + i);
    }
    assertNull(AsciiLiteralScan.of(many, true), "65 literals fill the set of pairs");
    assertNotNull(AsciiLiteralScan.of(List.of("idiot", "moron", "loser"), true));
  }

  /** Both scans find a literal whose rarest pair opens the text, and one at its very end. */
  @Example
  void findsLiteralsAtTheEdgesOfTheText() {
    List<String> few = List.of("zzab", "abqz");
    List<String> many = List.of("zzab", "abqz", "ca", "dc", "ed", "fe", "gf", "hg");
    for (List<String> literals : List.of(few, many)) {
      AsciiLiteralScan scan = AsciiLiteralScan.of(literals, true);
      for (int buffer : new int[] {1, 2, 3, 64}) {
        TreeSet<String> found = new TreeSet<>();
        scan.find("ZZab abQZ", new char[buffer], new byte[buffer + 8],
            (term, start, end) -> found.add(term + ":" + start + ":" + end));
        assertEquals(new TreeSet<>(List.of("0:0:4", "1:5:9")), found, literals + " " + buffer);
      }
    }
  }

  @Example
  void aTextWithLongSOrKelvinSignGoesToTheAutomaton() {
    AsciiLiteralScan scan = AsciiLiteralScan.of(List.of("loser"), true);
    assertFalse(scan.find("lo\u017fer", new char[8], new byte[16], (t, s, e) -> { }));
    assertTrue(AsciiLiteralScan.of(List.of("loser"), false).find("lo\u017fer", new char[8], new byte[16], (t, s, e) -> { }));
  }

  /** The eight-at-a-time digit test flags a word exactly when one of its bytes is an ASCII digit's. */
  @Property(tries = 5000)
  void mayHoldDigitIsExact(@ForAll("wordBytes") byte[] word) {
    byte[] padded = java.util.Arrays.copyOf(word, 16);
    boolean any = false;
    for (int k = 0; k < 8; k++) {
      any |= padded[k] >= '0' && padded[k] <= '9';
    }
    assertEquals(any, AsciiLiteralScan.mayHoldDigit(padded, 0), () -> java.util.Arrays.toString(word));
  }

  @Provide
  Arbitrary<byte[]> wordBytes() {
    // Digits, their neighbours (the test's borrows), and any byte at all.
    Arbitrary<Byte> b = Arbitraries.oneOf(Arbitraries.bytes().between((byte) 0x2e, (byte) 0x3b),
        Arbitraries.bytes(), Arbitraries.of((byte) 0, (byte) 0x80, (byte) 0xb0, (byte) 0xff));
    return b.array(byte[].class).ofSize(8);
  }
}
