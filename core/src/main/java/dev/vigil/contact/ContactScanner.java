package dev.vigil.contact;

import dev.vigil.internal.Hosts;
import java.net.IDN;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The scanners behind {@link Contacts}. Not API. Each is one pass over the text with bounded work per
 * candidate (local parts of at most 64 chars, domains of at most 253, numbers of at most 15 digits), so
 * hostile input stays linear.
 */
final class ContactScanner {
  private ContactScanner() {}

  /** Receives contacts in text order; returns false to stop. */
  interface Sink {
    boolean accept(Contact contact);
  }

  // ---------------------------------------------------------------- phone numbers

  private static final int MIN_DIGITS = 7;
  private static final int MAX_DIGITS = 15; // E.164

  static void phones(String s, Sink sink) {
    int n = s.length();
    int i = 0;
    while (i < n) {
      int cp = s.codePointAt(i);
      boolean start = cp == '+' || cp == '(' || Character.isDigit(cp);
      if (!start) {
        i += Character.charCount(cp);
        continue;
      }
      int end = phoneAt(s, i, sink);
      if (end < 0) {
        return;
      }
      i = Math.max(end, i + Character.charCount(cp));
      // Go on after the rest of this run of digits, so a failed number is not re-read from inside.
      while (i < n && (Character.isDigit(s.codePointAt(i)) || isLetterDigit(s.charAt(i)))) {
        i += Character.charCount(s.codePointAt(i));
      }
    }
  }

  /** Tries a phone number at {@code i}; returns where to go on, or -1 when the sink says stop. */
  private static int phoneAt(String s, int i, Sink sink) {
    int n = s.length();
    boolean glued = false;
    if (i > 0) {
      int prev = s.codePointBefore(i);
      if (Character.isDigit(prev) || "$£€¥#/\\:.,%_@".indexOf(prev) >= 0) {
        return i + 1;
      }
      glued = Character.isLetter(prev);
    }
    boolean plus = s.charAt(i) == '+';
    int pos = plus ? i + 1 : i;
    if (pos < n && s.charAt(pos) == '(' && pos > i) {
      pos++; // +(44) 20 ...
    } else if (s.charAt(i) == '(') {
      pos = i + 1;
    }
    StringBuilder digits = new StringBuilder(16);
    int[] groups = new int[MAX_DIGITS + 1];
    char[] separators = new char[MAX_DIGITS + 1];
    int groupCount = 0;
    int letters = 0;
    int end = pos;
    boolean mixedSeparators = false;
    char firstSeparator = 0;
    while (true) {
      int size = 0;
      while (pos < n) {
        int cp = s.codePointAt(pos);
        if (Character.isDigit(cp)) {
          digits.append((char) ('0' + Character.digit(cp, 10)));
          pos += Character.charCount(cp);
          size++;
        } else if (isLetterDigit((char) cp) && pos + 1 < n
            && Character.isDigit(s.charAt(pos + 1))) {
          // O for 0, l and I for 1, between digits: 555-O123.
          digits.append(cp == 'O' || cp == 'o' ? '0' : '1');
          letters++;
          pos++;
          size++;
        } else {
          break;
        }
        if (digits.length() > MAX_DIGITS) {
          return skipNumber(s, pos);
        }
      }
      if (size == 0) {
        break;
      }
      groups[groupCount++] = size;
      end = pos;
      if (pos < n && Character.isLetter(s.codePointAt(pos))) {
        glued = true;
        break;
      }
      // Separators: up to three of space, no-break space, hyphens, dot, parentheses.
      int sep = pos;
      while (sep < n && sep - pos < 3 && isPhoneSeparator(s.charAt(sep))) {
        sep++;
      }
      if (sep == pos || sep >= n || !(Character.isDigit(s.codePointAt(sep))
          || isLetterDigit(s.charAt(sep)) && sep + 1 < n && Character.isDigit(s.charAt(sep + 1)))) {
        break;
      }
      char kind = s.charAt(pos);
      if (firstSeparator == 0) {
        firstSeparator = kind;
      } else if (kind != firstSeparator) {
        mixedSeparators = true;
      }
      if (groupCount <= MAX_DIGITS) {
        separators[groupCount - 1] = kind;
      }
      pos = sep;
    }
    int d = digits.length();
    if (d < MIN_DIGITS || groupCount == 0) {
      return end;
    }
    if (end < n && (Character.isDigit(s.codePointAt(end)) || s.charAt(end) == '%')) {
      return end;
    }
    if (glued && !(groupCount == 1 && (plus || digits.charAt(0) == '0') && d >= 10 && d <= 13)) {
      // Digits glued to letters are identifiers (AB12345678), unless they are a whole trunk-prefixed
      // number, as SMS spam writes them: "call09050000327", "08452810075over18's".
      return skipNumber(s, end);
    }
    if (!plus && looksLikeSomethingElse(digits, groups, groupCount, separators, mixedSeparators)) {
      return end;
    }
    int singles = 0;
    for (int k = 0; k < groupCount; k++) {
      singles += groups[k] == 1 ? 1 : 0;
    }
    if (singles == groupCount && isCounting(digits)) {
      return end; // 1 2 3 4 5 6 7 8 9
    }
    boolean obfuscated = letters > 0 || singles >= 4;
    if (letters > 2) {
      return end;
    }
    double confidence = plus || d >= 10 || obfuscated ? 1.0 : 0.7;
    int start = i;
    String value = (plus ? "+" : "") + digits;
    Contact c = new Contact(Contact.Kind.PHONE, start, end, s.substring(start, end), value, "",
        obfuscated, confidence);
    return sink.accept(c) ? end : -1;
  }

  /** Dates, years, amounts, decimals and times that have the digits of a phone number. */
  private static boolean looksLikeSomethingElse(CharSequence digits, int[] groups, int count,
      char[] separators, boolean mixed) {
    if (count == 1) {
      // A bare run of digits: only long ones, or ones with a trunk prefix, are phone numbers.
      return digits.length() < 10 && !(digits.charAt(0) == '0' && digits.length() >= 9);
    }
    if (count >= 3 && (groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2
        || groups[0] <= 2 && groups[1] <= 2 && groups[2] == 4)
        && separators[0] != ' ' && separators[0] == separators[1]) {
      return true; // 2024-01-15, 15.01.2024
    }
    boolean years = true;
    int offset = 0;
    for (int k = 0; k < count; k++) {
      boolean year = groups[k] == 4 && (digits.charAt(offset) == '1' && digits.charAt(offset + 1) == '9'
          || digits.charAt(offset) == '2' && digits.charAt(offset + 1) == '0');
      years &= year;
      offset += groups[k];
    }
    if (years) {
      return true; // 2019 2020 2021
    }
    if (!mixed && digits.charAt(0) != '0' && groups[0] <= 3 && (separators[0] == ' '
        || separators[0] == '.' || separators[0] == '\u00A0')) {
      boolean thousands = true;
      for (int k = 1; k < count; k++) {
        thousands &= groups[k] == 3;
      }
      if (thousands) {
        return true; // 1 000 000, 12.500.000
      }
    }
    if (count == 2 && separators[0] == '.') {
      return true; // 3.14159265
    }
    if (!mixed && separators[0] == '.' && count >= 3) {
      for (int k = 0; k < count; k++) {
        if (groups[k] == 1) {
          return true; // 1.2.3.4567, a version
        }
      }
    }
    boolean pairs = count <= 4;
    for (int k = 0; k < count; k++) {
      pairs &= groups[k] == 2;
    }
    return pairs; // 10.30-11.45
  }

  private static boolean isCounting(CharSequence digits) {
    for (int k = 1; k < digits.length(); k++) {
      if (digits.charAt(k) != digits.charAt(k - 1) + 1) {
        return false;
      }
    }
    return true;
  }

  private static int skipNumber(String s, int pos) {
    while (pos < s.length() && Character.isLetterOrDigit(s.codePointAt(pos))) {
      pos += Character.charCount(s.codePointAt(pos));
    }
    return pos;
  }

  private static boolean isPhoneSeparator(char c) {
    return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '\u00A0' || c == '\u2010'
        || c == '\u2011' || c == '\u2012' || c == '\u2013' || c == '\u2212';
  }

  private static boolean isLetterDigit(char c) {
    return c == 'O' || c == 'o' || c == 'l' || c == 'I';
  }

  // ---------------------------------------------------------------- e-mail addresses

  private static final int MAX_LOCAL = 64;
  private static final int MAX_DOMAIN = 253;

  static void emails(String s, Sink sink) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      int localEnd;
      int domainStart;
      boolean obfuscated;
      boolean spelledAt;
      if (c == '@' || c == '\uFF20') {
        localEnd = i;
        domainStart = i + 1;
        obfuscated = false;
        spelledAt = false;
        // name @ domain.com
        if (i > 0 && s.charAt(i - 1) == ' ' && i + 1 < n && s.charAt(i + 1) == ' ') {
          localEnd = i - 1;
          domainStart = i + 2;
          obfuscated = true;
        }
      } else if ((c == 'a' || c == 'A') && i > 0 && i + 2 < n
          && (s.charAt(i + 1) == 't' || s.charAt(i + 1) == 'T')) {
        char before = s.charAt(i - 1);
        char after = s.charAt(i + 2);
        if (before == '[' && after == ']' || before == '(' && after == ')'
            || before == '{' && after == '}') {
          localEnd = i - 1;
          domainStart = i + 3;
          if (localEnd > 0 && s.charAt(localEnd - 1) == ' ' && domainStart < n
              && s.charAt(domainStart) == ' ') {
            localEnd--;
            domainStart++;
          }
          spelledAt = false;
        } else if (before == ' ' && after == ' ') {
          localEnd = i - 1;
          domainStart = i + 3;
          spelledAt = true;
        } else {
          continue;
        }
        obfuscated = true;
      } else {
        continue;
      }
      Contact e = emailAt(s, localEnd, domainStart, obfuscated, spelledAt);
      if (e != null) {
        if (!sink.accept(e)) {
          return;
        }
        i = e.end() - 1;
      }
    }
  }

  private static @Nullable Contact emailAt(String s, int localEnd, int domainStart, boolean obfuscated,
      boolean spelledAt) {
    int n = s.length();
    int localStart = localEnd;
    while (localStart > 0 && localEnd - localStart < MAX_LOCAL) {
      int cp = s.codePointBefore(localStart);
      if (!isLocalChar(cp)) {
        break;
      }
      localStart -= Character.charCount(cp);
    }
    if (localStart > 0 && localEnd - localStart >= MAX_LOCAL && isLocalChar(s.codePointBefore(localStart))) {
      return null;
    }
    while (localStart < localEnd && s.charAt(localStart) == '.') {
      localStart++;
    }
    if (localStart == localEnd || s.charAt(localEnd - 1) == '.') {
      return null;
    }
    // The domain: labels joined by dots, plain or defanged.
    StringBuilder domain = new StringBuilder();
    int q = domainStart;
    int labels = 0;
    boolean obfuscatedDot = false;
    int end = domainStart;
    String lastLabel = "";
    while (q < n && q - domainStart <= MAX_DOMAIN) {
      int ls = q;
      while (q < n && Hosts.isLabelChar(s.codePointAt(q))) {
        q += Character.charCount(s.codePointAt(q));
      }
      if (q == ls || s.charAt(ls) == '-' || s.charAt(q - 1) == '-') {
        break;
      }
      if (labels > 0) {
        domain.append('.');
      }
      lastLabel = s.substring(ls, q);
      domain.append(lastLabel);
      labels++;
      end = q;
      int dot = Hosts.dotToken(s, q);
      int next = q + Math.abs(dot);
      if (dot == 0 || next >= n || !Hosts.isLabelChar(s.codePointAt(next)) || s.charAt(next) == '-') {
        break;
      }
      obfuscatedDot |= dot < 0;
      q = next;
    }
    if (labels < 2) {
      return null;
    }
    String ascii;
    try {
      ascii = IDN.toASCII(domain.toString(), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (Hosts.registrableDomain(ascii) == null) {
      return null;
    }
    if (spelledAt && !(obfuscatedDot
        && Hosts.COMMON_TLDS.contains(lastLabel.toLowerCase(Locale.ROOT)))) {
      // "look at this dot com" needs a spelled-out dot too, and a common top-level domain.
      return null;
    }
    String local = s.substring(localStart, localEnd);
    String unicodeDomain;
    try {
      unicodeDomain = ascii.contains("xn--") ? IDN.toUnicode(ascii, IDN.ALLOW_UNASSIGNED) : ascii;
    } catch (IllegalArgumentException e) {
      unicodeDomain = ascii;
    }
    return new Contact(Contact.Kind.EMAIL, localStart, end, s.substring(localStart, end),
        local + "@" + unicodeDomain, "", obfuscated || obfuscatedDot, 1.0);
  }

  private static boolean isLocalChar(int cp) {
    if (cp < 0x80) {
      return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9'
          || cp == '.' || cp == '_' || cp == '%' || cp == '+' || cp == '-';
    }
    return Character.isLetterOrDigit(cp);
  }

  // ---------------------------------------------------------------- wallets

  static void wallets(String s, Sink sink) {
    int n = s.length();
    int i = 0;
    while (i < n) {
      if (!isAsciiAlnum(s.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && isAsciiAlnum(s.charAt(i))) {
        i++;
      }
      int length = i - start;
      boolean bounded = (start == 0 || !Character.isLetterOrDigit(s.codePointBefore(start)))
          && (i == n || !Character.isLetterOrDigit(s.codePointAt(i)));
      if (!bounded || length < 14 || length > 90) {
        continue;
      }
      String token = s.substring(start, i);
      String coin = null;
      double confidence = 1.0;
      if (length == 42 && token.charAt(0) == '0' && (token.charAt(1) == 'x' || token.charAt(1) == 'X')) {
        if (Wallets.isEthereumAddress(token)) {
          coin = "ethereum";
          // One case carries no checksum: any 40 hex digits pass.
          confidence = Wallets.hasEip55Checksum(token) ? 1.0 : 0.7;
        }
      } else if (startsWithSegwitPrefix(token)) {
        if (Wallets.isSegwitAddress(token)) {
          coin = token.regionMatches(true, 0, "ltc", 0, 3) ? "litecoin" : "bitcoin";
        }
      } else if (length >= 26 && length <= 35) {
        coin = Wallets.base58Coin(token);
      }
      if (coin != null && !sink.accept(new Contact(Contact.Kind.WALLET, start, i, token, token, coin,
          false, confidence))) {
        return;
      }
    }
  }

  private static boolean startsWithSegwitPrefix(String t) {
    return t.regionMatches(true, 0, "bc1", 0, 3) || t.regionMatches(true, 0, "tb1", 0, 3)
        || t.regionMatches(true, 0, "ltc1", 0, 4);
  }

  private static boolean isAsciiAlnum(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }

  // ---------------------------------------------------------------- payment handles

  /** Service keywords, in the form they are written, and the service they name. */
  private static final String[][] SERVICES = {
      {"cash.app/", "cashapp"}, {"paypal.me/", "paypal"}, {"venmo.com/u/", "venmo"},
      {"venmo.com/", "venmo"}, {"cashapp", "cashapp"}, {"cash app", "cashapp"}, {"venmo", "venmo"},
      {"paypal", "paypal"}, {"zelle", "zelle"}, {"revolut", "revolut"}};

  static void paymentHandles(String s, Sink sink) {
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
      if (isAsciiAlnum(c) || c == '_' || dotsAndDashes && (c == '-' || c == '.')
          && e + 1 < s.length() && isAsciiAlnum(s.charAt(e + 1))) {
        e++;
      } else {
        break;
      }
    }
    return e;
  }
}
