package io.github.coordconv.experiments.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Outcome of one run: its spec, parameter counts, metrics of every epoch and timings. {@link
 * Runner} writes it to {@code result.json} in the run directory.
 *
 * @param spec the spec of the run, with its environment
 * @param runDirectory directory of the run's files
 * @param parameters trainable parameters, as TensorFlow counts them (batch-norm running statistics
 *     excluded)
 * @param parameterTotal parameters DL4J allocates, running statistics included
 * @param epochs metrics of every epoch trained, in order
 * @param finalTrain train metrics after the last epoch
 * @param finalTest test metrics after the last epoch
 * @param firstPerfectEpoch first epoch whose test primary metric was 1, or {@code null} if none
 * @param bestEpoch epoch with the highest test primary metric (the earliest of equals)
 * @param bestTest test metrics of {@code bestEpoch}
 * @param trainingSeconds wall time of all training steps
 * @param totalSeconds wall time of the whole run: data preparation, training, evaluation, saving
 *     and plots
 * @param stoppedEarly whether training stopped before the last epoch because both splits were
 *     perfect ({@link TrainingSpec#stopWhenPerfect()})
 */
public record RunResult(
        RunSpec spec,
        String runDirectory,
        long parameters,
        long parameterTotal,
        List<EpochMetrics> epochs,
        SplitMetrics finalTrain,
        SplitMetrics finalTest,
        Integer firstPerfectEpoch,
        int bestEpoch,
        SplitMetrics bestTest,
        double trainingSeconds,
        double totalSeconds,
        boolean stoppedEarly) {

    /** Copies the epoch list. */
    public RunResult {
        epochs = List.copyOf(epochs);
    }

    /**
     * Reads a result written by {@link Runner} ({@code result.json}).
     *
     * @throws UncheckedIOException if the file cannot be read or is not a run result
     */
    public static RunResult read(Path file) {
        try {
            return Json.mapper().readValue(Files.readString(file), RunResult.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(
                    "Invalid run result " + file + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read run result " + file, e);
        }
    }
}
