package io.github.coordconv.experiments.models;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Fully convolutional baseline of coordinate regression with global average pooling ({@code
 * big_conv2} in the released {@code ConvRegressor}, which {@code train.py} uses on the quadrant
 * split).
 *
 * <p>Input {@code image}: the one-hot image, {@code (batch, 1, 64, 64)} NCHW. The layer list
 * follows the released code, 'same' padding throughout, activation ReLU, {@code c} = 16 times the
 * width multiplier per layer:
 *
 * <ol>
 *   <li>5x5 convolution, stride 2 (64 to 32 pixels), activation
 *   <li>1x1 convolution, activation, then batch normalisation
 *   <li>3x3 convolution, activation
 *   <li>3x3 convolution, stride 2 (to 16), activation
 *   <li>3x3 convolution, stride 2 (to 8), batch normalisation, then activation
 *   <li>3x3 convolution, stride 2 (to 4), activation
 *   <li>1x1 convolution, activation
 *   <li>3x3 convolution, stride 2 (to 2), activation
 *   <li>3x3 convolution to 2 channels, activation
 *   <li>global average pooling to the output {@code (batch, 2)}, predicted {@code (x/64, y/64)},
 *       mean squared error
 * </ol>
 *
 * <p>The 3x3 kernels take {@code filterSize}. Trainable parameters at the defaults: 416 + 272 + 5 *
 * 2,320 + 272 + 290 convolution weights and biases plus 2 * 2 * 16 batch-norm gamma and beta =
 * 12,914, as the released model counts; DL4J's {@code numParams()} adds the 64 running statistics.
 */
public final class ConvGlobalPoolRegressor {

    /** Hidden convolutions: kernel size (0 for {@code filterSize}) and stride, in order. */
    private static final int[][] LAYERS = {
        {5, 2}, {1, 1}, {0, 1}, {0, 2}, {0, 2}, {0, 2}, {1, 1}, {0, 2},
    };

    private ConvGlobalPoolRegressor() {}

    /** Returns the graph configuration, input types set so every {@code nIn} is inferred. */
    public static ComputationGraphConfiguration configuration(
            NetworkSpec network, GraphSettings settings) {
        ModelFactory.validate(Task.REGRESSION, ModelType.CONV_GLOBAL_POOL, network);
        GraphBuilder graph = GraphParts.graph(settings).addInputs(ModelFactory.IMAGE);
        Activation activation = network.activation();
        String previous = ModelFactory.IMAGE;
        for (int i = 0; i < LAYERS.length; i++) {
            int index = i + 1;
            int kernel = LAYERS[i][0] == 0 ? network.filterSize() : LAYERS[i][0];
            String conv = "conv" + index;
            if (index == 5) {
                // The released code puts this layer's batch norm between convolution and ReLU.
                graph.addLayer(
                        conv,
                        GraphParts.conv(
                                network,
                                settings,
                                kernel,
                                LAYERS[i][1],
                                network.scaledChannels(i),
                                Activation.IDENTITY),
                        previous);
                graph.addLayer("bn2", GraphParts.batchNorm(), conv);
                graph.addLayer("act5", GraphParts.activation(activation), "bn2");
                previous = "act5";
                continue;
            }
            Layer layer =
                    GraphParts.conv(
                            network,
                            settings,
                            kernel,
                            LAYERS[i][1],
                            network.scaledChannels(i),
                            activation);
            graph.addLayer(conv, layer, previous);
            previous = conv;
            if (index == 2) {
                graph.addLayer("bn1", GraphParts.batchNorm(), conv);
                previous = "bn1";
            }
        }
        graph.addLayer(
                "conv9",
                GraphParts.conv(network, settings, network.filterSize(), 1, 2, activation),
                previous);
        graph.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "conv9");
        graph.addLayer(
                        ModelFactory.OUTPUT,
                        new LossLayer.Builder(LossFunctions.LossFunction.MSE)
                                .activation(Activation.IDENTITY)
                                .build(),
                        "pool")
                .setOutputs(ModelFactory.OUTPUT)
                .setInputTypes(InputType.convolutional(64, 64, 1));
        return graph.build();
    }
}
