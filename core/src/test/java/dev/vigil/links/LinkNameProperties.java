package dev.vigil.links;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The lookalike signal takes a link's name (its registrable domain without the public suffix) as the
 * registrable domain's first label, where it parsed the registrable domain with the public suffix list
 * again: for every link the scanner finds, on hosts under ICANN and private suffixes of one to three
 * labels, wildcard and exception rules ({@code *.ck}, {@code www.ck}), ACE labels, made-up top-level
 * domains and public suffixes written as hosts, the two are equal.
 */
class LinkNameProperties {
  @Property(tries = 2_000)
  void theFirstLabelIsTheNameTheParseGave(@ForAll("hosts") String host) {
    for (Link link : Links.find("see https://" + host + "/x and " + host + " too")) {
      assertEquals(Links.nameOf(link.domain()), Links.nameOfLink(link), link.toString());
    }
  }

  @Example
  void examples() {
    List<String> hosts = List.of("paypal.com", "login.paypal.co.uk", "a.b.blogspot.com", "x.foo.ck",
        "www.ck", "a.www.ck", "shop.city.kawasaki.jp", "xn--pypal-4ve.com", "paypal.internal",
        "co.uk", "PayPal.COM.evil.net");
    int checked = 0;
    for (String host : hosts) {
      for (Link link : Links.find("https://" + host + "/")) {
        assertEquals(Links.nameOf(link.domain()), Links.nameOfLink(link), link.toString());
        checked++;
      }
    }
    assertFalse(checked < hosts.size() - 2, "the scanner found " + checked + " links");
    assertEquals("paypal", Links.nameOfLink(Links.find("https://login.paypal.co.uk/").get(0)));
  }

  @Provide
  Arbitrary<String> hosts() {
    Arbitrary<String> labels = Arbitraries.of("paypal", "login", "a", "b", "x1", "www", "foo", "shop",
        "city", "xn--pypal-4ve", "xn--80ak6aa92e", "my-site", "PayPal", "LOGIN", "0day");
    Arbitrary<String> suffixes = Arbitraries.of("com", "co.uk", "uk", "blogspot.com", "github.io", "ck",
        "kawasaki.jp", "jp", "internal", "local", "com.au", "s3.amazonaws.com", "xn--p1ai", "de");
    return labels.list().ofMinSize(0).ofMaxSize(3)
        .flatMap(ls -> suffixes.map(suffix -> ls.isEmpty() ? suffix : String.join(".", ls) + "." + suffix));
  }
}
