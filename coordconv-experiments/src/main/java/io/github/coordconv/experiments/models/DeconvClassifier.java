package io.github.coordconv.experiments.models;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Deconvolution baseline of coordinate classification ({@code DeconvPainter} in the released code).
 *
 * <p>Input {@code coordinates}: {@code (batch, 2)}, reshaped to a 1x1 map with 2 channels. Six
 * stride-2 transposed convolutions ({@code filterSize} x {@code filterSize}, 'same' padding,
 * He-normal) grow it to 2, 4, 8, 16, 32 and 64 pixels with {@code 64m, 64m, 64m, 32m, 32m} and 1
 * channels ({@code m} = width multiplier); batch normalisation and the activation (ReLU) follow
 * every one but the last. The output {@code output} is the softmax over the 4,096 flattened pixels,
 * {@code (batch, 4096)}, index {@code y * 64 + x}, with multi-class cross-entropy.
 *
 * <p>Trainable parameters (kernels, biases, batch-norm gamma and beta, as TensorFlow counts them)
 * at {@code m = 2}, filter size 3: 2,432 + 147,584 + 147,584 + 73,792 + 36,928 + 577 + 2 * (128 * 3
 * + 64 * 2) = 409,921, as the released model counts. DL4J stores the batch-norm running mean and
 * variance as parameters too, so {@code numParams()} is 1,024 higher; see {@link ParameterCounts}.
 */
public final class DeconvClassifier {

    /** Hidden transposed convolutions before the last, one-channel one. */
    static final int HIDDEN_LAYERS = 5;

    private DeconvClassifier() {}

    /** Returns the graph configuration, input types set so every {@code nIn} is inferred. */
    public static ComputationGraphConfiguration configuration(
            NetworkSpec network, GraphSettings settings) {
        ModelFactory.validate(Task.CLASSIFICATION, ModelType.DECONV, network);
        GraphBuilder graph = GraphParts.graph(settings);
        String coordinates = GraphParts.addCoordinateInput(graph, network);
        String logits = addStack(graph, network, settings, coordinates);
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
     * Adds the six transposed convolutions on {@code input}, a {@code (batch, 2)} vertex.
     *
     * <p>NOTE: only the output sizes of DL4J's 'same' transposed convolutions are checked against
     * TensorFlow's. With even filter sizes (2, 4) the two may crop the extra row and column on
     * different sides, which shifts the map by a pixel.
     *
     * @return the name of the last vertex, whose output is {@code (batch, 1, 64, 64)} logits
     */
    static String addStack(
            GraphBuilder graph, NetworkSpec network, GraphSettings settings, String input) {
        String previous = input;
        for (int i = 0; i < HIDDEN_LAYERS; i++) {
            int index = i + 1;
            String deconv = "deconv" + index;
            graph.addLayer(
                    deconv,
                    GraphParts.deconv(network, settings, network.scaledChannels(i)),
                    previous);
            graph.addLayer("bn" + index, GraphParts.batchNorm(), deconv);
            graph.addLayer(
                    "act" + index, GraphParts.activation(network.activation()), "bn" + index);
            previous = "act" + index;
        }
        String last = "deconv" + (HIDDEN_LAYERS + 1);
        graph.addLayer(last, GraphParts.deconv(network, settings, 1), previous);
        graph.inputPreProcessor("deconv1", new FeedForwardToCnnPreProcessor(1, 1, 2));
        return last;
    }
}
