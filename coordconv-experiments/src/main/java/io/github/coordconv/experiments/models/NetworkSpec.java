package io.github.coordconv.experiments.models;

import io.github.coordconv.layer.CoordinateRange;
import io.github.coordconv.layer.TileStyle;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * Architecture options of one model: the choices the CoordConv paper (Liu et al., NeurIPS 2018)
 * leaves open, each with the value of the authors' released code as its default ({@link
 * #defaults(Task, ModelType)}).
 *
 * <p>What each option sets, per model (see the model classes for the full layer lists):
 *
 * <ul>
 *   <li>{@code channels}: output channels of the hidden layers before the width multiplier, in
 *       order. The length is fixed per model: CoordConv classifier 4 ({@code 32, 32, 64, 64}),
 *       deconv 5 ({@code 64, 64, 64, 32, 32}), CoordConv regressor 4 ({@code 8, 8, 8, 8}), {@code
 *       conv-dense} 5 (four convolutions {@code 16} and the dense layer {@code 64}), {@code
 *       conv-gap} 8 ({@code 16} each), CoordConv renderer 8 (the classifier stack {@code 32, 32,
 *       64, 64}, then the painting convolutions {@code 8, 8, 16, 16}).
 *   <li>{@code widthMultiplier}: multiplies the channels, as the released {@code -mul} flag does:
 *       all of them, except the dense layer of {@code conv-dense} and the classifier stack of the
 *       CoordConv renderer, which the released code keeps fixed.
 *   <li>{@code filterSize}: kernel size of the layers whose size the released code takes from
 *       {@code -fs} (deconv layers, painting convolutions of the renderer), and of the hidden 1x1
 *       convolutions of the CoordConv classifier, the two 3x3 convolutions of the CoordConv
 *       regressor and the 3x3 convolutions of both conv regressors (chosen here, so that one field
 *       covers every model). The 5x5 and 1x1 layers of {@code conv-gap} are fixed. The renderer's
 *       default is 1, as in the authors' rendering sweep; the README command leaves {@code
 *       train.py}'s default of 3.
 *   <li>{@code convolutionMode}: padding of every convolution; {@code Same} in the released code.
 *       The deconv models need {@code Same} to go from 1 to 64 pixels in six stride-2 steps.
 *   <li>{@code activation}: activation after every hidden layer. ReLU in the released code, except
 *       the CoordConv regressor, which has none (identity).
 *   <li>{@code weightInit}: initialisation of the convolution kernels; He-normal ({@link
 *       WeightInit#RELU}, variance 2 / fan-in) in the released code. Dense layers of {@code
 *       conv-dense} always use Glorot-uniform, TensorFlow's default that the released code keeps.
 *   <li>{@code tileStyle}: how the CoordConv classifier and renderer spread {@code (x, y)} over the
 *       64x64 map; {@link TileStyle#PER_CHANNEL} in the released code.
 *   <li>{@code coordinateRange}, {@code withRadius}: the AddCoords channels of the CoordConv
 *       models; [-1, 1] without radius in the released code.
 *   <li>{@code coordinateScaling}: scaling of the {@code (x, y)} input of classification and
 *       rendering models; raw pixel indices in the released code.
 * </ul>
 *
 * @param channels output channels of the hidden layers before the width multiplier
 * @param widthMultiplier factor on the channels, at least 1
 * @param filterSize kernel size of the configurable layers, at least 1
 * @param convolutionMode padding mode of every convolution
 * @param activation activation after every hidden layer
 * @param weightInit initialisation of convolution kernels
 * @param tileStyle tiling of the coordinate input of CoordConv classifier and renderer
 * @param coordinateRange value range of the AddCoords channels
 * @param withRadius whether AddCoords appends the radius channel
 * @param coordinateScaling scaling of coordinate inputs
 */
public record NetworkSpec(
        List<Integer> channels,
        int widthMultiplier,
        int filterSize,
        ConvolutionMode convolutionMode,
        Activation activation,
        WeightInit weightInit,
        TileStyle tileStyle,
        CoordinateRange coordinateRange,
        boolean withRadius,
        CoordinateScaling coordinateScaling) {

    /** Checks every field and copies {@code channels}. */
    public NetworkSpec {
        requireNonNull(channels, "channels", "a list of positive channel counts");
        if (channels.isEmpty() || channels.stream().anyMatch(c -> c == null || c < 1)) {
            throw new IllegalArgumentException(
                    "network.channels must be a non-empty list of positive integers, but was "
                            + channels);
        }
        channels = List.copyOf(channels);
        if (widthMultiplier < 1) {
            throw new IllegalArgumentException(
                    "network.widthMultiplier must be at least 1, but was " + widthMultiplier);
        }
        if (filterSize < 1) {
            throw new IllegalArgumentException(
                    "network.filterSize must be at least 1, but was " + filterSize);
        }
        requireNonNull(convolutionMode, "convolutionMode", "Same, Truncate, Strict or Causal");
        requireNonNull(activation, "activation", "a DL4J Activation name such as RELU");
        requireNonNull(weightInit, "weightInit", "a DL4J WeightInit name such as RELU");
        requireNonNull(tileStyle, "tileStyle", "PER_CHANNEL or INTERLEAVED");
        requireNonNull(coordinateRange, "coordinateRange", "MINUS_ONE_TO_ONE or ZERO_TO_ONE");
        requireNonNull(coordinateScaling, "coordinateScaling", "raw or unit");
    }

    /**
     * Returns the released code's architecture for {@code model} on {@code task}, at the width
     * multiplier and filter size of the authors' sweeps ({@code experiment_logs.sh}) and README:
     * deconv {@code -mul 2 -fs 3}; CoordConv classifier and renderer {@code -mul 1 -fs 1}; conv
     * regressors {@code -mul 1}. These give the reported parameter counts.
     *
     * @throws IllegalArgumentException if {@code model} is not defined for {@code task}
     */
    public static NetworkSpec defaults(Task task, ModelType model) {
        model.checkSupports(task);
        List<Integer> channels;
        int multiplier = 1;
        int filterSize = 3;
        Activation activation = Activation.RELU;
        switch (model) {
            case COORDCONV -> {
                switch (task) {
                    case CLASSIFICATION -> {
                        channels = List.of(32, 32, 64, 64);
                        filterSize = 1;
                    }
                    case REGRESSION -> {
                        channels = List.of(8, 8, 8, 8);
                        activation = Activation.IDENTITY;
                    }
                    default -> {
                        channels = List.of(32, 32, 64, 64, 8, 8, 16, 16);
                        filterSize = 1;
                    }
                }
            }
            case DECONV -> {
                channels = List.of(64, 64, 64, 32, 32);
                multiplier = 2;
            }
            case CONV_DENSE -> channels = List.of(16, 16, 16, 16, 64);
            default -> channels = List.of(16, 16, 16, 16, 16, 16, 16, 16);
        }
        return new NetworkSpec(
                channels,
                multiplier,
                filterSize,
                ConvolutionMode.Same,
                activation,
                WeightInit.RELU,
                TileStyle.PER_CHANNEL,
                CoordinateRange.MINUS_ONE_TO_ONE,
                false,
                CoordinateScaling.RAW_PIXELS);
    }

    /** Returns hidden layer {@code index}'s channel count times the width multiplier. */
    public int scaledChannels(int index) {
        return channels.get(index) * widthMultiplier;
    }

    /** Returns a copy with other hidden-layer channel counts. */
    public NetworkSpec withChannels(List<Integer> channels) {
        return new NetworkSpec(
                channels,
                widthMultiplier,
                filterSize,
                convolutionMode,
                activation,
                weightInit,
                tileStyle,
                coordinateRange,
                withRadius,
                coordinateScaling);
    }

    /** Returns a copy with another width multiplier. */
    public NetworkSpec withWidthMultiplier(int widthMultiplier) {
        return new NetworkSpec(
                channels,
                widthMultiplier,
                filterSize,
                convolutionMode,
                activation,
                weightInit,
                tileStyle,
                coordinateRange,
                withRadius,
                coordinateScaling);
    }

    /** Returns a copy with another filter size. */
    public NetworkSpec withFilterSize(int filterSize) {
        return new NetworkSpec(
                channels,
                widthMultiplier,
                filterSize,
                convolutionMode,
                activation,
                weightInit,
                tileStyle,
                coordinateRange,
                withRadius,
                coordinateScaling);
    }

    /** Returns a copy with another hidden-layer activation. */
    public NetworkSpec withActivation(Activation activation) {
        return new NetworkSpec(
                channels,
                widthMultiplier,
                filterSize,
                convolutionMode,
                activation,
                weightInit,
                tileStyle,
                coordinateRange,
                withRadius,
                coordinateScaling);
    }

    /** Returns a copy with another kernel initialisation. */
    public NetworkSpec withWeightInit(WeightInit weightInit) {
        return new NetworkSpec(
                channels,
                widthMultiplier,
                filterSize,
                convolutionMode,
                activation,
                weightInit,
                tileStyle,
                coordinateRange,
                withRadius,
                coordinateScaling);
    }

    /** Returns a copy with another tile style. */
    public NetworkSpec withTileStyle(TileStyle tileStyle) {
        return new NetworkSpec(
                channels,
                widthMultiplier,
                filterSize,
                convolutionMode,
                activation,
                weightInit,
                tileStyle,
                coordinateRange,
                withRadius,
                coordinateScaling);
    }

    /** Returns a copy with other AddCoords options. */
    public NetworkSpec withCoordinates(CoordinateRange coordinateRange, boolean withRadius) {
        return new NetworkSpec(
                channels,
                widthMultiplier,
                filterSize,
                convolutionMode,
                activation,
                weightInit,
                tileStyle,
                coordinateRange,
                withRadius,
                coordinateScaling);
    }

    /** Returns a copy with another scaling of coordinate inputs. */
    public NetworkSpec withCoordinateScaling(CoordinateScaling coordinateScaling) {
        return new NetworkSpec(
                channels,
                widthMultiplier,
                filterSize,
                convolutionMode,
                activation,
                weightInit,
                tileStyle,
                coordinateRange,
                withRadius,
                coordinateScaling);
    }

    /** Returns a copy with another padding mode. */
    public NetworkSpec withConvolutionMode(ConvolutionMode convolutionMode) {
        return new NetworkSpec(
                channels,
                widthMultiplier,
                filterSize,
                convolutionMode,
                activation,
                weightInit,
                tileStyle,
                coordinateRange,
                withRadius,
                coordinateScaling);
    }

    private static void requireNonNull(Object value, String field, String validValues) {
        if (value == null) {
            throw new IllegalArgumentException(
                    "network." + field + " is missing: expected " + validValues);
        }
    }
}
