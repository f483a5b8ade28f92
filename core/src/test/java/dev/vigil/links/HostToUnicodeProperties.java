package dev.vigil.links;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.IDN;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The lookalike signal takes a host's Unicode form without {@code IDN} where the host is ASCII and has
 * no ACE label: the result must be what {@code IDN.toUnicode}, lower-cased, gives for every host, with
 * ACE labels in any case and place, Unicode and ideographic full stops, labels that are not valid
 * Punycode, and non-ASCII chars that nameprep turns into an ACE prefix (a soft hyphen inside it, full-width
 * forms).
 */
class HostToUnicodeProperties {
  private static String throughIdn(String s) {
    try {
      return IDN.toUnicode(s, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  @Property(tries = 3_000)
  void equalsIdnToUnicode(@ForAll("hosts") String host) {
    assertEquals(throughIdn(host), Links.toUnicode(host), host);
  }

  @Example
  void aceLabelsAnywhereAndInAnyCaseGoThroughIdn() {
    for (String host : new String[] {"xn--80ak6aa92e.com", "XN--80AK6AA92E.com", "www.Xn--80ak6aa92e.com",
        "xn--pypal-4ve.com", "a.xn--", "xn--", "PayPal.COM", "paypal-xn--login.net", "xn--zz.example",
        "x\u00adn--80ak6aa92e.com", "\uff58\uff4e\uff0d\uff0d80ak6aa92e.com"}) {
      assertEquals(throughIdn(host), Links.toUnicode(host), host);
    }
  }

  @Provide
  Arbitrary<String> hosts() {
    Arbitrary<String> pieces = Arbitraries.of("a", "P", "pal", "x", "X", "n", "N", "-", "--", ".", "xn--",
        "XN--", "xN--", "80ak6aa92e", "pypal-4ve", "0", "\u0430", "\u00e9", "\u3002", "\uff0e", "\ufe52",
        "\ud83d\ude00", "_", "\u00ad", "\u00aa", "\uff58\uff4e\uff0d\uff0d");
    return pieces.list().ofMaxSize(12).map(l -> String.join("", l));
  }
}
