package io.github.coordconv.layer;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Gradient checks in double precision of AddCoords1D, AddCoords3D and TileLayer, each with
 * trainable layers before and after it.
 */
class LayerGradientTest {

    @BeforeAll
    static void useDoublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @Test
    void addCoords1dGradientsNcw() {
        MultiLayerConfiguration conf =
                AddCoordsGradientTest.base()
                        .list()
                        .layer(conv1d(3, RNNFormat.NCW))
                        .layer(new AddCoords1D.Builder().withRadius(false).build())
                        .layer(conv1d(4, RNNFormat.NCW))
                        .layer(rnnOutput(RNNFormat.NCW))
                        .setInputType(InputType.recurrent(2, 5, RNNFormat.NCW))
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        boolean passed = GradientChecks.passes(net, random(2, 2, 5), random(2, 2, 5));

        assertThat(passed).as("gradient check").isTrue();
    }

    /**
     * NWC with a recurrent layer before AddCoords1D, because DL4J 1.0.0-M2.1's Convolution1DLayer
     * fails in backprop with NWC input ("Op [conv1d_bp] execution failed"), with or without
     * AddCoords1D.
     */
    @Test
    void addCoords1dGradientsNwc() {
        MultiLayerConfiguration conf =
                AddCoordsGradientTest.base()
                        .list()
                        .layer(
                                new SimpleRnn.Builder()
                                        .nOut(3)
                                        .activation(Activation.TANH)
                                        .dataFormat(RNNFormat.NWC)
                                        .build())
                        .layer(new AddCoords1D.Builder().withRadius(true).build())
                        .layer(rnnOutput(RNNFormat.NWC))
                        .setInputType(InputType.recurrent(2, 5, RNNFormat.NWC))
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        boolean passed = GradientChecks.passes(net, random(2, 5, 2), random(2, 5, 2));

        assertThat(passed).as("gradient check").isTrue();
    }

    @ParameterizedTest(name = "{0} radius={1}")
    @CsvSource({"NCDHW, true", "NDHWC, false"})
    void addCoords3dGradients(Convolution3D.DataFormat format, boolean radius) {
        MultiLayerConfiguration conf =
                AddCoordsGradientTest.base()
                        .list()
                        .layer(conv3d(3, format))
                        .layer(new AddCoords3D.Builder().withRadius(radius).build())
                        .layer(conv3d(2, format))
                        .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                        .layer(output())
                        .setInputType(InputType.convolutional3D(format, 2, 3, 4, 2))
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        long[] shape =
                format == Convolution3D.DataFormat.NCDHW
                        ? new long[] {2, 2, 2, 3, 4}
                        : new long[] {2, 2, 3, 4, 2};

        boolean passed = GradientChecks.passes(net, random(shape), random(2, 2));

        assertThat(passed).as("gradient check").isTrue();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"PER_CHANNEL, NCHW", "PER_CHANNEL, NHWC", "INTERLEAVED, NCHW", "INTERLEAVED, NHWC"})
    void tileGradientsMultiLayerNetwork(TileStyle style, CNN2DFormat format) {
        MultiLayerConfiguration conf =
                AddCoordsGradientTest.base()
                        .list()
                        .layer(new DenseLayer.Builder().nOut(2).activation(Activation.TANH).build())
                        .layer(
                                new TileLayer.Builder()
                                        .height(3)
                                        .width(4)
                                        .style(style)
                                        .dataFormat(format)
                                        .build())
                        .layer(conv2d(3, format))
                        .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                        .layer(output())
                        .setInputType(InputType.feedForward(3))
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        boolean passed = GradientChecks.passes(net, random(2, 3), random(2, 2));

        assertThat(passed).as("gradient check").isTrue();
    }

    @Test
    void tileAndCoordConvGradientsComputationGraph() {
        var graph =
                AddCoordsGradientTest.base()
                        .graphBuilder()
                        .addInputs("xy")
                        .addLayer(
                                "dense",
                                new DenseLayer.Builder()
                                        .nOut(2)
                                        .activation(Activation.TANH)
                                        .build(),
                                "xy")
                        .addLayer(
                                "tile",
                                new TileLayer.Builder().height(3).width(5).build(),
                                "dense");
        CoordConv.addLayers(
                graph,
                "coordconv",
                new AddCoords.Builder().withRadius(true).build(),
                conv2d(3, CNN2DFormat.NCHW),
                "tile");
        graph.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), "coordconv")
                .addLayer("out", output(), "pool")
                .setOutputs("out")
                .setInputTypes(InputType.feedForward(3));
        ComputationGraph net = new ComputationGraph(graph.build());
        net.init();

        boolean passed = GradientChecks.passes(net, random(2, 3), random(2, 2));

        assertThat(passed).as("gradient check").isTrue();
    }

    private static Convolution1DLayer conv1d(int nOut, RNNFormat format) {
        return new Convolution1DLayer.Builder()
                .kernelSize(2)
                .nOut(nOut)
                .convolutionMode(ConvolutionMode.Same)
                .activation(Activation.TANH)
                .rnnDataFormat(format)
                .build();
    }

    private static Convolution3D conv3d(int nOut, Convolution3D.DataFormat format) {
        return new Convolution3D.Builder()
                .kernelSize(2, 2, 2)
                .stride(1, 1, 1)
                .nOut(nOut)
                .convolutionMode(ConvolutionMode.Same)
                .activation(Activation.TANH)
                .dataFormat(format)
                .build();
    }

    static ConvolutionLayer conv2d(int nOut, CNN2DFormat format) {
        return new ConvolutionLayer.Builder(2, 2)
                .nOut(nOut)
                .convolutionMode(ConvolutionMode.Same)
                .activation(Activation.TANH)
                .dataFormat(format)
                .build();
    }

    private static RnnOutputLayer rnnOutput(RNNFormat format) {
        return new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
                .nOut(2)
                .activation(Activation.IDENTITY)
                .dataFormat(format)
                .build();
    }

    private static OutputLayer output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                .nOut(2)
                .activation(Activation.IDENTITY)
                .build();
    }

    private static INDArray random(long... shape) {
        return Nd4j.rand(DataType.DOUBLE, shape).subi(0.5);
    }
}
