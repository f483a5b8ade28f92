package dev.vigil.policy;

import static dev.vigil.policy.Folder.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.Action;
import dev.vigil.Decision;
import dev.vigil.Policy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21 in policy files: {@code split-by-evidence} weighs one rules file's categories on their own,
 * and a regex may read normalized text ({@code normalize}) and take categories from named groups.
 */
class SplitAndNormalizedRegexFileTest {
  @TempDir Path dir;
  Folder folder;

  @BeforeEach
  void setUp() {
    folder = new Folder(dir);
  }

  private static final String DM = "policy: dm\n"
      + "categories:\n"
      + "  scam:\n"
      + "  threat: {cap: 1.0}\n"
      + "signals:\n"
      + "  dm-terms: {kind: terms, lists: dm, category: scam, split-by-evidence: [threat]}\n"
      + "  dm-regex:\n"
      + "    kind: regex\n"
      + "    pattern: '(?P<threat>i will (hurt|find) you)|pay me with gift cards?'\n"
      + "    normalize: standard\n"
      + "    categories-from-groups: true\n"
      + "    category: scam\n"
      + "    split-by-evidence: [threat]\n"
      + "lists:\n"
      + "  dm:\n"
      + "    type: terms\n"
      + "    entries:\n"
      + "      - {term: wire transfer, category: scam, weight: 0.5}\n"
      + "      - {term: you will regret this, category: threat}\n"
      + "rules:\n"
      + "  - forced remove when category(threat) >= 1.0\n"
      + "  - review when total >= 0.5\n";

  @Test
  void aThreatInAScamRulesFileIsRemovedAndScamStaysReview() {
    Policy p = folder.policy(DM).policy();
    assertEquals(List.of("scam", "threat"), p.categories());
    Decision threat = p.evaluate("send a wire transfer or you will regret this");
    assertEquals(Action.REMOVE, threat.action(), threat.explain());
    assertEquals(0.5, threat.categoryScore("scam"));
    Decision scam = p.evaluate("wire transfer please");
    assertEquals(Action.REVIEW, scam.action());
    assertEquals(0.0, scam.categoryScore("threat"));
  }

  @Test
  void theRegexSeesThroughEvasionAndItsGroupNamesTheCategory() {
    Policy p = folder.policy(DM).policy();
    Decision gift = p.evaluate("ok p\u0430y me with gift\u200B cards");
    assertEquals(Action.REVIEW, gift.action(), gift.explain());
    assertEquals("p\u0430y me with gift\u200B cards",
        gift.signals().get(1).signal().evidence().get(0).text());
    Decision hurt = p.evaluate("I WILL FIND YOU");
    assertEquals(Action.REMOVE, hurt.action(), hurt.explain());
    assertEquals("threat", hurt.signals().get(1).signal().evidence().get(0).category());
  }

  @Test
  void splitErrorsNameTheCategory() {
    List<Problem> p = folder.problems(DM.replace("split-by-evidence: [threat]}",
        "split-by-evidence: [thraet, scam, threat, threat]}"));
    expect(p, "policy.yaml", 6, 74, "names category 'thraet', which the policy does not declare",
        "did you mean 'threat'?");
    expect(p, "policy.yaml", 6, 82, "names 'scam', the signal's own category");
    expect(p, "policy.yaml", 6, 96, "names 'threat' twice");
  }

  @Test
  void anUnknownPresetIsAnError() {
    List<Problem> p = folder.problems(DM.replace("normalize: standard", "normalize: strict"));
    assertTrue(p.stream().anyMatch(x -> x.message().contains("strict")), p.toString());
  }

  @Test
  void aRuleOnASplitCategoryAboveWhatItCanReachIsRefused() {
    List<Problem> p = folder.problems(DM.replace("forced remove when category(threat) >= 1.0",
        "forced remove when category(threat) >= 1.5"));
    assertTrue(p.stream().anyMatch(x -> x.message().contains("can never hold")), p.toString());
  }
}
