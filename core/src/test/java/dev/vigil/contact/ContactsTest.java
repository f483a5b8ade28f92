package dev.vigil.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.Classifier;
import dev.vigil.ClassifierContract;
import dev.vigil.Classifiers;
import dev.vigil.Content;
import dev.vigil.Outcome;
import dev.vigil.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContactsTest implements ClassifierContract {

  @Override
  public Classifier classifier() {
    return Classifiers.anyOf(Contacts.phoneNumbers(), Contacts.emailAddresses(),
        Contacts.cryptoAddresses(), Contacts.paymentHandles());
  }

  @Override
  public List<String> samples() {
    return List.of("call +1 (555) 010-0123", "jane [at] example [dot] com",
        "send to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "venmo @jane-doe", "$JaneDoe22 please",
        "on 2024-01-15 at 10.30");
  }

  private static List<Contact> of(Contact.Kind kind, String text) {
    List<Contact> found = new ArrayList<>();
    Contacts.scan(kind, text, found::add);
    return found;
  }

  /** Asserts that {@code text} has exactly the given findings, each at its first occurrence. */
  private static void assertFinds(Contact.Kind kind, String text, String... expected) {
    List<Contact> found = of(kind, text);
    List<String> want = new ArrayList<>();
    int from = 0;
    for (String e : expected) {
      int start = text.indexOf(e, from);
      assertTrue(start >= 0, e + " is not in the text");
      want.add(start + "-" + (start + e.length()) + ":" + e);
      from = start + e.length();
    }
    assertEquals(want, found.stream().map(c -> c.start() + "-" + c.end() + ":" + c.text())
        .collect(Collectors.toList()), text);
    for (Contact c : found) {
      assertEquals(text.substring(c.start(), c.end()), c.text());
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "call +1 (555) 010-0123 now|+1 (555) 010-0123|+15550100123",
      "call (555) 010-0123.|(555) 010-0123|5550100123",
      "ring 020 7946 0018 today|020 7946 0018|02079460018",
      "Call 09061701461 to claim|09061701461|09061701461",
      "+44 20 7946 0018|+44 20 7946 0018|+442079460018",
      "tel: 555-0123 or|555-0123|5550123",
      "whatsapp +49-30-901820|+49-30-901820|+4930901820",
      "fullwidth ０２０ ７９４６ ００１８|０２０ ７９４６ ００１８|02079460018",
      "To claim, call09050000327. T&C|09050000327|09050000327",
      "apply 08452810075over18's|08452810075|08452810075"})
  void phoneNumbers(String text, String expected, String value) {
    assertFinds(Contact.Kind.PHONE, text, expected);
    assertEquals(value, of(Contact.Kind.PHONE, text).get(0).value());
  }

  @Test
  void obfuscatedPhoneNumbers() {
    String spaced = "text me 5 5 5-0 1 2 3 ok";
    assertFinds(Contact.Kind.PHONE, spaced, "5 5 5-0 1 2 3");
    Contact c = of(Contact.Kind.PHONE, spaced).get(0);
    assertEquals("5550123", c.value());
    assertTrue(c.obfuscated());
    String letters = "call 555-O1l3 now";
    assertFinds(Contact.Kind.PHONE, letters, "555-O1l3");
    assertEquals("5550113", of(Contact.Kind.PHONE, letters).get(0).value());
    Signal s = Contacts.phoneNumbers().classify(Content.of(spaced));
    assertEquals(1.0, s.score());
    assertEquals("phone-obfuscated", s.evidence().get(0).rule());
  }

  @ParameterizedTest
  @ValueSource(strings = {"on 2024-01-15 at noon", "born 15.01.1990", "in 2019 2020 2021",
      "costs 1 000 000 euros", "pi is 3.14159265", "from 10.30-11.45", "order 1234567",
      "$5550123", "ref AB12345678", "version 1.2.3.4567", "it is 100% 5551234%", "12345 reasons",
      "x1234567890y", "AB12345678", "face test ( 1 2 3 4 5 6 7 8 9 )", "a 25-digit 1234567890123456789012345", "call 555"})
  void thingsThatAreNotPhoneNumbers(String text) {
    assertFinds(Contact.Kind.PHONE, text);
  }

  @Test
  void localNumbersScoreLowerThanInternationalOnes() {
    assertEquals(0.7, Contacts.phoneNumbers().classify(Content.of("call 555-0123")).score());
    assertEquals(1.0, Contacts.phoneNumbers().classify(Content.of("call +1 555 0123")).score());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "mail jane.doe+spam@example.com.|jane.doe+spam@example.com|jane.doe+spam@example.com|false",
      "JANE@EXAMPLE.CO.UK|JANE@EXAMPLE.CO.UK|JANE@example.co.uk|false",
      "write jane [at] example [dot] com|jane [at] example [dot] com|jane@example.com|true",
      "write jane(at)example.com today|jane(at)example.com|jane@example.com|true",
      "write jane @ example.org|jane @ example.org|jane@example.org|true",
      "write jane at example dot com now|jane at example dot com|jane@example.com|true",
      "write jane{at}mail{dot}example{dot}net|jane{at}mail{dot}example{dot}net|jane@mail.example.net|true",
      "почта: иван@пример.рф|иван@пример.рф|иван@пример.рф|false"})
  void emailAddresses(String text, String expected, String value, boolean obfuscated) {
    assertFinds(Contact.Kind.EMAIL, text, expected);
    Contact c = of(Contact.Kind.EMAIL, text).get(0);
    assertEquals(value, c.value());
    assertEquals(obfuscated, c.obfuscated());
  }

  @ParameterizedTest
  @ValueSource(strings = {"look at this.com", "meet me at home dot", "me at example.com",
      "@handle on twitter", "a@b", "user@localhost", "x@example.notatld", "at at at at"})
  void thingsThatAreNotEmailAddresses(String text) {
    assertFinds(Contact.Kind.EMAIL, text);
  }

  @Test
  void cryptoAddressesMustPassTheirChecksums() {
    String text = "send 0.1 BTC to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa or "
        + "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4, ETH to 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed.";
    assertFinds(Contact.Kind.WALLET, text, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    assertEquals(List.of("bitcoin", "bitcoin", "ethereum"),
        of(Contact.Kind.WALLET, text).stream().map(Contact::detail).collect(Collectors.toList()));
    Signal s = Contacts.cryptoAddresses().classify(Content.of(text));
    assertEquals(List.of("wallet:bitcoin", "wallet:bitcoin", "wallet:ethereum"),
        s.evidence().stream().map(e -> e.rule()).collect(Collectors.toList()));
    // A changed character breaks the checksum: not a wallet.
    assertFinds(Contact.Kind.WALLET, "send to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb now");
    assertFinds(Contact.Kind.WALLET, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD");
    assertFinds(Contact.Kind.WALLET, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5");
    // No checksum in one case: found, at lower confidence.
    assertEquals(0.7, Contacts.cryptoAddresses()
        .classify(Content.of("0xde709f2102306220921060314715629080e2fb77")).score());
    // Glued to other letters: part of a longer token.
    assertFinds(Contact.Kind.WALLET, "x1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
  }

  @Test
  void paymentHandles() {
    assertFinds(Contact.Kind.PAYMENT_HANDLE, "send $50 to $JaneDoe22 now", "$JaneDoe22");
    assertFinds(Contact.Kind.PAYMENT_HANDLE, "venmo @jane-doe thanks", "venmo @jane-doe");
    assertFinds(Contact.Kind.PAYMENT_HANDLE, "Venmo me @jane_doe", "Venmo me @jane_doe");
    assertFinds(Contact.Kind.PAYMENT_HANDLE, "zelle to $jane.d!", "zelle to $jane.d");
    assertFinds(Contact.Kind.PAYMENT_HANDLE, "pay at paypal.me/JaneDoe.", "paypal.me/JaneDoe");
    assertFinds(Contact.Kind.PAYMENT_HANDLE, "cash.app/$jane22 now", "cash.app/$jane22");
    assertEquals("venmo:@jane-doe", of(Contact.Kind.PAYMENT_HANDLE, "venmo @jane-doe").get(0).value());
    assertEquals(0.5, Contacts.paymentHandles().classify(Content.of("buy $AAPL now")).score());
    assertEquals(1.0, Contacts.paymentHandles().classify(Content.of("to $JaneDoe22")).score());
    assertEquals("payment-handle:venmo", Contacts.paymentHandles()
        .classify(Content.of("venmo @jane-doe")).evidence().get(0).rule());
  }

  @ParameterizedTest
  @ValueSource(strings = {"it costs $50", "$5.99 only", "I use venmo a lot", "paypal account",
      "US$100", "x$y", "paypal jane@example.com"})
  void thingsThatAreNotPaymentHandles(String text) {
    assertFinds(Contact.Kind.PAYMENT_HANDLE, text);
  }

  @Test
  void findReturnsEveryKindInTextOrder() {
    String text = "venmo @jane or call +1 555 010 0123 or jane@example.com";
    assertEquals(List.of(Contact.Kind.PAYMENT_HANDLE, Contact.Kind.PHONE, Contact.Kind.EMAIL),
        Contacts.find(text).stream().map(Contact::kind).collect(Collectors.toList()));
    assertEquals(Outcome.NOT_APPLICABLE,
        Contacts.phoneNumbers().classify(Content.builder().build()).outcome());
    assertEquals(Outcome.NOT_MATCHED, Contacts.emailAddresses().classify(Content.of("hi")).outcome());
  }
}
