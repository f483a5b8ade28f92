package dev.vigil.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Calibration;
import dev.vigil.Classifier;
import dev.vigil.Policy;
import dev.vigil.text.TermClassifier;
import dev.vigil.text.TermMatcher;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The decision contract's {@code probability}: present with a calibration, absent without. */
class DecisionJsonProbabilityTest {
  static final Classifier PRIZE = TermClassifier.of("prize", TermMatcher.builder().add("prize").build());

  @Test
  void aCalibratedDecisionCarriesItsProbability() throws Exception {
    Policy p = Policy.builder("c").signal(PRIZE, "spam").calibration(new Calibration(2, -1)).build();
    JsonNode d = new ObjectMapper().readTree(new String(DecisionJson.toBytes(1, p.evaluate("a prize")),
        StandardCharsets.UTF_8));
    assertEquals(1 / (1 + Math.exp(-1)), d.get("probability").asDouble(), 1e-9);
    JsonNode plain = new ObjectMapper().readTree(new String(DecisionJson.toBytes(1,
        Policy.builder("p").signal(PRIZE, "spam").build().evaluate("a prize")), StandardCharsets.UTF_8));
    assertFalse(plain.has("probability"), plain.toString());
    assertTrue(plain.has("score"));
  }
}
