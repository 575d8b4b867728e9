package io.github.coordconv.experiments.models;

import io.github.coordconv.layer.CoordConv;
import io.github.coordconv.layer.PointwiseConvolutionLayer;
import io.github.coordconv.layer.TileStyle;
import io.github.coordconv.layer.TiledCoordConvLayer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * CoordConv model of coordinate classification ({@code CoordConvPainter} in the released code).
 *
 * <p>Input {@code coordinates}: {@code (batch, 2)}, pixel column x and row y. The pair is tiled
 * over a 64x64 map ({@code (batch, 2, 64, 64)} NCHW with the default per-channel tiling), AddCoords
 * appends the x and y coordinate channels, then four convolutions with 32, 32, 64 and 64 filters
 * ({@code filterSize} x {@code filterSize}, 1x1 by default, each followed by the activation, ReLU
 * by default) and a 1x1 convolution to one channel give the logits. The output {@code output} is
 * the softmax over the 4,096 flattened pixels, {@code (batch, 4096)} with pixel (row y, column x)
 * at index {@code y * 64 + x}; the loss is the multi-class cross-entropy against the one-hot
 * target.
 *
 * <p>Parameters at the defaults: (4 * 32 + 32) + (32 * 32 + 32) + (32 * 64 + 64) + (64 * 64 + 64) +
 * (64 + 1) = 7,553, as the released model counts.
 */
public final class CoordConvClassifier {

    /** Hidden layers of the stack: four convolutions. */
    static final int HIDDEN_LAYERS = 4;

    private CoordConvClassifier() {}

    /** Returns the graph configuration, input types set so every {@code nIn} is inferred. */
    public static ComputationGraphConfiguration configuration(
            NetworkSpec network, GraphSettings settings) {
        ModelFactory.validate(Task.CLASSIFICATION, ModelType.COORDCONV, network);
        GraphBuilder graph = GraphParts.graph(settings);
        String coordinates = GraphParts.addCoordinateInput(graph, network);
        String logits =
                addStack(
                        graph,
                        network,
                        settings,
                        coordinates,
                        network.filterSize(),
                        network.widthMultiplier());
        graph.addLayer(
                        ModelFactory.OUTPUT,
                        new LossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                                .activation(Activation.SOFTMAX)
                                .build(),
                        logits)
                .setOutputs(ModelFactory.OUTPUT)
                .setInputTypes(InputType.feedForward(2));
        return graph.build();
    }

    /**
     * Adds tile, AddCoords and the convolution stack on {@code input}: four {@code kernel} x {@code
     * kernel} convolutions with the first four entries of {@code network.channels()} times {@code
     * multiplier} filters, then a 1x1 convolution to one channel.
     *
     * @return the name of the last vertex, whose output is {@code (batch, 1, 64, 64)} logits
     */
    static String addStack(
            GraphBuilder graph,
            NetworkSpec network,
            GraphSettings settings,
            String input,
            int kernel,
            int multiplier) {
        if (kernel == 1) {
            return addPointwiseStack(graph, network, settings, input, multiplier);
        }
        graph.addLayer("tile", GraphParts.tile(network), input);
        Activation activation = network.activation();
        CoordConv.addLayers(
                graph,
                "conv1",
                GraphParts.addCoords(network),
                GraphParts.conv(
                        network,
                        settings,
                        kernel,
                        1,
                        network.channels().get(0) * multiplier,
                        activation),
                "tile");
        String previous = "conv1";
        for (int i = 1; i < HIDDEN_LAYERS; i++) {
            String name = "conv" + (i + 1);
            int nOut = network.channels().get(i) * multiplier;
            graph.addLayer(
                    name,
                    GraphParts.conv(network, settings, kernel, 1, nOut, activation),
                    previous);
            previous = name;
        }
        graph.addLayer(
                "logits",
                GraphParts.conv(network, settings, 1, 1, 1, Activation.IDENTITY),
                previous);
        return "logits";
    }

    /**
     * Adds the stack for 1x1 kernels without im2col. With one tiled channel per coordinate, {@code
     * conv1} is a {@link TiledCoordConvLayer}: tile, AddCoords and the first 1x1 convolution as a
     * broadcast sum. With interleaved tiling it is the three layers {@code tile}, {@code
     * conv1-addcoords} and a {@link PointwiseConvolutionLayer}. The other 1x1 convolutions {@code
     * conv2} to {@code conv4} and {@code logits-pixels} are {@code PointwiseConvolutionLayer}s in
     * NHWC, and {@code logits} views the one-channel result as {@code (batch, 1, 64, 64)}. This
     * computes the same function with the same parameters as 1x1 ConvolutionLayers, which DL4J runs
     * through im2col several times slower.
     */
    private static String addPointwiseStack(
            GraphBuilder graph,
            NetworkSpec network,
            GraphSettings settings,
            String input,
            int multiplier) {
        int firstOut = network.channels().get(0) * multiplier;
        if (network.tileStyle() == TileStyle.PER_CHANNEL) {
            graph.addLayer("conv1", GraphParts.tiledCoordConv(network, settings, firstOut), input);
        } else {
            String addCoords = "conv1" + CoordConv.ADD_COORDS_SUFFIX;
            graph.addLayer("tile", GraphParts.tile(network, CNN2DFormat.NHWC), input)
                    .addLayer(addCoords, GraphParts.addCoords(network), "tile")
                    .addLayer(
                            "conv1",
                            GraphParts.pointwise(network, settings, firstOut, network.activation()),
                            addCoords);
        }
        String previous = "conv1";
        for (int i = 1; i < HIDDEN_LAYERS; i++) {
            String name = "conv" + (i + 1);
            int nOut = network.channels().get(i) * multiplier;
            graph.addLayer(
                    name,
                    GraphParts.pointwise(network, settings, nOut, network.activation()),
                    previous);
            previous = name;
        }
        graph.addLayer(
                "logits-pixels",
                GraphParts.pointwise(network, settings, 1, Activation.IDENTITY),
                previous);
        graph.addVertex(
                "logits",
                new ReshapeVertex(-1, 1, GraphParts.CANVAS, GraphParts.CANVAS),
                "logits-pixels");
        return "logits";
    }
}
