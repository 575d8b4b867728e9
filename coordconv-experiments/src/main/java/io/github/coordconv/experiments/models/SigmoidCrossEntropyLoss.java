package io.github.coordconv.experiments.models;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossUtil;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Sigmoid cross-entropy computed from logits and averaged over the outputs of each example, as
 * TensorFlow's {@code reduce_mean(sigmoid_cross_entropy_with_logits(...))} in the released
 * rendering code.
 *
 * <p>For logits {@code z} (the layer's activation applied to its pre-output, identity in the
 * rendering models) and targets {@code y} in [0, 1], each of shape {@code (batch, n)}, the score of
 * one example is {@code mean_j [max(z_j, 0) - z_j y_j + log(1 + exp(-|z_j|))]}, which stays finite
 * for any {@code z}, and the gradient with respect to {@code z_j} is {@code (sigmoid(z_j) - y_j) /
 * n}. DL4J's {@code LossBinaryXENT} sums over the outputs instead of averaging, which makes the L2
 * term relatively 4,096 times weaker, and clips the sigmoid, which stops the gradient of saturated
 * pixels.
 */
public final class SigmoidCrossEntropyLoss implements ILossFunction {

    /** Creates the loss; it has no options. */
    public SigmoidCrossEntropyLoss() {}

    private static INDArray logits(INDArray preOutput, IActivation activation) {
        return activation.getActivation(preOutput.dup(), true);
    }

    /** Returns the per-element losses, {@code (batch, n)}, with the mask applied. */
    private static INDArray elementLosses(
            INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
        checkShapes(labels, preOutput);
        INDArray z = logits(preOutput, activation);
        INDArray y = labels.castTo(z.dataType());
        INDArray softplus = Transforms.abs(z, true).negi();
        Transforms.exp(softplus, false).addi(1.0);
        Transforms.log(softplus, false);
        INDArray losses = Transforms.relu(z, true).subi(z.mul(y)).addi(softplus);
        if (mask != null) {
            LossUtil.applyMask(losses, mask);
        }
        return losses;
    }

    private static void checkShapes(INDArray labels, INDArray preOutput) {
        if (!labels.equalShapes(preOutput)) {
            throw new IllegalArgumentException(
                    "SigmoidCrossEntropyLoss needs labels and outputs of equal shape, but got "
                            + java.util.Arrays.toString(labels.shape())
                            + " and "
                            + java.util.Arrays.toString(preOutput.shape()));
        }
    }

    @Override
    public double computeScore(
            INDArray labels,
            INDArray preOutput,
            IActivation activationFn,
            INDArray mask,
            boolean average) {
        INDArray losses = elementLosses(labels, preOutput, activationFn, mask);
        double score = losses.sumNumber().doubleValue() / losses.size(1);
        return average ? score / losses.size(0) : score;
    }

    @Override
    public INDArray computeScoreArray(
            INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return elementLosses(labels, preOutput, activationFn, mask).mean(true, 1);
    }

    @Override
    public INDArray computeGradient(
            INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        checkShapes(labels, preOutput);
        INDArray z = logits(preOutput, activationFn);
        INDArray dLdz = Transforms.sigmoid(z, true).subi(labels.castTo(z.dataType()));
        dLdz.divi(z.size(1));
        if (mask != null) {
            LossUtil.applyMask(dLdz, mask);
        }
        return activationFn.backprop(preOutput.dup(), dLdz).getFirst();
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(
            INDArray labels,
            INDArray preOutput,
            IActivation activationFn,
            INDArray mask,
            boolean average) {
        return new Pair<>(
                computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SigmoidCrossEntropyLoss;
    }

    @Override
    public int hashCode() {
        return SigmoidCrossEntropyLoss.class.hashCode();
    }

    @Override
    public String toString() {
        return "SigmoidCrossEntropyLoss()";
    }
}
