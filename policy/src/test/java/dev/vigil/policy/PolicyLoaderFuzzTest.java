package dev.vigil.policy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vigil.Content;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzz targets for the loader: whatever the bytes of a policy file and of the list it names, loading
 * either builds a policy (which then evaluates and lints without throwing) or throws a
 * {@link PolicyException}; never another exception, a hang or an out-of-memory. In a normal test run
 * ({@code ./mvnw verify}) Jazzer replays the seeds in
 * {@code src/test/resources/dev/vigil/policy/PolicyLoaderFuzzTestInputs}; to fuzz, one target per JVM:
 *
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl policy -am test -Dtest=PolicyLoaderFuzzTest#mutatedPoliciesLoadOrAreRefused \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class PolicyLoaderFuzzTest {
  private static final PolicyLoader LOADER = PolicyLoader.builder().withoutDiscovery()
      .limits(new PolicyLimits(1 << 16, 1 << 16, 32, 20_000, 20, 200, 2_000)).build();

  /** Valid policies to mutate: every section, several kinds, lists inline and in a file. */
  static final List<String> VALID = List.of(
      "policy: p\nversion: \"1\"\ncategories: {spam: {cap: 0.6}, abuse: }\n"
          + "actions: {limit: {severity: 30}}\n"
          + "lists:\n  words: {type: terms, file: words.txt, preset: aggressive}\n"
          + "  ok: {type: allow, entries: [shitake]}\n  brands: {type: domains, entries: [paypal.com]}\n"
          + "signals:\n  w: {kind: terms, lists: words, allow: ok, category: abuse, weight: 0.7}\n"
          + "  l: {kind: links.lookalikes, brands: brands, category: spam}\n"
          + "  r: {kind: regex, pattern: '(?i)\\bfree (money|cash)\\b', category: spam}\n"
          + "  p: {kind: contacts.phone-numbers, part: true}\n"
          + "  c: {expression: 'atLeast(2, r, anyOf(p, l))', category: spam, shadow: true}\n"
          + "rules: ['forced remove when signal(w) >= 0.9', 'limit when total >= 1', 'review when total > 0.5']\n"
          + "scan-limits: {default: 1000, fields: {title: 100}}\n"
          + "tests:\n  - {text: 'free money', expect: review, fires: [r]}\n",
      "{\"policy\": \"j\", \"categories\": {\"x\": null}, \"signals\": {\"s\": {\"kind\": \"text.shouting\","
          + " \"between\": [0.1, 0.5], \"category\": \"x\"}, \"n\": {\"expression\": \"not(s)\", \"category\":"
          + " \"x\", \"weight\": 0.5}}, \"rules\": [\"review when category(x) >= 0.5\"]}\n");

  @FuzzTest(maxDuration = "30s")
  void arbitraryBytesLoadOrAreRefused(FuzzedDataProvider data) {
    byte[] list = data.consumeBytes(256);
    byte[] policy = data.consumeRemainingAsBytes();
    load(policy, list);
  }

  @FuzzTest(maxDuration = "30s")
  void mutatedPoliciesLoadOrAreRefused(FuzzedDataProvider data) {
    StringBuilder policy = new StringBuilder(VALID.get(data.consumeInt(0, VALID.size() - 1)));
    int mutations = data.consumeInt(1, 4);
    for (int i = 0; i < mutations && policy.length() > 0; i++) {
      int at = data.consumeInt(0, policy.length() - 1);
      int end = Math.min(policy.length(), at + data.consumeInt(0, 12));
      switch (data.consumeInt(0, 2)) {
        case 0:
          policy.replace(at, end, data.consumeString(12));
          break;
        case 1:
          policy.insert(at, data.consumeString(12));
          break;
        default:
          policy.delete(at, end);
      }
    }
    String list = data.consumeRemainingAsString();
    load(policy.toString().getBytes(StandardCharsets.UTF_8), (list.isEmpty() ? "idiot\nmoron\t\t0.5\n"
        : list).getBytes(StandardCharsets.UTF_8));
  }

  private static void load(byte[] policy, byte[] list) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("policy.yaml", policy);
    files.put("words.txt", list);
    PolicyFile f;
    try {
      f = LOADER.load("policy.yaml", files);
    } catch (PolicyException expected) {
      return; // refused with problems: what the loader is for
    }
    f.policy().evaluate(Content.builder().body("free money from idiot at pаypal.com +44 20 7946 0018")
        .field("title", "FREE").build());
    f.runTests();
    PolicyLint.check(f);
  }
}
