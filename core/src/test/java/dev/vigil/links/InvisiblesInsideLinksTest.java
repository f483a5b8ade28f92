package dev.vigil.links;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.Content;
import dev.vigil.contact.Contact;
import dev.vigil.contact.Contacts;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: links and contacts see through invisible characters (a reader does not see them) and
 * compatibility forms; spans point at the original text, and invisibles inside one count as obfuscation.
 */
class InvisiblesInsideLinksTest {

  @Test
  void aZeroWidthSpaceBeforeTheDotDoesNotHideALink() {
    String text = "visit paypal\u200B.com now";
    List<Link> links = Links.find(text);
    assertEquals(1, links.size());
    Link l = links.get(0);
    assertEquals("paypal.com", l.host());
    assertEquals("paypal\u200B.com", l.text());
    assertEquals(6, l.start());
    assertEquals(17, l.end());
    assertTrue(l.obfuscated(), "an invisible character inside a link is an evasion");
  }

  @Test
  void aSoftHyphenInsideAHostIsReadAsTheReaderReadsIt() {
    Link l = Links.find("www.paypal\u00AD-login.com").get(0);
    assertEquals("paypal-login.com", l.registrableDomain());
    assertEquals(0, l.start());
  }

  @Test
  void anInvisibleInsideASchemedLinkKeepsTheWholeLink() {
    Link l = Links.find("go to https://exa\u200Dmple.com/x please").get(0);
    assertEquals("https://exa\u200Dmple.com/x", l.text());
    assertEquals("example.com", l.host());
  }

  @Test
  void fullwidthLinksAndAddressesAreTheirPlainForms() {
    assertEquals("paypal.com", Links.find("visit \uff50\uff41\uff59\uff50\uff41\uff4c\uff0e\uff43\uff4f\uff4d")
        .get(0).host());
    assertEquals(List.of(Contact.Kind.EMAIL),
        Contacts.find("mail bob\uff20gmail\uff0ecom").stream().map(Contact::kind).toList());
    assertEquals("bob@gmail.com",
        Contacts.find("mail \uff42\uff4f\uff42\uff20gmail\uff0ecom").get(0).value());
  }

  @Test
  void anEmailAddressWithAZeroWidthSpaceIsAnObfuscatedEmailAddress() {
    String text = "mail bob\u200B@gmail.com";
    List<Contact> found = Contacts.find(text, Contact.Kind.EMAIL);
    assertEquals(1, found.size());
    Contact c = found.get(0);
    assertEquals("bob@gmail.com", c.value());
    assertEquals("bob\u200B@gmail.com", c.text());
    assertTrue(c.obfuscated());
    assertEquals(List.of(), Links.find(text), "the e-mail domain is not also a link");
    assertEquals("email-obfuscated",
        Contacts.emailAddresses().classify(Content.of(text)).evidence().get(0).rule());
  }

  @Test
  void phoneDigitsSplitByZeroWidthJoinersAreAPhoneNumber() {
    String text = "call 555\u200D-0199\u200D-1234";
    List<Contact> found = Contacts.find(text, Contact.Kind.PHONE);
    assertEquals(1, found.size());
    assertEquals(text.substring(5), found.get(0).text());
  }

  @Test
  void textsWithoutInvisiblesAreUnchanged() {
    Link l = Links.find("visit paypal.com now").get(0);
    assertFalse(l.obfuscated());
    assertEquals("paypal.com", l.text());
  }
}
