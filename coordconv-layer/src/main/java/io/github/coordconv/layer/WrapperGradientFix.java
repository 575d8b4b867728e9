package io.github.coordconv.layer;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;

/**
 * Compensates a gradient bug of DL4J's SameDiff layer wrapper.
 *
 * <p>In DL4J 1.0.0-M2.1, a {@code SameDiffLayer} inside a {@code MultiLayerNetwork} or {@code
 * ComputationGraph} passes exactly twice the correct gradient back to the layers before it (even an
 * identity layer does), while a pure SameDiff graph with its own loss is correct. Adam hides a
 * uniform factor of two, but SGD, gradient clipping and any mixed path do not. The layers of this
 * package route their input through {@link #halveGradient} before anything else: the forward value
 * is unchanged and the gradient that reaches the input is halved, so the wrapper's doubling yields
 * the correct gradient.
 *
 * <p>NOTE: if a later DL4J release fixes the wrapper, this halving makes the gradients half the
 * correct value. The gradient checks of this module compare against finite differences in double
 * precision and fail in that case.
 */
final class WrapperGradientFix {

    private WrapperGradientFix() {}

    /**
     * Returns {@code 0.5 x + 0.5 stopGradient(x)}: the same values as {@code x}, with half the
     * gradient.
     */
    static SDVariable halveGradient(SameDiff sameDiff, SDVariable x) {
        SDVariable stopped = new StopGradient(sameDiff, x).outputVariable();
        return x.mul(0.5).add(stopped.mul(0.5));
    }
}
