package io.github.coordconv.experiments.models;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.nd4j.linalg.activations.Activation;

/**
 * CoordConv model of supervised rendering ({@code CoordConvImagePainter}, version {@code working},
 * in the released code).
 *
 * <p>Input {@code coordinates}: {@code (batch, 2)}. The {@link CoordConvClassifier} stack (tile,
 * AddCoords, convolutions 32, 32, 64, 64 and a 1x1 convolution to one channel) gives logits over
 * the 64x64 pixels; a softmax over the 4,096 flattened pixels turns them into a probability map,
 * which is reshaped to {@code (batch, 1, 64, 64)}. Four {@code filterSize} convolutions with {@code
 * 8m, 8m, 16m, 16m} filters ('same' padding, activation ReLU, {@code m} = width multiplier) and one
 * to a single channel paint the square. The output {@code output} contains the per-pixel logits,
 * {@code (batch, 4096)} flattened row-major ({@code y * 64 + x}); {@link SigmoidCrossEntropyLoss}
 * compares their sigmoid with the target image. The released code applies the width multiplier only
 * to the painting convolutions, and so does this class.
 *
 * <p>Parameters at the defaults (filter size 1, {@code m} = 1, as in the authors' rendering sweep):
 * 7,553 for the classifier stack plus (8 + 8) + (8 * 8 + 8) + (8 * 16 + 16) + (16 * 16 + 16) + (16
 * + 1) = 521 for painting, 8,074 in all, the "about 8k" reported for this model. With 1x1 painting
 * convolutions the square must already take shape in the softmax map. The classifier stack can draw
 * it, because ReLU layers on the offsets {@code x - i} and {@code y - j} can compute {@code max(|x
 * - i|, |y - j|)}. The README command keeps {@code train.py}'s filter size 3: 4,297 painting
 * parameters, 11,850 in all.
 */
public final class CoordConvRenderer {

    /** Painting convolutions before the last, one-channel one. */
    static final int PAINTING_LAYERS = 4;

    private CoordConvRenderer() {}

    /** Returns the graph configuration, input types set so every {@code nIn} is inferred. */
    public static ComputationGraphConfiguration configuration(
            NetworkSpec network, GraphSettings settings) {
        ModelFactory.validate(Task.RENDERING, ModelType.COORDCONV, network);
        GraphBuilder graph = GraphParts.graph(settings);
        String coordinates = GraphParts.addCoordinateInput(graph, network);
        String centreLogits =
                CoordConvClassifier.addStack(graph, network, settings, coordinates, 1, 1);
        graph.addLayer("softmax", GraphParts.activation(Activation.SOFTMAX), centreLogits);
        graph.inputPreProcessor(
                "softmax",
                new CnnToFeedForwardPreProcessor(GraphParts.CANVAS, GraphParts.CANVAS, 1));

        String previous = "softmax";
        int offset = CoordConvClassifier.HIDDEN_LAYERS;
        for (int i = 0; i < PAINTING_LAYERS; i++) {
            String name = "paint" + (i + 1);
            graph.addLayer(
                    name,
                    GraphParts.conv(
                            network,
                            settings,
                            network.filterSize(),
                            1,
                            network.scaledChannels(offset + i),
                            network.activation()),
                    previous);
            previous = name;
        }
        graph.inputPreProcessor(
                "paint1",
                new FeedForwardToCnnPreProcessor(GraphParts.CANVAS, GraphParts.CANVAS, 1));
        graph.addLayer(
                "paint-logits",
                GraphParts.conv(network, settings, network.filterSize(), 1, 1, Activation.IDENTITY),
                previous);
        addPixelLoss(graph, "paint-logits");
        return graph.build();
    }

    /** Adds the per-pixel sigmoid cross-entropy output on a {@code (batch, 1, 64, 64)} vertex. */
    static void addPixelLoss(GraphBuilder graph, String logits) {
        graph.addLayer(
                        ModelFactory.OUTPUT,
                        new LossLayer.Builder(new SigmoidCrossEntropyLoss())
                                .activation(Activation.IDENTITY)
                                .build(),
                        logits)
                .setOutputs(ModelFactory.OUTPUT)
                .setInputTypes(InputType.feedForward(2));
    }
}
