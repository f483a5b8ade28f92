package dev.vigil;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Explanations print numbers as {@code BigDecimal} rounds them, whichever path formats them. */
class DecisionFormatProperties {
  @Property(tries = 10_000)
  void shortDecimalsPrintAsTheGeneralPathPrintsThem(@ForAll("doubles") double value) {
    assertEquals(reference(value), Decision.format(value), "value " + value);
  }

  @Property(tries = 2_000)
  void aShortDecimalReadsBackAsTheValueAndSoHoldsWhereItDoes(@ForAll("doubles") double value,
      @ForAll("thresholds") double threshold) {
    String exact = Decision.shortDecimal(value);
    if (exact != null) {
      assertEquals(value == 0.0 ? 0.0 : value, Double.parseDouble(exact), exact);
      assertEquals(exact, Decision.format(value, Condition.total().atLeast(threshold)));
    }
  }

  @Provide
  Arbitrary<Double> thresholds() {
    return doubles().filter(v -> Double.isFinite(v) && v >= 0);
  }

  @Provide
  Arbitrary<Double> doubles() {
    Arbitrary<Double> positive = Arbitraries.oneOf(
        Arbitraries.longs().between(0, 200_000_000_000L).map(k -> k / 10_000.0),
        Arbitraries.longs().between(0, 200_000L).map(k -> Math.nextUp(k / 10_000.0)),
        Arbitraries.longs().between(1, 200_000L).map(k -> Math.nextDown(k / 10_000.0)),
        Arbitraries.longs().between(0, 1_000L).map(k -> k / 1_000.0 * 0.3),
        Arbitraries.longs().between(0, 100_000L).map(k -> k / 100_000.0),
        Arbitraries.doubles().between(0, 1),
        Arbitraries.of(0.0, 1.0, 0.001, 0.0009, 0.00095, 9_999_999.9999, 10_000_000.0, 0.1 + 0.2,
            Double.MIN_VALUE, 1e-4, 0.00005, 0.00015, 1e300, Double.NaN, Double.POSITIVE_INFINITY));
    return Arbitraries.oneOf(positive, positive.map(v -> -v));
  }

  /** The general path: the value's decimal text rounded half-even to four decimals, at least one. */
  private static String reference(double value) {
    if (Double.isInfinite(value) || Double.isNaN(value)) {
      return Double.toString(value);
    }
    BigDecimal d = BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return d.scale() < 1 ? d.setScale(1).toPlainString() : d.toPlainString();
  }
}
