package dev.vigil.contact;

import dev.vigil.internal.Hosts;
import java.net.IDN;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Finds e-mail addresses, plain and obfuscated ("name [at] example [dot] com", "name at example dot
 * com", a fullwidth @), whose domain has a registrable suffix. Bounded work per candidate (local parts of at most 64 chars, domains
 * of at most 253), so hostile input stays linear. Not API; used by {@link Contacts}.
 */
final class EmailScanner {
  private EmailScanner() {}

  private static final int MAX_LOCAL = 64;
  private static final int MAX_DOMAIN = 253;

  static void scan(String s, ContactSink sink) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      // Straight to the next char that may start an address: in a loop with a call in it (emailAt), the
      // compiler reloaded the string's array and length for every char, three dependent loads a char.
      i = nextCandidate(s, i, n);
      if (i == n) {
        return;
      }
      i = tryAt(s, i, sink);
      if (i < 0) {
        return;
      }
    }
  }

  /**
   * Tries an address whose "@" (or "at") is at {@code i}: returns {@code i} when there is none (any
   * char may be asked), the index of the address's last char when the sink took it, or -1 when the sink
   * says stop.
   */
  static int tryAt(String s, int i, ContactSink sink) {
    int n = s.length();
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
        return i;
      }
      obfuscated = true;
    } else {
      return i;
    }
    Contact e = emailAt(s, localEnd, domainStart, obfuscated, spelledAt);
    if (e == null) {
      return i;
    }
    return sink.accept(e) ? e.end() - 1 : -1;
  }

  /**
   * The first index from {@code from} whose char is {@code @}, a fullwidth {@code @}, or an {@code a}
   * in either case followed by a {@code t} in either case (where " at " and "[at]" start), else
   * {@code n}. Every char {@code tryAt} finds an address at is such a char; it checks the rest.
   */
  private static int nextCandidate(String s, int from, int n) {
    for (int i = from; i < n; i++) {
      char c = s.charAt(i);
      if (c == '@' || c == '\uFF20'
          || (c | 0x20) == 'a' && i + 1 < n && (s.charAt(i + 1) | 0x20) == 't') {
        return i;
      }
    }
    return n;
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
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
    if (!isAscii(local)) {
      // A fullwidth or otherwise compatibility-written local part is the address it imitates.
      local = java.text.Normalizer.normalize(local, java.text.Normalizer.Form.NFKC);
    }
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
}
