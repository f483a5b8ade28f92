package dev.vigil.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The shortcut for short decimals writes exactly what Jackson's fast double writer writes. */
class DoubleTextProperties {
  private static final JsonFactory FAST =
      JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

  @Property(tries = 5_000)
  void shortDecimalsAreWrittenAsJacksonWritesThem(@ForAll("doubles") double value) throws IOException {
    assertEquals(jackson(value), ours(value), "value " + value);
  }

  @Provide
  Arbitrary<Double> doubles() {
    return Arbitraries.oneOf(
        // k / 10^4 and its neighbours, across the range of the shortcut and beyond it.
        Arbitraries.longs().between(0, 200_000_000_000L).map(k -> k / 10_000.0),
        Arbitraries.longs().between(0, 200_000L).map(k -> Math.nextUp(k / 10_000.0)),
        Arbitraries.longs().between(1, 200_000L).map(k -> Math.nextDown(k / 10_000.0)),
        Arbitraries.longs().between(0, 1_000L).map(k -> k / 1_000.0 * 0.3),
        Arbitraries.doubles().between(0, 1),
        Arbitraries.of(0.0, -0.0, 1.0, 0.001, 0.0009, 9_999_999.9999, 10_000_000.0, -0.3, Double.NaN,
            Double.POSITIVE_INFINITY, Double.MIN_VALUE, 1e-4, 0.1 + 0.2));
  }

  @Test
  void onlyShortDecimalsTakeTheShortcut() {
    assertEquals("0.3", new String(DecisionJson.shortDecimal(0.3)));
    assertEquals("1.0", new String(DecisionJson.shortDecimal(1.0)));
    assertEquals("0.0", new String(DecisionJson.shortDecimal(0.0)));
    assertEquals("12.0625", new String(DecisionJson.shortDecimal(12.0625)));
    assertNull(DecisionJson.shortDecimal(-0.0));
    assertNull(DecisionJson.shortDecimal(0.1 + 0.2));
    assertNull(DecisionJson.shortDecimal(0.0005));
    assertNull(DecisionJson.shortDecimal(1e7));
  }

  private static String jackson(double value) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FAST.createGenerator(out)) {
      g.writeNumber(value);
    }
    return out.toString();
  }

  private static String ours(double value) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FAST.createGenerator(out)) {
      DecisionJson.writeDouble(g, value);
    }
    return out.toString();
  }
}
