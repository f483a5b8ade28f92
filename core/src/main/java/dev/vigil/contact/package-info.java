/**
 * Contact and payment details in text: phone numbers, e-mail addresses, cryptocurrency addresses
 * validated by their checksums, and payment handles, also when written to dodge detection. Start with
 * {@link dev.vigil.contact.Contacts}; {@link dev.vigil.contact.Wallets} validates addresses on its own.
 */
@NullMarked
package dev.vigil.contact;

import org.jspecify.annotations.NullMarked;
