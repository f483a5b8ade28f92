package dev.vigil.examples.cli;

import dev.vigil.Content;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The order in which {@code score} and {@code eval} replay a file: by each item's time, ties and items
 * without a time in file order. Behaviour signals remember what they saw, so a backtest must show them
 * the items as they happened; items without a time do not touch their state (the signals are not
 * applicable to them), so where they go does not change any decision.
 */
final class TimeOrder {
  private TimeOrder() {}

  /** The positions of {@code items} in replay order. */
  static <T> int[] of(List<T> items, Function<T, Content> content) {
    List<Integer> order = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      order.add(i);
    }
    Comparator<Integer> byTime = Comparator.comparing(i -> content.apply(items.get(i)).time(),
        Comparator.nullsFirst(Comparator.<Instant>naturalOrder()));
    order.sort(byTime); // List.sort is stable: ties keep file order
    int[] out = new int[order.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = order.get(i);
    }
    return out;
  }

  /** {@code items} in replay order. */
  static <T> List<T> sorted(List<T> items, Function<T, Content> content) {
    List<T> out = new ArrayList<>(items.size());
    for (int i : of(items, content)) {
      out.add(items.get(i));
    }
    return out;
  }
}
