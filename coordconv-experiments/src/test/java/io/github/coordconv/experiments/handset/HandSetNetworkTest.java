package io.github.coordconv.experiments.handset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.github.coordconv.experiments.data.Centre;
import io.github.coordconv.experiments.data.NotSoClevrData;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The hand-set two-layer network against every Not-so-Clevr centre. */
class HandSetNetworkTest {

    @Test
    void maximumOnTargetForEveryCentre() {
        ComputationGraph net = HandSetNetwork.build();
        List<Centre> centres = NotSoClevrData.allCentres();

        int correct = HandSetNetwork.countCorrect(net, centres, 256);

        assertThat(centres).hasSize(3136);
        assertThat(correct).isEqualTo(3136);
    }

    @Test
    void scoreIsOneMinusManhattanDistance() {
        ComputationGraph net = HandSetNetwork.build();
        Centre centre = new Centre(10, 40);

        INDArray score = net.outputSingle(HandSetNetwork.normalise(List.of(centre)));

        assertThat(score.getDouble(0, 0, 40, 10)).isCloseTo(1.0, offset(1e-5));
        assertThat(score.getDouble(0, 0, 42, 13)).isCloseTo(1.0 - 5.0 / 63, offset(1e-5));
        assertThat(score.getDouble(0, 0, 0, 0)).isCloseTo(1.0 - 50.0 / 63, offset(1e-5));
    }

    @Test
    void twentyOneParameters() {
        ComputationGraph net = HandSetNetwork.build();

        assertThat(net.numParams()).isEqualTo(21);
    }
}
