package io.github.coordconv.examples;

import io.github.coordconv.experiments.data.Split;
import io.github.coordconv.experiments.report.PaperResult;
import io.github.coordconv.experiments.train.RunResult;
import io.github.coordconv.experiments.train.RunSpec;
import io.github.coordconv.experiments.train.SplitMetrics;
import io.github.coordconv.experiments.train.TrainingSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Command-line arguments shared by the task examples, {@code [SPLIT [EPOCHS [BATCHES [EVALUATION
 * [DIR]]]]]}, and the output line of one run.
 *
 * @param split {@code uniform}, {@code uniform-80-20} or {@code quadrant} (default {@code uniform})
 * @param epochs training epochs of each model (default 1)
 * @param batchesPerEpoch maximum minibatches per epoch, 0 for a full pass over the training set
 *     (default 10)
 * @param evaluationExamples examples of each split evaluated after every epoch, 0 for all (default
 *     128)
 * @param directory directory for the run files; {@code null} (the default) for a new temporary
 *     directory
 */
record ExampleSettings(
        Split split, int epochs, int batchesPerEpoch, int evaluationExamples, Path directory) {

    static final String USAGE = "[SPLIT [EPOCHS [BATCHES [EVALUATION [DIR]]]]]";

    /**
     * Parses the arguments of a task example.
     *
     * @throws IllegalArgumentException if there are more than five arguments, the split is unknown,
     *     or a number is negative or not an integer. EPOCHS must be at least 1. The message names
     *     the value.
     */
    static ExampleSettings parse(String... args) {
        if (args.length > 5) {
            throw new IllegalArgumentException(
                    args.length + " arguments given; expected at most 5: " + USAGE);
        }
        Split split = args.length > 0 ? Split.fromName(args[0]) : Split.UNIFORM;
        int epochs = args.length > 1 ? parseCount("EPOCHS", args[1], 1) : 1;
        int batches = args.length > 2 ? parseCount("BATCHES", args[2], 0) : 10;
        int evaluation = args.length > 3 ? parseCount("EVALUATION", args[3], 0) : 128;
        Path directory = args.length > 4 ? Path.of(args[4]) : null;
        return new ExampleSettings(split, epochs, batches, evaluation, directory);
    }

    private static int parseCount(String name, String text, int minimum) {
        try {
            int value = Integer.parseInt(text);
            if (value >= minimum) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Falls through to the message below, which names the value.
        }
        throw new IllegalArgumentException(
                String.format(
                        Locale.ROOT,
                        "Invalid %s '%s': expected an integer of at least %d",
                        name,
                        text,
                        minimum));
    }

    /** Returns {@code spec} trained for these epochs, minibatches and evaluation examples. */
    RunSpec apply(RunSpec spec) {
        TrainingSpec training =
                spec.training()
                        .withEpochs(epochs)
                        .withMaxBatchesPerEpoch(batchesPerEpoch)
                        .withEvaluationExamples(evaluationExamples);
        return spec.withTraining(training);
    }

    /** Returns {@link #directory()}, or a new temporary directory named after {@code task}. */
    Path outputDirectory(String task) throws IOException {
        return directory != null ? directory : Files.createTempDirectory("coordconv-" + task + "-");
    }

    /** Prints one line per run: parameters, final metrics, reported metrics and wall time. */
    static void print(RunResult result, PrintStream out) {
        RunSpec spec = result.spec();
        PaperResult paper = PaperResult.of(spec.task(), spec.split(), spec.model());
        out.printf(
                Locale.ROOT,
                "%-9s %,9d parameters  %s train %s, test %s (reported %s / %s)  %.0f s%n",
                spec.model().cliName(),
                result.parameters(),
                SplitMetrics.primaryName(spec.task()),
                format(spec, result.finalTrain()),
                format(spec, result.finalTest()),
                paper.train(),
                paper.test(),
                result.totalSeconds());
    }

    private static String format(RunSpec spec, SplitMetrics metrics) {
        String primary = String.format(Locale.ROOT, "%.1f%%", 100 * metrics.primary(spec.task()));
        return metrics.meanErrorPixels() == null
                ? primary
                : String.format(Locale.ROOT, "%s (%.2f px)", primary, metrics.meanErrorPixels());
    }
}
