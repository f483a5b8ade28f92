package dev.vigil.links;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A link found in text by {@link Links#find(String)}.
 *
 * @param start first char of the link in the original text (inclusive)
 * @param end end of the link in the original text (exclusive)
 * @param text the link exactly as written, {@code original.substring(start, end)}
 * @param host the host in lower case and Unicode form ({@code пример.рф}, {@code 192.0.2.1});
 *     obfuscated dots ({@code [.]}, {@code (dot)}, {@code " dot "}) are plain dots here
 * @param asciiHost the host in ASCII (IDNA, {@code xn--} form); equal to {@code host} for ASCII hosts
 * @param registrableDomain the registrable domain of the host by the public suffix list
 *     ({@code evil.net} for {@code example.com.evil.net}), or null for IP addresses and hosts that are
 *     not under a public suffix
 * @param explicitScheme whether the link has a scheme ({@code https://}, {@code hxxp://})
 * @param obfuscated whether the link was written to dodge link detection: a defanged scheme
 *     ({@code hxxp}), a bracketed or spelled-out dot ({@code [.]}, {@code (.)}, {@code " dot "})
 * @param ipAddress whether the host is an IP address (dotted or a single number) instead of a name
 */
public record Link(int start, int end, String text, String host, String asciiHost,
    @Nullable String registrableDomain, boolean explicitScheme, boolean obfuscated,
    boolean ipAddress) {

  /** Checks that the record is self-consistent. */
  public Link {
    requireNonNull(text, "text");
    requireNonNull(host, "host");
    requireNonNull(asciiHost, "asciiHost");
    if (start < 0 || end - start != text.length()) {
      throw new IllegalArgumentException(
          "link span [" + start + ", " + end + ") does not fit its text of " + text.length() + " chars");
    }
  }

  /** The domain a list is checked against: the registrable domain, or the host when there is none. */
  public String domain() {
    return registrableDomain != null ? registrableDomain : asciiHost;
  }
}
