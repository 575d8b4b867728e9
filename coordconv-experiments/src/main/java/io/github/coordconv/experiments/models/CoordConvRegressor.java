package io.github.coordconv.experiments.models;

import io.github.coordconv.layer.CoordConv;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * CoordConv model of coordinate regression ({@code ConvRegressor} of type {@code coordconv} in the
 * released code).
 *
 * <p>Input {@code image}: the one-hot image, {@code (batch, 1, 64, 64)} NCHW. AddCoords appends x
 * and y, then convolutions with 8, 8, 8 filters of 1x1 and 8 filters of {@code filterSize} (3x3)
 * and a {@code filterSize} convolution to 2 channels, 'same' padding, with no activation functions
 * by default (the authors confirmed that the released model has none). Global max pooling turns the
 * two channels into the output {@code (batch, 2)}: predicted {@code (x/64, y/64)}, trained with
 * mean squared error.
 *
 * <p>Parameters at the defaults: (3 * 8 + 8) + 2 * (8 * 8 + 8) + (8 * 8 * 9 + 8) + (8 * 2 * 9 + 2)
 * = 906, as the released model counts.
 */
public final class CoordConvRegressor {

    private CoordConvRegressor() {}

    /** Returns the graph configuration, input types set so every {@code nIn} is inferred. */
    public static ComputationGraphConfiguration configuration(
            NetworkSpec network, GraphSettings settings) {
        ModelFactory.validate(Task.REGRESSION, ModelType.COORDCONV, network);
        GraphBuilder graph = GraphParts.graph(settings).addInputs(ModelFactory.IMAGE);
        Activation activation = network.activation();
        int kernel = network.filterSize();
        CoordConv.addLayers(
                graph,
                "conv1",
                GraphParts.addCoords(network),
                GraphParts.conv(network, settings, 1, 1, network.scaledChannels(0), activation),
                ModelFactory.IMAGE);
        graph.addLayer(
                "conv2",
                GraphParts.conv(network, settings, 1, 1, network.scaledChannels(1), activation),
                "conv1");
        graph.addLayer(
                "conv3",
                GraphParts.conv(network, settings, 1, 1, network.scaledChannels(2), activation),
                "conv2");
        graph.addLayer(
                "conv4",
                GraphParts.conv(
                        network, settings, kernel, 1, network.scaledChannels(3), activation),
                "conv3");
        graph.addLayer(
                "conv5",
                GraphParts.conv(network, settings, kernel, 1, 2, Activation.IDENTITY),
                "conv4");
        graph.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), "conv5");
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
