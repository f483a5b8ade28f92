package dev.vigil.contact;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Finds payment handles: a service keyword (CashApp's $cashtag, Venmo, PayPal.me, Zelle...) followed
 * by an account name. Not API; used by {@link Contacts}.
 */
final class HandleScanner {
  private HandleScanner() {}

  /** Service keywords, in the form they are written, and the service they name. */
  private static final String[][] SERVICES = {
      {"cash.app/", "cashapp"}, {"paypal.me/", "paypal"}, {"venmo.com/u/", "venmo"},
      {"venmo.com/", "venmo"}, {"cashapp", "cashapp"}, {"cash app", "cashapp"}, {"venmo", "venmo"},
      {"paypal", "paypal"}, {"zelle", "zelle"}, {"revolut", "revolut"}};

  /**
   * Per UTF-16 char: the keywords (bit k for {@code SERVICES[k]}) that may start with it, as {@code
   * regionMatches} with case ignored compares a keyword's first char (built from that comparison, so it
   * decides as the keywords' own comparison does for every char, not only ASCII letters). Why: the scan
   * asked every keyword at every word, ten case-blind comparisons per word, which made this the slowest
   * contact signal by five times.
   */
  private static final short[] STARTING = starting();

  private static short[] starting() {
    short[] t = new short[0x10000];
    for (int c = 0; c < t.length; c++) {
      String one = String.valueOf((char) c);
      for (int k = 0; k < SERVICES.length; k++) {
        t[c] |= (short) (one.regionMatches(true, 0, SERVICES[k][0], 0, 1) ? 1 << k : 0);
      }
    }
    return t;
  }

  /** The keywords that may start with {@code c}, as bits (for the test that checks the table). */
  static int starting(char c) {
    return STARTING[c];
  }

  static void scan(String s, ContactSink sink) {
    final short[] starting = STARTING;
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      // Only a '$' or a keyword's first letter needs to know whether a word starts here.
      if (c != '$' && starting[c] == 0) {
        i++;
        continue;
      }
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
        Contact h = serviceHandle(s, i, starting[c]);
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

  /** The handle of the first of the keywords {@code candidates} (bits) that is written at {@code i}. */
  private static @Nullable Contact serviceHandle(String s, int i, int candidates) {
    int n = s.length();
    for (int k = 0; k < SERVICES.length; k++) {
      if ((candidates & 1 << k) == 0) {
        continue; // its first char is not this one
      }
      String[] service = SERVICES[k];
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
