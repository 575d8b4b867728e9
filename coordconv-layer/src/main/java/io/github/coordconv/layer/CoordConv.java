package io.github.coordconv.layer;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;

/**
 * Adds a CoordConv layer, AddCoords followed by an ordinary {@link ConvolutionLayer}, to a
 * ComputationGraph or MultiLayerNetwork configuration in one call.
 *
 * <p>Leave {@code nIn} of the convolution unset and give the configuration its input types: DL4J
 * then infers {@code nIn = channels + 2} (or {@code + 3} with the radius channel), so a CoordConv
 * layer with {@code c} input channels, {@code c'} filters and {@code k x k} kernels has {@code (c +
 * 2) c' k^2} weights plus {@code c'} biases.
 *
 * <pre>{@code
 * GraphBuilder graph = new NeuralNetConfiguration.Builder().graphBuilder().addInputs("image");
 * CoordConv.addLayers(graph, "conv1",
 *         new ConvolutionLayer.Builder(3, 3).nOut(16).build(), "image");
 * }</pre>
 */
public final class CoordConv {

    /** Suffix of the AddCoords vertex's name, after the convolution's name. */
    public static final String ADD_COORDS_SUFFIX = "-addcoords";

    private CoordConv() {}

    /**
     * Adds AddCoords with default options ([-1, 1], no radius) and then {@code convolution}.
     *
     * @return {@code graph}, for chaining; the convolution's vertex is called {@code name}
     */
    public static ComputationGraphConfiguration.GraphBuilder addLayers(
            ComputationGraphConfiguration.GraphBuilder graph,
            String name,
            ConvolutionLayer convolution,
            String... inputs) {
        return addLayers(graph, name, new AddCoords.Builder().build(), convolution, inputs);
    }

    /**
     * Adds {@code addCoords} as vertex {@code name + "-addcoords"} on {@code inputs}, then {@code
     * convolution} as vertex {@code name} on it.
     *
     * @return {@code graph}, for chaining
     */
    public static ComputationGraphConfiguration.GraphBuilder addLayers(
            ComputationGraphConfiguration.GraphBuilder graph,
            String name,
            AddCoords addCoords,
            ConvolutionLayer convolution,
            String... inputs) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("CoordConv layer name must not be null or empty");
        }
        if (inputs == null || inputs.length == 0) {
            throw new IllegalArgumentException(
                    "CoordConv layer '" + name + "' needs at least one input vertex name");
        }
        requireLayer("addCoords", addCoords);
        requireLayer("convolution", convolution);
        String coordsName = name + ADD_COORDS_SUFFIX;
        graph.addLayer(coordsName, addCoords, inputs);
        graph.addLayer(name, convolution, coordsName);
        return graph;
    }

    /**
     * Appends AddCoords with default options and then {@code convolution} to a MultiLayerNetwork
     * configuration.
     *
     * @return {@code list}, for chaining
     */
    public static NeuralNetConfiguration.ListBuilder addLayers(
            NeuralNetConfiguration.ListBuilder list, ConvolutionLayer convolution) {
        return addLayers(list, new AddCoords.Builder().build(), convolution);
    }

    /**
     * Appends {@code addCoords} and then {@code convolution} to a MultiLayerNetwork configuration.
     *
     * @return {@code list}, for chaining
     */
    public static NeuralNetConfiguration.ListBuilder addLayers(
            NeuralNetConfiguration.ListBuilder list,
            AddCoords addCoords,
            ConvolutionLayer convolution) {
        requireLayer("addCoords", addCoords);
        requireLayer("convolution", convolution);
        return list.layer(addCoords).layer(convolution);
    }

    private static void requireLayer(String argument, Object layer) {
        if (layer == null) {
            throw new IllegalArgumentException(
                    "CoordConv.addLayers: " + argument + " must not be null; pass a built layer");
        }
    }
}
