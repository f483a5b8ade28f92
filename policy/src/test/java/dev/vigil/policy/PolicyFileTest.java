package dev.vigil.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.Content;
import dev.vigil.Decision;
import dev.vigil.FailureMode;
import dev.vigil.Outcome;
import dev.vigil.Policy;
import dev.vigil.SignalOptions;
import dev.vigil.spi.SignalKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policy files that load: what each section does, YAML 1.2 details, kinds, paths and inline tests. */
class PolicyFileTest {
  @TempDir Path dir;
  Folder folder;

  @BeforeEach
  void setUp() {
    folder = new Folder(dir);
  }

  @Test
  void yaml12KeepsNoOffAndYesAsStrings() {
    PolicyFile f = folder.policy("policy: t\ncategories: {abuse: }\n"
        + "lists:\n  words: {type: terms, entries: [no, off, yes, on, y, n]}\n"
        + "signals:\n  w: {kind: terms, lists: words, category: abuse}\nrules: ['remove when total >= 1']\n");
    for (String word : List.of("no", "off", "yes", "on", "y", "n")) {
      assertEquals("remove", f.policy().evaluate("say " + word + " now").action().name(), word);
    }
  }

  @Test
  void jsonIsAPolicyFileToo() {
    PolicyFile f = folder.policy("{\"policy\": \"j\", \"version\": 2, \"categories\": {\"spam\": {\"cap\": 0.5}},"
        + " \"signals\": {\"links\": {\"kind\": \"links.count\", \"between\": [0, 1], \"category\": \"spam\"}},"
        + " \"rules\": [\"review when category(spam) >= 0.5\"]}");
    assertEquals("2", f.version());
    Decision d = f.policy().evaluate("see https://example.com");
    assertEquals("review", d.action().name());
    assertEquals(0.5, d.total());
  }

  @Test
  void versionKeepsItsText() {
    assertEquals("2026.11.25", folder.policy(PolicyErrorsTest.policy(PolicyErrorsTest.LINKS,
        PolicyErrorsTest.REMOVE) + "version: 2026.11.25\n").version());
    assertEquals("1", folder.policy(PolicyErrorsTest.policy(PolicyErrorsTest.LINKS,
        PolicyErrorsTest.REMOVE)).version());
  }

  @Test
  void everyOptionReachesThePolicy() {
    PolicyFile f = folder.policy("policy: opts\n"
        + "categories: {spam: {cap: 0.7}, abuse: }\n"
        + "signals:\n"
        + "  links: {kind: links.count, between: [0, 2], category: spam, weight: 0.5, fail: closed}\n"
        + "  title-shouting: {kind: text.shouting, field: title, category: abuse, weight: 0.25}\n"
        + "  new: {kind: regex, pattern: 'airdrop', category: spam, shadow: true}\n"
        + "rules:\n  - remove when total >= 0.75\n"
        + "scan-limits: {default: 500, fields: {title: 20}}\n"
        + "settings: {near-miss-ratio: 0.5, time-budget: 250ms}\n");
    Policy p = f.policy();
    assertEquals(3, p.signals().size());
    SignalOptions links = p.signals().get(0).options();
    assertEquals(0.5, links.weight());
    assertEquals(FailureMode.FAIL_CLOSED, links.failureMode());
    assertTrue(p.signals().get(2).options().isShadow());
    Content c = Content.builder().field("title", "THIS IS ALL IN CAPITALS AND LONG ENOUGH TO COUNT")
        .body("airdrop " + "x".repeat(600)).build();
    Decision d = p.evaluate(c);
    assertEquals(Outcome.MATCHED, d.signal("title-shouting").outcome());
    assertEquals("onField(title, shouting(0.5..0.9))", d.signal("title-shouting").expression());
    assertEquals(Outcome.MATCHED, d.signal("new").outcome());
    assertEquals(0.25, d.total(), 1e-12);
    assertEquals(2, d.truncations().size(), d.truncations().toString()); // body 500, title 20
  }

  @Test
  void expressionsBuildTheComposites() {
    PolicyFile f = folder.policy("policy: x\ncategories: {spam: }\n"
        + "signals:\n"
        + "  links: {kind: links.count, between: [0, 1], category: spam}\n"
        + "  phone: {kind: contacts.phone-numbers, part: true}\n"
        + "  money: {kind: regex, pattern: '\\$\\d+', category: spam, weight: 0.1}\n"
        + "  both: {expression: 'allOf(links, phone)', category: spam}\n"
        + "  two: {expression: 'atLeast(2, links, phone, regex(money))', category: spam}\n"
        + "  none: {expression: 'not(anyOf(links, phone))', category: spam, weight: 0}\n"
        + "  sum: {expression: 'weightedSum(cap 0.5: 0.25*links + 0.5*money)', category: spam}\n"
        + "  biggest: {expression: 'max(links, money)', category: spam}\n"
        + "  in-title: {expression: 'onField(title, links)', category: spam}\n"
        + "rules: ['remove when total >= 2']\n");
    Decision d = f.policy().evaluate("call +44 20 7946 0018 or https://example.com for $100");
    assertEquals(1.0, d.signal("both").score());
    assertEquals(1.0, d.signal("two").score());
    assertEquals(0.0, d.signal("none").score());
    assertEquals(0.5, d.signal("sum").score());
    assertEquals(Outcome.NOT_APPLICABLE, d.signal("in-title").outcome());
    assertEquals("atLeast(2, links, phone, regex(money))", d.signal("two").expression());
    assertEquals("weightedSum(cap 0.5: 0.25*links + 0.5*regex(money))", d.signal("sum").expression());
  }

  @Test
  void termSignalsWithTheSamePresetShareOneScanAndEachDecidesAsAlone() {
    PolicyFile f = folder.policy("policy: t\ncategories: {abuse: , scam: }\n"
        + "lists:\n"
        + "  insults: {type: terms, preset: aggressive, entries: [idiot, {term: moron, weight: 0.5}]}\n"
        + "  scams: {type: terms, preset: aggressive, category: scam, entries: [airdrop]}\n"
        + "  ok: {type: allow, entries: [idiotic plan]}\n"
        + "signals:\n"
        + "  insults: {kind: terms, lists: insults, allow: ok, category: abuse}\n"
        + "  scams: {kind: terms, lists: scams, allow: ok, category: scam}\n"
        + "rules: ['remove when total >= 1']\n");
    Decision d = f.policy().evaluate("you 1d10t, you m.o.r.o.n, claim the AIRDROP, an idiotic plan");
    assertEquals(1 - (1 - 1.0) * (1 - 0.5), d.signal("insults").score());
    assertEquals(2, d.signal("insults").signal().evidenceCount()); // "idiotic plan" is allowed
    assertEquals("terms(insults)", d.signal("insults").expression());
    assertEquals(1.0, d.signal("scams").score());
    assertEquals("scam", d.signal("scams").signal().evidence().get(0).category());
  }

  @Test
  void termCategoriesPickTermsOfAList() {
    folder.write("abuse.txt", "idiot\tinsult\nkys\tthreat\t0.9\n");
    PolicyFile f = folder.policy("policy: t\ncategories: {abuse: , threat: }\n"
        + "lists:\n  all: {type: terms, file: abuse.txt}\n"
        + "signals:\n"
        + "  insults: {kind: terms, lists: all, term-categories: insult, category: abuse}\n"
        + "  threats: {kind: terms, lists: all, term-categories: [threat], category: threat}\n"
        + "rules: ['forced remove when signal(threats) >= 0.9', 'review when total >= 0.5']\n");
    assertEquals("remove", f.policy().evaluate("kys").action().name());
    assertEquals("review", f.policy().evaluate("idiot").action().name());
    assertEquals(Outcome.NOT_MATCHED, f.policy().evaluate("idiot").signal("threats").outcome());
  }

  @Test
  void domainListsInlineByNameOrFromAFile() {
    folder.write("brands.txt", "# brands\npaypal.com\n");
    PolicyFile f = folder.policy("policy: t\ncategories: {scam: }\n"
        + "lists:\n  brands: {type: domains, file: brands.txt}\n"
        + "signals:\n"
        + "  lookalike: {kind: links.lookalikes, brands: brands, category: scam}\n"
        + "  blocked: {kind: links.blocked, domains: [evil.example], allow: [ok.evil.example], category: scam}\n"
        + "rules: ['remove when total >= 1']\n");
    assertEquals("remove", f.policy().evaluate("log in at pаypal.com").action().name());
    assertEquals("remove", f.policy().evaluate("see https://x.evil.example/").action().name());
    assertEquals("allow", f.policy().evaluate("see https://ok.evil.example/").action().name());
  }

  @Test
  void partsAreOnlyUsedInsideExpressions() {
    PolicyFile f = folder.policy("policy: t\ncategories: {spam: }\n"
        + "signals:\n  phone: {kind: contacts.phone-numbers, part: true}\n"
        + "  contact: {expression: 'anyOf(phone)', category: spam}\n"
        + "rules: ['review when total >= 1']\n");
    assertEquals(1, f.policy().signals().size());
    assertNull(f.policy().evaluate("+44 20 7946 0018").signal("phone"));
  }

  @Test
  void kindsFromTheBuilderAndTheirParameters() {
    SignalKind constant = new TestKinds.Echo("acme.constant");
    Folder withKind = new Folder(dir, PolicyLoader.builder().withoutDiscovery().kind(constant).build());
    PolicyFile f = withKind.policy("policy: t\ncategories: {x: }\n"
        + "signals:\n  a: {kind: acme.constant, score: 0.5, category: x}\n  b: {kind: acme.constant, score: 0.25,"
        + " category: x}\nrules: ['review when total >= 0.75']\n");
    assertEquals(0.75, f.policy().evaluate("anything").total());
    assertEquals("review", f.policy().evaluate("anything").action().name());
    PolicyException e = assertThrows(PolicyException.class, () -> withKind.policy("policy: t\n"
        + "categories: {x: }\nsignals:\n  a: {kind: acme.constant, score: 2, category: x}\n"));
    Folder.only(e.problems(), 4, 35, "'score' of signal 'a' (kind acme.constant) must be a number in"
        + " [0, 1] but is 2");
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> PolicyLoader.builder().kind(constant).kind(constant));
    assertTrue(twice.getMessage().contains("two kinds are named 'acme.constant'"));
  }

  @Test
  void registeredKindsAreFoundThroughServiceLoader() {
    // The test class path registers TestKinds.Echo in META-INF/services.
    PolicyLoader loader = PolicyLoader.defaults();
    assertTrue(loader.kinds().containsKey("test.echo"), loader.kinds().keySet().toString());
    assertFalse(PolicyLoader.builder().withoutDiscovery().build().kinds().containsKey("test.echo"));
  }

  @Test
  void resourcesLoadFromTheClassPath() {
    PolicyFile f = PolicyLoader.defaults().loadResource(getClass().getClassLoader(),
        "dev/vigil/policy/bundled/forum.yaml");
    assertEquals("forum", f.name());
    assertTrue(f.files().isEmpty());
    assertEquals("review", f.policy().evaluate("you idiot").action().name());
    PolicyException missing = assertThrows(PolicyException.class, () -> PolicyLoader.defaults()
        .loadResource(getClass().getClassLoader(), "dev/vigil/policy/bundled/nope.yaml"));
    assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
  }

  @Test
  void aMissingPolicyFileIsAProblemNotACrash() {
    PolicyException e = assertThrows(PolicyException.class, () -> folder.load("nope.yaml"));
    assertEquals(1, e.problems().size());
    assertTrue(e.problems().get(0).message().contains("no such file"));
  }

  @Test
  void inlineTestsRunOnRequestOnly() {
    PolicyFile f = folder.policy(PolicyErrorsTest.policy(PolicyErrorsTest.LINKS, PolicyErrorsTest.REMOVE)
        + "tests:\n"
        + "  - {name: three links, text: 'a.com b.com c.com', expect: remove, fires: [links]}\n"
        + "  - {text: 'nothing here', expect: remove, silent: [links]}\n"
        + "  - {fields: {title: a.com}, author: u1, locale: en-GB, attributes: {age: 3}, expect: allow,"
        + " fires: [links]}\n");
    assertEquals(3, f.tests().size());
    List<InlineTest.Result> results = f.runTests();
    assertTrue(results.get(0).passed(), results.get(0).failures().toString());
    assertFalse(results.get(1).passed());
    assertEquals(List.of("expected remove but the decision was allow (no rule held)"),
        results.get(1).failures());
    assertEquals("test 2", results.get(1).test().name());
    assertEquals(11, results.get(1).test().line());
    assertTrue(results.get(2).passed(), results.get(2).failures().toString());
    Content c = f.tests().get(2).content();
    assertEquals("u1", c.author());
    assertEquals("3", c.attributes().get("age"));
    assertEquals("title", c.fieldName(0));
  }

  @Test
  void listFilesAndTheirBytesAreRecorded() throws Exception {
    folder.write("lists/words.txt", "idiot\n");
    PolicyFile f = folder.policy("policy: t\ncategories: {abuse: }\n"
        + "lists:\n  w: {type: terms, file: lists/words.txt}\n  v: {type: terms, file: ./lists/words.txt}\n"
        + "signals:\n  a: {kind: terms, lists: [w, v], category: abuse}\nrules: ['review when total >= 1']\n");
    assertEquals(List.of(dir.resolve("policy.yaml"), dir.resolve("lists/words.txt")), f.files());
    assertEquals(64, f.contentHash().length());
    assertEquals(f.contentHash(), f.policy().contentHash());
    assertEquals(f.contentHash(), f.policy().evaluate("idiot").policyHash());
    assertTrue(f.policy().evaluate("idiot").explain().contains("(" + f.contentHash().substring(0, 12) + ")"));
    assertNotEquals(f.contentHash(), folder.policy(Files.readString(dir.resolve("policy.yaml")) + "# x\n")
        .contentHash());
  }

  @Test
  void timeBudgetsAndIsolatedSignals() {
    PolicyFile f = folder.policy(PolicyErrorsTest.policy(
        "  links: {kind: links.count, category: spam, isolated: true}\n", PolicyErrorsTest.REMOVE)
        + "settings: {time-budget: 2s}\n");
    assertTrue(f.policy().signals().get(0).options().isIsolated());
    assertEquals("remove", f.policy().evaluate("a.com b.com c.com").action().name());
  }
}
