package dev.vigil.links;

import static java.util.Objects.requireNonNull;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A list of domains with suffix semantics: {@code example.com} on the list covers {@code example.com}
 * and every host under it ({@code login.example.com}), but not {@code example.com.evil.net} nor
 * {@code notexample.com}. Used as block-list, allow-list, shortener list and brand list.
 *
 * <h2>Format</h2>
 * UTF-8 text, one domain per line; blank lines and lines starting with {@code #} are skipped. An entry may
 * be written {@code example.com}, {@code *.example.com}, {@code .example.com}, in Unicode
 * ({@code пример.рф}) or {@code xn--} form, or as a URL ({@code https://example.com/login}: the host
 * counts); case does not matter. IPv4 and IPv6 literals match only themselves. Every bad line is reported
 * with its number, all in one {@link DomainListException}; nothing is half-loaded.
 *
 * <p>Immutable and thread safe.
 */
public final class DomainList {
  private final String source;
  private final Set<String> domains;

  private DomainList(String source, Set<String> domains) {
    this.source = source;
    this.domains = Collections.unmodifiableSet(domains);
  }

  /**
   * A list of the given domains.
   *
   * @throws IllegalArgumentException naming the first entry that is not a domain name
   */
  public static DomainList of(String... domains) {
    return of(Arrays.asList(domains));
  }

  /**
   * A list of the given domains.
   *
   * @throws IllegalArgumentException naming the first entry that is not a domain name
   */
  public static DomainList of(Collection<String> domains) {
    Set<String> set = new LinkedHashSet<>();
    for (String d : domains) {
      requireNonNull(d, "domain");
      String normal = normalize(d);
      if (normal == null) {
        throw new IllegalArgumentException("'" + d + "' is not a domain name");
      }
      set.add(normal);
    }
    return new DomainList("(code)", set);
  }

  /** Loads a list from a file; see the class comment for the format. */
  public static DomainList load(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return load(in, file.toString());
    }
  }

  /** Loads a list from a UTF-8 stream; {@code source} names it in errors. */
  public static DomainList load(InputStream in, String source) {
    Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT));
    return parse(reader, source);
  }

  /** Parses a list; {@code source} names it in errors. */
  public static DomainList parse(Reader reader, String source) {
    requireNonNull(source, "source");
    Set<String> set = new LinkedHashSet<>();
    List<String> problems = new ArrayList<>();
    int lineNumber = 0;
    try (BufferedReader lines = new BufferedReader(reader)) {
      String line;
      while ((line = lines.readLine()) != null) {
        lineNumber++;
        String entry = line.strip();
        if (entry.isEmpty() || entry.startsWith("#")) {
          continue;
        }
        String normal = normalize(entry);
        if (normal == null) {
          problems.add(source + ":" + lineNumber + ": '" + entry + "' is not a domain name");
        } else {
          set.add(normal);
        }
      }
    } catch (CharacterCodingException e) {
      problems.add(source + ":" + (lineNumber + 1) + ": invalid UTF-8");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read domain list " + source, e);
    }
    if (!problems.isEmpty()) {
      throw new DomainListException(source, problems);
    }
    return new DomainList(source, set);
  }

  /** The entry covering {@code host}: the longest listed domain that is the host or a parent of it. */
  public @Nullable String match(String host) {
    requireNonNull(host, "host");
    String h = host.toLowerCase(Locale.ROOT);
    if (!isAscii(h)) {
      h = normalize(h);
      if (h == null) {
        return null;
      }
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    for (int i = 0; i >= 0; ) {
      String suffix = i == 0 ? h : h.substring(i);
      if (domains.contains(suffix)) {
        return suffix;
      }
      int dot = h.indexOf('.', i);
      i = dot < 0 ? -1 : dot + 1;
    }
    return null;
  }

  /** Whether {@code host} is a listed domain or under one. */
  public boolean covers(String host) {
    return match(host) != null;
  }

  /** The entries, in ASCII ({@code xn--}) lower-case form, in file order. */
  public Set<String> domains() {
    return domains;
  }

  /** How many entries the list has. */
  public int size() {
    return domains.size();
  }

  /** Where the list came from. */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "DomainList(" + source + ", " + domains.size() + " domains)";
  }

  /** The ASCII lower-case form of an entry, or null if it is not a domain name or IP literal. */
  static @Nullable String normalize(String entry) {
    String e = entry.strip();
    int scheme = e.indexOf("://");
    if (scheme >= 0) {
      e = e.substring(scheme + 3);
      int at = e.lastIndexOf('@', endOfAuthority(e) - 1);
      if (at >= 0) {
        e = e.substring(at + 1);
      }
      e = e.substring(0, endOfAuthority(e));
      if (!e.startsWith("[")) {
        int colon = e.indexOf(':');
        if (colon >= 0) {
          e = e.substring(0, colon);
        }
      }
    }
    if (e.startsWith("*.")) {
      e = e.substring(2);
    } else if (e.startsWith(".")) {
      e = e.substring(1);
    }
    if (e.endsWith(".")) {
      e = e.substring(0, e.length() - 1);
    }
    if (e.isEmpty()) {
      return null;
    }
    if (e.startsWith("[") && e.endsWith("]")) {
      return InetAddresses.isUriInetAddress(e) ? e.toLowerCase(Locale.ROOT) : null;
    }
    if (InetAddresses.isInetAddress(e)) {
      return e.toLowerCase(Locale.ROOT);
    }
    String ascii;
    try {
      ascii = IDN.toASCII(e, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException notIdna) {
      return null;
    }
    return InternetDomainName.isValid(ascii) && ascii.indexOf(' ') < 0 ? ascii : null;
  }

  private static int endOfAuthority(String e) {
    int end = e.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int i = e.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    return end;
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** A domain list with bad lines; {@link #problems()} has one message per line. */
  public static final class DomainListException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    DomainListException(String source, List<String> problems) {
      super(problems.size() + " bad line(s) in domain list " + source + ": "
          + String.join("; ", problems.subList(0, Math.min(problems.size(), 20)))
          + (problems.size() > 20 ? "; ..." : ""));
      this.problems = List.copyOf(problems);
    }

    /** One message per bad line, {@code source:line: what is wrong}. */
    public List<String> problems() {
      return problems;
    }
  }
}
