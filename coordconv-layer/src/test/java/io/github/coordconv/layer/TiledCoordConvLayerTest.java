package io.github.coordconv.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration.ListBuilder;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The fused tile, AddCoords and 1x1 convolution against the three separate layers with the same
 * parameters, finite-difference gradient checks with trainable layers before and after it, its
 * SameDiff graph, and its checks of configuration and input.
 */
class TiledCoordConvLayerTest {

    private static final int BATCH = 3;
    private static final int SIZE = 2;
    private static final int HEIGHT = 4;
    private static final int WIDTH = 5;

    @BeforeAll
    static void useDoublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** Format, activation, range and radius. */
    static Stream<Arguments> settings() {
        return Stream.of(
                Arguments.of(
                        CNN2DFormat.NCHW, Activation.RELU, CoordinateRange.MINUS_ONE_TO_ONE, false),
                Arguments.of(
                        CNN2DFormat.NHWC, Activation.RELU, CoordinateRange.MINUS_ONE_TO_ONE, false),
                Arguments.of(CNN2DFormat.NCHW, Activation.TANH, CoordinateRange.ZERO_TO_ONE, true),
                Arguments.of(
                        CNN2DFormat.NHWC, Activation.IDENTITY, CoordinateRange.ZERO_TO_ONE, true));
    }

    @ParameterizedTest(name = "{0} {1} {2} radius {3}")
    @MethodSource("settings")
    void matchesTileAddCoordsAndPointwiseConvolution(
            CNN2DFormat format, Activation activation, CoordinateRange range, boolean radius) {
        MultiLayerNetwork fused = fused(format, activation, range, radius);
        MultiLayerNetwork separate =
                network(
                        format,
                        new TileLayer.Builder()
                                .height(HEIGHT)
                                .width(WIDTH)
                                .dataFormat(format)
                                .build(),
                        new AddCoords.Builder().range(range).withRadius(radius).build(),
                        new PointwiseConvolutionLayer.Builder()
                                .nOut(4)
                                .activation(activation)
                                .build());
        // Layers 0 and 1 of the fused network are layers 0 and 3 of the separate one.
        int[][] pairs = {{0, 0}, {1, 3}, {2, 4}, {4, 6}};
        for (int[] pair : pairs) {
            separate.getLayer(pair[1]).setParams(fused.getLayer(pair[0]).params().dup());
        }
        DataSet data = data();

        INDArray expected = separate.output(data.getFeatures());
        Gradient expectedGradient = GradientChecks.gradient(separate, data);
        INDArray actual = fused.output(data.getFeatures());
        Gradient actualGradient = GradientChecks.gradient(fused, data);

        assertThat(actual.equalsWithEps(expected, 1e-10)).isTrue();
        for (int[] pair : pairs) {
            for (String key : List.of("W", "b")) {
                INDArray want = expectedGradient.getGradientFor(pair[1] + "_" + key);
                INDArray got = actualGradient.getGradientFor(pair[0] + "_" + key);
                assertThat(got.equalsWithEps(want, 1e-10)).as(pair[0] + "_" + key).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} {2} radius {3}")
    @MethodSource("settings")
    void passesGradientCheck(
            CNN2DFormat format, Activation activation, CoordinateRange range, boolean radius) {
        MultiLayerNetwork net = fused(format, activation, range, radius);
        DataSet data = data();

        assertThat(GradientChecks.passes(net, data.getFeatures(), data.getLabels())).isTrue();
    }

    @ParameterizedTest(name = "{0} {1} {2} radius {3}")
    @MethodSource("settings")
    void sameDiffGraphGivesTheSameOutputAndGradients(
            CNN2DFormat format, Activation activation, CoordinateRange range, boolean radius) {
        MultiLayerNetwork direct = fused(format, activation, range, radius);
        MultiLayerNetwork graph;
        System.setProperty(DirectComputation.SAME_DIFF_PROPERTY, "true");
        try {
            graph = fused(format, activation, range, radius);
        } finally {
            System.clearProperty(DirectComputation.SAME_DIFF_PROPERTY);
        }
        graph.setParams(direct.params().dup());
        DataSet data = data();

        assertThat(((DirectParameterLayer) graph.getLayer(1)).runsSameDiffGraph()).isTrue();
        assertThat(
                        graph.output(data.getFeatures())
                                .equalsWithEps(direct.output(data.getFeatures()), 1e-10))
                .isTrue();
        Gradient expected = GradientChecks.gradient(direct, data);
        Gradient actual = GradientChecks.gradient(graph, data);
        for (String key : List.of("0_W", "1_W", "1_b", "2_W", "4_W")) {
            assertThat(
                            actual.getGradientFor(key)
                                    .equalsWithEps(expected.getGradientFor(key), 1e-10))
                    .as(key)
                    .isTrue();
        }
    }

    @Test
    void infersSizeAndOutputType() {
        TiledCoordConvLayer layer =
                new TiledCoordConvLayer.Builder()
                        .nOut(7)
                        .height(6)
                        .width(8)
                        .dataFormat(CNN2DFormat.NHWC)
                        .build();

        layer.setNIn(InputType.feedForward(3), false);

        assertThat(layer.getNIn()).isEqualTo(3);
        assertThat(layer.getOutputType(0, InputType.feedForward(3)))
                .isEqualTo(InputType.convolutional(6, 8, 7, CNN2DFormat.NHWC));
        assertThatThrownBy(() -> layer.getOutputType(0, InputType.convolutional(6, 8, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("InputType.feedForward(C)");
    }

    @Test
    void countsTheParametersOfTheSeparateLayers() {
        MultiLayerNetwork net =
                fused(CNN2DFormat.NCHW, Activation.RELU, CoordinateRange.MINUS_ONE_TO_ONE, true);

        assertThat(net.getLayer(1).numParams()).isEqualTo((2L + 3) * 4 + 4);
    }

    @Test
    void rejectsInputOfAnotherLengthNamingTheShape() {
        MultiLayerNetwork net =
                fused(CNN2DFormat.NHWC, Activation.RELU, CoordinateRange.MINUS_ONE_TO_ONE, false);

        assertThatThrownBy(
                        () ->
                                net.getLayer(1)
                                        .activate(
                                                Nd4j.rand(2, 3),
                                                false,
                                                LayerWorkspaceMgr.noWorkspaces()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3]")
                .hasMessageContaining("[batch, 2]");
    }

    @Test
    void builderNamesMissingSizes() {
        assertThatThrownBy(() -> new TiledCoordConvLayer.Builder().nOut(4).height(3).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("width(w)")
                .hasMessageContaining("width 0");
        assertThatThrownBy(() -> new TiledCoordConvLayer.Builder().range(null))
                .hasMessageContaining("CoordinateRange.ZERO_TO_ONE");
    }

    private static MultiLayerNetwork fused(
            CNN2DFormat format, Activation activation, CoordinateRange range, boolean radius) {
        return network(
                format,
                new TiledCoordConvLayer.Builder()
                        .nOut(4)
                        .height(HEIGHT)
                        .width(WIDTH)
                        .range(range)
                        .withRadius(radius)
                        .activation(activation)
                        .dataFormat(format)
                        .build());
    }

    /** Dense (trainable, before), the given layers, convolution, pooling, output. */
    private static MultiLayerNetwork network(
            CNN2DFormat format, org.deeplearning4j.nn.conf.layers.Layer... middle) {
        ListBuilder list =
                AddCoordsGradientTest.base()
                        .list()
                        .layer(
                                new DenseLayer.Builder()
                                        .nOut(SIZE)
                                        .activation(Activation.TANH)
                                        .build());
        for (org.deeplearning4j.nn.conf.layers.Layer layer : middle) {
            list.layer(layer);
        }
        list.layer(
                        new ConvolutionLayer.Builder(2, 2)
                                .nOut(3)
                                .convolutionMode(ConvolutionMode.Same)
                                .activation(Activation.TANH)
                                .dataFormat(format)
                                .build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(
                        new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                                .nOut(2)
                                .activation(Activation.IDENTITY)
                                .build())
                .setInputType(InputType.feedForward(3));
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    private static DataSet data() {
        Nd4j.getRandom().setSeed(42);
        INDArray features = Nd4j.rand(DataType.DOUBLE, BATCH, 3).subi(0.5).muli(4);
        return new DataSet(features, Nd4j.rand(DataType.DOUBLE, BATCH, 2));
    }
}
