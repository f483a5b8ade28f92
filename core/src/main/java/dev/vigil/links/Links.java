package dev.vigil.links;

import static java.util.Objects.requireNonNull;

import com.google.common.net.InternetDomainName;
import dev.vigil.Classifier;
import dev.vigil.Content;
import dev.vigil.Signal;
import dev.vigil.contact.Contact;
import dev.vigil.contact.Contacts;
import dev.vigil.internal.HitCollector;
import dev.vigil.internal.Hosts;
import dev.vigil.text.Normalizer;
import java.net.IDN;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds links in text and builds the link signals.
 *
 * <h2>What counts as a link</h2>
 * {@link #find(String)} finds
 * <ul>
 *   <li>URLs with a scheme in any case ({@code https://}, {@code HTTP://}, {@code ftp://}), also defanged
 *       ({@code hxxp://}, {@code hxxps[:]//});
 *   <li>bare domains with or without a path ({@code example.com/win}, {@code www.example.co.uk}),
 *       also with defanged dots ({@code example[.]com}, {@code example(.)com}, {@code example dot com});
 *   <li>internationalized domains, in Unicode ({@code пример.рф}) and {@code xn--} form, and fullwidth or
 *       ideographic dots;
 *   <li>IP-address hosts ({@code http://192.0.2.1/}, {@code 192.0.2.1:8080/x}, {@code http://[2001:db8::1]/},
 *       {@code http://3221225985/}).
 * </ul>
 * Punctuation that ends a sentence ({@code .,;:!?'"}, a closing bracket without its opening one) is not
 * part of the link. A bare domain with neither scheme, {@code www.} nor path counts only when its
 * top-level domain is one where people register names and that is not an everyday word: {@code .com},
 * {@code .ru}, {@code .xyz} and ninety more, but not {@code .in}, {@code .it}, {@code .me}, {@code .to},
 * {@code .by}, {@code .life} or {@code .xxx}, and not when the last label reads as the next sentence
 * ({@code news.By}); so "log.in", "do.it" or "see you soon.xxx" in a chat are not links, while
 * {@code https://do.it}, {@code www.soon.xxx} and {@code do.it/x} are. The domains of e-mail addresses
 * are not links.
 *
 * <h2>Hosts and domains</h2>
 * Every host is lower-cased and converted to ASCII with IDNA ({@link java.net.IDN}); its registrable
 * domain comes from the public suffix list (Guava's {@code InternetDomainName}): {@code login.example.com}
 * is under {@code example.com}, {@code example.com.evil.net} is under {@code evil.net}, and
 * {@code user.github.io} is its own registrable domain.
 *
 * <h2>Signals</h2>
 * <table>
 *   <caption>Link signals and their scores</caption>
 *   <tr><th>signal</th><th>fires on</th><th>score</th></tr>
 *   <tr><td>{@link #count()}</td><td>every link</td><td>a ramp over the number of links: 0 at
 *       {@code low} (0), 1 at {@code high} (3); see {@link LinkSignal#between}</td></tr>
 *   <tr><td>{@link #blocked(DomainList)}</td><td>links whose host is on the list</td><td>1</td></tr>
 *   <tr><td>{@link #shorteners()}</td><td>links on a URL shortener ({@link #shortenerDomains()})</td>
 *       <td>1</td></tr>
 *   <tr><td>{@link #ipHosts()}</td><td>links to an IP address</td><td>1</td></tr>
 *   <tr><td>{@link #obfuscated()}</td><td>defanged links ({@code hxxp}, {@code [.]}, {@code dot})</td>
 *       <td>1</td></tr>
 *   <tr><td>{@link #lookalikes(DomainList)}</td><td>domains that fold to a protected brand's domain but
 *       are not it ({@code pаypal.com}, {@code paypa1.com}): 1; hosts that carry the brand's name in
 *       front of another domain ({@code paypal.com.evil.net}, {@code paypal-login.net}): 0.8</td>
 *       <td>1 or 0.8</td></tr>
 * </table>
 * Each signal skips links whose host is on its allow-list ({@link LinkSignal#allowing}), reports one
 * evidence item per link, spanning the whole link, with category {@code "links"}, and is not applicable
 * to content without fields. All are immutable and thread safe; the scan is linear in the text and
 * allocates only for candidates that look like hosts.
 */
public final class Links {
  private Links() {}

  /** Every link in {@code text}, in text order. See the class comment for what counts. */
  public static List<Link> find(String text) {
    requireNonNull(text, "text");
    return new ArrayList<>(RememberedLinks.of(text));
  }

  /** Link count: a ramp from 0 links (score 0) to 3 or more (score 1). */
  public static LinkSignal count() {
    return new LinkSignal(Kind.COUNT, "link-count", null, null, 0, 3);
  }

  /** Links whose host is on {@code blockList} or under a domain on it. */
  public static LinkSignal blocked(DomainList blockList) {
    requireNonNull(blockList, "blockList");
    return new LinkSignal(Kind.BLOCKED, "blocked-domain", blockList, null, 0, 1);
  }

  /** Links on a URL shortener of {@link #shortenerDomains()}. */
  public static LinkSignal shorteners() {
    return shorteners(SHORTENERS);
  }

  /** Links on a URL shortener of the given list. */
  public static LinkSignal shorteners(DomainList shorteners) {
    requireNonNull(shorteners, "shorteners");
    return new LinkSignal(Kind.SHORTENER, "url-shortener", shorteners, null, 0, 1);
  }

  /** Links whose host is an IP address. */
  public static LinkSignal ipHosts() {
    return new LinkSignal(Kind.IP_HOST, "ip-host", null, null, 0, 1);
  }

  /** Links written to dodge detection: {@code hxxp://}, {@code example[.]com}, {@code example dot com}. */
  public static LinkSignal obfuscated() {
    return new LinkSignal(Kind.OBFUSCATED, "obfuscated-link", null, null, 0, 1);
  }

  /**
   * Look-alikes of the protected domains in {@code brands}: a link whose registrable domain is not on the
   * list but whose name, folded with {@link Normalizer}'s compatibility, case, diacritics, look-alike,
   * invisibles and leetspeak stages (and {@code rn} read as {@code m}, {@code vv} as {@code w}), equals
   * a brand's (score 1), or whose host carries a brand's folded name as a label or hyphen-separated part
   * in front of another registrable domain (score 0.8). A brand's other domains go on the brand list or
   * the allow-list, or {@code paypal.de} is reported as a look-alike of {@code paypal.com}.
   */
  public static LinkSignal lookalikes(DomainList brands) {
    requireNonNull(brands, "brands");
    return new LinkSignal(Kind.LOOKALIKE, "lookalike-domain", brands, null, 0, 1);
  }

  /** The URL shorteners {@link #shorteners()} knows: a list of ours. */
  public static DomainList shortenerDomains() {
    return SHORTENERS;
  }

  private static final DomainList SHORTENERS = DomainList.of("bit.ly", "bitly.com", "tinyurl.com",
      "t.co", "goo.gl", "ow.ly", "is.gd", "v.gd", "buff.ly", "rebrand.ly", "cutt.ly", "shorturl.at",
      "tiny.cc", "rb.gy", "t.ly", "bit.do", "s.id", "qr.ae", "lnkd.in", "tr.im", "x.co", "adf.ly",
      "shorte.st", "bl.ink", "soo.gd", "clck.ru", "u.to", "tiny.one", "shrtco.de", "short.io",
      "shorturl.com", "lnk.to", "linktr.ee", "t.me", "wa.me", "trib.al", "dlvr.it", "ift.tt", "amzn.to",
      "youtu.be", "fb.me", "db.tt", "mcaf.ee", "su.pr", "po.st", "snip.ly", "hyperurl.co", "urlz.fr",
      "2no.co", "iplogger.org", "grabify.link", "tinyurl.is", "n9.cl", "bit.ws", "cli.re", "gg.gg");

  enum Kind {
    COUNT, BLOCKED, SHORTENER, IP_HOST, OBFUSCATED, LOOKALIKE
  }

  /** One link signal as a classifier; see {@link Links}. Immutable and thread safe. */
  public static final class LinkSignal implements Classifier {
    private final Kind kind;
    private final String name;
    private final @Nullable DomainList list;
    private final @Nullable DomainList allow;
    private final double low;
    private final double high;
    /** For look-alikes: folded brand name to brand domain. */
    private final Map<String, String> brandNames;

    LinkSignal(Kind kind, String name, @Nullable DomainList list, @Nullable DomainList allow,
        double low, double high) {
      this.kind = kind;
      this.name = name;
      this.list = list;
      this.allow = allow;
      this.low = low;
      this.high = high;
      this.brandNames = kind == Kind.LOOKALIKE && list != null ? brandNames(list) : Map.of();
    }

    /** This signal, skipping links whose host is on {@code allowList} (suffix semantics). */
    public LinkSignal allowing(DomainList allowList) {
      requireNonNull(allowList, "allowList");
      return new LinkSignal(kind, name, list, allowList, low, high);
    }

    /**
     * This count with another ramp: score 0 at or below {@code low} links, 1 at or above {@code high}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= low < high}, or if this is not
     *     {@link Links#count()}
     */
    public LinkSignal between(double low, double high) {
      if (kind != Kind.COUNT) {
        throw new IllegalArgumentException(name + " has no ramp; only link-count does");
      }
      if (!(low >= 0 && low < high && high < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException(
            name + " needs 0 <= low < high but low was " + low + " and high " + high);
      }
      return new LinkSignal(kind, name, list, allow, low, high);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String expression() {
      StringBuilder b = new StringBuilder(name).append('(');
      if (kind == Kind.COUNT) {
        b.append(low).append("..").append(high);
      } else if (list != null) {
        b.append(list.size()).append(" domains");
      }
      if (allow != null) {
        b.append(kind == Kind.COUNT || list != null ? ", " : "").append("allowing ")
            .append(allow.size());
      }
      return b.append(')').toString();
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
        for (Link link : RememberedLinks.of(hits.text)) {
          hits.accept(link);
        }
        if (kind == Kind.LOOKALIKE) {
          emailDomains(hits);
        }
      }
      return kind == Kind.COUNT ? hits.signal(ramp(hits.count())) : hits.signal();
    }

    /**
     * Judges the domains of the e-mail addresses in the collector's field as links
     * ("bob@paypal-support.com" impersonates as well as a link does); the evidence is the whole address.
     */
    private void emailDomains(Collector hits) {
      for (Contact email : Contacts.find(hits.text, Contact.Kind.EMAIL)) {
        String address = email.value();
        String domain = address.substring(address.lastIndexOf('@') + 1);
        for (Link link : RememberedLinks.of(domain)) {
          if (link.start() == 0 && link.end() == domain.length()) {
            hits.accept(link, email.start(), email.end());
          }
        }
      }
    }

    private double ramp(double x) {
      if (x <= low) {
        return 0.0;
      }
      return x >= high ? 1.0 : (x - low) / (high - low);
    }

    /** The rule and score of a link for this signal, or null when it does not fire. */
    private @Nullable Hit judge(Link link) {
      if (allow != null && allow.covers(link.asciiHost())) {
        return null;
      }
      switch (kind) {
        case COUNT:
          return new Hit("link", 1);
        case BLOCKED:
        case SHORTENER: {
          String entry = list.match(link.asciiHost());
          return entry == null ? null
              : new Hit((kind == Kind.BLOCKED ? "blocked:" : "shortener:") + entry, 1);
        }
        case IP_HOST:
          return link.ipAddress() ? new Hit("ip-host", 1) : null;
        case OBFUSCATED:
          return link.obfuscated() ? new Hit("obfuscated-link", 1) : null;
        default:
          return lookalike(link);
      }
    }

    private @Nullable Hit lookalike(Link link) {
      if (link.ipAddress() || list.covers(link.asciiHost())) {
        return null;
      }
      // A host outside the public suffix list (a private or made-up top-level domain) is its own domain.
      String registrable = link.domain();
      String name = nameOfLink(link);
      String ownName = fold(name);
      String brand = brandNames.get(ownName);
      if (brand != null) {
        return new Hit("lookalike:" + brand, 1);
      }
      // The brand's name in front of another domain: paypal.com.evil.net, paypal-login.net.
      String unicodeHost = link.host();
      String unicodeRegistrable = toUnicode(registrable);
      String prefix = unicodeHost.length() > unicodeRegistrable.length()
          ? unicodeHost.substring(0, unicodeHost.length() - unicodeRegistrable.length()) : "";
      String parts = prefix + name;
      for (String part : HOST_PARTS.split(parts)) {
        if (part.isEmpty()) {
          continue;
        }
        String b = brandNames.get(fold(part));
        if (b != null) {
          return new Hit("brand-in-host:" + b, 0.8);
        }
      }
      return null;
    }

    private record Hit(String rule, double score) {}

    /** Judges each link and collects the hits. */
    private final class Collector extends HitCollector {
      void accept(Link link) {
        accept(link, link.start(), link.end());
      }

      /** Judges {@code link}; a hit's evidence spans {@code [start, end)} of the field. */
      void accept(Link link, int start, int end) {
        Hit hit = judge(link);
        if (hit != null) {
          add(start, end, hit.rule, "links", hit.score);
        }
      }
    }
  }

  private static final Normalizer FOLD = Normalizer.builder().stages(
      Normalizer.Stage.COMPATIBILITY, Normalizer.Stage.CASE_FOLDING, Normalizer.Stage.DIACRITICS,
      Normalizer.Stage.LOOKALIKES, Normalizer.Stage.INVISIBLES, Normalizer.Stage.LEETSPEAK).build();

  /** The folded form of a domain name part, for look-alike comparison. */
  static String fold(String name) {
    return FOLD.normalize(name).replace("rn", "m").replace("vv", "w");
  }

  private static Map<String, String> brandNames(DomainList brands) {
    Map<String, String> names = new HashMap<>();
    for (String domain : brands.domains()) {
      String registrable = Hosts.registrableDomain(domain);
      String base = registrable != null ? registrable : domain;
      String folded = fold(nameOf(base));
      if (!folded.isEmpty()) {
        names.putIfAbsent(folded, domain);
      }
    }
    return Map.copyOf(names);
  }

  /** The registrable domain without its public suffix, in Unicode: {@code paypal} of paypal.co.uk. */
  static String nameOf(String registrableAscii) {
    if (InternetDomainName.isValid(registrableAscii)) {
      InternetDomainName d = InternetDomainName.from(registrableAscii);
      if (d.hasPublicSuffix() && !d.isPublicSuffix()) {
        int suffixLabels = d.publicSuffix().parts().size();
        List<String> parts = d.parts();
        return toUnicode(String.join(".", parts.subList(0, parts.size() - suffixLabels)));
      }
    }
    return toUnicode(registrableAscii);
  }

  /**
   * {@link #nameOf} of the domain of a link the scanner found, without parsing it again: the scanner
   * found its registrable domain by the public suffix list, and a registrable domain is one label and
   * its public suffix, so its name is its first label. Parsing it a second time (Guava's
   * {@code InternetDomainName}) was about a third of what judging a link cost. A host with no
   * registrable domain takes {@code nameOf}.
   */
  static String nameOfLink(Link link) {
    String registrable = link.registrableDomain();
    int dot = registrable == null ? -1 : registrable.indexOf('.');
    return dot > 0 ? toUnicode(registrable.substring(0, dot)) : nameOf(link.domain());
  }

  /** What {@code lookalike} splits a host's labels and words at (String.split compiled it per call). */
  private static final Pattern HOST_PARTS = Pattern.compile("[.\\-]");

  /**
   * A host or name as IDNA's ToUnicode gives it, lower-cased. An ASCII one without an ACE label
   * ({@code xn--}) is its own ToUnicode, and most hosts are such: they skip {@code IDN} and the strings
   * it builds.
   */
  static String toUnicode(String ascii) {
    if (plainAscii(ascii)) {
      return ascii.toLowerCase(Locale.ROOT);
    }
    try {
      return IDN.toUnicode(ascii, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return ascii;
    }
  }

  /** Whether {@code s} is all ASCII and holds no {@code xn--}, in any case. */
  private static boolean plainAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || (c == '-' && i >= 2 && i + 1 < s.length() && s.charAt(i + 1) == '-'
          && (s.charAt(i - 1) | 0x20) == 'n' && (s.charAt(i - 2) | 0x20) == 'x')) {
        return false;
      }
    }
    return true;
  }
}
