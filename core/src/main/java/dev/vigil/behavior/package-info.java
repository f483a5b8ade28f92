/**
 * Behaviour signals: rates, first sightings and distinct counts per author, address or link, kept in a
 * small state that never holds content text. Start with {@link dev.vigil.behavior.Behaviors}; keys come
 * from {@link dev.vigil.behavior.Key}, state from {@link dev.vigil.behavior.MemoryState} (or your own
 * {@link dev.vigil.behavior.BehaviorState}, such as a stream processor's state stores).
 *
 * <p>Package-private: {@code BehaviorSignal} (what every signal does with an item: its time, its keys,
 * one atomic observe-and-read per key, notes without text) and one class per signal, {@code RateSignal},
 * {@code FirstSeenSignal}, {@code DistinctSignal}, each documenting its record's layout.
 */
@NullMarked
package dev.vigil.behavior;

import org.jspecify.annotations.NullMarked;
