package dev.vigil.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Doubles, short decimals included, are written exactly as Jackson's fast double writer writes them. */
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
    assertEquals("0.3", shortcut(0.3));
    assertEquals("1.0", shortcut(1.0));
    assertEquals("0.0", shortcut(0.0));
    assertEquals("12.0625", shortcut(12.0625));
    assertEquals("0.05", shortcut(0.05));
    assertEquals("3.001", shortcut(3.001));
    assertNull(shortcut(-0.0));
    assertNull(shortcut(0.1 + 0.2));
    assertNull(shortcut(0.0005));
    assertNull(shortcut(1e7));
  }

  private static String shortcut(double value) {
    JsonBytes out = new JsonBytes(1);
    return out.shortDecimal(value) ? new String(out.toByteArray(), StandardCharsets.US_ASCII) : null;
  }

  private static String jackson(double value) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FAST.createGenerator(out)) {
      g.writeNumber(value);
    }
    return out.toString();
  }

  private static String ours(double value) {
    return new String(new JsonBytes(1).number(value).toByteArray(), StandardCharsets.US_ASCII);
  }
}
