package dev.vigil.contact;

import static java.util.Objects.requireNonNull;

/**
 * A contact or payment detail found in text by {@link Contacts#find(String)}.
 *
 * @param kind what was found
 * @param start first char in the original text (inclusive)
 * @param end end in the original text (exclusive)
 * @param text the detail exactly as written, {@code original.substring(start, end)}
 * @param value the detail in canonical form: a phone number's digits (ASCII, with a leading {@code +}
 *     when written internationally), an e-mail address as {@code local@domain} with the domain in lower
 *     case and obfuscations undone, a wallet address as written, a payment handle as
 *     {@code service:handle}
 * @param detail more about it: the coin of a wallet ({@code bitcoin}, {@code ethereum}, ...), the service
 *     of a payment handle ({@code venmo}, {@code cashapp}, ...), the empty string otherwise
 * @param obfuscated whether it was written to dodge detection: spaced-out or letter-for-digit phone
 *     numbers, {@code name at domain dot com} e-mail addresses
 * @param confidence how sure the match is, in (0, 1]; the score its signal reports (see {@link Contacts})
 */
public record Contact(Kind kind, int start, int end, String text, String value, String detail,
    boolean obfuscated, double confidence) {

  /** The kinds of contact details. */
  public enum Kind {
    /** A phone number. */
    PHONE,
    /** An e-mail address. */
    EMAIL,
    /** A cryptocurrency address that passed its checksum. */
    WALLET,
    /** A payment handle: a Cash App cashtag, a Venmo, PayPal or similar user name. */
    PAYMENT_HANDLE
  }

  /** Checks that the record is self-consistent. */
  public Contact {
    requireNonNull(kind, "kind");
    requireNonNull(text, "text");
    requireNonNull(value, "value");
    requireNonNull(detail, "detail");
    if (start < 0 || end - start != text.length()) {
      throw new IllegalArgumentException(
          "contact span [" + start + ", " + end + ") does not fit its text of " + text.length() + " chars");
    }
    if (!(confidence > 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1] but was " + confidence);
    }
  }
}
