package dev.vigil.policy;

import static dev.vigil.policy.Folder.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each lint warning, positioned where the file wrote what it is about; and none on a clean policy. */
class PolicyLintTest {
  @TempDir Path dir;

  private List<Problem> lint(String yaml) {
    Folder f = new Folder(dir);
    List<Problem> warnings = PolicyLint.check(f.policy(yaml));
    for (Problem p : warnings) {
      assertEquals(Problem.Severity.WARNING, p.severity());
    }
    return warnings;
  }

  @Test
  void aCleanPolicyHasNoWarnings() {
    assertEquals(List.of(), lint("policy: t\ncategories: {spam: {cap: 0.6}, scam: }\n"
        + "signals:\n  links: {kind: links.count, category: spam, weight: 0.5}\n"
        + "  phrases: {kind: regex, pattern: 'double your money', category: scam}\n"
        + "rules: ['forced remove when signal(phrases) >= 1', 'remove when total >= 1', 'review when total >= 0.5']\n"));
  }

  @Test
  void rulesThatCanNeverHoldAreErrorsOfTheLoaderEachAtItsLine() {
    // Issue 21: these were warnings; a policy whose rule can never hold does not load (and
    // Policy.Builder.build() refuses it as well, for policies built in code).
    List<Problem> e = new Folder(dir).problems("policy: t\ncategories: {spam: {cap: 0.6}, scam: }\n"
        + "signals:\n  links: {kind: links.count, category: spam}\n"
        + "  phrases: {kind: regex, pattern: 'x', category: scam, weight: 0.5}\n"
        + "rules:\n"
        + "  - remove when total >= 1.2\n"
        + "  - review when category(spam) > 0.6\n"
        + "  - review when signal(links) >= 1.5\n"
        + "  - review when total >= 1.0\n");
    Folder.expect(e, "policy.yaml", 7, 5, "can never hold: the total can reach at most 1.1 (spam 0.6 (its cap)"
        + " + scam 0.5)");
    Folder.expect(e, "policy.yaml", 8, 5, "can never hold: category spam can reach at most 0.6 (its cap)");
    Folder.expect(e, "policy.yaml", 9, 5, "can never hold: a signal's score is at most 1");
    assertEquals(3, e.size(), e.toString());
  }

  @Test
  void aNegativeWeightLoadsAsCounterEvidenceAndLintSaysWhatItAllows() {
    Folder f = new Folder(dir);
    PolicyFile file = f.policy("policy: t\ncategories: {spam: }\n"
        + "signals:\n  offer: {kind: regex, pattern: 'free offer', category: spam}\n"
        + "  chat: {kind: regex, pattern: '\\bmum\\b', category: spam, weight: -0.4}\n"
        + "rules: ['remove when total >= 1', 'review when total >= 0.5']\n");
    // The rule on 1 holds: the total reaches 1 (counter-evidence adds nothing when it does not fire).
    assertEquals("remove", file.policy().evaluate("a free offer").action().name());
    assertEquals(0.6, file.policy().evaluate("a free offer from mum").total(), 1e-9);
    assertEquals("review", file.policy().evaluate("a free offer from mum").action().name());
    assertEquals(-0.4, file.policy().evaluate("mum").total(), 1e-9);
    List<Problem> w = PolicyLint.check(file);
    expect(w, "policy.yaml", 5, 67, "signal 'chat' has weight -0.4: it is counter-evidence",
        "lowers the total by up to 0.4", "attacker");
    assertEquals(1, w.size(), w.toString());
  }

  @Test
  void rulesShadowedByAnEarlierOne() {
    List<Problem> w = lint("policy: t\ncategories: {spam: }\n"
        + "signals:\n  links: {kind: links.count, category: spam}\n"
        + "rules:\n"
        + "  - review when total >= 0.5\n"
        + "  - remove when total >= 1.0\n"
        + "  - forced remove when total > 0.9\n"
        + "  - review when total > 0.5\n");
    expect(w, "policy.yaml", 7, 5, "'remove when total >= 1.0' can never choose", "forced remove when total"
        + " > 0.9' (line 8) is checked first");
    expect(w, "policy.yaml", 9, 5, "'review when total > 0.5' can never choose",
        "'review when total >= 0.5' (line 6)");
    assertEquals(2, w.size(), w.toString());
    List<Problem> order = lint("policy: t\ncategories: {spam: }\n"
        + "signals:\n  links: {kind: links.count, category: spam}\n"
        + "rules: ['review when total >= 0.5', 'remove when total >= 1.0']\n");
    assertTrue(order.get(0).message().contains("put the more severe rule first"), order.toString());
  }

  @Test
  void signalsNoRuleReadsZeroWeightsUnusedPartsListsAndCategories() {
    List<Problem> w = lint("policy: t\ncategories: {spam: , scam: {cap: 1}, idle: }\n"
        + "lists:\n  unused: {type: terms, entries: [x]}\n"
        + "signals:\n"
        + "  links: {kind: links.count, category: spam}\n"
        + "  phrases: {kind: regex, pattern: 'x', category: scam, weight: 0}\n"
        + "  shadowed: {kind: regex, pattern: 'y', category: scam, shadow: true}\n"
        + "  phone: {kind: contacts.phone-numbers, part: true}\n"
        + "rules: ['review when category(spam) >= 0.5']\n");
    expect(w, "policy.yaml", 4, 3, "list 'unused' is used by no signal");
    expect(w, "policy.yaml", 7, 64, "signal 'phrases' has weight 0");
    expect(w, "policy.yaml", 9, 3, "part 'phone' is used by no expression");
    expect(w, "policy.yaml", 2, 38, "category 'idle' has no signal");
    assertEquals(4, w.size(), w.toString());
    List<Problem> moved = lint("policy: t\ncategories: {spam: , scam: }\n"
        + "signals:\n  links: {kind: links.count, category: spam}\n"
        + "  phrases: {kind: regex, pattern: 'x', category: scam}\n"
        + "rules: ['review when category(spam) >= 0.5']\n");
    expect(moved, "policy.yaml", 5, 3, "signal 'phrases' can move no decision: no rule reads the total,"
        + " category(scam) or signal(phrases)");
  }

  @Test
  void capOnACategoryWithOnlyShadows() {
    List<Problem> w = lint("policy: t\ncategories: {spam: , scam: {cap: 1}}\n"
        + "signals:\n  links: {kind: links.count, category: spam}\n"
        + "  new: {kind: regex, pattern: 'x', category: scam, shadow: true}\n"
        + "rules: ['review when total >= 0.5']\n");
    expect(w, "policy.yaml", 2, 22, "category 'scam' has a cap but only shadow signals");
  }

  @Test
  void allowEntriesThatSuppressNothing() {
    new Folder(dir).write("allow.txt", "# harmless\nshitake\nscunthorpe\n");
    List<Problem> w = lint("policy: t\ncategories: {abuse: }\n"
        + "lists:\n"
        + "  words: {type: terms, entries: [{term: shit, mode: prefix}, cunt]}\n"
        + "  ok: {type: allow, file: allow.txt}\n"
        + "  ok2: {type: allow, entries: [bass, shitakes]}\n"
        + "signals:\n  w: {kind: terms, lists: words, allow: [ok, ok2], category: abuse}\n"
        + "rules: ['review when total >= 0.5']\n");
    expect(w, "allow.txt", 3, 1, "allow-list entry 'scunthorpe' of list 'ok' suppresses nothing");
    expect(w, "policy.yaml", 6, 32, "allow-list entry 'bass' of list 'ok2' suppresses nothing");
    assertEquals(2, w.size(), w.toString());
  }

  @Test
  void regexesThatMatchTheEmptyString() {
    List<Problem> w = lint("policy: t\ncategories: {spam: }\n"
        + "signals:\n  a: {kind: regex, pattern: 'free|', category: spam}\n"
        + "  b: {kind: regex, pattern: '\\d*', category: spam}\n"
        + "  c: {kind: regex, pattern: '\\bfree\\b', category: spam}\n"
        + "rules: ['review when total >= 0.5']\n");
    expect(w, "policy.yaml", 4, 29, "the pattern of signal 'a' matches the empty string");
    expect(w, "policy.yaml", 5, 29, "the pattern of signal 'b' matches the empty string");
    assertEquals(2, w.size(), w.toString());
  }

  @Test
  void termsThatNormalizeAlikeInTwoCategories() {
    new Folder(dir).write("hate.txt", "sláve\thate\n");
    List<Problem> w = lint("policy: t\ncategories: {abuse: , hate: }\n"
        + "lists:\n"
        + "  insults: {type: terms, category: insult, entries: [SLAVE, idiot]}\n"
        + "  slurs: {type: terms, file: hate.txt}\n"
        + "  more: {type: terms, category: insult, preset: aggressive, entries: [1d1ot]}\n"
        + "signals:\n  a: {kind: terms, lists: insults, category: abuse}\n"
        + "  b: {kind: terms, lists: slurs, category: hate}\n"
        + "  c: {kind: terms, lists: more, category: abuse}\n"
        + "rules: ['review when total >= 0.5']\n");
    expect(w, "hate.txt", 1, 1, "term 'sláve' (list 'slurs', category hate) normalizes to 'slave', as"
        + " 'SLAVE' does (list 'insults', category insult)");
    assertEquals(1, w.size(), w.toString());
  }

  @Test
  void aPolicyWithoutRules() {
    List<Problem> w = lint("policy: t\ncategories: {spam: }\n"
        + "signals:\n  links: {kind: links.count, category: spam}\n");
    expect(w, "policy.yaml", 1, 1, "the policy has no rules");
  }
}
