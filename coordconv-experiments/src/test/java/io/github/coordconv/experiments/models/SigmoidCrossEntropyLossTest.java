package io.github.coordconv.experiments.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

class SigmoidCrossEntropyLossTest {

    private static final IActivation IDENTITY = Activation.IDENTITY.getActivationFunction();

    private final SigmoidCrossEntropyLoss loss = new SigmoidCrossEntropyLoss();

    private static INDArray logits(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, 3, 5).muli(6).subi(3);
    }

    private static INDArray labels(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, 3, 5).gt(0.5).castTo(DataType.DOUBLE);
    }

    @Test
    void scoreIsBinaryXentPerOutput() {
        INDArray z = logits(1);
        INDArray y = labels(2);
        double reference =
                new LossBinaryXENT()
                        .computeScore(y, z, Activation.SIGMOID.getActivationFunction(), null, true);
        double score = loss.computeScore(y, z, IDENTITY, null, true);
        assertThat(score * z.size(1)).isCloseTo(reference, within(1e-6));
    }

    @Test
    void scoreArrayAveragesOutputs() {
        INDArray z = logits(3);
        INDArray y = labels(4);
        INDArray perExample = loss.computeScoreArray(y, z, IDENTITY, null);
        double summed = loss.computeScore(y, z, IDENTITY, null, false);
        assertThat(perExample.shape()).containsExactly(3L, 1L);
        assertThat(perExample.sumNumber().doubleValue()).isCloseTo(summed, within(1e-9));
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        INDArray z = logits(5);
        INDArray y = labels(6);
        INDArray gradient = loss.computeGradient(y, z, IDENTITY, null);
        double step = 1e-6;
        for (int i = 0; i < z.size(0); i++) {
            for (int j = 0; j < z.size(1); j++) {
                INDArray plus = z.dup();
                plus.putScalar(i, j, z.getDouble(i, j) + step);
                INDArray minus = z.dup();
                minus.putScalar(i, j, z.getDouble(i, j) - step);
                double numeric =
                        (loss.computeScore(y, plus, IDENTITY, null, false)
                                        - loss.computeScore(y, minus, IDENTITY, null, false))
                                / (2 * step);
                assertThat(gradient.getDouble(i, j)).isCloseTo(numeric, within(1e-6));
            }
        }
    }

    @Test
    void saturatedLogitsStayFinite() {
        INDArray z = Nd4j.createFromArray(new double[][] {{100, -100}});
        INDArray y = Nd4j.createFromArray(new double[][] {{0, 1}});
        double score = loss.computeScore(y, z, IDENTITY, null, true);
        INDArray gradient = loss.computeGradient(y, z, IDENTITY, null);
        assertThat(score).isCloseTo(100.0, within(1e-6));
        assertThat(gradient.getDouble(0, 0)).isCloseTo(0.5, within(1e-6));
        assertThat(gradient.getDouble(0, 1)).isCloseTo(-0.5, within(1e-6));
    }
}
