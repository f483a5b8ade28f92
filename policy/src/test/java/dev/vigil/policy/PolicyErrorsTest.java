package dev.vigil.policy;

import static dev.vigil.policy.Folder.expect;
import static dev.vigil.policy.Folder.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of error a policy file can have, each checked for its file, line, column and message; and
 * that one load reports all of them and builds nothing.
 */
class PolicyErrorsTest {
  @TempDir Path dir;
  Folder folder;

  @BeforeEach
  void setUp() {
    folder = new Folder(dir);
  }

  /** A valid policy around {@code signals} (indented two spaces) and {@code rules}. */
  static String policy(String signals, String rules) {
    return "policy: t\n"
        + "categories:\n"
        + "  spam:\n"
        + "  abuse: {cap: 1.0}\n"
        + "signals:\n"
        + signals
        + "rules:\n"
        + rules;
  }

  static final String LINKS = "  links: {kind: links.count, category: spam}\n";
  static final String REMOVE = "  - remove when total >= 1.0\n";

  @Test
  void validBaseLoads() {
    assertEquals("t", folder.policy(policy(LINKS, REMOVE)).name());
  }

  @Test
  void yamlSyntaxError() {
    only(folder.problems("policy: t\ncategories: {spam: [}\n"), 2, 21, "invalid YAML");
  }

  @Test
  void emptyFile() {
    only(folder.problems(""), 1, 1, "holds no policy");
  }

  @Test
  void topLevelNotAMapping() {
    only(folder.problems("- a\n- b\n"), 1, 1, "a policy file must be a mapping", "a list");
  }

  @Test
  void unknownTopLevelKeyWithSuggestion() {
    List<Problem> p = folder.problems(policy(LINKS, REMOVE) + "setings: {}\n");
    only(p, 9, 1, "unknown key 'setings' in the policy file", "did you mean 'settings'?");
  }

  @Test
  void unknownSignalKeyWithSuggestion() {
    List<Problem> p = folder.problems(policy("  links: {kind: links.count, category: spam, wieght: 2}\n",
        REMOVE));
    only(p, 6, 46, "unknown key 'wieght' in signal 'links' (kind links.count)", "did you mean 'weight'?");
  }

  @Test
  void unknownKindParameterWithSuggestion() {
    List<Problem> p = folder.problems(policy("  links: {kind: links.count, category: spam, betwen: [0, 1]}\n",
        REMOVE));
    only(p, 6, 46, "unknown key 'betwen'", "did you mean 'between'?");
  }

  @Test
  void missingRequiredKeys() {
    List<Problem> p = folder.problems("categories: {spam: }\nsignals:\n  r: {kind: regex, category: spam}\n");
    expect(p, "policy.yaml", 1, 1, "needs 'policy'");
    expect(p, "policy.yaml", 3, 6, "needs 'pattern'", "signal 'r' (kind regex)");
    assertEquals(2, p.size(), p.toString());
  }

  @Test
  void signalWithoutCategory() {
    only(folder.problems(policy("  links: {kind: links.count}\n", REMOVE)), 6, 10, "needs 'category'",
        "spam, abuse", "part: true");
  }

  @Test
  void wrongType() {
    only(folder.problems(policy("  links: {kind: links.count, category: spam, weight: '0.5'}\n", REMOVE)),
        6, 54, "the weight of signal 'links' must be a number but is the string '0.5'",
        "write it without quotes");
  }

  @Test
  void valueOutOfRange() {
    List<Problem> p = folder.problems("policy: t\ncategories:\n  spam: {cap: 0}\nsignals:\n"
        + "  links: {kind: links.count, category: spam, weight: .nan, between: [3, 1]}\n");
    expect(p, "policy.yaml", 3, 15, "the cap of category 'spam' must be greater than 0 but is 0");
    // Any finite weight is allowed: a negative one makes the signal counter-evidence (lint warns).
    expect(p, "policy.yaml", 5, 54, "the weight of signal 'links' must be a finite number but is .nan");
    expect(p, "policy.yaml", 5, 69, "'between' of signal 'links'", "low < high", "but is [3, 1]");
    assertEquals(3, p.size(), p.toString());
  }

  @Test
  void unknownKindWithSuggestion() {
    only(folder.problems(policy("  links: {kind: links.cont, category: spam}\n", REMOVE)), 6, 17,
        "unknown kind 'links.cont'", "did you mean 'links.count'?");
  }

  @Test
  void aClassNameIsNoKind() {
    only(folder.problems(policy("  x: {kind: java.lang.Runtime, category: spam}\n", REMOVE)), 6, 13,
        "unknown kind 'java.lang.Runtime'");
  }

  @Test
  void kindAndExpressionTogetherOrNeither() {
    List<Problem> p = folder.problems(policy("  a: {kind: links.count, expression: b, category: spam}\n"
        + "  b: {category: spam}\n", REMOVE));
    expect(p, "policy.yaml", 6, 6, "exactly one of 'kind'", "not both");
    expect(p, "policy.yaml", 7, 6, "exactly one of 'kind'");
  }

  @Test
  void undefinedNameInExpressionWithSuggestion() {
    only(folder.problems(policy(LINKS + "  c: {expression: 'allOf(links, lnks)', category: spam}\n",
        REMOVE)), 7, 33, "names 'lnks', which is no signal or part", "did you mean 'links'?");
  }

  @Test
  void duplicateSignalName() {
    only(folder.problems(policy(LINKS + "  links: {kind: contacts.phone-numbers, category: spam}\n",
        REMOVE)), 7, 3, "duplicate key 'links' (first at line 6)");
  }

  @Test
  void cycleAmongComposites() {
    List<Problem> p = folder.problems(policy(LINKS
        + "  a: {expression: 'anyOf(links, b)', category: spam}\n"
        + "  b: {expression: 'not(c)', category: spam}\n"
        + "  c: {expression: 'allOf(a, links)', category: spam}\n", REMOVE));
    Problem cycle = expect(p, "policy.yaml", 7, 19, "cycle: a -> b -> c -> a");
    assertTrue(cycle.message().contains("cannot contain itself"));
    assertEquals(1, p.size(), p.toString());
  }

  @Test
  void badExpressionPointsInsideIt() {
    only(folder.problems(policy(LINKS + "  c: {expression: 'allOf(links links)', category: spam}\n",
        REMOVE)), 7, 32, "expected ')' after allOf but found 'l'");
    only(folder.problems(policy(LINKS + "  c: {expression: 'alOf(links)', category: spam}\n", REMOVE)), 7,
        20, "'alOf(' is not a composite", "did you mean 'allOf'?");
    only(folder.problems(policy(LINKS + "  c: {expression: 'atLeast(3, links)', category: spam}\n",
        REMOVE)), 7, 20, "atLeast needs n in [1, 1]");
  }

  @Test
  void invalidRegex() {
    only(folder.problems(policy("  r: {kind: regex, pattern: 'a(b', category: spam}\n", REMOVE)), 6, 29,
        "regex 'r' is invalid", "missing closing )");
    only(folder.problems(policy("  r: {kind: regex, pattern: '(?=x)', category: spam}\n", REMOVE)), 6, 29,
        "no backreferences or lookaround");
  }

  @Test
  void oversizedRegex() {
    only(folder.problems(policy("  r: {kind: regex, pattern: '(a{1000}){1000}', category: spam}\n",
        REMOVE)), 6, 29, "regex 'r' is too large to run fast");
  }

  @Test
  void badLinesOfAListFileAreReportedInThatFile() {
    folder.write("words.txt", "# comment\nidiot\tabuse\t2\nmoron\tabuse\t0.5\t\tsideways\n");
    List<Problem> p = folder.problems(policy("  w: {kind: terms, lists: words, category: abuse}\n", REMOVE)
        + "lists:\n  words: {type: terms, file: words.txt}\n");
    expect(p, "words.txt", 2, 1, "weight must be in [0, 1] but was 2");
    expect(p, "words.txt", 3, 1, "mode must be word, prefix, suffix or anywhere but was 'sideways'");
    assertEquals(2, p.size(), p.toString());
  }

  @Test
  void badDomainListLine() {
    folder.write("domains.txt", "example.com\nnot a domain\n");
    onlyIn(folder.problems(policy("  b: {kind: links.blocked, domains: bad, category: spam}\n", REMOVE)
        + "lists:\n  bad: {type: domains, file: domains.txt}\n"), "domains.txt", 2, 1,
        "'not a domain' is not a domain name");
  }

  private static Problem onlyIn(List<Problem> p, String file, int line, int column, String... fragments) {
    assertEquals(1, p.size(), p.toString());
    return expect(p, file, line, column, fragments);
  }

  @Test
  void badInlineListEntries() {
    List<Problem> p = folder.problems(policy("  w: {kind: terms, lists: words, category: abuse}\n", REMOVE)
        + "lists:\n  words:\n    type: terms\n    entries:\n      - ok\n      - {term: x, weight: 3}\n"
        + "      - '#tag'\n      - {trm: y}\n");
    expect(p, "policy.yaml", 14, 27, "a term's weight must be in [0, 1] but is 3");
    expect(p, "policy.yaml", 15, 9, "must not start with '#'");
    expect(p, "policy.yaml", 16, 10, "unknown key 'trm'", "did you mean 'term'?");
    expect(p, "policy.yaml", 16, 9, "needs 'term'");
    assertEquals(4, p.size(), p.toString());
  }

  @Test
  void unknownListReferenceAndWrongListType() {
    List<Problem> p = folder.problems(policy("  w: {kind: terms, lists: wrds, category: abuse}\n"
        + "  b: {kind: links.blocked, domains: words, category: spam}\n", REMOVE)
        + "lists:\n  words: {type: terms, entries: [idiot]}\n");
    expect(p, "policy.yaml", 6, 27, "names 'wrds', which is not a list of the policy", "did you mean 'words'?");
    expect(p, "policy.yaml", 7, 37, "names 'words', which is not a domain list");
  }

  @Test
  void undeclaredCategory() {
    only(folder.problems(policy("  links: {kind: links.count, category: sapm}\n", REMOVE)), 6, 40,
        "category 'sapm', which the policy does not declare", "did you mean 'spam'?");
  }

  @Test
  void ruleErrors() {
    List<Problem> p = folder.problems(policy(LINKS + "  s: {kind: text.shouting, category: spam, shadow: true}\n"
        + "  q: {kind: contacts.phone-numbers, part: true}\n",
        "  - reveiw when total >= 0.5\n"
            + "  - remove when total => 1\n"
            + "  - review when category(spma) >= 0.5\n"
            + "  - forced remove when signal(s) >= 1\n"
            + "  - remove when signal(q) > 0\n"
            + "  - remove when signal(lnks) > 0\n"
            + "  - remove when category(abuse) >= 0.1\n"
            + "  - remove totally\n"));
    expect(p, "policy.yaml", 10, 5, "unknown action 'reveiw'", "did you mean 'review'?");
    expect(p, "policy.yaml", 11, 23, "expected '>=' or '>' after total but found '=> 1'");
    expect(p, "policy.yaml", 12, 26, "names category 'spma'", "did you mean 'spam'?");
    expect(p, "policy.yaml", 13, 31, "names shadow signal 's', which never acts");
    expect(p, "policy.yaml", 14, 24, "names part 'q'");
    expect(p, "policy.yaml", 15, 24, "names signal 'lnks'", "did you mean 'links'?");
    expect(p, "policy.yaml", 16, 26, "can never hold: category 'abuse' has no counted signal");
    expect(p, "policy.yaml", 17, 12, "expected 'when' after the action", "found 'totally'");
    assertEquals(8, p.size(), p.toString());
  }

  @Test
  void customActionsAndTheirErrors() {
    List<Problem> p = folder.problems(policy(LINKS, "  - limt when total >= 0.5\n")
        + "actions:\n  remove: {severity: 100}\n  limit: {severity: 30}\n  warn: {severity: 'high'}\n");
    expect(p, "policy.yaml", 8, 5, "unknown action 'limt'", "did you mean 'limit'?");
    expect(p, "policy.yaml", 10, 3, "action 'remove' is built in");
    expect(p, "policy.yaml", 12, 20, "the severity of action 'warn' must be a whole number");
    assertEquals(3, p.size(), p.toString());
    PolicyFile ok = folder.policy(policy(LINKS, "  - limit when total >= 0.5\n")
        + "actions:\n  limit: {severity: 30, description: fewer people see it}\n");
    assertEquals("limit", ok.policy().evaluate("a.com b.com c.com").action().name());
    assertEquals(30, ok.policy().evaluate("a.com b.com c.com").action().severity());
  }

  @Test
  void absoluteAndEscapingPathsAreRefused() {
    List<Problem> p = folder.problems(policy("  w: {kind: terms, lists: [a, b], category: abuse}\n", REMOVE)
        + "lists:\n  a: {type: terms, file: /etc/passwd}\n  b: {type: terms, file: lists/../../x.txt}\n");
    expect(p, "policy.yaml", 10, 26, "absolute path '/etc/passwd' is refused");
    expect(p, "policy.yaml", 11, 26, "leaves the policy file's folder and is refused");
  }

  @Test
  void allowedPathsOutsideTheFolderLoad() {
    Path inner = dir.resolve("inner");
    new Folder(dir).write("shared.txt", "idiot\n");
    Folder f = new Folder(inner, PolicyLoader.builder().withoutDiscovery().allowPathsOutsideFolder().build());
    PolicyFile loaded = f.policy(policy("  w: {kind: terms, lists: a, category: abuse}\n", REMOVE)
        + "lists:\n  a: {type: terms, file: ../shared.txt}\n");
    assertEquals(2, loaded.files().size());
  }

  @Test
  void missingListFile() {
    only(folder.problems(policy("  w: {kind: terms, lists: a, category: abuse}\n", REMOVE)
        + "lists:\n  a: {type: terms, file: nope.txt}\n"), 10, 26, "cannot read 'nope.txt': no such file");
  }

  @Test
  void fileTooLarge() {
    Folder small = new Folder(dir, PolicyLoader.builder().withoutDiscovery()
        .limits(new PolicyLimits(100, 10, 32, 1000, 10, 100, 100)).build());
    small.write("big.txt", "a\nb\nc\nd\ne\nf\n");
    small.write("policy.yaml", policy("  w: {kind: terms, lists: a, category: abuse}\n", REMOVE)
        + "lists:\n  a: {type: terms, file: big.txt}\n");
    PolicyException e = assertThrows(PolicyException.class, () -> small.load("policy.yaml"));
    only(e.problems(), 0, 0, "the policy file is", "over the limit of 100");
    small.write("policy.yaml", "policy: t\nlists:\n  a: {type: terms, file: big.txt}\n");
    e = assertThrows(PolicyException.class, () -> small.load("policy.yaml"));
    expect(e.problems(), "policy.yaml", 3, 26, "'big.txt' is 12 bytes, over the limit of 10");
  }

  @Test
  void nestingTooDeep() {
    only(folder.problems("policy: t\nx: " + "[".repeat(100) + "]".repeat(100) + "\n"), 2, 35,
        "nests deeper than 32 levels");
  }

  @Test
  void billionLaughsIsRefused() {
    StringBuilder y = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 10; i++) {
      y.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        y.append(j > 0 ? ", " : "").append("*a").append(i - 1);
      }
      y.append("]\n");
    }
    List<Problem> p = folder.problems(y.toString());
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).message().contains("more than 100 aliases")
        || p.get(0).message().contains("expands to more than 1000000 nodes"), p.toString());
  }

  @Test
  void expansionLimitHoldsWithFewAliases() {
    StringBuilder y = new StringBuilder("a0: &a0 [" + "x, ".repeat(999) + "x]\n");
    y.append("a1: &a1 [").append("*a0, ".repeat(50)).append("*a0]\n");
    y.append("a2: [").append("*a1, ".repeat(40)).append("*a1]\n");
    List<Problem> p = folder.problems(y.toString());
    assertEquals(1, p.size(), p.toString());
    assertEquals(3, p.get(0).line(), p.toString());
    assertTrue(p.get(0).message().contains("expands to more than 1000000 nodes"), p.toString());
  }

  @Test
  void recursiveAliasIsRefused() {
    only(folder.problems("policy: t\nx: &a [1, *a]\n"), 2, 11, "recursive alias");
  }

  @Test
  void tagsAreRefused() {
    only(folder.problems("policy: !!java.lang.Runtime t\n"), 1, 9, "tags are not supported");
    only(folder.problems("policy: !custom t\n"), 1, 9, "tags are not supported");
  }

  @Test
  void oneDocumentOnly() {
    List<Problem> p = folder.problems(policy(LINKS, REMOVE) + "---\npolicy: u\n");
    only(p, 9, 1, "a second one starts here");
  }

  @Test
  void invalidUtf8() {
    byte[] head = "policy: t\n# caf".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[head.length + 2];
    System.arraycopy(head, 0, bytes, 0, head.length);
    bytes[head.length] = (byte) 0xC3;
    bytes[head.length + 1] = (byte) 0x28;
    folder.write("policy.yaml", bytes);
    PolicyException e = assertThrows(PolicyException.class, () -> folder.load("policy.yaml"));
    only(e.problems(), 2, 0, "not valid UTF-8", "offset 15");
  }

  @Test
  void tooManySignals() {
    Folder small = new Folder(dir, PolicyLoader.builder().withoutDiscovery()
        .limits(new PolicyLimits(1 << 20, 1 << 20, 32, 100_000, 10, 2, 100)).build());
    small.write("policy.yaml", policy(LINKS + "  a: {kind: links.ip-hosts, category: spam}\n"
        + "  b: {kind: links.obfuscated, category: spam}\n", REMOVE));
    PolicyException e = assertThrows(PolicyException.class, () -> small.load("policy.yaml"));
    only(e.problems(), 6, 3, "defines 3 signals, over the limit of 2");
  }

  @Test
  void expressionTooLong() {
    Folder small = new Folder(dir, PolicyLoader.builder().withoutDiscovery()
        .limits(new PolicyLimits(1 << 20, 1 << 20, 32, 100_000, 10, 100, 20)).build());
    small.write("policy.yaml", policy(LINKS + "  c: {expression: 'anyOf(links, links, links, links)',"
        + " category: spam}\n", REMOVE));
    PolicyException e = assertThrows(PolicyException.class, () -> small.load("policy.yaml"));
    only(e.problems(), 7, 19, "is 33 chars long, over the limit of 20");
  }

  @Test
  void isolatedNeedsATimeBudget() {
    only(folder.problems(policy("  links: {kind: links.count, category: spam, isolated: true}\n", REMOVE)),
        6, 56, "is isolated, which needs a time budget");
  }

  @Test
  void partOptionsAreRefused() {
    only(folder.problems(policy(LINKS + "  p: {kind: links.ip-hosts, part: true, weight: 0.5}\n", REMOVE)),
        7, 49, "'weight' does not apply to part 'p'");
  }

  @Test
  void testSectionErrors() {
    List<Problem> p = folder.problems(policy(LINKS, REMOVE) + "tests:\n"
        + "  - {text: hi, expect: delete}\n"
        + "  - {text: hi, expect: allow, fires: [lnks]}\n"
        + "  - {expect: allow}\n");
    expect(p, "policy.yaml", 10, 24, "expects action 'delete', which the policy does not have");
    expect(p, "policy.yaml", 11, 39, "names 'lnks', which is no signal", "did you mean 'links'?");
    expect(p, "policy.yaml", 12, 5, "needs exactly one of 'text'");
  }

  @Test
  void everyProblemIsReportedAtOnceInFileOrder() {
    List<Problem> p = folder.problems("policy: t\n"
        + "categories: {spam: {cap: -1}}\n"
        + "signals:\n"
        + "  a: {kind: links.cont, category: spam}\n"
        + "  b: {kind: regex, pattern: '(', category: spam}\n"
        + "  c: {expression: 'allOf(a, zz)', category: spam}\n"
        + "rules:\n"
        + "  - remove when totl >= 1\n");
    assertEquals(5, p.size(), p.toString());
    for (int i = 1; i < p.size(); i++) {
      assertTrue(Problem.ORDER.compare(p.get(i - 1), p.get(i)) <= 0, p.toString());
    }
    assertEquals(List.of(2, 4, 5, 6, 8), p.stream().map(Problem::line).toList());
  }

  @Test
  void problemsPrintAsCompilersDo() {
    Problem p = new Problem(Problem.Severity.ERROR, "policies/a.yaml", 12, 5, "unknown key");
    assertEquals("policies/a.yaml:12:5: error: unknown key", p.toString());
    assertEquals("a.yaml: warning: x", new Problem(Problem.Severity.WARNING, "a.yaml", 0, 0, "x").toString());
  }
}
