package io.github.coordconv.examples.cli;

import io.github.coordconv.experiments.models.Task;
import io.github.coordconv.experiments.report.PaperResult;
import io.github.coordconv.experiments.train.RunResult;
import io.github.coordconv.experiments.train.SplitMetrics;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plain-text table of finished runs with the results reported for the CoordConv paper beside them,
 * aligned for a terminal. {@code report.md} contains the same numbers as Markdown.
 */
final class ResultsTable {

    private static final List<String> HEADER =
            List.of(
                    "Task",
                    "Split",
                    "Model",
                    "Params",
                    "Train",
                    "Test",
                    "Reported train",
                    "Reported test",
                    "Seconds");

    /** Columns aligned to the right: parameters and seconds. */
    private static final List<Integer> NUMERIC = List.of(3, 8);

    private ResultsTable() {}

    /** Prints the table of {@code results}, a legend of the metrics and the total wall time. */
    static void print(List<RunResult> results, PrintWriter out) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        double totalSeconds = 0;
        for (RunResult result : results) {
            rows.add(row(result));
            totalSeconds += result.totalSeconds();
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int column = 0; column < row.size(); column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        for (List<String> row : rows) {
            out.println(formatRow(row, widths));
        }
        out.println();
        out.println(
                "Train and test: accuracy (classification), exact-match rate (regression) or IoU"
                        + " (rendering) after the last epoch; px is the mean distance in pixels"
                        + " between predicted and target position.");
        out.printf(Locale.ROOT, "Total wall time of the runs: %.0f s.%n", totalSeconds);
        out.flush();
    }

    private static List<String> row(RunResult result) {
        Task task = result.spec().task();
        PaperResult paper = PaperResult.of(task, result.spec().split(), result.spec().model());
        return List.of(
                task.cliName(),
                result.spec().split().cliName(),
                result.spec().model().cliName(),
                String.format(Locale.ROOT, "%,d", result.parameters()),
                metric(task, result.finalTrain()),
                metric(task, result.finalTest()),
                paper.train(),
                paper.test(),
                String.format(Locale.ROOT, "%.0f", result.totalSeconds()));
    }

    private static String formatRow(List<String> row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < row.size(); column++) {
            if (column > 0) {
                line.append("  ");
            }
            String cell = row.get(column);
            String padding = " ".repeat(widths[column] - cell.length());
            if (NUMERIC.contains(column)) {
                line.append(padding).append(cell);
            } else {
                line.append(cell).append(padding);
            }
        }
        return line.toString().stripTrailing();
    }

    /**
     * Formats the primary metric of {@code task} as a percentage, followed by the mean error in
     * pixels where the task has one, e.g. {@code 12.5%, 3.21 px}.
     */
    static String metric(Task task, SplitMetrics metrics) {
        double primary = metrics.primary(task);
        String text =
                Double.isNaN(primary) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * primary);
        if (metrics.meanErrorPixels() != null) {
            text += String.format(Locale.ROOT, ", %.2f px", metrics.meanErrorPixels());
        }
        return text;
    }
}
