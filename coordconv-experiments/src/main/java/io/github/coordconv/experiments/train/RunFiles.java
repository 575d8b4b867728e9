package io.github.coordconv.experiments.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Names of the files {@link Runner} writes into a run directory, and the check that keeps it from
 * overwriting an earlier run.
 */
public final class RunFiles {

    /** The full spec with environment. */
    public static final String SPEC = "spec.json";

    /** Metrics of every epoch, one CSV row each. */
    public static final String METRICS = "metrics.csv";

    /** The {@link RunResult} as JSON. */
    public static final String RESULT = "result.json";

    /** The trained network with updater state, written by DL4J's {@code ModelSerializer}. */
    public static final String MODEL = "model.zip";

    /** Training curves: primary metric and losses per epoch. */
    public static final String CURVES = "training-curves.png";

    /** Predicted next to true outputs for test examples. */
    public static final String PREDICTIONS = "predictions.png";

    /**
     * DL4J training stats (score, learning rates, parameter and update histograms) written by a
     * {@code StatsListener} into a {@code FileStatsStorage}. The DL4J UI shows them: {@code
     * coordconv ui --stats FILE}.
     */
    public static final String STATS = "stats.dl4j";

    /** Every file a run writes. */
    public static final List<String> ALL =
            List.of(SPEC, METRICS, RESULT, MODEL, CURVES, PREDICTIONS, STATS);

    private RunFiles() {}

    /**
     * Creates {@code directory} if needed and checks that it contains no earlier run. With {@code
     * force}, the files of an earlier run (the names in {@link #ALL}) are deleted.
     *
     * @throws IllegalStateException if {@code directory} contains files of an earlier run and
     *     {@code force} is false, or contains any other file; the message lists them
     * @throws UncheckedIOException if the directory cannot be created or read
     */
    public static void prepare(Path directory, boolean force) {
        try {
            Files.createDirectories(directory);
            List<String> existing = new ArrayList<>();
            try (Stream<Path> entries = Files.list(directory)) {
                entries.forEach(entry -> existing.add(entry.getFileName().toString()));
            }
            List<String> runFiles = existing.stream().filter(ALL::contains).toList();
            List<String> others = existing.stream().filter(name -> !ALL.contains(name)).toList();
            if (!runFiles.isEmpty() && !force) {
                throw new IllegalStateException(
                        "Run directory "
                                + directory
                                + " already contains a run ("
                                + String.join(", ", runFiles)
                                + "). Choose another directory or pass force to overwrite it.");
            }
            if (!others.isEmpty()) {
                throw new IllegalStateException(
                        "Run directory "
                                + directory
                                + " contains other files ("
                                + String.join(", ", others)
                                + "). Choose an empty or new directory.");
            }
            for (String name : runFiles) {
                Files.delete(directory.resolve(name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to prepare run directory " + directory, e);
        }
    }
}
