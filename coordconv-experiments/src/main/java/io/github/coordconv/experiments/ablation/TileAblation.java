package io.github.coordconv.experiments.ablation;

import io.github.coordconv.experiments.data.Centre;
import io.github.coordconv.experiments.data.NotSoClevrData;
import io.github.coordconv.experiments.data.Split;
import io.github.coordconv.experiments.models.ModelType;
import io.github.coordconv.experiments.models.Task;
import io.github.coordconv.experiments.train.Json;
import io.github.coordconv.experiments.train.RunFiles;
import io.github.coordconv.experiments.train.RunListener;
import io.github.coordconv.experiments.train.RunResult;
import io.github.coordconv.experiments.train.RunSpec;
import io.github.coordconv.experiments.train.Runner;
import io.github.coordconv.experiments.train.TrainingSpec;
import io.github.coordconv.layer.TileStyle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tile ablation: trains the CoordConv classifier (1x1 convolutions) once with each {@link
 * TileStyle} on the same split, budget and seed, and writes into one directory:
 *
 * <ul>
 *   <li>{@code per-channel/} and {@code interleaved/}: the run directories {@link Runner} writes;
 *   <li>{@value #SUMMARY}: the accuracies of both runs;
 *   <li>{@value #OUTPUT_MAPS}: the logits of the interleaved model for a few test centres (see
 *       {@link OutputMaps}).
 * </ul>
 *
 * <p>With {@link TileStyle#PER_CHANNEL} the receptive field of every pixel contains both x and y,
 * so 1x1 convolutions can solve the task exactly. With {@link TileStyle#INTERLEAVED} the pixel at
 * row-major position {@code k} holds x for even {@code k} and y for odd {@code k}; on a
 * 64-pixel-wide map that means even columns contain only x and odd columns only y. The best a 1x1
 * stack can then do is light up the target column in even columns and the target row in odd
 * columns: a cross, whose maximum lands on the target pixel only by chance.
 */
public final class TileAblation {

    private static final Logger log = LoggerFactory.getLogger(TileAblation.class);

    /** File name of the summary: a list of {@link TileStyleResult}. */
    public static final String SUMMARY = "ablation.json";

    /** File name of the interleaved model's output maps. */
    public static final String OUTPUT_MAPS = "interleaved-output-maps.png";

    /** Test centres shown in {@value #OUTPUT_MAPS}. */
    public static final int MAPPED_EXAMPLES = 4;

    private TileAblation() {}

    /** Returns the directory name of the run with {@code style}, e.g. {@code per-channel}. */
    public static String directoryName(TileStyle style) {
        return style.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Returns the run spec of the CoordConv classifier with {@code style} on {@code split}: the
     * released architecture and optimiser, with {@code training} and {@code seed}.
     */
    public static RunSpec spec(TileStyle style, Split split, TrainingSpec training, long seed) {
        RunSpec defaults = RunSpec.defaults(Task.CLASSIFICATION, split, ModelType.COORDCONV);
        return defaults.withNetwork(defaults.network().withTileStyle(style))
                .withTraining(training)
                .withSeed(seed);
    }

    /**
     * Trains both tile styles and writes the files listed in the class comment into {@code
     * directory}.
     *
     * @param split train/test split of the data
     * @param training minibatches, epochs and evaluation of each run
     * @param seed seed of both runs
     * @param directory output directory; created if needed
     * @param force whether to replace the files of an earlier ablation in {@code directory}
     * @return one result per tile style, per-channel first
     * @throws IllegalStateException if {@code directory} is not empty and {@code force} is false,
     *     or contains files an ablation does not write
     * @throws UncheckedIOException if a file cannot be read or written
     */
    public static List<TileStyleResult> run(
            Split split, TrainingSpec training, long seed, Path directory, boolean force) {
        prepare(directory, force);
        NotSoClevrData data = null;
        List<TileStyleResult> results = new ArrayList<>();
        for (TileStyle style : TileStyle.values()) {
            RunSpec spec = spec(style, split, training, seed);
            if (data == null) {
                data = spec.loadData();
            }
            Path runDirectory = directory.resolve(directoryName(style));
            log.info("Tile ablation: training with tile style {}", style);
            RunResult result = Runner.run(spec, data, runDirectory, RunListener.NONE);
            results.add(TileStyleResult.of(style, result));
        }
        Json.write(results, directory.resolve(SUMMARY));

        Path interleaved = directory.resolve(directoryName(TileStyle.INTERLEAVED));
        ComputationGraph graph = restore(interleaved.resolve(RunFiles.MODEL));
        List<Centre> centres = spread(data.test(), MAPPED_EXAMPLES);
        OutputMaps.write(graph, centres, directory.resolve(OUTPUT_MAPS));
        for (TileStyleResult result : results) {
            log.info(
                    "Tile ablation: {} train accuracy {}, test accuracy {}",
                    result.tileStyle(),
                    result.trainAccuracy(),
                    result.testAccuracy());
        }
        return results;
    }

    /** Returns the logits {@code (n, 1, 64, 64)} of {@code graph} for {@code centres}. */
    public static INDArray logits(ComputationGraph graph, List<Centre> centres) {
        INDArray inputs = Nd4j.create(centres.size(), 2);
        for (int i = 0; i < centres.size(); i++) {
            inputs.putScalar(i, 0, centres.get(i).x());
            inputs.putScalar(i, 1, centres.get(i).y());
        }
        INDArray typed = inputs.castTo(graph.params().dataType());
        Map<String, INDArray> activations = graph.feedForward(new INDArray[] {typed}, false);
        return activations.get(OutputMaps.LOGITS).dup();
    }

    private static ComputationGraph restore(Path model) {
        try {
            return ModelSerializer.restoreComputationGraph(model.toFile(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read model " + model, e);
        }
    }

    private static List<Centre> spread(List<Centre> centres, int count) {
        int n = Math.min(centres.size(), count);
        List<Centre> picked = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            picked.add(
                    centres.get((int) ((long) i * centres.size() / n + centres.size() / (2L * n))));
        }
        return picked;
    }

    /** Creates {@code directory}, or checks it is empty, or with {@code force} clears it. */
    private static void prepare(Path directory, boolean force) {
        Map<String, Boolean> known = new LinkedHashMap<>();
        for (TileStyle style : TileStyle.values()) {
            known.put(directoryName(style), true);
        }
        known.put(SUMMARY, false);
        known.put(OUTPUT_MAPS, false);
        try {
            Files.createDirectories(directory);
            List<String> existing = new ArrayList<>();
            try (Stream<Path> entries = Files.list(directory)) {
                entries.forEach(entry -> existing.add(entry.getFileName().toString()));
            }
            List<String> unknown = existing.stream().filter(n -> !known.containsKey(n)).toList();
            if (!unknown.isEmpty()) {
                throw new IllegalStateException(
                        "Ablation directory "
                                + directory
                                + " contains other files ("
                                + String.join(", ", unknown)
                                + "). Choose an empty or new directory.");
            }
            if (!existing.isEmpty() && !force) {
                throw new IllegalStateException(
                        "Ablation directory "
                                + directory
                                + " already contains an ablation ("
                                + String.join(", ", existing)
                                + "). Choose another directory or pass --force to replace it.");
            }
            for (String name : existing) {
                Path path = directory.resolve(name);
                if (known.get(name)) {
                    RunFiles.prepare(path, true);
                } else {
                    Files.delete(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to prepare ablation directory " + directory, e);
        }
    }
}
