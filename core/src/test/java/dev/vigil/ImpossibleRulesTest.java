package dev.vigil;

import static dev.vigil.Condition.category;
import static dev.vigil.Condition.signal;
import static dev.vigil.Condition.total;
import static dev.vigil.TestClassifiers.finds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Issue 21: rules that can never hold were accepted ({@code signal("foo").atLeast(7)} on a score of at
 * most 1, a threshold above a category's cap). {@code Policy.build()} refuses them and says why.
 */
class ImpossibleRulesTest {

  private static Policy.Builder base() {
    return Policy.builder("dm").version("1")
        .signal(finds("pills", "pills", 1.0), SignalOptions.in("spam").weight(0.6))
        .signal(finds("buy", "buy", 1.0), SignalOptions.in("spam").weight(0.6))
        .signal(finds("idiot", "idiot", 1.0), SignalOptions.in("abuse").weight(0.5))
        .signal(finds("cash", "cash", 1.0), SignalOptions.in("abuse").weight(3).shadow())
        .categoryCap("spam", 1.0);
  }

  private static String refusal(Policy.Builder b) {
    return assertThrows(IllegalArgumentException.class, b::build).getMessage();
  }

  @Test
  void aSignalThresholdAboveOneIsRefused() {
    assertEquals("rule 'remove when signal(pills) >= 7.0' of policy 'dm' can never hold: signal(pills) is"
        + " at most 1.0 (a signal scores from 0 to 1)", refusal(base().removeWhen(signal("pills").atLeast(7))));
    assertEquals("rule 'review when signal(pills) > 1.0' of policy 'dm' can never hold: signal(pills) is at"
        + " most 1.0 (a signal scores from 0 to 1)", refusal(base().reviewWhen(signal("pills").above(1))));
  }

  @Test
  void aCategoryThresholdAboveItsCapOrItsWeightsIsRefused() {
    assertEquals("rule 'remove when category(spam) >= 1.1' of policy 'dm' can never hold: category(spam)"
        + " is at most 1.0 (the sum of its counted signals' weights, capped at 1.0)",
        refusal(base().removeWhen(category("spam").atLeast(1.1))));
    // The shadow signal's weight of 3 counts for nothing.
    assertEquals("rule 'review when category(abuse) >= 0.8' of policy 'dm' can never hold: category(abuse)"
        + " is at most 0.5 (the sum of its counted signals' weights)",
        refusal(base().reviewWhen(category("abuse").atLeast(0.8))));
  }

  @Test
  void aTotalAboveWhatTheCategoriesReachIsRefused() {
    assertEquals("rule 'forced remove when total >= 2.0' of policy 'dm' can never hold: total is at most"
        + " 1.5 (the sum of every category's most, categories [spam, abuse])",
        refusal(base().forced(total().atLeast(2), Action.REMOVE)));
  }

  @Test
  void rulesAtTheirMostAreAccepted() {
    base().removeWhen(total().atLeast(1.5)).reviewWhen(category("spam").atLeast(1.0))
        .reviewWhen(signal("idiot").atLeast(1.0)).reviewWhen(category("abuse").above(0.4)).build();
    // 0.3 + 0.3 + 0.3 is 0.8999999999999999 in doubles; evaluation rounds it to 0.9, and so does the check.
    Policy.builder("thirds").version("1")
        .signal(finds("a", "a", 1.0), SignalOptions.in("spam").weight(0.3))
        .signal(finds("b", "b", 1.0), SignalOptions.in("spam").weight(0.3))
        .signal(finds("c", "c", 1.0), SignalOptions.in("spam").weight(0.3))
        .removeWhen(category("spam").atLeast(0.9)).build();
  }
}
