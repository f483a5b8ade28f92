package dev.vigil.examples.cli;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vigil.Policy;
import dev.vigil.examples.SamplePolicy;

/**
 * Fuzzes the CLI's JSON Lines parsing: any line either becomes an item that the sample policy scores,
 * or is refused with a {@code BadLineException}; nothing else may escape. Seeds replay in
 * {@code ./mvnw verify}; to fuzz: {@code JAZZER_FUZZ=1 ./mvnw -pl examples -am test
 * -Dtest=ItemParserFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ItemParserFuzzTest {
  private static final ItemParser PARSER = new ItemParser();
  private static final Policy POLICY = SamplePolicy.create();

  @FuzzTest(maxDuration = "30s")
  void jsonLinesParseOrAreRefused(FuzzedDataProvider data) {
    String line = data.consumeRemainingAsString();
    try {
      POLICY.evaluate(PARSER.json(1, line).content());
    } catch (ItemParser.BadLineException expected) {
      // a malformed line, reported by number in the CLI
    }
  }
}
