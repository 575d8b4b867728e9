package io.github.coordconv.layer;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Gradient checks of AddCoords between trainable convolutions, on a non-square map, so that a wrong
 * gradient through the layer (the factor-of-two wrapper bug included) shows up in the first
 * convolution's parameters.
 */
class AddCoordsGradientTest {

    private static final int HEIGHT = 3;
    private static final int WIDTH = 5;
    private static final int CHANNELS = 2;

    @BeforeAll
    static void useDoublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @ParameterizedTest(name = "{0} radius={1} range={2}")
    @CsvSource({
        "NCHW, false, MINUS_ONE_TO_ONE",
        "NCHW, true, ZERO_TO_ONE",
        "NHWC, false, ZERO_TO_ONE",
        "NHWC, true, MINUS_ONE_TO_ONE"
    })
    void multiLayerNetworkGradients(CNN2DFormat format, boolean radius, CoordinateRange range) {
        MultiLayerConfiguration conf =
                base().list()
                        .layer(conv(3, Activation.TANH, format))
                        .layer(new AddCoords.Builder().withRadius(radius).range(range).build())
                        .layer(conv(4, Activation.TANH, format))
                        .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                        .layer(
                                new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                                        .nOut(2)
                                        .activation(Activation.IDENTITY)
                                        .build())
                        .setInputType(InputType.convolutional(HEIGHT, WIDTH, CHANNELS, format))
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        boolean passed = GradientChecks.passes(net, input(format), labels());

        assertThat(passed).as("gradient check").isTrue();
    }

    @ParameterizedTest(name = "{0} radius={1}")
    @CsvSource({"NCHW, true", "NHWC, false"})
    void computationGraphGradients(CNN2DFormat format, boolean radius) {
        ComputationGraphConfiguration conf =
                base().graphBuilder()
                        .addInputs("in")
                        .addLayer("before", conv(3, Activation.TANH, format), "in")
                        .addLayer(
                                "coords",
                                new AddCoords.Builder().withRadius(radius).build(),
                                "before")
                        .addLayer("after", conv(4, Activation.TANH, format), "coords")
                        .addLayer(
                                "pool",
                                new GlobalPoolingLayer.Builder(PoolingType.AVG).build(),
                                "after")
                        .addLayer(
                                "out",
                                new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                                        .nOut(2)
                                        .activation(Activation.IDENTITY)
                                        .build(),
                                "pool")
                        .setOutputs("out")
                        .setInputTypes(InputType.convolutional(HEIGHT, WIDTH, CHANNELS, format))
                        .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();

        boolean passed = GradientChecks.passes(net, input(format), labels());

        assertThat(passed).as("gradient check").isTrue();
    }

    static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder()
                .seed(12345)
                .dataType(DataType.DOUBLE)
                .updater(new NoOp())
                .weightInit(WeightInit.XAVIER);
    }

    private static ConvolutionLayer conv(int nOut, Activation activation, CNN2DFormat format) {
        return new ConvolutionLayer.Builder(2, 2)
                .nOut(nOut)
                .convolutionMode(org.deeplearning4j.nn.conf.ConvolutionMode.Same)
                .activation(activation)
                .dataFormat(format)
                .build();
    }

    private static INDArray input(CNN2DFormat format) {
        Nd4j.getRandom().setSeed(42);
        long[] shape =
                format == CNN2DFormat.NCHW
                        ? new long[] {2, CHANNELS, HEIGHT, WIDTH}
                        : new long[] {2, HEIGHT, WIDTH, CHANNELS};
        return Nd4j.rand(DataType.DOUBLE, shape).subi(0.5);
    }

    private static INDArray labels() {
        return Nd4j.rand(DataType.DOUBLE, 2, 2);
    }
}
