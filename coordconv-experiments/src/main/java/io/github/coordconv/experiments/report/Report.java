package io.github.coordconv.experiments.report;

import io.github.coordconv.experiments.models.Task;
import io.github.coordconv.experiments.train.Environment;
import io.github.coordconv.experiments.train.Json;
import io.github.coordconv.experiments.train.RunResult;
import io.github.coordconv.experiments.train.SplitMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the summary of a set of runs: {@value #RESULTS_JSON}, one {@link ResultRecord} per run,
 * and {@value #REPORT_MD}, a Markdown table of our numbers next to the reported ones ({@link
 * PaperResult}).
 */
public final class Report {

    private static final Logger log = LoggerFactory.getLogger(Report.class);

    /** One record per run. */
    public static final String RESULTS_JSON = "results.json";

    /** The Markdown report. */
    public static final String REPORT_MD = "report.md";

    private Report() {}

    /**
     * Checks that results can go into {@code directory}: it does not exist, is empty, or {@code
     * force} is set.
     *
     * @throws IllegalStateException if {@code directory} is a file, or a non-empty directory and
     *     {@code force} is false
     * @throws UncheckedIOException if the directory cannot be read
     */
    public static void checkWritable(Path directory, boolean force) {
        if (!Files.exists(directory)) {
            return;
        }
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException(
                    "Results directory " + directory + " is a file. Choose a directory path.");
        }
        try (Stream<Path> entries = Files.list(directory)) {
            if (entries.findAny().isPresent() && !force) {
                throw new IllegalStateException(
                        "Results directory "
                                + directory
                                + " is not empty. Choose a new directory or pass force to"
                                + " overwrite its results.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read results directory " + directory, e);
        }
    }

    /**
     * Writes {@value #RESULTS_JSON} and {@value #REPORT_MD} for {@code results} into {@code
     * directory}, creating it if needed.
     *
     * @throws IllegalStateException if either file exists and {@code force} is false
     * @throws IllegalArgumentException if {@code results} is empty
     * @throws UncheckedIOException if writing fails
     */
    public static void write(List<RunResult> results, Path directory, boolean force) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("No run results to report");
        }
        Path json = directory.resolve(RESULTS_JSON);
        Path markdown = directory.resolve(REPORT_MD);
        if (!force && (Files.exists(json) || Files.exists(markdown))) {
            throw new IllegalStateException(
                    "Results directory "
                            + directory
                            + " already holds "
                            + RESULTS_JSON
                            + " or "
                            + REPORT_MD
                            + ". Choose a new directory or pass force to overwrite them.");
        }
        List<ResultRecord> records = new ArrayList<>();
        for (RunResult result : results) {
            records.add(ResultRecord.of(result, directory));
        }
        try {
            Files.createDirectories(directory);
            Json.write(records, json);
            Files.writeString(markdown, markdown(results, records));
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write the report to " + directory, e);
        }
        log.info("Report of {} runs written to {} and {}", results.size(), json, markdown);
    }

    /** Returns the Markdown report of {@code results}. */
    static String markdown(List<RunResult> results, List<ResultRecord> records) {
        StringBuilder text = new StringBuilder();
        text.append("# CoordConv replication results\n\n");
        text.append(
                "Our runs next to the results reported for the CoordConv paper (Liu et al.,"
                        + " NeurIPS 2018). Train and test give the primary metric after the last"
                        + " epoch: accuracy for classification (most probable pixel = target"
                        + " pixel), exact-match rate for regression (prediction * 64, rounded, ="
                        + " target pixel), each with the mean distance in pixels between predicted"
                        + " and target position, and IoU of the thresholded image for"
                        + " rendering.\n\n");
        appendTable(text, results, records);
        appendSources(text, records);
        appendRuns(text, results.get(0).spec().environment());
        return text.toString();
    }

    private static void appendTable(
            StringBuilder text, List<RunResult> results, List<ResultRecord> records) {
        text.append(
                "| Task | Split | Model | Budget | Parameters | Epochs | Train | Test | Best test"
                        + " (epoch) | Reported train | Reported test | Seconds |\n");
        text.append("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        double totalSeconds = 0;
        for (int i = 0; i < records.size(); i++) {
            ResultRecord record = records.get(i);
            PaperResult paper = PaperResult.of(record.task(), record.split(), record.model());
            double bestTest = results.get(i).bestTest().primary(record.task());
            totalSeconds += record.totalSeconds();
            text.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %s | %s | %,d | %d | %s | %s | %s (%d) | %s | %s | %.0f"
                                    + " |\n",
                            record.task().cliName(),
                            record.split().cliName(),
                            record.model().cliName(),
                            record.budget(),
                            record.parameters(),
                            record.epochs(),
                            cell(record.task(), record.train()),
                            cell(record.task(), record.test()),
                            percent(bestTest),
                            record.bestEpoch(),
                            paper.train(),
                            paper.test(),
                            record.totalSeconds()));
        }
        text.append(
                String.format(
                        Locale.ROOT, "\nTotal wall time of the runs: %.0f s.\n", totalSeconds));
    }

    private static void appendSources(StringBuilder text, List<ResultRecord> records) {
        text.append("\n## Sources of the reported numbers\n\n");
        for (ResultRecord record : records) {
            PaperResult paper = PaperResult.of(record.task(), record.split(), record.model());
            text.append(
                    String.format(
                            Locale.ROOT,
                            "- %s / %s / %s: %s.\n",
                            record.task().cliName(),
                            record.split().cliName(),
                            record.model().cliName(),
                            paper.source()));
        }
    }

    private static void appendRuns(StringBuilder text, Environment environment) {
        text.append("\n## Runs\n\n");
        text.append(
                "Each run's full spec (architecture, optimiser, seeds, data, library versions and"
                        + " machine) is in the spec.json listed in results.json. Runs with the"
                        + " quick budget train a few capped epochs and evaluate a fixed random"
                        + " subset of each split, so they are a smoke test, not a replication of"
                        + " the paper's numbers.\n");
        if (environment == null) {
            return;
        }
        text.append(
                String.format(
                        Locale.ROOT,
                        "\nMachine of the first run: %s %s, %d cores, max heap %d MiB; Java %s;"
                                + " DL4J %s with %s; OMP_WAIT_POLICY %s, OPENBLAS_CORETYPE %s.\n",
                        environment.os(),
                        environment.arch(),
                        environment.cores(),
                        environment.maxHeapBytes() / (1024 * 1024),
                        environment.javaVersion(),
                        environment.dl4jVersion(),
                        environment.nd4jBackend(),
                        orUnset(environment.ompWaitPolicy()),
                        orUnset(environment.openblasCoreType())));
    }

    private static String orUnset(String value) {
        return value == null || value.isBlank() ? "unset" : value;
    }

    private static String cell(Task task, SplitMetrics metrics) {
        String primary = percent(metrics.primary(task));
        if (metrics.meanErrorPixels() != null) {
            return String.format(Locale.ROOT, "%s, %.2f px", primary, metrics.meanErrorPixels());
        }
        return primary;
    }

    private static String percent(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * value);
    }
}
