package dev.vigil.internal;

import com.google.common.net.InternetDomainName;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Host-name scanning shared by the link and e-mail extractors. Not API. */
public final class Hosts {
  private Hosts() {}

  private static final String[] BRACKET_DOTS = {"[.]", "(.)", "{.}", "[dot]", "(dot)", "{dot}"};

  /**
   * Whether {@code cp} may stand in a host label: ASCII letters, digits and hyphen, and any other letter,
   * digit or combining mark (internationalized labels).
   */
  public static boolean isLabelChar(int cp) {
    if (cp < 0x80) {
      return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9' || cp == '-';
    }
    int type = Character.getType(cp);
    return Character.isLetterOrDigit(cp) || type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK;
  }

  /** Length of the dot token at {@code q}: positive when plain, negative when obfuscated, 0 if none. */
  public static int dotToken(String s, int q) {
    int n = s.length();
    if (q >= n) {
      return 0;
    }
    char c = s.charAt(q);
    if (c == '.' || c == '\u3002' || c == '\uFF0E' || c == '\uFF61') {
      return 1;
    }
    int r = q;
    boolean space = c == ' ';
    if (space) {
      r++;
    }
    for (String b : BRACKET_DOTS) {
      if (s.regionMatches(true, r, b, 0, b.length())) {
        r += b.length();
        if (space) {
          if (r >= n || s.charAt(r) != ' ') {
            return 0;
          }
          r++;
        }
        return -(r - q);
      }
    }
    if (space && s.regionMatches(true, r, "dot ", 0, 4)) {
      return -(r + 4 - q);
    }
    return 0;
  }

  /**
   * Top-level domains accepted for bare links (no scheme, no {@code www.}, no path). Left out on purpose:
   * country codes that are everyday words or abbreviations ({@code in it is to at be me no so do go my
   * us am as by id ok}), which would turn "log.in" or "do.it" into links.
   */
  public static final Set<String> COMMON_TLDS = Set.of(
      "com", "net", "org", "info", "biz", "edu", "gov", "mil", "int", "name", "pro", "mobi", "asia",
      "xyz", "top", "club", "online", "site", "shop", "store", "live", "app", "dev", "link", "click",
      "win", "bid", "loan", "vip", "icu", "buzz", "fun", "space", "website", "tech", "cloud", "today",
      "life", "world", "email", "host", "press", "work", "zip", "mov", "cam", "rest", "monster", "cyou",
      "sbs", "cfd", "bond", "lol", "best", "party", "date", "download", "racing", "review", "stream",
      "trade", "webcam", "science", "men", "gdn", "kim", "country", "cricket", "faith", "accountant",
      "io", "co", "ly", "tk", "ml", "ga", "cf", "gq", "cc", "tv", "ws", "gg", "ai", "xxx", "porn",
      "uk", "de", "fr", "nl", "eu", "ru", "su", "cn", "jp", "kr", "br", "au", "ca", "ch", "se", "pl",
      "cz", "dk", "fi", "pt", "gr", "tr", "ua", "za", "mx", "ar", "cl", "nz", "ie", "sg", "hk", "tw",
      "vn", "th", "ph", "pk", "ng", "ke", "es", "hu", "ro", "sk", "bg", "lt", "lv", "ee", "ir", "sa",
      "ae", "il", "eg", "ma", "kz", "by", "rs", "hr", "si", "nu", "fm", "la", "st", "pw", "cx", "vu",
      "xn--p1ai", "рф");

  public static @Nullable String registrableDomain(String asciiHost) {
    if (!InternetDomainName.isValid(asciiHost)) {
      return null;
    }
    InternetDomainName name = InternetDomainName.from(asciiHost);
    return name.isUnderPublicSuffix() ? name.topPrivateDomain().toString() : null;
  }

  public static boolean isPublicSuffix(String asciiName) {
    return InternetDomainName.isValid(asciiName) && InternetDomainName.from(asciiName).isPublicSuffix();
  }

}
