package dev.vigil.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The e-mail and phone scans jump from one possible start to the next in a loop of their own (the
 * loop that also tried each address or number was compiled to reload the string for every char): they
 * find what the scans that tried every char found (below, as they were), on texts rich in
 * what starts an address or a number ({@code @}, a fullwidth {@code @}, "at" in brackets and between
 * spaces, in every case; {@code +}, {@code (}, digits of other scripts and outside the BMP) and in
 * what ends one, including unpaired surrogates, and when the sink stops the scan early.
 */
class CandidateScanProperties {
  @Property(tries = 3_000)
  void emailScanFindsWhatTheCharByCharScanFound(@ForAll("texts") String text) {
    assertEquals(collect(text, true, Integer.MAX_VALUE, false), collect(text, true, Integer.MAX_VALUE, true),
        text);
  }

  @Property(tries = 3_000)
  void phoneScanFindsWhatTheCharByCharScanFound(@ForAll("texts") String text) {
    assertEquals(collect(text, false, Integer.MAX_VALUE, false),
        collect(text, false, Integer.MAX_VALUE, true), text);
  }

  @Property(tries = 1_000)
  void bothStopWhereTheSinkSaysStop(@ForAll("texts") String text) {
    for (int keep = 1; keep <= 2; keep++) {
      assertEquals(collect(text, true, keep, false), collect(text, true, keep, true), text);
      assertEquals(collect(text, false, keep, false), collect(text, false, keep, true), text);
    }
  }

  @Test
  void examplesOfEachStart() {
    for (String text : List.of("mail bob@example.com now", "bob \uFF20 example.com", "bob [at] example [dot] com",
        "bob (AT) example.com", "bob At example dot com", "that at the", "call +1 415 555 0134",
        "(415) 555-0134 today", "\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668",
        "\ud835\udfcf\ud835\udfd0\ud835\udfd1 4155550134", "\udc00415 555 0134 \ud800")) {
      assertEquals(collect(text, true, 9, false), collect(text, true, 9, true), text);
      assertEquals(collect(text, false, 9, false), collect(text, false, 9, true), text);
    }
    assertEquals(1, collect("write to bob@example.com", true, 9, true).size());
    assertEquals(1, collect("call +1 415 555 0134", false, 9, true).size());
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> pieces = Arbitraries.of("@", "\uFF20", " at ", " AT ", " aT ", "[at]", "(At)", "{at}",
        "at", "a", "t", "A", "T", " ", ".", " dot ", "[.]", "(dot)", "bob", "x.y", "example", "com", "co.uk",
        "-", "_", "+", "(", ")", "1", "415", "555", "0134", "2026", "\u0661", "\u0967", "\ud835\udfcf", "\ud800",
        "\udc00", "\u00e9", "\u0430", "$", "#", "/", ":", ",", "%", "l", "O", "tel", "\uFF11");
    return pieces.list().ofMaxSize(40).map(l -> String.join("", l));
  }

  private static List<Contact> collect(String text, boolean email, int keep, boolean current) {
    List<Contact> found = new ArrayList<>();
    ContactSink sink = c -> {
      found.add(c);
      return found.size() < keep;
    };
    if (email) {
      if (current) {
        EmailScanner.scan(text, sink);
      } else {
        emailScanBefore(text, sink);
      }
    } else if (current) {
      PhoneScanner.scan(text, sink);
    } else {
      phoneScanBefore(text, sink);
    }
    return found;
  }

  /** {@code EmailScanner.scan} as it was: an address tried at every char. */
  private static void emailScanBefore(String s, ContactSink sink) {
    for (int i = 0; i < s.length(); i++) {
      i = EmailScanner.tryAt(s, i, sink);
      if (i < 0) {
        return;
      }
    }
  }

  /** {@code PhoneScanner.scan} as it was: every code point asked whether a number starts there. */
  private static void phoneScanBefore(String s, ContactSink sink) {
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      if (cp == '+' || cp == '(' || Character.isDigit(cp)) {
        i = PhoneScanner.tryAt(s, i, sink);
        if (i < 0) {
          return;
        }
      } else {
        i += Character.charCount(cp);
      }
    }
  }
}
