package dev.vigil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalTest {

  @Test
  void outcomeFollowsScore() {
    assertEquals(Outcome.MATCHED, Signal.of(0.3).outcome());
    assertSame(Signal.notMatched(), Signal.of(0.0));
    assertEquals(Outcome.NOT_APPLICABLE, Signal.notApplicable("no title").outcome());
    assertEquals(List.of("no title"), Signal.notApplicable("no title").notes());
    Signal failed = Signal.failed(new IllegalStateException("down"));
    assertEquals(Outcome.FAILED, failed.outcome());
    assertEquals(0.0, failed.score());
    assertEquals("java.lang.IllegalStateException: down", failed.failureMessage());
  }

  @Test
  void aDeferredNoteIsFormattedOnceWhenFirstRead() {
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    Signal s = Signal.of(0.5).withNote("first").withNote(() -> "second #" + calls.incrementAndGet());
    assertEquals(2, s.notes().size());
    assertEquals(0, calls.get(), "the size is known without formatting");
    assertEquals(List.of("first", "second #1"), s.notes());
    assertEquals(List.of("first", "second #1"), s.notes());
    assertEquals(1, calls.get());
    assertEquals(Signal.of(0.5).withNote("first").withNote("second #1"), s);
    // A note appended after a deferred one keeps both, in order.
    assertEquals(List.of("first", "second #1", "third"), s.withNote("third").notes());
  }

  @Test
  void aScoreWithItsNoteIsTheScoreWithTheNoteAppended() {
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    Signal s = Signal.of(0.25, () -> "rate #" + calls.incrementAndGet());
    assertEquals(1, s.notes().size());
    assertEquals(0, calls.get(), "the size is known without formatting");
    assertEquals(Signal.of(0.25).withNote("rate #1"), s);
    assertEquals(1, calls.get());
    // A zero score keeps its note: not matched, as of(0.0).withNote would say.
    Signal zero = Signal.of(0.0, () -> "quiet");
    assertEquals(Outcome.NOT_MATCHED, zero.outcome());
    assertEquals(Signal.of(0.0).withNote(() -> "quiet"), zero);
    assertEquals("score must be in [0, 1] but was 1.5",
        assertThrows(IllegalArgumentException.class, () -> Signal.of(1.5, () -> "x")).getMessage());
    assertThrows(NullPointerException.class, () -> Signal.of(0.5, (java.util.function.Supplier<String>) null));
  }

  @Test
  void aDeferredNoteThatFailsReadsAsFailedInsteadOfThrowing() {
    Signal thrown = Signal.of(1.0).withNote(() -> {
      throw new IllegalStateException("boom");
    });
    assertEquals(List.of("note failed: java.lang.IllegalStateException"), thrown.notes());
    assertEquals(List.of("note failed: null"), Signal.of(1.0).withNote(() -> null).notes());
  }

  @Test
  void scoresOutsideTheUnitIntervalAreRefusedWithTheValue() {
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> Signal.of(Double.NaN));
    assertEquals("score must be in [0, 1] but was NaN", nan.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Signal.of(1.0000001));
    assertThrows(IllegalArgumentException.class, () -> Signal.of(-0.1));
    assertThrows(IllegalArgumentException.class, () -> Signal.of(Double.POSITIVE_INFINITY));
  }

  @Test
  void evidenceIsCappedAndCounted() {
    String text = "x".repeat(200);
    List<Evidence> many = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      many.add(Evidence.of("body", text, i, i + 1, "r", "c"));
    }
    Signal s = Signal.of(1.0, many);
    assertEquals(Signal.MAX_EVIDENCE, s.evidence().size());
    assertEquals(100, s.evidenceCount());
    assertThrows(IllegalArgumentException.class, () -> Signal.of(1.0, many, 5));
  }

  @Test
  void evidenceChecksItsSpan() {
    String text = "hi \ud83d\ude00 there";
    Evidence e = Evidence.of("body", text, 3, 5, "emoji", "test");
    assertEquals("\ud83d\ude00", e.text());
    IllegalArgumentException split = assertThrows(IllegalArgumentException.class,
        () -> Evidence.of("body", text, 4, 6, "emoji", "test"));
    assertTrue(split.getMessage().contains("splits a surrogate pair"), split.getMessage());
    assertThrows(IndexOutOfBoundsException.class,
        () -> Evidence.of("body", text, 5, 100, "r", "c"));
    assertThrows(IllegalArgumentException.class, () -> new Evidence("body", 2, 1, "", "r", "c"));
    assertThrows(IllegalArgumentException.class, () -> new Evidence("body", 0, 3, "ab", "r", "c"));
  }
}
