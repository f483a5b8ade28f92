package dev.vigil;

import static dev.vigil.Condition.total;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A classifier that blocks past the evaluation's deadline does not hold the decision. */
class TimeBudgetTest {

  /** Blocks until interrupted (or a minute passes), then claims a match. */
  private static Classifier blocking(String name, AtomicBoolean interrupted) {
    CountDownLatch never = new CountDownLatch(1);
    return Classifier.of(name, c -> {
      try {
        never.await(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        interrupted.set(true);
        Thread.currentThread().interrupt();
      }
      return Signal.of(1.0);
    });
  }

  private static Policy.Builder base() {
    return Policy.builder("budget")
        .signal(TestClassifiers.finds("spam", "spam", 1.0), "spam")
        .removeWhen(total().atLeast(1.0))
        .timeBudget(Duration.ofMillis(200));
  }

  @Test
  void anIsolatedClassifierPastTheDeadlineIsAbandonedAndInterrupted() throws Exception {
    AtomicBoolean interrupted = new AtomicBoolean();
    Policy p = base().signal(blocking("model", interrupted),
        SignalOptions.in("abuse").isolated().failClosed()).build();
    Decision d = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> p.evaluate("hello"));
    assertEquals(Outcome.FAILED, d.signal("model").outcome());
    assertTrue(d.signal("model").signal().failureMessage().contains("abandoned: still running when"
        + " the evaluation's time budget of 200.0 ms ran out"), d.signal("model").signal()
        .failureMessage());
    assertEquals(Action.REVIEW, d.action()); // fail-closed
    for (int i = 0; i < 100 && !interrupted.get(); i++) {
      Thread.sleep(50);
    }
    assertTrue(interrupted.get(), "the abandoned classifier was interrupted");
  }

  @Test
  void failOpenAbandonedClassifiersCountZero() {
    Policy p = base().signal(blocking("model", new AtomicBoolean()),
        SignalOptions.in("abuse").isolated()).build();
    Decision d = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> p.evaluate("spam"));
    assertEquals(Action.REMOVE, d.action());
    assertEquals(1.0, d.total());
  }

  @Test
  void isolatedClassifiersThatAnswerInTimeCount() {
    Policy p = base().signal(TestClassifiers.finds("remote", "spam", 0.5),
        SignalOptions.in("abuse").isolated()).build();
    Decision d = p.evaluate("spam");
    assertEquals(0.5, d.signal("remote").score());
    assertEquals(1.5, d.total());
    Decision failed = base().signal(TestClassifiers.throwing("remote"),
        SignalOptions.in("abuse").isolated()).build().evaluate("x");
    assertEquals("java.lang.IllegalStateException: model endpoint down",
        failed.signal("remote").signal().failureMessage());
  }

  @Test
  void classifiersOnTheCallingThreadAreSkippedOnceTheBudgetIsSpent() {
    Classifier slow = Classifier.of("slow", c -> {
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Signal.of(0.5);
    });
    Decision d = Policy.builder("budget").signal(slow, "a")
        .signal(TestClassifiers.constant("after", 1.0), "a")
        .timeBudget(Duration.ofMillis(100)).build().evaluate("x");
    assertEquals(0.5, d.signal("slow").score()); // already running: its result counts
    assertEquals(Outcome.FAILED, d.signal("after").outcome());
    assertTrue(d.signal("after").signal().failureMessage().contains("not started"));
  }

  @Test
  void isolationNeedsABudget() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Policy.builder("p").signal(TestClassifiers.constant("m", 1),
            SignalOptions.in("a").isolated()).build());
    assertEquals("signal 'm' of policy 'p' is isolated, which needs a time budget (timeBudget(...))",
        e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Policy.builder("p").timeBudget(Duration.ZERO));
  }
}
