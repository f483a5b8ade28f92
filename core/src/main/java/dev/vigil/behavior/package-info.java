/**
 * Behaviour signals: rates, first sightings, distinct counts and spam waves per author, address or link,
 * kept in a small state that never holds content text; and banks of known hashes matched within a
 * Hamming distance. Start with {@link dev.vigil.behavior.Behaviors}; keys come from
 * {@link dev.vigil.behavior.Key}, state from {@link dev.vigil.behavior.MemoryState} (or your own
 * {@link dev.vigil.behavior.BehaviorState}, such as a stream processor's state stores), banks from
 * {@link dev.vigil.behavior.HashBank}.
 *
 * <p>Package-private: {@code BehaviorSignal} (what the per-key signals do with an item: its time, its
 * keys, one atomic observe-and-read per key, notes without text) and one class per signal,
 * {@code RateSignal}, {@code FirstSeenSignal}, {@code DistinctSignal}, {@code WaveSignal}, each
 * documenting its record's layout (rates and distinct counts share {@code WindowCountSignal}'s window,
 * ramp and note; distinct counts and waves share {@code LatestEntries}' record); {@code Fingerprint} (shingles, MinHash bands and SimHash of normalized text) and
 * {@code BankSignal}.
 */
@NullMarked
package dev.vigil.behavior;

import org.jspecify.annotations.NullMarked;
