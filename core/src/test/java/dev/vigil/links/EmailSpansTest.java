package dev.vigil.links;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.Content;
import dev.vigil.Outcome;
import dev.vigil.Signal;
import dev.vigil.contact.Contact;
import dev.vigil.contact.Contacts;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: "bob.seller [at] gmail [dot] com" fired e-mail, obfuscated link and link count (one span
 * counted three times), and look-alike detection ignored the domains of e-mail addresses
 * ("bob@paypal-support.com"). A span that is an e-mail address is not also a link; the look-alike signal
 * judges e-mail domains as it judges links, with the whole address as evidence.
 */
class EmailSpansTest {

  @Test
  void anObfuscatedEmailAddressIsNotAlsoALink() {
    for (String text : List.of("write to bob.seller [at] gmail [dot] com today",
        "write to bob.seller(at)gmail.com today", "write to bob.seller @ gmail.com today",
        "write to bob.seller {at} gmail.com today", "write to bob.seller\uFF20gmail.com today")) {
      assertEquals(List.of(), Links.find(text), text);
      assertEquals(Outcome.NOT_MATCHED, Links.count().classify(Content.of(text)).outcome(), text);
      assertEquals(Outcome.NOT_MATCHED, Links.obfuscated().classify(Content.of(text)).outcome(), text);
      assertEquals(1, Contacts.find(text, Contact.Kind.EMAIL).size(), text);
    }
    // A link next to an address is still a link.
    assertEquals("shop.example.net", Links.find("bob [at] gmail [dot] com or shop.example.net").stream()
        .map(Link::text).collect(Collectors.joining(" ")));
    // "at" as a word is not an at sign: a link after it is a link.
    assertEquals("example.com", Links.find("see you at example.com").get(0).text());
  }

  @Test
  void lookalikesJudgeTheDomainsOfEmailAddresses() {
    Links.LinkSignal lookalikes = Links.lookalikes(DomainList.of("paypal.com"));
    String text = "reply to bob@paypal-support.com or b\u043eb@p\u0430ypal.com";
    Signal s = lookalikes.classify(Content.of(text));
    assertEquals(1.0, s.score());
    assertEquals(List.of("bob@paypal-support.com=brand-in-host:paypal.com",
        "b\u043eb@p\u0430ypal.com=lookalike:paypal.com"),
        s.evidence().stream().map(e -> e.text() + "=" + e.rule()).collect(Collectors.toList()));
    // The brand's own addresses are not look-alikes.
    assertEquals(Outcome.NOT_MATCHED, lookalikes.classify(Content.of("write to service@paypal.com")).outcome());
  }
}
