package io.github.coordconv.experiments.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coordconv.layer.TileStyle;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

class ParameterCountsTest {

    private static final GraphSettings SETTINGS = GraphSettings.defaults(1);

    private static ComputationGraphConfiguration configuration(Task task, ModelType model) {
        return configuration(task, model, NetworkSpec.defaults(task, model));
    }

    private static ComputationGraphConfiguration configuration(
            Task task, ModelType model, NetworkSpec network) {
        return ModelFactory.configuration(task, model, network, SETTINGS);
    }

    @Test
    void coordConvClassifierMatchesPaper() {
        ComputationGraphConfiguration conf =
                configuration(Task.CLASSIFICATION, ModelType.COORDCONV);
        assertThat(ParameterCounts.trainable(conf)).isEqualTo(7_553);
    }

    @Test
    void deconvClassifierMatchesPaper() {
        NetworkSpec network =
                NetworkSpec.defaults(Task.CLASSIFICATION, ModelType.DECONV)
                        .withWidthMultiplier(2)
                        .withFilterSize(3);
        ComputationGraphConfiguration conf =
                configuration(Task.CLASSIFICATION, ModelType.DECONV, network);
        assertThat(ParameterCounts.trainable(conf)).isEqualTo(409_921);
    }

    @Test
    void deconvTotalAddsRunningStatistics() {
        ComputationGraphConfiguration conf = configuration(Task.CLASSIFICATION, ModelType.DECONV);
        long statistics = 2L * (128 * 3 + 64 * 2);
        assertThat(ParameterCounts.total(conf))
                .isEqualTo(ParameterCounts.trainable(conf) + statistics);
    }

    @Test
    void deconvSweepEndsMatchPaperRange() {
        NetworkSpec base = NetworkSpec.defaults(Task.CLASSIFICATION, ModelType.DECONV);
        long smallest =
                ParameterCounts.trainable(
                        configuration(
                                Task.CLASSIFICATION,
                                ModelType.DECONV,
                                base.withWidthMultiplier(1).withFilterSize(2)));
        long largest =
                ParameterCounts.trainable(
                        configuration(
                                Task.CLASSIFICATION,
                                ModelType.DECONV,
                                base.withWidthMultiplier(3).withFilterSize(4)));
        assertThat(smallest).isBetween(46_000L, 46_999L);
        assertThat(largest).isBetween(1_625_000L, 1_634_999L);
    }

    @Test
    void coordConvRegressorMatchesPaper() {
        assertThat(ParameterCounts.trainable(configuration(Task.REGRESSION, ModelType.COORDCONV)))
                .isEqualTo(906);
    }

    @Test
    void convDenseRegressorMatchesPaper() {
        assertThat(ParameterCounts.trainable(configuration(Task.REGRESSION, ModelType.CONV_DENSE)))
                .isEqualTo(72_850);
    }

    @Test
    void convGlobalPoolRegressorMatchesPaper() {
        ComputationGraphConfiguration conf =
                configuration(Task.REGRESSION, ModelType.CONV_GLOBAL_POOL);
        assertThat(ParameterCounts.trainable(conf)).isEqualTo(12_914);
    }

    @Test
    void coordConvRendererMatchesSweep() {
        ComputationGraphConfiguration conf = configuration(Task.RENDERING, ModelType.COORDCONV);
        assertThat(ParameterCounts.trainable(conf)).isEqualTo(8_074);
    }

    @Test
    void rendererReadmeFilterSizeAddsPainting() {
        NetworkSpec network =
                NetworkSpec.defaults(Task.RENDERING, ModelType.COORDCONV).withFilterSize(3);
        ComputationGraphConfiguration conf =
                configuration(Task.RENDERING, ModelType.COORDCONV, network);
        assertThat(ParameterCounts.trainable(conf)).isEqualTo(7_553 + 4_297);
    }

    @Test
    void deconvRendererMatchesClassifier() {
        assertThat(ParameterCounts.trainable(configuration(Task.RENDERING, ModelType.DECONV)))
                .isEqualTo(409_921);
    }

    @Test
    void interleavedTileFeedsOneChannel() {
        NetworkSpec network =
                NetworkSpec.defaults(Task.CLASSIFICATION, ModelType.COORDCONV)
                        .withTileStyle(TileStyle.INTERLEAVED);
        ComputationGraphConfiguration conf =
                configuration(Task.CLASSIFICATION, ModelType.COORDCONV, network);
        assertThat(ParameterCounts.trainable(conf)).isEqualTo(7_553 - 32);
    }

    @Test
    void radiusAddsOneInputChannel() {
        NetworkSpec base = NetworkSpec.defaults(Task.REGRESSION, ModelType.COORDCONV);
        NetworkSpec network = base.withCoordinates(base.coordinateRange(), true);
        ComputationGraphConfiguration conf =
                configuration(Task.REGRESSION, ModelType.COORDCONV, network);
        assertThat(ParameterCounts.trainable(conf)).isEqualTo(906 + 8);
    }

    @Test
    void totalEqualsInitialisedNetwork() {
        for (Task task : Task.values()) {
            for (ModelType model : ModelType.supported(task)) {
                ComputationGraphConfiguration conf = configuration(task, model);
                ComputationGraph graph = new ComputationGraph(conf.clone());
                graph.init();
                assertThat(ParameterCounts.total(conf))
                        .as("%s %s", task, model)
                        .isEqualTo(graph.numParams());
            }
        }
    }
}
