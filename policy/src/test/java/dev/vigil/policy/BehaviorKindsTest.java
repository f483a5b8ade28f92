package dev.vigil.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.Classifier;
import dev.vigil.Content;
import dev.vigil.Decision;
import dev.vigil.Holder;
import dev.vigil.behavior.Behaviors;
import dev.vigil.behavior.HashBank;
import dev.vigil.behavior.Key;
import dev.vigil.behavior.MemoryState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code behavior.*} kinds: each scores as the fluent API's signal does on the same items; their
 * records survive a reload by the same loader; errors are positioned like any other.
 */
class BehaviorKindsTest {
  private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
  private static final String BANK = "00000000000000ff known-1\nffffffffffff0000 known-2\n";
  private static final String SIGNALS = "signals:\n"
      + "  rate: {kind: behavior.rate, key: author, window: 10m, between: [1, 4], category: spam}\n"
      + "  fresh: {kind: behavior.new-key, key: 'attribute(ip)', young: 1m, old: 1h, category: spam}\n"
      + "  shared: {kind: behavior.distinct, key: link-domain, window: 5m, between: [1, 3], category: spam}\n"
      + "  wave: {kind: behavior.wave, window: 10m, between: [1, 3], category: spam}\n"
      + "  bank: {kind: behavior.bank, bank: bank.txt, hashes: 'attribute(h)', max-distance: 6,"
      + " category: spam}\n";
  private static final String POLICY = "policy: b\ncategories: {spam: }\n" + SIGNALS
      + "rules: ['review when total >= 1']\n";

  @TempDir Path dir;
  Folder folder;

  @BeforeEach
  void setUp() {
    folder = new Folder(dir);
    folder.write("bank.txt", BANK);
  }

  static List<Content> items(long seed) {
    Random r = new Random(seed);
    List<String> texts = List.of(
        "Your parcel is waiting, confirm the delivery fee at https://fee.example.com today",
        "Your parcel is waiting, confirm the delivery fee at https://fee.example.com t0day",
        "Are you still selling the blue bike? I can pick it up on Saturday at https://maps.example.org",
        "ok");
    List<Content> out = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      out.add(Content.builder().body(texts.get(r.nextInt(texts.size()))).author("u" + r.nextInt(12))
          .attribute("ip", "ip" + r.nextInt(5))
          .attribute("h", r.nextBoolean() ? "00000000000000f0" : "0123456789abcdef")
          .time(T0.plusSeconds(i * 7L + r.nextInt(5))).build());
    }
    return out;
  }

  @Test
  void eachKindScoresAsTheFluentApiOnTheSameItems() {
    PolicyFile f = folder.policy(POLICY);
    MemoryState state = MemoryState.withCapacity(100_000);
    List<Classifier> fluent = List.of(
        Behaviors.rate("rate", state, Key.author(), Duration.ofMinutes(10), 1, 4),
        Behaviors.newKey("fresh", state, Key.attribute("ip"), Duration.ofMinutes(1), Duration.ofHours(1)),
        Behaviors.distinct("shared", state, Key.linkDomain(), Key.author(), Duration.ofMinutes(5), 1, 3),
        Behaviors.wave("wave", state, Key.author(), Duration.ofMinutes(10), 1, 3),
        Behaviors.bank("bank", Holder.of(HashBank.parse("bank", BANK)), Key.attribute("h"), 6));
    int matched = 0;
    for (Content c : items(1)) {
      Decision d = f.policy().evaluate(c);
      for (Classifier s : fluent) {
        double expected = s.classify(c).score();
        assertEquals(expected, d.signal(s.name()).score(), 1e-12, s.name() + " on " + c);
        matched += expected > 0 ? 1 : 0;
      }
    }
    assertTrue(matched > 300, "the items make every signal fire often: " + matched);
  }

  @Test
  void aReloadByTheSameLoaderKeepsTheCounts() {
    PolicyLoader loader = PolicyLoader.builder().withoutDiscovery().build();
    Folder same = new Folder(dir, loader);
    Content item = Content.builder().body("hello there").author("a").time(T0).build();
    PolicyFile first = same.policy(POLICY);
    for (int i = 0; i < 3; i++) {
      first.policy().evaluate(item);
    }
    // A new version of the file (another rule), loaded by the same loader: the rate goes on from 3.
    PolicyFile second = same.policy(POLICY.replace("total >= 1", "total >= 0.9"));
    assertEquals(1.0, second.policy().evaluate(item).signal("rate").score());
    // Another loader starts from an empty state.
    PolicyFile other = folder.policy(POLICY);
    assertEquals(0.0, other.policy().evaluate(item).signal("rate").score());
    assertTrue(loader.behaviorState().size() > 0);
  }

  @Test
  void twoKindsWithOneSignalNameNeverReadEachOthersRecords() {
    PolicyLoader loader = PolicyLoader.builder().withoutDiscovery().build();
    Folder same = new Folder(dir, loader);
    Content item = Content.builder().body("hello there").author("a").time(T0).build();
    same.policy("policy: b\ncategories: {spam: }\nsignals:\n"
        + "  s: {kind: behavior.new-key, young: 1m, old: 1h, category: spam}\n"
        + "rules: ['review when total >= 1']\n").policy().evaluate(item);
    // The same name as a rate now: its record starts empty, and is not the first-seen time.
    Decision d = same.policy("policy: b\ncategories: {spam: }\nsignals:\n"
        + "  s: {kind: behavior.rate, window: 1h, between: [0, 2], category: spam}\n"
        + "rules: ['review when total >= 1']\n").policy().evaluate(item);
    assertEquals(0.5, d.signal("s").score());
  }

  @Test
  void badValuesAreReportedWhereTheFileWritesThem() {
    String base = "policy: b\ncategories: {spam: }\nsignals:\n  s: {%s, category: spam}\n"
        + "rules: ['review when total >= 1']\n";
    assertProblem(String.format(base, "kind: behavior.rate, window: 10 minutes, between: [1, 4]"), 4,
        "window must be a duration such as 90s, 10m, 1h30m or 7d but is '10 minutes'");
    assertProblem(String.format(base, "kind: behavior.rate, window: 0s, between: [1, 4]"), 4,
        "window must be between 1ms and 366d but is '0s'");
    assertProblem(String.format(base, "kind: behavior.rate, key: auther, window: 1h, between: [1, 4]"), 4,
        "key must be author, link-domain, text-simhash or attribute(NAME) but is 'auther'; did you mean"
            + " 'author'?");
    assertProblem(String.format(base, "kind: behavior.rate, window: 1h, between: [1.5, 4]"), 4,
        "between must be two whole numbers up to 1000000 but is [1.5, 4]");
    folder.write("bad-bank.txt", "00000000000000ff ok\nnot-hex x\n");
    List<Problem> p = folder.problems(String.format(base, "kind: behavior.bank, bank: bad-bank.txt,"
        + " hashes: text-simhash, max-distance: 3"));
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).file().endsWith("bad-bank.txt"), p.toString());
    assertEquals(2, p.get(0).line(), p.toString());
    assertTrue(p.get(0).message().contains("has a hash of 7 hex digits (a bank's hashes have 16 to 64):"
        + " 'not-hex x'"), p.toString());
    assertProblem(String.format(base, "kind: behavior.bank, bank: bank.txt, hashes: text-simhash,"
        + " max-distance: 40"), 4, "max-distance must be at most half the bank's 64 bits but is 40");
  }

  private void assertProblem(String yaml, int line, String message) {
    List<Problem> p = folder.problems(yaml);
    assertEquals(1, p.size(), p.toString());
    assertEquals(line, p.get(0).line(), p.toString());
    assertTrue(p.get(0).message().contains(message), p.get(0).message());
  }
}
