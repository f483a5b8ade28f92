/**
 * Decision quality: run a {@link dev.vigil.Policy} on labeled items and measure it. The policy measured
 * is the object that runs in production, so what is measured is what runs.
 *
 * <p>Start with {@link dev.vigil.eval.Evaluation}; split data with {@link dev.vigil.eval.Split} first, so
 * nobody evaluates on what they tuned on; compare two policies with {@link dev.vigil.eval.PolicyDiff}.
 */
@NullMarked
package dev.vigil.eval;

import org.jspecify.annotations.NullMarked;
