package io.github.coordconv.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The pointwise stack against the same 1x1 convolutions written as ConvolutionLayers, and its
 * gradients with trainable layers before and after it.
 */
class PointwiseConvolutionsTest {

    private static final int HEIGHT = 3;
    private static final int WIDTH = 4;

    @BeforeAll
    static void useDoublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @Test
    void matchesConvolutionStack() {
        ComputationGraph pointwise = pointwiseNetwork();
        ComputationGraph convolutions = convolutionNetwork();
        // Dense W is (nIn, nOut); a 1x1 convolution's W is (nOut, nIn, 1, 1).
        for (int i = 1; i <= 2; i++) {
            INDArray weights = pointwise.getLayer("dense" + i).getParam("W");
            INDArray bias = pointwise.getLayer("dense" + i).getParam("b");
            INDArray kernel = weights.transpose().reshape(weights.size(1), weights.size(0), 1, 1);
            convolutions.getLayer("conv" + i).setParam("W", kernel.dup());
            convolutions.getLayer("conv" + i).setParam("b", bias.dup());
        }
        INDArray input = Nd4j.rand(DataType.DOUBLE, 2, 2).subi(0.5);

        INDArray expected = convolutions.outputSingle(input).reshape(2, HEIGHT * WIDTH);
        INDArray actual = pointwise.outputSingle(input);

        assertThat(actual.shape()).containsExactly(2, HEIGHT * WIDTH);
        assertThat(actual.equalsWithEps(expected, 1e-10)).isTrue();
    }

    @Test
    void gradientsWithLayersOnBothSides() {
        ComputationGraph net = pointwiseNetwork();
        INDArray input = Nd4j.rand(DataType.DOUBLE, 2, 2).subi(0.5);
        INDArray labels = Nd4j.rand(DataType.DOUBLE, 2, HEIGHT * WIDTH);

        boolean passed = GradientChecks.passes(net, input, labels);

        assertThat(passed).as("gradient check").isTrue();
    }

    @Test
    void emptyStackRejected() {
        GraphBuilder graph = new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in");

        assertThatThrownBy(
                        () ->
                                PointwiseConvolutions.addLayers(
                                        graph, "stack", "in", 3, 4, 2, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stack");
    }

    /** Dense before the tile, then tile, AddCoords and two 1x1 layers as a pointwise stack. */
    private static ComputationGraph pointwiseNetwork() {
        GraphBuilder graph = front(CNN2DFormat.NHWC);
        Map<String, DenseLayer> layers = new LinkedHashMap<>();
        layers.put("dense1", new DenseLayer.Builder().nOut(5).activation(Activation.TANH).build());
        layers.put(
                "dense2", new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build());
        PointwiseConvolutions.addLayers(graph, "stack", "coords", HEIGHT, WIDTH, 4, layers);
        graph.addLayer("out", mseLoss(), "stack").setOutputs("out");
        ComputationGraph net = new ComputationGraph(graph.build());
        net.init();
        return net;
    }

    private static ComputationGraph convolutionNetwork() {
        GraphBuilder graph = front(CNN2DFormat.NCHW);
        graph.addLayer(
                        "conv1",
                        new ConvolutionLayer.Builder(1, 1)
                                .nOut(5)
                                .activation(Activation.TANH)
                                .build(),
                        "coords")
                .addLayer(
                        "conv2",
                        new ConvolutionLayer.Builder(1, 1)
                                .nOut(1)
                                .activation(Activation.IDENTITY)
                                .build(),
                        "conv1")
                .addVertex("flat", new ReshapeVertex(-1, HEIGHT * WIDTH), "conv2")
                .addLayer("out", mseLoss(), "flat")
                .setOutputs("out");
        ComputationGraph net = new ComputationGraph(graph.build());
        net.init();
        return net;
    }

    private static GraphBuilder front(CNN2DFormat format) {
        return AddCoordsGradientTest.base()
                .graphBuilder()
                .addInputs("in")
                .addLayer(
                        "dense",
                        new DenseLayer.Builder()
                                .nOut(2)
                                .activation(Activation.IDENTITY)
                                .weightInit(new org.deeplearning4j.nn.weights.WeightInitIdentity())
                                .hasBias(false)
                                .build(),
                        "in")
                .addLayer(
                        "tile",
                        new TileLayer.Builder()
                                .height(HEIGHT)
                                .width(WIDTH)
                                .dataFormat(format)
                                .build(),
                        "dense")
                .addLayer("coords", new AddCoords.Builder().build(), "tile")
                .setInputTypes(InputType.feedForward(2));
    }

    private static LossLayer mseLoss() {
        return new LossLayer.Builder(LossFunctions.LossFunction.MSE)
                .activation(Activation.IDENTITY)
                .build();
    }
}
