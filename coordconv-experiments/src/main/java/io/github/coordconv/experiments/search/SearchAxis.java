package io.github.coordconv.experiments.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coordconv.experiments.train.RunSpec;
import io.github.coordconv.layer.CoordinateRange;
import io.github.coordconv.layer.TileStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.nd4j.linalg.activations.Activation;

/**
 * One searchable setting of a {@link RunSpec}. Each axis parses its values from JSON and applies
 * one value to a spec; the JSON name is {@link #key()}, e.g. {@code learningRate}.
 */
public enum SearchAxis {
    /** Activation after every hidden layer: a DL4J {@link Activation} name, e.g. {@code relu}. */
    ACTIVATION("activation"),
    /** Hidden-layer channel counts before the width multiplier: a list of integers. */
    CHANNELS("channels"),
    /** Width multiplier of the channels, at least 1. */
    WIDTH_MULTIPLIER("widthMultiplier"),
    /** Kernel size of the configurable layers (see {@code NetworkSpec}), at least 1. */
    FILTER_SIZE("filterSize"),
    /** Tiling of the coordinate input: {@code PER_CHANNEL} or {@code INTERLEAVED}. */
    TILE_STYLE("tileStyle"),
    /** Range of the AddCoords channels: {@code MINUS_ONE_TO_ONE} or {@code ZERO_TO_ONE}. */
    COORDINATE_RANGE("coordinateRange"),
    /** Whether AddCoords appends the radius channel. */
    WITH_RADIUS("withRadius"),
    /** Initial learning rate of Adam, above 0. */
    LEARNING_RATE("learningRate"),
    /** L2 strength on convolution kernels, at least 0. */
    L2("l2"),
    /** Training minibatch size, at least 1. */
    BATCH_SIZE("batchSize");

    private final String key;

    SearchAxis(String key) {
        this.key = key;
    }

    /** Returns the JSON and command-line name of this axis. */
    public String key() {
        return key;
    }

    /**
     * Returns the axis named {@code key}.
     *
     * @throws IllegalArgumentException if no axis has that name; the message lists the names
     */
    public static SearchAxis fromKey(String key) {
        for (SearchAxis axis : values()) {
            if (axis.key.equals(key)) {
                return axis;
            }
        }
        throw new IllegalArgumentException(
                "Unknown search axis '" + key + "': expected one of " + keys());
    }

    /** Returns the names of all axes, comma-separated. */
    public static String keys() {
        return Arrays.stream(values()).map(SearchAxis::key).collect(Collectors.joining(", "));
    }

    /**
     * Parses one value of this axis from JSON.
     *
     * @throws IllegalArgumentException if the value has the wrong type or is not a valid name
     */
    public Object parse(JsonNode node) {
        return switch (this) {
            case ACTIVATION -> parseEnum(Activation.class, node);
            case TILE_STYLE -> parseEnum(TileStyle.class, node);
            case COORDINATE_RANGE -> parseEnum(CoordinateRange.class, node);
            case WITH_RADIUS -> {
                require(node.isBoolean(), node, "true or false");
                yield node.booleanValue();
            }
            case LEARNING_RATE, L2 -> {
                require(node.isNumber(), node, "a number");
                yield node.doubleValue();
            }
            case WIDTH_MULTIPLIER, FILTER_SIZE, BATCH_SIZE -> {
                require(node.isIntegralNumber(), node, "an integer");
                yield node.intValue();
            }
            case CHANNELS -> {
                require(node.isArray(), node, "a list of integers such as [32, 32, 64, 64]");
                List<Integer> channels = new ArrayList<>();
                for (JsonNode element : node) {
                    require(element.isIntegralNumber(), node, "a list of integers");
                    channels.add(element.intValue());
                }
                yield List.copyOf(channels);
            }
        };
    }

    /**
     * Returns {@code spec} with this axis set to {@code value}, a value returned by {@link #parse}.
     *
     * @throws IllegalArgumentException if the value is invalid for the spec's model
     */
    @SuppressWarnings("unchecked")
    public RunSpec apply(RunSpec spec, Object value) {
        return switch (this) {
            case ACTIVATION -> spec.withNetwork(spec.network().withActivation((Activation) value));
            case CHANNELS -> spec.withNetwork(spec.network().withChannels((List<Integer>) value));
            case WIDTH_MULTIPLIER ->
                    spec.withNetwork(spec.network().withWidthMultiplier((Integer) value));
            case FILTER_SIZE -> spec.withNetwork(spec.network().withFilterSize((Integer) value));
            case TILE_STYLE -> spec.withNetwork(spec.network().withTileStyle((TileStyle) value));
            case COORDINATE_RANGE ->
                    spec.withNetwork(
                            spec.network()
                                    .withCoordinates(
                                            (CoordinateRange) value, spec.network().withRadius()));
            case WITH_RADIUS ->
                    spec.withNetwork(
                            spec.network()
                                    .withCoordinates(
                                            spec.network().coordinateRange(), (Boolean) value));
            case LEARNING_RATE ->
                    spec.withOptimizer(spec.optimizer().withLearningRate((Double) value));
            case L2 -> spec.withOptimizer(spec.optimizer().withL2((Double) value));
            case BATCH_SIZE -> spec.withTraining(spec.training().withBatchSize((Integer) value));
        };
    }

    private <E extends Enum<E>> E parseEnum(Class<E> type, JsonNode node) {
        require(node.isTextual(), node, "a name");
        String name = node.textValue().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "Invalid value %s for search axis %s: expected one of %s",
                            node,
                            key,
                            Arrays.toString(type.getEnumConstants())),
                    e);
        }
    }

    private void require(boolean valid, JsonNode node, String expected) {
        if (!valid) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "Invalid value %s for search axis %s: expected %s",
                            node,
                            key,
                            expected));
        }
    }
}
