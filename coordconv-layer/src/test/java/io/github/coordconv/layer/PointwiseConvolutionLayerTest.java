package io.github.coordconv.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The pointwise convolution against DL4J's 1x1 {@code ConvolutionLayer} with the same parameters,
 * finite-difference gradient checks with trainable layers before and after it, its SameDiff graph,
 * and its checks of configuration and input.
 */
class PointwiseConvolutionLayerTest {

    private static final int BATCH = 3;
    private static final int HEIGHT = 4;
    private static final int WIDTH = 5;
    private static final int CHANNELS = 2;

    @BeforeAll
    static void useDoublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    static Stream<Arguments> settings() {
        return Stream.of(CNN2DFormat.NCHW, CNN2DFormat.NHWC)
                .flatMap(
                        format ->
                                Stream.of(Activation.RELU, Activation.IDENTITY, Activation.TANH)
                                        .map(activation -> Arguments.of(format, activation)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("settings")
    void matchesOneByOneConvolutionLayer(CNN2DFormat format, Activation activation) {
        MultiLayerNetwork pointwise = network(pointwise(activation), format);
        MultiLayerNetwork convolution = network(oneByOne(activation, format), format);
        copyParameters(pointwise, convolution);
        DataSet data = data(format);

        INDArray expected = convolution.output(data.getFeatures());
        INDArray actual = pointwise.output(data.getFeatures());
        Gradient expectedGradient = GradientChecks.gradient(convolution, data);
        Gradient actualGradient = GradientChecks.gradient(pointwise, data);

        assertThat(actual.equalsWithEps(expected, 1e-10)).isTrue();
        for (String key : List.of("0_W", "0_b", "2_W", "2_b", "4_W", "4_b")) {
            assertThat(
                            actualGradient
                                    .getGradientFor(key)
                                    .equalsWithEps(expectedGradient.getGradientFor(key), 1e-10))
                    .as(key)
                    .isTrue();
        }
        INDArray kernelGradient = expectedGradient.getGradientFor("1_W");
        INDArray asDense =
                kernelGradient.reshape(kernelGradient.size(0), kernelGradient.size(1)).transpose();
        assertThat(actualGradient.getGradientFor("1_W").equalsWithEps(asDense, 1e-10)).isTrue();
        assertThat(
                        actualGradient
                                .getGradientFor("1_b")
                                .reshape(-1)
                                .equalsWithEps(
                                        expectedGradient.getGradientFor("1_b").reshape(-1), 1e-10))
                .isTrue();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("settings")
    void passesGradientCheck(CNN2DFormat format, Activation activation) {
        MultiLayerNetwork net = network(pointwise(activation), format);
        DataSet data = data(format);

        assertThat(GradientChecks.passes(net, data.getFeatures(), data.getLabels())).isTrue();
    }

    /** Checks the matrix-vector products that one output channel takes in NHWC. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(CNN2DFormat.class)
    void passesGradientCheckWithOneOutputChannel(CNN2DFormat format) {
        MultiLayerNetwork net = network(pointwise(Activation.TANH, 1), format);
        DataSet data = data(format);

        assertThat(GradientChecks.passes(net, data.getFeatures(), data.getLabels())).isTrue();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("settings")
    void sameDiffGraphGivesTheSameOutputAndGradients(CNN2DFormat format, Activation activation) {
        MultiLayerNetwork direct = network(pointwise(activation), format);
        MultiLayerNetwork graph;
        System.setProperty(DirectComputation.SAME_DIFF_PROPERTY, "true");
        try {
            graph = network(pointwise(activation), format);
        } finally {
            System.clearProperty(DirectComputation.SAME_DIFF_PROPERTY);
        }
        graph.setParams(direct.params().dup());
        DataSet data = data(format);

        assertThat(((PointwiseConvolutionRuntime) graph.getLayer(1)).runsSameDiffGraph()).isTrue();
        assertThat(graph.output(data.getFeatures()))
                .matches(output -> output.equalsWithEps(direct.output(data.getFeatures()), 1e-10));
        Map<String, INDArray> expected =
                GradientChecks.gradient(direct, data).gradientForVariable();
        Map<String, INDArray> actual = GradientChecks.gradient(graph, data).gradientForVariable();
        for (String key : List.of("0_W", "0_b", "1_W", "1_b", "2_W", "4_W")) {
            assertThat(actual.get(key).equalsWithEps(expected.get(key), 1e-10)).as(key).isTrue();
        }
    }

    @Test
    void trainsInsideWorkspaces() {
        MultiLayerNetwork net =
                new MultiLayerNetwork(
                        AddCoordsGradientTest.base()
                                .dataType(DataType.FLOAT)
                                .updater(new Adam(0.01))
                                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                                .list()
                                .layer(conv(CNN2DFormat.NHWC))
                                .layer(pointwise(Activation.RELU))
                                .layer(new PointwiseConvolutionLayer.Builder().nOut(3).build())
                                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                                .layer(output())
                                .setInputType(
                                        InputType.convolutional(
                                                HEIGHT, WIDTH, CHANNELS, CNN2DFormat.NHWC))
                                .build());
        net.init();
        DataSet data = data(CNN2DFormat.NHWC);
        DataSet floats =
                new DataSet(
                        data.getFeatures().castTo(DataType.FLOAT),
                        data.getLabels().castTo(DataType.FLOAT));
        double before = net.score(floats);

        for (int i = 0; i < 30; i++) {
            net.fit(floats);
        }

        assertThat(net.score(floats)).isLessThan(before * 0.5);
    }

    @Test
    void infersChannelsAndFormatFromTheInputType() {
        PointwiseConvolutionLayer layer = new PointwiseConvolutionLayer.Builder().nOut(7).build();

        layer.setNIn(InputType.convolutional(4, 5, 3, CNN2DFormat.NHWC), false);

        assertThat(layer.getNIn()).isEqualTo(3);
        assertThat(layer.getDataFormat()).isEqualTo(CNN2DFormat.NHWC);
        assertThat(layer.getOutputType(0, InputType.convolutional(4, 5, 3, CNN2DFormat.NHWC)))
                .isEqualTo(InputType.convolutional(4, 5, 7, CNN2DFormat.NHWC));
        assertThat(layer.getOutputType(0, InputType.convolutional(6, 2, 3)))
                .isEqualTo(InputType.convolutional(6, 2, 7, CNN2DFormat.NCHW));
    }

    @Test
    void rejectsAFeedForwardInputType() {
        PointwiseConvolutionLayer layer = new PointwiseConvolutionLayer.Builder().nOut(7).build();

        assertThatThrownBy(() -> layer.getOutputType(0, InputType.feedForward(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("InputType.convolutional(height, width, channels)");
    }

    @Test
    void rejectsInputWithOtherChannelsNamingTheShape() {
        MultiLayerNetwork net = network(pointwise(Activation.RELU), CNN2DFormat.NHWC);

        assertThatThrownBy(
                        () ->
                                net.getLayer(1)
                                        .activate(
                                                Nd4j.rand(2, HEIGHT, WIDTH, 5),
                                                false,
                                                org.deeplearning4j.nn.workspace.LayerWorkspaceMgr
                                                        .noWorkspaces()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 4, 5, 5]")
                .hasMessageContaining("[batch, height, width, 3] (NHWC)");
    }

    @Test
    void builderRejectsMissingOrBadOptions() {
        assertThatThrownBy(() -> new PointwiseConvolutionLayer.Builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nOut(n)");
        assertThatThrownBy(() -> new PointwiseConvolutionLayer.Builder().nOut(0))
                .hasMessageContaining("nOut must be at least 1, but was 0");
        assertThatThrownBy(() -> new PointwiseConvolutionLayer.Builder().activation(null))
                .hasMessageContaining("Activation.RELU");
        assertThatThrownBy(() -> new PointwiseConvolutionLayer.Builder().biasInit(Double.NaN))
                .hasMessageContaining("biasInit must be finite");
    }

    @Test
    void countsTheParametersOfAOneByOneConvolution() {
        MultiLayerNetwork pointwise = network(pointwise(Activation.RELU), CNN2DFormat.NCHW);
        MultiLayerNetwork convolution =
                network(oneByOne(Activation.RELU, CNN2DFormat.NCHW), CNN2DFormat.NCHW);

        assertThat(pointwise.getLayer(1).numParams())
                .isEqualTo(convolution.getLayer(1).numParams())
                .isEqualTo(3L * 4 + 4);
    }

    /** Convolution (trainable, before), the layer under test, convolution, pooling, output. */
    private static MultiLayerNetwork network(Layer middle, CNN2DFormat format) {
        MultiLayerConfiguration conf =
                AddCoordsGradientTest.base()
                        .list()
                        .layer(conv(format))
                        .layer(middle)
                        .layer(conv(format))
                        .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                        .layer(output())
                        .setInputType(InputType.convolutional(HEIGHT, WIDTH, CHANNELS, format))
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static Layer pointwise(Activation activation) {
        return pointwise(activation, 4);
    }

    private static Layer pointwise(Activation activation, int nOut) {
        return new PointwiseConvolutionLayer.Builder().nOut(nOut).activation(activation).build();
    }

    private static Layer oneByOne(Activation activation, CNN2DFormat format) {
        return new ConvolutionLayer.Builder(1, 1)
                .nOut(4)
                .activation(activation)
                .dataFormat(format)
                .build();
    }

    private static ConvolutionLayer conv(CNN2DFormat format) {
        return new ConvolutionLayer.Builder(2, 2)
                .nOut(3)
                .convolutionMode(ConvolutionMode.Same)
                .activation(Activation.TANH)
                .dataFormat(format)
                .build();
    }

    private static OutputLayer output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                .nOut(2)
                .activation(Activation.IDENTITY)
                .build();
    }

    /**
     * Copies every parameter, with a 1x1 kernel {@code (nOut, nIn, 1, 1)} as {@code (nIn, nOut)}.
     */
    private static void copyParameters(MultiLayerNetwork from, MultiLayerNetwork to) {
        for (int i : new int[] {0, 2, 4}) {
            to.getLayer(i).setParams(from.getLayer(i).params().dup());
        }
        INDArray weights = from.getLayer(1).getParam("W");
        to.getLayer(1)
                .setParam(
                        "W",
                        weights.transpose().dup().reshape(weights.size(1), weights.size(0), 1, 1));
        to.getLayer(1).setParam("b", from.getLayer(1).getParam("b").dup());
    }

    private static DataSet data(CNN2DFormat format) {
        Nd4j.getRandom().setSeed(42);
        long[] shape =
                format == CNN2DFormat.NHWC
                        ? new long[] {BATCH, HEIGHT, WIDTH, CHANNELS}
                        : new long[] {BATCH, CHANNELS, HEIGHT, WIDTH};
        INDArray features = Nd4j.rand(DataType.DOUBLE, shape).subi(0.5).muli(2);
        INDArray labels = Nd4j.rand(DataType.DOUBLE, BATCH, 2);
        return new DataSet(features, labels);
    }
}
