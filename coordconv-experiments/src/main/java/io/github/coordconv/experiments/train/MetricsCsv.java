package io.github.coordconv.experiments.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Writes {@code metrics.csv}: a header, then one row per epoch as soon as it ends, so a run that
 * stops early keeps the epochs it finished. Empty cells mark metrics that do not apply to the task.
 */
final class MetricsCsv {

    static final String HEADER =
            "epoch,learning_rate,batches,training_loss,"
                    + "train_examples,train_loss,train_accuracy,train_mean_error_px,train_iou,"
                    + "test_examples,test_loss,test_accuracy,test_mean_error_px,test_iou,"
                    + "training_seconds,evaluation_seconds";

    private final Path file;

    MetricsCsv(Path file) {
        this.file = file;
        write(HEADER, StandardOpenOption.CREATE_NEW);
    }

    void append(EpochMetrics metrics) {
        String row =
                String.join(
                        ",",
                        Integer.toString(metrics.epoch()),
                        number(metrics.learningRate()),
                        Integer.toString(metrics.batches()),
                        number(metrics.trainingLoss()),
                        split(metrics.train()),
                        split(metrics.test()),
                        number(metrics.trainingSeconds()),
                        number(metrics.evaluationSeconds()));
        write(row, StandardOpenOption.APPEND);
    }

    private static String split(SplitMetrics metrics) {
        return String.join(
                ",",
                Integer.toString(metrics.examples()),
                number(metrics.loss()),
                number(metrics.accuracy()),
                number(metrics.meanErrorPixels()),
                number(metrics.iou()));
    }

    private static String number(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.6g", value);
    }

    private void write(String line, StandardOpenOption option) {
        try {
            Files.writeString(
                    file, line + "\n", option, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write " + file, e);
        }
    }
}
