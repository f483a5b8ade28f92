package dev.vigil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Vigil never writes content text to logs unless the caller opts in. */
class PolicyLoggingTest {
  private static final String SECRET = "my private message to mum";

  /** A classifier whose exception quotes the content, as careless custom code does. */
  private static final Classifier QUOTING = Classifier.of("quoting", c -> {
    throw new IllegalStateException("cannot parse: " + c.field("body"));
  });

  private static List<String> logsOf(Policy policy) {
    synchronized (CapturedLogs.class) {
      CapturedLogs.clear();
      policy.evaluate(Content.of(SECRET));
      return CapturedLogs.lines();
    }
  }

  @Test
  void failuresAreLoggedWithoutTheContentOrTheExceptionMessage() {
    List<String> logs = logsOf(Policy.builder("p").version("2").signal(QUOTING, "x").build());
    assertEquals(1, logs.size(), logs::toString);
    String line = logs.get(0);
    assertTrue(line.contains("policy p v2: classifier 'quoting' failed with "
        + "java.lang.IllegalStateException"), line);
    assertFalse(line.contains("private"), line);
  }

  @Test
  void contentIsLoggedOnlyWhenTheCallerOptsIn() {
    List<String> logs = logsOf(Policy.builder("p").signal(QUOTING, "x").logContent(true).build());
    assertEquals(1, logs.size(), logs::toString);
    assertTrue(logs.get(0).contains(SECRET), logs::toString);
  }

  @Test
  void contentIsNeverLoggedWhenNothingFails() {
    List<String> logs = logsOf(Policy.builder("p")
        .signal(Classifier.of("ok", c -> Signal.of(1.0)), "x").build());
    for (String line : logs) {
      assertFalse(line.contains("private"), line);
    }
  }
}
