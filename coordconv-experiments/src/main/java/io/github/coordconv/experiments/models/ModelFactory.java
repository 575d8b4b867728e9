package io.github.coordconv.experiments.models;

import java.util.Locale;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Builds the ComputationGraph of any (task, model) pair, each from its own class: {@link
 * CoordConvClassifier}, {@link DeconvClassifier}, {@link CoordConvRegressor}, {@link
 * ConvDenseRegressor}, {@link ConvGlobalPoolRegressor}, {@link CoordConvRenderer} and {@link
 * DeconvRenderer}.
 *
 * <p>Every graph has one input, {@value #COORDINATES} ({@code (batch, 2)}, raw pixel column x and
 * row y) for classification and rendering or {@value #IMAGE} ({@code (batch, 1, 64, 64)} NCHW) for
 * regression, and one output layer, {@value #OUTPUT}: softmax probabilities {@code (batch, 4096)}
 * for classification, {@code (x/64, y/64)} as {@code (batch, 2)} for regression, and per-pixel
 * logits {@code (batch, 4096)} for rendering. Flattened pixels are row-major: pixel (row y, column
 * x) is at index {@code y * 64 + x}.
 */
public final class ModelFactory {

    /** Name of the input vertex of classification and rendering models. */
    public static final String COORDINATES = "coordinates";

    /** Name of the input vertex of regression models. */
    public static final String IMAGE = "image";

    /** Name of the output layer of every model. */
    public static final String OUTPUT = "output";

    private ModelFactory() {}

    /**
     * Returns the configuration of {@code model} for {@code task}.
     *
     * @throws IllegalArgumentException if the model is not defined for the task or {@code network}
     *     does not fit it; the message names the field and the expected value
     */
    public static ComputationGraphConfiguration configuration(
            Task task, ModelType model, NetworkSpec network, GraphSettings settings) {
        model.checkSupports(task);
        return switch (task) {
            case CLASSIFICATION ->
                    model == ModelType.COORDCONV
                            ? CoordConvClassifier.configuration(network, settings)
                            : DeconvClassifier.configuration(network, settings);
            case REGRESSION ->
                    switch (model) {
                        case COORDCONV -> CoordConvRegressor.configuration(network, settings);
                        case CONV_DENSE -> ConvDenseRegressor.configuration(network, settings);
                        default -> ConvGlobalPoolRegressor.configuration(network, settings);
                    };
            case RENDERING ->
                    model == ModelType.COORDCONV
                            ? CoordConvRenderer.configuration(network, settings)
                            : DeconvRenderer.configuration(network, settings);
        };
    }

    /** Returns an initialised network of {@code model} for {@code task}. */
    public static ComputationGraph create(
            Task task, ModelType model, NetworkSpec network, GraphSettings settings) {
        ComputationGraph graph =
                new ComputationGraph(configuration(task, model, network, settings));
        graph.init();
        return graph;
    }

    /** Returns the input shape of {@code task}'s models for {@code batch} examples. */
    public static long[] inputShape(Task task, long batch) {
        return task.takesCoordinates()
                ? new long[] {batch, 2}
                : new long[] {batch, 1, GraphParts.CANVAS, GraphParts.CANVAS};
    }

    /** Returns the output width of {@code task}'s models: 4,096 pixels or 2 coordinates. */
    public static int outputSize(Task task) {
        return task == Task.REGRESSION ? 2 : GraphParts.CANVAS * GraphParts.CANVAS;
    }

    /**
     * Checks that {@code network} fits {@code model} on {@code task}: the number of channel entries
     * and, for the deconv models, 'same' padding.
     *
     * @throws IllegalArgumentException naming the field, its value and what is expected
     */
    public static void validate(Task task, ModelType model, NetworkSpec network) {
        model.checkSupports(task);
        int expected = NetworkSpec.defaults(task, model).channels().size();
        if (network.channels().size() != expected) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "network.channels of model '%s' for task '%s' must have %d entries"
                                    + " (default %s), but was %s",
                            model.cliName(),
                            task.cliName(),
                            expected,
                            NetworkSpec.defaults(task, model).channels(),
                            network.channels()));
        }
        if (model == ModelType.DECONV && network.convolutionMode() != ConvolutionMode.Same) {
            throw new IllegalArgumentException(
                    "network.convolutionMode of model 'deconv' must be Same, which doubles the"
                            + " map in each of the six stride-2 layers (1 to 64 pixels), but was "
                            + network.convolutionMode());
        }
    }
}
