/**
 * Links and domains: finding URLs in text (also bare and obfuscated ones), their hosts and registrable
 * domains, and the signals built on them: domain block- and allow-lists, link count, URL shorteners,
 * IP-address hosts, obfuscated links and look-alike domains of protected brands.
 *
 * <p>Start with {@link dev.vigil.links.Links}. Every signal reports evidence spanning the whole link in
 * the original text, in UTF-16 code units.
 */
@NullMarked
package dev.vigil.links;

import org.jspecify.annotations.NullMarked;
