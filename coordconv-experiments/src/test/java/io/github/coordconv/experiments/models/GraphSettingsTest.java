package io.github.coordconv.experiments.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coordconv.layer.AffineSameDiffLayer;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

class GraphSettingsTest {

    private static BaseLayer layer(ComputationGraphConfiguration conf, String name) {
        return (BaseLayer) ((LayerVertex) conf.getVertices().get(name)).getLayerConf().getLayer();
    }

    private static double l2Coefficient(List<Regularization> regularization) {
        assertThat(regularization).hasSize(1);
        return ((L2Regularization) regularization.get(0)).getL2().valueAt(0, 0);
    }

    @Test
    void kernelsGetTwiceLambda() {
        GraphSettings settings = new GraphSettings(1, new Adam(), 0.001, DataType.FLOAT);
        ComputationGraphConfiguration conf =
                DeconvClassifier.configuration(
                        NetworkSpec.defaults(Task.CLASSIFICATION, ModelType.DECONV), settings);
        ConvolutionLayer deconv = (ConvolutionLayer) layer(conf, "deconv1");
        assertThat(l2Coefficient(deconv.getRegularization())).isEqualTo(0.002);
    }

    @Test
    void biasesGetNoL2() {
        GraphSettings settings = new GraphSettings(1, new Adam(), 0.001, DataType.FLOAT);
        ComputationGraphConfiguration conf =
                CoordConvClassifier.configuration(
                        NetworkSpec.defaults(Task.CLASSIFICATION, ModelType.COORDCONV), settings);
        AffineSameDiffLayer conv1 =
                (AffineSameDiffLayer)
                        ((LayerVertex) conf.getVertices().get("conv1")).getLayerConf().getLayer();
        conv1.getLayerParams(); // defines the parameters, as network initialisation does
        assertThat(l2Coefficient(conv1.getRegularizationByParam("W"))).isEqualTo(0.002);
        assertThat(conv1.getRegularizationByParam("b")).isEmpty();
    }

    @Test
    void batchNormGetsNoL2() {
        GraphSettings settings = new GraphSettings(1, new Adam(), 0.001, DataType.FLOAT);
        ComputationGraphConfiguration conf =
                DeconvClassifier.configuration(
                        NetworkSpec.defaults(Task.CLASSIFICATION, ModelType.DECONV), settings);
        BatchNormalization norm = (BatchNormalization) layer(conf, "bn1");
        assertThat(norm.getRegularization()).isEmpty();
    }

    @Test
    void denseLayersGetNoL2() {
        GraphSettings settings = new GraphSettings(1, new Adam(), 0.001, DataType.FLOAT);
        ComputationGraphConfiguration conf =
                ConvDenseRegressor.configuration(
                        NetworkSpec.defaults(Task.REGRESSION, ModelType.CONV_DENSE), settings);
        assertThat(layer(conf, "dense").getRegularization()).isEmpty();
    }

    @Test
    void rejectsNegativeL2() {
        assertThatThrownBy(() -> new GraphSettings(1, new Adam(), -1, DataType.FLOAT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("l2 must be at least 0");
    }

    @Test
    void rejectsIntegerDataType() {
        assertThatThrownBy(() -> new GraphSettings(1, new Adam(), 0, DataType.INT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("floating-point");
    }
}
