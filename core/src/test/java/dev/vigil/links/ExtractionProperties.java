package dev.vigil.links;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.Evidence;
import dev.vigil.contact.Contact;
import dev.vigil.contact.Contacts;
import dev.vigil.internal.Hosts;
import dev.vigil.internal.Invisibles;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Laws of the link and contact extractors on random text: every span is the substring of the original
 * at its offsets, spans never split a surrogate pair, extraction never throws and is deterministic.
 */
class ExtractionProperties {

  /** Pieces that make extractors work hard, mixed with random Unicode. */
  private static final List<String> PIECES = List.of("http", "://", "hxxp", "www", ".", "[.]", "(.)",
      " dot ", " at ", "[at]", "@", "\uFF20", "com", "net", "xn--", "\u0440\u0444", "\u043f\u0440", "ex",
      "ample", "/", "?", "#", ":", "8080", "(", ")", "]", "\"", "'", "!", ",", " ", "\n", "+", "-",
      "1", "555", "0123", "0", "O", "l", "$", "venmo", "paypal.me/", "cash.app/", "0x", "bc1",
      "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
      "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "\ud83d\ude00", "\ud800", "\udc00", "\u200b",
      "\u0301", "\uFF0E", "\u3002", "\u00A0", "\u0130", "\uFB01", "\u0000", " DoT ", "{.}", "[dot]",
      "(dot)", "[:]//", "[://]", "--", "a-b", "So", "By", "org", "uk", "co", "192", "168", "3232235777");

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(PIECES),
        Arbitraries.strings().all().ofMaxLength(4));
    return piece.list().ofMaxSize(40).map(l -> String.join("", l));
  }

  @Property(tries = 5000)
  void linkSpansAreSubstringsOfTheOriginal(@ForAll("texts") String text) {
    List<Link> links = Links.find(text);
    int previousEnd = 0;
    for (Link l : links) {
      assertEquals(text.substring(l.start(), l.end()), l.text());
      assertFalse(Evidence.splitsSurrogatePair(text, l.start()));
      assertFalse(Evidence.splitsSurrogatePair(text, l.end()));
      assertTrue(l.start() >= previousEnd, "links do not overlap and come in text order");
      assertFalse(l.host().isEmpty());
      previousEnd = l.end();
    }
    assertEquals(links, Links.find(text));
  }

  /**
   * The scan jumps between the chars a link's first dot or scheme separator opens with; it must find
   * exactly what passing every word start to the link parser finds.
   */
  @Property(tries = 5000)
  void scanFindsWhatTheWordByWordWalkFinds(@ForAll("texts") String text) {
    // Links are read as a reader sees them, without invisible characters, with spans in the original.
    Invisibles.Stripped stripped = Invisibles.strip(text);
    List<Link> walked = new java.util.ArrayList<>();
    if (stripped == null) {
      everyWordStart(text, walked::add);
    } else {
      everyWordStart(stripped.text(), l -> walked.add(new Link(stripped.start(l.start()),
          stripped.end(l.end()), stripped.originalText(l.start(), l.end()), l.host(), l.asciiHost(),
          l.registrableDomain(), l.explicitScheme(),
          l.obfuscated() || stripped.removedWithin(l.start(), l.end()), l.ipAddress())));
    }
    assertEquals(walked, Links.find(text));
  }

  /** Texts longer than the scan's buffer, so that candidates straddle its chunks. */
  @Property(tries = 500)
  void scanOfLongTextsFindsWhatTheWordByWordWalkFinds(@ForAll("longTexts") String text) {
    scanFindsWhatTheWordByWordWalkFinds(text);
  }

  @Provide
  Arbitrary<String> longTexts() {
    Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(PIECES),
        Arbitraries.of("lorem ipsum ", "dolor. Sit ", "amet "));
    return piece.list().ofMinSize(200).ofMaxSize(600).map(l -> String.join("", l));
  }

  @Property(tries = 5000)
  void contactSpansAreSubstringsOfTheOriginal(@ForAll("texts") String text) {
    List<Contact> contacts = Contacts.find(text);
    for (Contact c : contacts) {
      assertEquals(text.substring(c.start(), c.end()), c.text());
      assertFalse(Evidence.splitsSurrogatePair(text, c.start()));
      assertFalse(Evidence.splitsSurrogatePair(text, c.end()));
      assertTrue(c.confidence() > 0 && c.confidence() <= 1);
    }
    assertEquals(contacts, Contacts.find(text));
  }

  @Property(tries = 2000)
  void extractionNeverThrowsOnArbitraryUnicode(@ForAll String text) {
    for (Link l : Links.find(text)) {
      assertEquals(text.substring(l.start(), l.end()), l.text());
    }
    for (Contact c : Contacts.find(text)) {
      assertEquals(text.substring(c.start(), c.end()), c.text());
    }
  }

  /**
   * The plain walk that {@code LinkScanner}'s scan is a faster form of: every word start, in order,
   * handed to the scan's {@code at}.
   */
  static void everyWordStart(String text, LinkScanner.Sink sink) {
    LinkScanner.Scan scan = new LinkScanner.Scan();
    scan.reset(text);
    int i = 0;
    while (i < scan.n) {
      int cp = text.codePointAt(i);
      if (!Hosts.isLabelChar(cp) || cp == '-') {
        i += Character.charCount(cp);
        continue;
      }
      int resume = scan.at(i, sink);
      if (resume < 0) {
        return;
      }
      i = Math.max(resume, i + Character.charCount(cp));
      while (i < scan.n) {
        int c = text.codePointAt(i);
        if (!Hosts.isLabelChar(c)) {
          break;
        }
        i += Character.charCount(c);
      }
    }
  }
}
