package io.github.coordconv.experiments.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.coordconv.experiments.models.ModelType;
import io.github.coordconv.experiments.models.Task;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

class OptimizerSpecTest {

    private static final OptimizerSpec DECONV =
            OptimizerSpec.defaults(Task.CLASSIFICATION, ModelType.DECONV);

    @Test
    void stepPolicyKeepsRateWithinStep() {
        assertThat(DECONV.learningRateAt(199)).isEqualTo(DECONV.learningRate());
    }

    @Test
    void stepPolicyScalesAtStep() {
        assertThat(DECONV.learningRateAt(200))
                .isCloseTo(DECONV.learningRate() * 0.1, within(1e-12));
    }

    @Test
    void stepPolicyStopsAfterMaxSteps() {
        double floor = DECONV.learningRate() * Math.pow(0.1, DECONV.maxSteps());
        assertThat(DECONV.learningRateAt(10_000)).isCloseTo(floor, within(1e-15));
    }

    @Test
    void updaterFollowsPolicy() {
        IUpdater updater = DECONV.toUpdater();
        for (int epoch : new int[] {0, 150, 200, 399, 400, 1200, 5000}) {
            assertThat(updater.getLearningRate(0, epoch))
                    .as("epoch %d", epoch)
                    .isCloseTo(DECONV.learningRateAt(epoch), within(1e-15));
        }
    }

    @Test
    void updaterIsAdamWithReleasedBetas() {
        Adam adam = (Adam) OptimizerSpec.defaults(Task.REGRESSION, ModelType.COORDCONV).toUpdater();
        assertThat(adam.getBeta1()).isEqualTo(0.9);
        assertThat(adam.getBeta2()).isEqualTo(0.99);
        assertThat(adam.getLearningRate()).isEqualTo(0.01);
    }

    @Test
    void constantPolicyIgnoresEpoch() {
        OptimizerSpec spec = OptimizerSpec.defaults(Task.CLASSIFICATION, ModelType.COORDCONV);
        assertThat(spec.learningRateAt(900)).isEqualTo(spec.learningRate());
    }
}
