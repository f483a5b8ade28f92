/**
 * Learning from labels: a policy's weights and thresholds fitted to labeled items
 * ({@link dev.vigil.learn.PolicyLearner}), candidate terms mined from them
 * ({@link dev.vigil.learn.TermMiner}), and the probability of harm given a total
 * ({@link dev.vigil.Calibration}). What is learned is a policy in Vigil's own terms, so it stays
 * readable, explainable and editable.
 *
 * <p>Package-private, in the order a learning run uses them: {@code FittedModel} (one fit of signals
 * and mined terms, on a fold or on every item), {@code Logistic} (the solver both of its fits use:
 * accelerated proximal gradient for sparse features under a lasso, Newton's method with an active set
 * for a few dense ones) and {@code Thresholds} (where a target puts a threshold).
 */
@NullMarked
package dev.vigil.learn;

import org.jspecify.annotations.NullMarked;
