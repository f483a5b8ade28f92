package dev.vigil.links;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.Classifier;
import dev.vigil.ClassifierContract;
import dev.vigil.Classifiers;
import dev.vigil.Content;
import dev.vigil.Outcome;
import dev.vigil.Signal;
import java.net.IDN;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LinksTest implements ClassifierContract {

  @Override
  public Classifier classifier() {
    return Classifiers.anyOf(Links.count(), Links.blocked(DomainList.of("evil.net")),
        Links.shorteners(), Links.ipHosts(), Links.obfuscated(),
        Links.lookalikes(DomainList.of("paypal.com")));
  }

  @Override
  public List<String> samples() {
    return List.of("see https://example.com/a?b=c.", "hxxp://evil[.]net/x", "p\u0430ypal.com login",
        "bit.ly/3xYz", "http://192.0.2.1:8080/", "mail me: a.b@example.com", "so.it goes");
  }

  /** start-end:text@host for every link. */
  private static String found(String text) {
    return Links.find(text).stream().map(l -> l.start() + "-" + l.end() + ":" + l.text() + "@" + l.host())
        .collect(Collectors.joining(" "));
  }

  private static String spans(Signal s) {
    return s.evidence().stream().map(e -> e.start() + "-" + e.end() + ":" + e.text() + "=" + e.rule())
        .collect(Collectors.joining(" "));
  }

  @Test
  void schemesInAnyCaseWithTrailingPunctuationLeftOut() {
    assertEquals("4-29:https://example.com/a?b=c@example.com",
        found("see https://example.com/a?b=c."));
    assertEquals("0-23:HTTP://Example.COM/Path@example.com", found("HTTP://Example.COM/Path!"));
    assertEquals("1-26:hTTpS://example.com/a_(b)@example.com", found("(hTTpS://example.com/a_(b))"));
    assertEquals("5-28:ftp://files.example.org@files.example.org",
        found("get \"ftp://files.example.org\"."));
    assertEquals("0-23:http://localhost:8080/x@localhost", found("http://localhost:8080/x, then"));
  }

  @Test
  void bareDomainsAndPaths() {
    assertEquals("6-21:example.com/win@example.com", found("go to example.com/win now"));
    assertEquals("0-17:www.example.co.uk@www.example.co.uk", found("www.example.co.uk."));
    assertEquals("9-20:example.com@example.com", found("I bought example.com.Then it broke"));
    assertEquals("0-7:do.it/x@do.it", found("do.it/x"));
    assertEquals("4-17:https://do.it@do.it", found("try https://do.it"));
    assertEquals("0-11:EXAMPLE.NET@example.net", found("EXAMPLE.NET!"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"log.in please", "so.it goes", "ok.now what", "e.g. this", "i.e. that",
      "version 1.2.3.4", "pay 2.50 now", "U.S.A. today", "node.js and script.py", "at 10.30pm",
      "readme.md", "the end.The next", "a happy news.By the grace", "c u soon.xxx", "sambar.life", "a.b@example.com", "first.last@example.co.uk", "no links here"})
  void wordsThatLostTheirSpaceAreNotLinks(String text) {
    assertEquals("", found(text));
  }

  @Test
  void defangedLinksAreFoundAndMarked() {
    List<Link> links = Links.find("hxxp://evil[.]net/x and example(.)com and shop dot example dot com "
        + "and evil{dot}org and hxxps[:]//a.example.com/");
    assertEquals(List.of("hxxp://evil[.]net/x", "example(.)com", "shop dot example dot com",
        "evil{dot}org", "hxxps[:]//a.example.com/"),
        links.stream().map(Link::text).collect(Collectors.toList()));
    assertEquals(List.of("evil.net", "example.com", "shop.example.com", "evil.org", "a.example.com"),
        links.stream().map(Link::host).collect(Collectors.toList()));
    assertTrue(links.stream().allMatch(Link::obfuscated));
    assertFalse(Links.find("https://example.com").get(0).obfuscated());
    assertEquals("", found("polka dot dress, dot the i"));
  }

  @Test
  void internationalizedDomainsInBothForms() {
    Link unicode = Links.find("см. пример.рф/путь").get(0);
    assertEquals("пример.рф/путь", unicode.text());
    assertEquals("пример.рф", unicode.host());
    assertEquals(IDN.toASCII("пример.рф"), unicode.asciiHost());
    assertEquals(IDN.toASCII("пример.рф"), unicode.registrableDomain());

    Link puny = Links.find("visit xn--e1afmkfd.xn--p1ai today").get(0);
    assertEquals("пример.рф", puny.host());
    assertEquals("xn--e1afmkfd.xn--p1ai", puny.asciiHost());

    Link fullwidth = Links.find("ｅｘａｍｐｌｅ．ｃｏｍ").get(0);
    assertEquals("example.com", fullwidth.host());
    assertEquals(0, fullwidth.start());
    assertEquals(11, fullwidth.end());
  }

  @Test
  void registrableDomainsFollowThePublicSuffixList() {
    assertEquals("example.com", Links.find("https://login.example.com/").get(0).registrableDomain());
    assertEquals("evil.net", Links.find("example.com.evil.net/login").get(0).registrableDomain());
    assertEquals("example.co.uk", Links.find("a.b.example.co.uk").get(0).registrableDomain());
    assertEquals("someone.github.io", Links.find("someone.github.io/x").get(0).registrableDomain());
    Link withUser = Links.find("http://paypal.com@evil.net/login").get(0);
    assertEquals("evil.net", withUser.host());
    assertEquals("http://paypal.com@evil.net/login", withUser.text());
  }

  @Test
  void ipHosts() {
    assertEquals("0-22:http://192.0.2.1:8080/@192.0.2.1", found("http://192.0.2.1:8080/"));
    assertEquals("0-14:192.0.2.1/path@192.0.2.1", found("192.0.2.1/path"));
    assertEquals("", found("ping 192.0.2.1 please"));
    assertEquals("0-21:http://[2001:db8::1]/@[2001:db8::1]", found("http://[2001:db8::1]/"));
    assertEquals("0-18:http://3221225985/@3221225985", found("http://3221225985/"));
    Signal s = Links.ipHosts().classify(Content.of("go http://192.0.2.1/x or example.com"));
    assertEquals("3-21:http://192.0.2.1/x=ip-host", spans(s));
  }

  @Test
  void countIsARamp() {
    assertEquals(Outcome.NOT_MATCHED, Links.count().classify(Content.of("no links")).outcome());
    assertEquals(1.0 / 3, Links.count().classify(Content.of("see example.com")).score(), 1e-9);
    assertEquals(1.0, Links.count().classify(Content.of("a.com b.com c.com d.com")).score());
    Signal s = Links.count().between(1, 2).classify(Content.of("a.com, b.com"));
    assertEquals(1.0, s.score());
    assertEquals("0-5:a.com=link 7-12:b.com=link", spans(s));
    assertThrows(IllegalArgumentException.class, () -> Links.count().between(2, 1));
    assertThrows(IllegalArgumentException.class, () -> Links.ipHosts().between(0, 1));
    assertEquals(Outcome.NOT_APPLICABLE, Links.count().classify(Content.builder().build()).outcome());
  }

  @Test
  void blockListHasSuffixSemanticsAndTheAllowListWins() {
    Links.LinkSignal blocked = Links.blocked(DomainList.of("evil.net", "blogspot.com"));
    Signal s = blocked.classify(Content.of(
        "login.evil.net/x example.com.evil.net notevil.net evil.net.example.com x.blogspot.com"));
    assertEquals("0-16:login.evil.net/x=blocked:evil.net 17-37:example.com.evil.net=blocked:evil.net "
        + "71-85:x.blogspot.com=blocked:blogspot.com", spans(s));
    assertEquals(1.0, s.score());
    Signal allowed = blocked.allowing(DomainList.of("x.blogspot.com"))
        .classify(Content.of("x.blogspot.com y.blogspot.com"));
    assertEquals("15-29:y.blogspot.com=blocked:blogspot.com", spans(allowed));
    assertEquals("blocked-domain(2 domains, allowing 1)",
        blocked.allowing(DomainList.of("x.blogspot.com")).toString());
  }

  @Test
  void shortenersAndObfuscation() {
    Signal s = Links.shorteners().classify(Content.of("win at bit.ly/3xYz or https://tinyurl.com/abc"));
    assertEquals("7-18:bit.ly/3xYz=shortener:bit.ly 22-45:https://tinyurl.com/abc=shortener:tinyurl.com",
        spans(s));
    Signal o = Links.obfuscated().classify(Content.of("go to evil[.]com now, not example.com"));
    assertEquals("6-16:evil[.]com=obfuscated-link", spans(o));
  }

  @Test
  void lookalikeDomainsOfProtectedBrands() {
    Links.LinkSignal lookalikes = Links.lookalikes(DomainList.of("paypal.com", "microsoft.com"));
    String cyrillic = "p\u0430ypal.com";
    Signal s = lookalikes.classify(Content.of("log in at " + cyrillic + " or paypa1.com/x now"));
    assertEquals("10-20:" + cyrillic + "=lookalike:paypal.com 24-36:paypa1.com/x=lookalike:paypal.com",
        spans(s));
    assertEquals(1.0, s.score());
    // xn-- form of the same Cyrillic domain
    String puny = IDN.toASCII(cyrillic);
    assertEquals("lookalike:paypal.com",
        lookalikes.classify(Content.of("https://" + puny + "/")).evidence().get(0).rule());
    assertEquals("lookalike:microsoft.com",
        lookalikes.classify(Content.of("rnicrosoft.com")).evidence().get(0).rule());
    Signal inHost = lookalikes.classify(Content.of("paypal.com.evil.net and paypal-login.net"));
    assertEquals("0-19:paypal.com.evil.net=brand-in-host:paypal.com "
        + "24-40:paypal-login.net=brand-in-host:paypal.com", spans(inHost));
    assertEquals(0.8, inHost.score());
    // The brand itself and its subdomains are not look-alikes.
    assertEquals(Outcome.NOT_MATCHED,
        lookalikes.classify(Content.of("https://www.paypal.com/signin and paypal.com")).outcome());
    assertEquals(Outcome.NOT_MATCHED, lookalikes.allowing(DomainList.of("paypal.de"))
        .classify(Content.of("paypal.de")).outcome());
    assertEquals(Outcome.MATCHED, lookalikes.classify(Content.of("paypal.de")).outcome());
    // A host outside the public suffix list is its own domain.
    assertEquals("brand-in-host:paypal.com", lookalikes.classify(
        Content.of("https://p\u0430ypal.com.check.example/x")).evidence().get(0).rule());
  }

  @Test
  void domainListsNormalizeEntriesAndReportBadLines() {
    DomainList list = DomainList.parse(new java.io.StringReader(
        "# blocked\n*.Evil.NET\n.example.org\nhttps://user@Login.Example.com:443/path\nпример.рф\n"
        + "192.0.2.1\n"), "blocked.txt");
    assertEquals(List.of("evil.net", "example.org", "login.example.com", IDN.toASCII("пример.рф"),
        "192.0.2.1"), List.copyOf(list.domains()));
    assertEquals("evil.net", list.match("a.b.evil.net"));
    assertEquals(IDN.toASCII("пример.рф"), list.match("www.пример.рф"));
    assertNull(list.match("notevil.net"));
    assertNull(list.match("example.com"));
    DomainList.DomainListException e = assertThrows(DomainList.DomainListException.class,
        () -> DomainList.parse(new java.io.StringReader("ok.com\nnot a domain\n\n-bad-.com\n"), "x.txt"));
    assertEquals(List.of("x.txt:2: 'not a domain' is not a domain name",
        "x.txt:4: '-bad-.com' is not a domain name"), e.problems());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> DomainList.of("exa mple.com"));
    assertEquals("'exa mple.com' is not a domain name", bad.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "mail a.b@example.com now|",
      "see example.com, example.net; example.org!|example.com example.net example.org",
      "[link](https://example.com/x)|https://example.com/x",
      "<https://example.com/a>|https://example.com/a",
      "'example.com/x'|example.com/x",
      "\u00abhttps://example.com\u00bb|https://example.com"})
  void surroundingPunctuation(String text, String expected) {
    assertEquals(expected == null ? "" : expected,
        Links.find(text).stream().map(Link::text).collect(Collectors.joining(" ")));
  }

  @Test
  void linksOfATextScannedAgainAreTheSameAndCallersCannotChangeThem() {
    String text = "see https://example.com/a and shop.example.net/b";
    List<Link> first = Links.find(text);
    first.clear(); // the caller's own copy
    List<Link> again = Links.find(text);
    assertEquals(2, again.size());
    // An equal text in another String, and texts scanned in between, give the same links.
    Links.find("other text with example.org");
    assertEquals(again, Links.find(new String(text.toCharArray())));
    assertEquals(again, RememberedLinks.of(text));
    assertThrows(UnsupportedOperationException.class, () -> RememberedLinks.of(text).clear());
  }
}
