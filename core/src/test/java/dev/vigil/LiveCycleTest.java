package dev.vigil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Composites are built from finished classifiers, so they cannot form a cycle, except through a
 * {@link Holder}: a live classifier whose holder is made to hold a composite containing itself. The
 * evaluation must still produce a decision, with the cycle recorded as a failure.
 */
class LiveCycleTest {

  @Test
  void aSelfReferencingLiveClassifierFailsWithoutBreakingTheDecision() {
    Holder<Classifier> holder = Holder.of(TestClassifiers.constant("placeholder", 0.0));
    Classifier loop = Classifiers.live("loop", holder);
    holder.set(Classifiers.anyOf(TestClassifiers.constant("fine", 0.2), loop));
    Policy policy = Policy.builder("cycle")
        .signal(loop, SignalOptions.in("x").failClosed())
        .signal(TestClassifiers.constant("other", 0.5), "y")
        .build();
    Decision d = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> policy.evaluate("text"));
    assertEquals(0.5, d.categoryScore("y"));
    Signal s = d.signal("loop").signal();
    // Either the overflow surfaced at the top, or each level skipped the failed child below it.
    assertTrue(s.outcome() == Outcome.FAILED || s.notes().stream()
        .anyMatch(n -> n.contains("StackOverflowError")), s::toString);
  }
}
