/**
 * Contact and payment details in text: phone numbers, e-mail addresses, cryptocurrency addresses
 * validated by their checksums, and payment handles, also when written to dodge detection. Start with
 * {@link dev.vigil.contact.Contacts}; {@link dev.vigil.contact.Wallets} validates addresses on its own.
 *
 * <p>One package-private scanner per kind does the finding, each a single pass with bounded work per
 * candidate: {@code PhoneScanner}, {@code EmailScanner}, {@code WalletScanner} (which checks what it
 * finds with {@code Wallets}) and {@code HandleScanner}; they hand it to a {@code ContactSink}.
 */
@NullMarked
package dev.vigil.contact;

import org.jspecify.annotations.NullMarked;
