package dev.vigil.contact;

import static java.util.Objects.requireNonNull;

import dev.vigil.Classifier;
import dev.vigil.Content;
import dev.vigil.Signal;
import dev.vigil.internal.HitCollector;
import dev.vigil.internal.Invisibles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds contact and payment details in text, and the signals built on them. Scams and spam move the
 * conversation elsewhere: a phone number, an e-mail address, a wallet, a payment handle.
 *
 * <h2>What is found</h2>
 * <ul>
 *   <li><b>Phone numbers</b> ({@link #phoneNumbers()}): 7 to 15 digits (any script's decimal digits),
 *       international ({@code +44 20 7946 0018}, {@code +1 (555) 010-0123}) or local
 *       ({@code (555) 010-0123}, {@code 020 7946 0018}, {@code 09061701461}), in groups separated by
 *       spaces, hyphens, dots or parentheses, also spaced out digit by digit ({@code 5 5 5-0 1 2 3}) or
 *       with {@code O} for 0 and {@code l} or {@code I} for 1 between digits ({@code 555-O1l3}). Not
 *       phone numbers: runs of fewer than 10 digits without separators (order numbers, amounts) unless
 *       they start with a trunk 0 and have 9 or more, dates ({@code 2024-01-15}, {@code 15.01.2024}),
 *       years ({@code 2019 2020}), amounts with thousands separators ({@code 1 000 000}), decimals
 *       ({@code 3.14159265}), times ({@code 10.30-11.45}), digits glued to letters or after a currency
 *       sign. Score: 1 for international numbers, 10 digits or more, or obfuscated ones; 0.7 for 7 to 9
 *       digits.
 *   <li><b>E-mail addresses</b> ({@link #emailAddresses()}): {@code name@example.com}, and obfuscated:
 *       {@code name [at] example [dot] com}, {@code name(at)example.com}, {@code name @ example.com},
 *       {@code name at example dot com} (a spelled-out "at" needs a spelled-out or bracketed dot and a
 *       common top-level domain, so "look at this.com" is not an address). The domain must be under a
 *       public suffix. Score 1.
 *   <li><b>Cryptocurrency addresses</b> ({@link #cryptoAddresses()}), validated by their checksums with
 *       {@link Wallets}: Base58Check (Bitcoin, Litecoin, Dogecoin, Tron), Bech32 and Bech32m SegWit,
 *       Ethereum. Score 1; 0.7 for an Ethereum address written in one case, which has no checksum. A
 *       string that fails its checksum is not reported.
 *   <li><b>Payment handles</b> ({@link #paymentHandles()}): Cash App cashtags ({@code $JaneDoe22}; a
 *       tag of at most five capitals, such as {@code $AAPL}, may be a stock ticker and scores 0.5), and
 *       a user name after a service's name or in its link: {@code venmo @jane-doe}, {@code zelle to
 *       $jane}, {@code paypal.me/jane}, {@code cash.app/$jane}. Score 1.
 * </ul>
 *
 * <p>Each signal's score is the highest confidence among its findings; it reports one evidence item per
 * finding with category {@code "contact"} and rule {@code phone}, {@code phone-obfuscated},
 * {@code email}, {@code email-obfuscated}, {@code wallet:<coin>} or {@code payment-handle:<service>}. Not
 * applicable to content without fields. Immutable and thread safe; each scan is linear in the text.
 */
public final class Contacts {
  private Contacts() {}

  /** Every contact detail in {@code text}, in text order. */
  public static List<Contact> find(String text) {
    requireNonNull(text, "text");
    List<Contact> all = new ArrayList<>();
    for (Contact.Kind kind : Contact.Kind.values()) {
      scan(kind, text, all::add);
    }
    all.sort(Comparator.comparingInt(Contact::start).thenComparingInt(Contact::end));
    return all;
  }

  /** The contact details of one kind in {@code text}, in text order. */
  public static List<Contact> find(String text, Contact.Kind kind) {
    requireNonNull(text, "text");
    requireNonNull(kind, "kind");
    List<Contact> found = new ArrayList<>();
    scan(kind, text, found::add);
    found.sort(Comparator.comparingInt(Contact::start).thenComparingInt(Contact::end));
    return found;
  }

  /** Phone numbers; see the class comment. */
  public static ContactSignal phoneNumbers() {
    return new ContactSignal(Contact.Kind.PHONE, "phone-number");
  }

  /** E-mail addresses; see the class comment. */
  public static ContactSignal emailAddresses() {
    return new ContactSignal(Contact.Kind.EMAIL, "email-address");
  }

  /** Cryptocurrency addresses that pass their checksums; see the class comment. */
  public static ContactSignal cryptoAddresses() {
    return new ContactSignal(Contact.Kind.WALLET, "crypto-address");
  }

  /** Payment handles; see the class comment. */
  public static ContactSignal paymentHandles() {
    return new ContactSignal(Contact.Kind.PAYMENT_HANDLE, "payment-handle");
  }

  /**
   * Scans {@code text} for contacts of one kind as a reader sees it: without invisible characters
   * ("bob\u200B@gmail.com"), with spans in the original and invisibles inside a contact counted as
   * obfuscation.
   */
  static void scan(Contact.Kind kind, String text, ContactSink sink) {
    Invisibles.Stripped stripped = Invisibles.strip(text);
    if (stripped == null) {
      scanVisible(kind, text, sink);
      return;
    }
    scanVisible(kind, stripped.text(), c -> sink.accept(new Contact(c.kind(),
        stripped.start(c.start()), stripped.end(c.end()), stripped.originalText(c.start(), c.end()),
        c.value(), c.detail(), c.obfuscated() || stripped.removedWithin(c.start(), c.end()),
        c.confidence())));
  }

  private static void scanVisible(Contact.Kind kind, String text, ContactSink sink) {
    switch (kind) {
      case PHONE:
        PhoneScanner.scan(text, sink);
        break;
      case EMAIL:
        EmailScanner.scan(text, sink);
        break;
      case WALLET:
        WalletScanner.scan(text, sink);
        break;
      default:
        HandleScanner.scan(text, sink);
    }
  }

  /** An ASCII letter or digit: what wallet addresses and payment handles are made of. */
  static boolean isAsciiAlnum(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }

  static String rule(Contact c) {
    switch (c.kind()) {
      case PHONE:
        return c.obfuscated() ? "phone-obfuscated" : "phone";
      case EMAIL:
        return c.obfuscated() ? "email-obfuscated" : "email";
      case WALLET:
        return "wallet:" + c.detail();
      default:
        return "payment-handle:" + c.detail();
    }
  }

  /** One kind of contact detail as a classifier; see {@link Contacts}. Immutable and thread safe. */
  public static final class ContactSignal implements Classifier {
    private final Contact.Kind kind;
    private final String name;

    ContactSignal(Contact.Kind kind, String name) {
      this.kind = kind;
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String expression() {
      return name + "()";
    }

    @Override
    public String toString() {
      return expression();
    }

    @Override
    public Signal classify(Content content) {
      int fields = content.fieldCount();
      if (fields == 0) {
        return Signal.notApplicable();
      }
      Collector hits = new Collector();
      for (int f = 0; f < fields; f++) {
        hits.field = content.fieldName(f);
        hits.text = content.fieldText(f);
        scan(kind, hits.text, hits);
      }
      return hits.signal();
    }

    /** The scanner's sink. */
    private static final class Collector extends HitCollector implements ContactSink {
      @Override
      public boolean accept(Contact c) {
        add(c.start(), c.end(), rule(c), "contact", c.confidence());
        return true;
      }
    }
  }
}
