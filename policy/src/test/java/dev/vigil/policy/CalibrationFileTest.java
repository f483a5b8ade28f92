package dev.vigil.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code calibration:} in a policy file, and rules on {@code probability}. */
class CalibrationFileTest {
  static PolicyFile load(String text) {
    return PolicyLoader.defaults().load("p.yaml", Map.of("p.yaml", text.getBytes(StandardCharsets.UTF_8)));
  }

  static final String BASE = String.join("\n",
      "policy: p",
      "categories: {spam: {}}",
      "signals:",
      "  links: {kind: links.count, between: [0, 1], category: spam}",
      "");

  @Test
  void aCalibratedFileReportsAndDecidesOnTheProbability() {
    PolicyFile f = load(BASE + "calibration: {slope: 4, intercept: -2}\n"
        + "rules:\n  - remove when probability >= 0.85\n  - review when probability > 0.5\n");
    assertEquals(4.0, f.policy().calibration().slope());
    var d = f.policy().evaluate("see https://example.com/x");
    assertEquals(1 / (1 + Math.exp(-2)), d.probability().getAsDouble(), 1e-12);
    assertEquals("remove", d.action().name());
    assertEquals("allow", f.policy().evaluate("no link here").action().name());
    assertTrue(PolicyLint.check(f).stream().noneMatch(p -> p.message().contains("unused")),
        PolicyLint.check(f).toString());
  }

  @Test
  void aProbabilityRuleWithoutCalibrationIsAnErrorAtTheRule() {
    PolicyException e = assertThrows(PolicyException.class,
        () -> load(BASE + "rules:\n  - remove when probability >= 0.9\n"));
    assertTrue(e.getMessage().contains("p.yaml:6:") && e.getMessage().contains("no 'calibration:'"),
        e.getMessage());
  }

  @Test
  void aBadCalibrationNamesWhatIsWrong() {
    PolicyException e = assertThrows(PolicyException.class,
        () -> load(BASE + "calibration: {slope: -1, intercept: 0}\nrules: []\n"));
    assertTrue(e.getMessage().contains("slope"), e.getMessage());
    e = assertThrows(PolicyException.class,
        () -> load(BASE + "calibration: {method: isotonic, slope: 1, intercept: 0}\nrules: []\n"));
    assertTrue(e.getMessage().contains("platt"), e.getMessage());
    e = assertThrows(PolicyException.class, () -> load(BASE + "calibration: {slope: 1}\nrules: []\n"));
    assertTrue(e.getMessage().contains("intercept"), e.getMessage());
  }
}
