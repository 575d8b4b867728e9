package io.github.coordconv.experiments.models;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;

/**
 * Deconvolution baseline of supervised rendering ({@code DeconvPainter} trained on the square
 * images, architecture {@code deconv_rendering} in the released code).
 *
 * <p>The {@link DeconvClassifier} stack, input {@code coordinates} {@code (batch, 2)}, with the
 * per-pixel output of {@link CoordConvRenderer}: {@code output} contains the logits {@code (batch,
 * 4096)}, row-major, compared with the target image by {@link SigmoidCrossEntropyLoss}. Parameters
 * equal those of the classifier: 409,921 trainable at width multiplier 2 and filter size 3.
 */
public final class DeconvRenderer {

    private DeconvRenderer() {}

    /** Returns the graph configuration, input types set so every {@code nIn} is inferred. */
    public static ComputationGraphConfiguration configuration(
            NetworkSpec network, GraphSettings settings) {
        ModelFactory.validate(Task.RENDERING, ModelType.DECONV, network);
        GraphBuilder graph = GraphParts.graph(settings);
        String coordinates = GraphParts.addCoordinateInput(graph, network);
        String logits = DeconvClassifier.addStack(graph, network, settings, coordinates);
        CoordConvRenderer.addPixelLoss(graph, logits);
        return graph.build();
    }
}
