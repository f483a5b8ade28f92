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
    // Most words end in a space followed by the next word: decide that without string comparisons.
    if (c == ' ') {
      if (q + 1 >= n) {
        return 0;
      }
      char d = s.charAt(q + 1);
      if (d != '[' && d != '(' && d != '{' && d != 'd' && d != 'D') {
        return 0;
      }
    } else if (c != '[' && c != '(' && c != '{') {
      return 0;
    }
    int r = q;
    boolean space = c == ' ';
    if (space) {
      r++;
    }
    char open = r < n ? s.charAt(r) : 0;
    for (String b : BRACKET_DOTS) {
      // Only the forms that open with this char (most often none: a word starting with d).
      if (b.charAt(0) == open && s.regionMatches(true, r, b, 0, b.length())) {
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
    // " dot " in any case, read char by char: no other char folds to d, o or t.
    if (space && r + 3 < n && (s.charAt(r) | 0x20) == 'd' && (s.charAt(r + 1) | 0x20) == 'o'
        && (s.charAt(r + 2) | 0x20) == 't' && s.charAt(r + 3) == ' ') {
      return -(r + 4 - q);
    }
    return 0;
  }

  /**
   * Top-level domains accepted for bare links (no scheme, no {@code www.}, no path): a list of ours.
   * Left out on purpose: country codes that are everyday words or abbreviations ({@code in it is to at be
   * me no so do go my us am as by id ok ma la st}) and generic domains that are English words
   * ({@code .life .live .world .today .club .shop .online .site .top .win .xxx ...}), which would turn a
   * chat's "log.in", "news.By" or "see u soon.xxx" into links. Links on those domains still count with a
   * scheme, {@code www.} or a path.
   */
  public static final Set<String> COMMON_TLDS = Set.of(
      "com", "net", "org", "info", "biz", "edu", "gov", "mil", "mobi", "asia", "xyz", "icu", "cyou",
      "sbs", "cfd", "io", "co", "ly", "tk", "ml", "ga", "cf", "gq", "cc", "tv", "ws", "gg", "ai",
      "uk", "de", "fr", "nl", "eu", "ru", "su", "cn", "jp", "kr", "br", "au", "ca", "ch", "se", "pl",
      "cz", "dk", "fi", "pt", "gr", "tr", "ua", "za", "mx", "ar", "cl", "nz", "ie", "sg", "hk", "tw",
      "vn", "th", "ph", "pk", "ng", "ke", "es", "hu", "ro", "sk", "bg", "lt", "lv", "ee", "ir", "sa",
      "ae", "il", "eg", "kz", "rs", "hr", "si", "nu", "fm", "pw", "cx", "vu",
      "xn--p1ai", "рф");

  /** A resolved host and its registrable domain (null when none). */
  private record Resolved(String host, @Nullable String registrable) {}

  /**
   * Recently resolved hosts, direct-mapped by hash: the same domains recur in traffic, and the public
   * suffix look-up allocates. Entries are immutable, so racing threads at worst resolve a host twice.
   */
  private static final Resolved[] RESOLVED = new Resolved[1024];

  /** The registrable domain of an ASCII host by the public suffix list, or null. */
  public static @Nullable String registrableDomain(String asciiHost) {
    int slot = (asciiHost.hashCode() * 0x9E3779B9 >>> 22) & (RESOLVED.length - 1);
    Resolved r = RESOLVED[slot];
    if (r != null && r.host.equals(asciiHost)) {
      return r.registrable;
    }
    String registrable = null;
    if (InternetDomainName.isValid(asciiHost)) {
      InternetDomainName name = InternetDomainName.from(asciiHost);
      registrable = name.isUnderPublicSuffix() ? name.topPrivateDomain().toString() : null;
    }
    RESOLVED[slot] = new Resolved(asciiHost, registrable);
    return registrable;
  }

  public static boolean isPublicSuffix(String asciiName) {
    return InternetDomainName.isValid(asciiName) && InternetDomainName.from(asciiName).isPublicSuffix();
  }

}
