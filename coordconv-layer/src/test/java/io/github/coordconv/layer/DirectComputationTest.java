package io.github.coordconv.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Checks that the direct computations of the parameter-free layers give the same outputs and input
 * gradients as their SameDiff graphs (with DL4J's doubled gradient corrected), and that the
 * SameDiff graph still passes a gradient check.
 */
class DirectComputationTest {

    @BeforeAll
    static void useDoublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterEach
    void clearProperty() {
        System.clearProperty(DirectComputation.SAME_DIFF_PROPERTY);
    }

    static Stream<Arguments> layers() {
        return Stream.of(
                layer(
                        "AddCoords NCHW",
                        () -> new AddCoords.Builder().build(),
                        InputType.convolutional(3, 5, 2),
                        new long[] {4, 2, 3, 5}),
                layer(
                        "AddCoords NHWC radius [0,1]",
                        () ->
                                new AddCoords.Builder()
                                        .withRadius(true)
                                        .range(CoordinateRange.ZERO_TO_ONE)
                                        .build(),
                        InputType.convolutional(5, 3, 2, CNN2DFormat.NHWC),
                        new long[] {4, 5, 3, 2}),
                layer(
                        "AddCoords1D NWC",
                        () -> new AddCoords1D.Builder().withRadius(true).build(),
                        InputType.recurrent(3, 6, RNNFormat.NWC),
                        new long[] {4, 6, 3}),
                layer(
                        "AddCoords3D NCDHW",
                        () -> new AddCoords3D.Builder().withRadius(true).build(),
                        InputType.convolutional3D(Convolution3D.DataFormat.NCDHW, 2, 3, 4, 2),
                        new long[] {4, 2, 2, 3, 4}),
                layer(
                        "Tile per channel NCHW",
                        () -> new TileLayer.Builder().height(3).width(5).build(),
                        InputType.feedForward(3),
                        new long[] {4, 3}),
                layer(
                        "Tile per channel NHWC",
                        () ->
                                new TileLayer.Builder()
                                        .height(4)
                                        .width(2)
                                        .dataFormat(CNN2DFormat.NHWC)
                                        .build(),
                        InputType.feedForward(3),
                        new long[] {4, 3}),
                layer(
                        "Tile interleaved NCHW",
                        () ->
                                new TileLayer.Builder()
                                        .height(3)
                                        .width(5)
                                        .style(TileStyle.INTERLEAVED)
                                        .build(),
                        InputType.feedForward(2),
                        new long[] {4, 2}),
                layer(
                        "Tile interleaved NHWC",
                        () ->
                                new TileLayer.Builder()
                                        .height(2)
                                        .width(3)
                                        .style(TileStyle.INTERLEAVED)
                                        .dataFormat(CNN2DFormat.NHWC)
                                        .build(),
                        InputType.feedForward(2),
                        new long[] {4, 2}));
    }

    private static Arguments layer(
            String name, Supplier<SameDiffLayer> layer, InputType inputType, long[] inputShape) {
        return Arguments.of(name, layer, inputType, inputShape);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void directMatchesSameDiff(
            String name, Supplier<SameDiffLayer> layer, InputType inputType, long[] inputShape) {
        Layer direct = firstLayer(layer.get(), inputType, false);
        Layer sameDiff = firstLayer(layer.get(), inputType, true);
        assertThat(((CheckedSameDiffLayer) direct).runsDirectly()).isTrue();
        assertThat(((CheckedSameDiffLayer) sameDiff).runsDirectly()).isFalse();

        Nd4j.getRandom().setSeed(7);
        INDArray input = Nd4j.rand(DataType.DOUBLE, inputShape).subi(0.5);
        INDArray[] expected = forwardAndBack(sameDiff, input);
        INDArray[] actual = forwardAndBack(direct, input);

        assertThat(actual[0].shape()).isEqualTo(expected[0].shape());
        assertThat(actual[0].equalsWithEps(expected[0], 1e-12)).as("output").isTrue();
        assertThat(actual[1].shape()).isEqualTo(input.shape());
        assertThat(actual[1].equalsWithEps(expected[1], 1e-12)).as("input gradient").isTrue();
    }

    @Test
    void sameDiffGraphPassesGradientCheck() {
        System.setProperty(DirectComputation.SAME_DIFF_PROPERTY, "true");
        MultiLayerNetwork net = convolutionNetwork();
        assertThat(((CheckedSameDiffLayer) net.getLayer(1)).runsDirectly()).isFalse();

        Nd4j.getRandom().setSeed(3);
        INDArray input = Nd4j.rand(DataType.DOUBLE, 2, 2, 3, 5);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        labels.putScalar(0, 1, 1.0);
        labels.putScalar(1, 2, 1.0);

        assertThat(GradientChecks.passes(net, input, labels)).as("gradient check").isTrue();
    }

    @Test
    void directLayerFollowsBatchSize() {
        Layer direct =
                firstLayer(
                        new AddCoords.Builder().build(), InputType.convolutional(3, 5, 2), false);
        INDArray[] small = forwardAndBack(direct, Nd4j.rand(DataType.DOUBLE, 2, 2, 3, 5));
        INDArray[] large = forwardAndBack(direct, Nd4j.rand(DataType.DOUBLE, 5, 2, 3, 5));

        assertThat(small[0].shape()).containsExactly(2, 4, 3, 5);
        assertThat(large[0].shape()).containsExactly(5, 4, 3, 5);
        INDArray firstCoordinates =
                small[0].get(NDArrayIndex.point(0), NDArrayIndex.interval(2, 4));
        INDArray lastCoordinates = large[0].get(NDArrayIndex.point(4), NDArrayIndex.interval(2, 4));
        assertThat(lastCoordinates).isEqualTo(firstCoordinates);
    }

    private static MultiLayerNetwork convolutionNetwork() {
        MultiLayerConfiguration conf =
                AddCoordsGradientTest.base()
                        .list()
                        .layer(
                                new ConvolutionLayer.Builder(1, 1)
                                        .nOut(2)
                                        .activation(Activation.TANH)
                                        .build())
                        .layer(new AddCoords.Builder().withRadius(true).build())
                        .layer(
                                new ConvolutionLayer.Builder(2, 2)
                                        .nOut(2)
                                        .activation(Activation.TANH)
                                        .build())
                        .layer(
                                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                                        .nOut(3)
                                        .activation(Activation.SOFTMAX)
                                        .build())
                        .setInputType(InputType.convolutional(3, 5, 2))
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Builds a one-layer network and returns its layer, run directly or through SameDiff. */
    private static Layer firstLayer(SameDiffLayer layer, InputType inputType, boolean sameDiff) {
        if (sameDiff) {
            System.setProperty(DirectComputation.SAME_DIFF_PROPERTY, "true");
        }
        try {
            MultiLayerConfiguration conf =
                    new NeuralNetConfiguration.Builder()
                            .dataType(DataType.DOUBLE)
                            .list()
                            .layer(layer)
                            .setInputType(inputType)
                            .build();
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            return net.getLayer(0);
        } finally {
            System.clearProperty(DirectComputation.SAME_DIFF_PROPERTY);
        }
    }

    /** Returns the output and the input gradient for a fixed pseudo-random output gradient. */
    private static INDArray[] forwardAndBack(Layer layer, INDArray input) {
        LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.noWorkspaces();
        layer.setInput(input, workspaces);
        INDArray output = layer.activate(true, workspaces).dup();
        Nd4j.getRandom().setSeed(11);
        INDArray epsilon = Nd4j.rand(DataType.DOUBLE, output.shape()).subi(0.5);
        INDArray gradient = layer.backpropGradient(epsilon, workspaces).getSecond().dup();
        return new INDArray[] {output, gradient};
    }
}
