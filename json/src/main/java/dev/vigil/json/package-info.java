/**
 * The JSON codec of Vigil's contract, for every program that moves content and decisions as JSON: the
 * {@code vigil} CLI, the Kafka Streams topology and any service. {@link dev.vigil.json.ContentJson}
 * reads and writes content records (one JSON object per item: {@code id}, {@code text} or
 * {@code fields}, {@code author}, {@code surface}, {@code locale}, {@code time}, {@code attributes}),
 * {@link dev.vigil.json.DecisionJson} writes decisions in the shape {@code vigil score} prints, which
 * the README documents as a contract (fields are added compatibly, never removed or renamed within a
 * major version).
 */
@NullMarked
package dev.vigil.json;

import org.jspecify.annotations.NullMarked;
