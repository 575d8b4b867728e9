package io.github.coordconv.experiments.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.coordconv.experiments.models.ModelType;
import io.github.coordconv.experiments.models.NetworkSpec;
import io.github.coordconv.experiments.models.Task;
import io.github.coordconv.layer.CoordinateRange;
import io.github.coordconv.layer.TileStyle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.activations.Activation;

/**
 * A named set of values per {@link SearchAxis} for one model type; every other setting keeps the
 * released default of the task and model. Axes are searched in insertion order.
 *
 * <p>Built-in spaces ({@link #builtIn}):
 *
 * <ul>
 *   <li>{@value #COORDCONV}: every CoordConv axis: activation (relu, leakyrelu, tanh, elu,
 *       identity), channel counts (default, halved, doubled), filter size, tile style
 *       (classification and rendering only), coordinate range, radius, learning rate, L2 and batch
 *       size.
 *   <li>{@value #COORDCONV_RELEASED}: the released CoordConv sweep, learning rate {0.001, 0.005,
 *       0.01} x L2 {0, 0.001} at batch 16 (6 candidates).
 *   <li>{@value #DECONV_SWEEP}: the released deconv sweep, filter size {2, 3, 4} x width multiplier
 *       {1, 2, 3} x 6 learning rates x L2 {0, 0.001, 0.01} x batch {16, 32} (324 candidates).
 * </ul>
 *
 * <p>A JSON file defines a space as {@code {"name": "...", "model": "coordconv", "axes":
 * {"learningRate": [0.001, 0.01], "tileStyle": ["PER_CHANNEL", "INTERLEAVED"]}}}.
 *
 * @param name name of the space, recorded in the search directory
 * @param model model type every candidate trains
 * @param axes values of each searched axis, each list non-empty
 */
public record SearchSpace(String name, ModelType model, Map<SearchAxis, List<Object>> axes) {

    /** Name of the built-in space over every CoordConv axis. */
    public static final String COORDCONV = "coordconv";

    /** Name of the built-in space of the released CoordConv learning-rate and L2 sweep. */
    public static final String COORDCONV_RELEASED = "coordconv-released";

    /** Name of the built-in space of the released deconv sweep. */
    public static final String DECONV_SWEEP = "deconv-sweep";

    /** Checks the fields and copies {@code axes}, keeping its order. */
    public SearchSpace {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Search space name is missing");
        }
        if (model == null) {
            throw new IllegalArgumentException(
                    "Search space " + name + " has no model: expected " + ModelType.names());
        }
        if (axes == null || axes.isEmpty()) {
            throw new IllegalArgumentException(
                    "Search space " + name + " has no axes: expected some of " + SearchAxis.keys());
        }
        Map<SearchAxis, List<Object>> copy = new LinkedHashMap<>();
        for (Map.Entry<SearchAxis, List<Object>> entry : axes.entrySet()) {
            if (entry.getValue() == null || entry.getValue().isEmpty()) {
                throw new IllegalArgumentException(
                        "Search space "
                                + name
                                + ": axis "
                                + entry.getKey().key()
                                + " has no values");
            }
            copy.put(entry.getKey(), List.copyOf(entry.getValue()));
        }
        axes = java.util.Collections.unmodifiableMap(copy);
    }

    /** Returns the number of points of the full grid: the product of the axes' value counts. */
    public long gridSize() {
        long size = 1;
        for (List<Object> values : axes.values()) {
            size *= values.size();
        }
        return size;
    }

    /**
     * Returns the built-in space {@code name} for {@code task}.
     *
     * @throws IllegalArgumentException if no built-in space has that name, or its model is not
     *     defined for {@code task}
     */
    public static SearchSpace builtIn(String name, Task task) {
        Map<SearchAxis, List<Object>> axes = new LinkedHashMap<>();
        ModelType model;
        switch (name) {
            case COORDCONV -> {
                model = ModelType.COORDCONV;
                model.checkSupports(task);
                List<Integer> channels = NetworkSpec.defaults(task, model).channels();
                axes.put(
                        SearchAxis.ACTIVATION,
                        List.of(
                                Activation.RELU,
                                Activation.LEAKYRELU,
                                Activation.TANH,
                                Activation.ELU,
                                Activation.IDENTITY));
                axes.put(
                        SearchAxis.CHANNELS,
                        List.of(channels, scale(channels, 0.5), scale(channels, 2)));
                axes.put(
                        SearchAxis.FILTER_SIZE,
                        task == Task.REGRESSION ? List.of(3, 5) : List.of(1, 3));
                if (task != Task.REGRESSION) {
                    axes.put(
                            SearchAxis.TILE_STYLE,
                            List.of(TileStyle.PER_CHANNEL, TileStyle.INTERLEAVED));
                }
                axes.put(
                        SearchAxis.COORDINATE_RANGE,
                        List.of(CoordinateRange.MINUS_ONE_TO_ONE, CoordinateRange.ZERO_TO_ONE));
                axes.put(SearchAxis.WITH_RADIUS, List.of(false, true));
                axes.put(SearchAxis.LEARNING_RATE, List.of(0.001, 0.005, 0.01));
                axes.put(SearchAxis.L2, List.of(0.0, 0.001));
                axes.put(
                        SearchAxis.BATCH_SIZE,
                        task == Task.REGRESSION ? List.of(32, 256) : List.of(16, 32));
            }
            case COORDCONV_RELEASED -> {
                model = ModelType.COORDCONV;
                model.checkSupports(task);
                axes.put(SearchAxis.LEARNING_RATE, List.of(0.001, 0.005, 0.01));
                axes.put(SearchAxis.L2, List.of(0.0, 0.001));
                axes.put(SearchAxis.BATCH_SIZE, List.of(16));
            }
            case DECONV_SWEEP -> {
                model = ModelType.DECONV;
                model.checkSupports(task);
                axes.put(SearchAxis.FILTER_SIZE, List.of(2, 3, 4));
                axes.put(SearchAxis.WIDTH_MULTIPLIER, List.of(1, 2, 3));
                // NOTE: the released sweep spans 0.001 to 0.05 in six rates; the four in between
                // are not in our source, so these are an assumption.
                axes.put(SearchAxis.LEARNING_RATE, List.of(0.001, 0.002, 0.005, 0.01, 0.02, 0.05));
                axes.put(SearchAxis.L2, List.of(0.0, 0.001, 0.01));
                axes.put(SearchAxis.BATCH_SIZE, List.of(16, 32));
            }
            default ->
                    throw new IllegalArgumentException(
                            "Unknown search space '"
                                    + name
                                    + "': expected "
                                    + String.join(", ", COORDCONV, COORDCONV_RELEASED, DECONV_SWEEP)
                                    + ", or a file with --space-file");
        }
        return new SearchSpace(name, model, axes);
    }

    /**
     * Reads a space from a JSON file (format in the class comment).
     *
     * @throws IllegalArgumentException if the file is not valid JSON or names an unknown axis,
     *     model or value; the message names the file
     * @throws UncheckedIOException if the file cannot be read
     */
    public static SearchSpace fromJson(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    "Search space file "
                            + file.toAbsolutePath().normalize()
                            + (Files.isDirectory(file) ? " is a directory" : " not found")
                            + ". Pass a JSON file to --space-file, or a built-in space to"
                            + " --space.");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "Search space file " + file + " is not valid JSON: " + e.getOriginalMessage(),
                    e);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(
                    "Search space file " + file + " is not UTF-8 text. Pass a JSON file.", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read search space file " + file, e);
        }
        try {
            JsonNode axesNode = root.path("axes");
            if (!axesNode.isObject()) {
                throw new IllegalArgumentException(
                        "\"axes\" is missing: expected an object of axis name to list of values");
            }
            Map<SearchAxis, List<Object>> axes = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = axesNode.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                SearchAxis axis = SearchAxis.fromKey(field.getKey());
                if (!field.getValue().isArray()) {
                    throw new IllegalArgumentException(
                            "Axis " + axis.key() + " must be a list of values");
                }
                List<Object> values = new ArrayList<>();
                for (JsonNode value : field.getValue()) {
                    values.add(axis.parse(value));
                }
                axes.put(axis, values);
            }
            String name = root.path("name").asText(file.getFileName().toString());
            ModelType model = ModelType.fromName(root.path("model").asText("coordconv"));
            return new SearchSpace(name, model, axes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Invalid search space file " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<Integer> scale(List<Integer> channels, double factor) {
        return channels.stream().map(c -> Math.max(1, (int) Math.round(c * factor))).toList();
    }
}
