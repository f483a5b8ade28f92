package dev.vigil.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The payment-handle scan asks for a service keyword only where it may start (a table of first chars):
 * the table equals a case-blind comparison with each keyword's first char for every UTF-16 char, and
 * the scan finds what it found when it asked every keyword at every word (the scan as written before,
 * below), on texts of keywords in several cases, cashtags, separators, look-alike and non-Latin letters,
 * digits, e-mail-like and link-like text.
 */
class HandleScanTableProperties {
  @Test
  void theTableIsACaseBlindFirstCharComparison() {
    List<String> words = List.of("cash.app/", "paypal.me/", "venmo.com/u/", "venmo.com/", "cashapp",
        "cash app", "venmo", "paypal", "zelle", "revolut");
    for (int c = 0; c < 0x10000; c++) {
      int expected = 0;
      for (int k = 0; k < words.size(); k++) {
        expected |= String.valueOf((char) c).regionMatches(true, 0, words.get(k), 0, 1) ? 1 << k : 0;
      }
      int at = c;
      assertEquals(expected, HandleScanner.starting((char) c), () -> "char " + at);
    }
  }

  @Property(tries = 1_000)
  void findsWhatTheScanOfEveryKeywordAtEveryWordFound(@ForAll("texts") String text) {
    List<Contact> found = new ArrayList<>();
    HandleScanner.scan(text, found::add);
    List<Contact> expected = new ArrayList<>();
    Reference.scan(text, expected::add);
    assertEquals(expected, found, text);
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> pieces = Arbitraries.of("venmo", "Venmo", "VENMO", "paypal", "PayPal.me/", "zelle",
        "revolut", "cashapp", "Cash App", "cash.app/", "venmo.com/u/", "venmo.com/", "$", "@", "me ",
        "to ", "at ", ":", "-", " ", ".", "_", "abc", "Bob_9", "x", "1", "AAPL", "\u00e9", "\u017f",
        "\u212a", "\u0441", "\u0440", "\ud835\udc1c", "\ud83d\ude00", "mail@ex.com", "r", "p", "c");
    return pieces.list().ofMaxSize(30).map(l -> String.join("", l));
  }

  /** The scan as written before its table. */
  private static final class Reference {
    /** Service keywords, in the form they are written, and the service they name. */
    private static final String[][] SERVICES = {
        {"cash.app/", "cashapp"}, {"paypal.me/", "paypal"}, {"venmo.com/u/", "venmo"},
        {"venmo.com/", "venmo"}, {"cashapp", "cashapp"}, {"cash app", "cashapp"}, {"venmo", "venmo"},
        {"paypal", "paypal"}, {"zelle", "zelle"}, {"revolut", "revolut"}};

    static void scan(String s, ContactSink sink) {
      int n = s.length();
      int i = 0;
      while (i < n) {
        char c = s.charAt(i);
        boolean wordStart = i == 0 || !Character.isLetterOrDigit(s.codePointBefore(i));
        if (c == '$' && wordStart) {
          int end = handleEnd(s, i + 1, 20, false);
          if (end > i + 1 && Character.isLetter(s.charAt(i + 1))
              && (end == n || !Character.isLetterOrDigit(s.codePointAt(end)))) {
            String tag = s.substring(i + 1, end);
            // $AAPL is a stock ticker as often as a cashtag.
            double confidence = tag.length() <= 5 && tag.equals(tag.toUpperCase(Locale.ROOT)) ? 0.5 : 1.0;
            if (!sink.accept(new Contact(Contact.Kind.PAYMENT_HANDLE, i, end, s.substring(i, end),
                "cashapp:$" + tag, "cashapp", false, confidence))) {
              return;
            }
            i = end;
            continue;
          }
        }
        if (wordStart && Character.isLetter(c)) {
          Contact h = serviceHandle(s, i);
          if (h != null) {
            if (!sink.accept(h)) {
              return;
            }
            i = h.end();
            continue;
          }
        }
        i++;
      }
    }

    private static @Nullable Contact serviceHandle(String s, int i) {
      int n = s.length();
      for (String[] service : SERVICES) {
        String word = service[0];
        if (!s.regionMatches(true, i, word, 0, word.length())) {
          continue;
        }
        int p = i + word.length();
        boolean link = word.endsWith("/");
        if (!link && p < n && Character.isLetterOrDigit(s.codePointAt(p))) {
          continue; // "paypalx" is another word
        }
        if (!link) {
          // "venmo: @name", "venmo me @name", "zelle to $name"
          int limit = Math.min(n, p + 12);
          while (p < limit && (s.charAt(p) == ' ' || s.charAt(p) == ':' || s.charAt(p) == '-'
              || s.regionMatches(true, p, "me ", 0, 3) || s.regionMatches(true, p, "at ", 0, 3)
              || s.regionMatches(true, p, "to ", 0, 3))) {
            p += Character.isLetter(s.charAt(p)) ? 3 : 1;
          }
          if (p >= n || (s.charAt(p) != '@' && s.charAt(p) != '$')) {
            return null;
          }
        }
        boolean sigil = p < n && (s.charAt(p) == '@' || s.charAt(p) == '$');
        int h = sigil ? p + 1 : p;
        int end = handleEnd(s, h, 30, true);
        if (end - h < 2 || end < n && s.charAt(end) == '@') {
          return null; // too short, or an e-mail address (counted as one)
        }
        String handle = s.substring(h, end);
        return new Contact(Contact.Kind.PAYMENT_HANDLE, i, end, s.substring(i, end),
            service[1] + ":" + (sigil ? s.charAt(p) : "") + handle, service[1], false, 1.0);
      }
      return null;
    }

    private static int handleEnd(String s, int from, int max, boolean dotsAndDashes) {
      int e = from;
      while (e < s.length() && e - from < max) {
        char c = s.charAt(e);
        if (Contacts.isAsciiAlnum(c) || c == '_' || dotsAndDashes && (c == '-' || c == '.')
            && e + 1 < s.length() && Contacts.isAsciiAlnum(s.charAt(e + 1))) {
          e++;
        } else {
          break;
        }
      }
      return e;
    }

  }
}
