package io.github.coordconv.experiments.report;

import io.github.coordconv.experiments.data.Split;
import io.github.coordconv.experiments.models.ModelType;
import io.github.coordconv.experiments.models.Task;
import io.github.coordconv.experiments.train.RunFiles;
import io.github.coordconv.experiments.train.RunResult;
import io.github.coordconv.experiments.train.SplitMetrics;
import java.nio.file.Path;

/**
 * One run in {@code results.json}: what ran, how large, how well and how long.
 *
 * @param task the task
 * @param split the split
 * @param model the model
 * @param budget {@code quick}, {@code full} or {@code custom}: which budget the training settings
 *     equal
 * @param parameters trainable parameters, as TensorFlow counts them
 * @param epochs epochs trained
 * @param train train metrics after the last epoch
 * @param test test metrics after the last epoch
 * @param bestEpoch epoch with the best test primary metric
 * @param firstPerfectEpoch first epoch with a perfect test primary metric, or {@code null}
 * @param trainingSeconds wall time of the training steps
 * @param totalSeconds wall time of the whole run
 * @param spec path of the run's {@code spec.json}, relative to the results directory when inside it
 */
public record ResultRecord(
        Task task,
        Split split,
        ModelType model,
        String budget,
        long parameters,
        int epochs,
        SplitMetrics train,
        SplitMetrics test,
        int bestEpoch,
        Integer firstPerfectEpoch,
        double trainingSeconds,
        double totalSeconds,
        String spec) {

    /** Returns the record of {@code result}; {@code spec} is relative to {@code directory}. */
    public static ResultRecord of(RunResult result, Path directory) {
        Path spec = Path.of(result.runDirectory()).resolve(RunFiles.SPEC).toAbsolutePath();
        Path base = directory.toAbsolutePath();
        String specPath =
                spec.startsWith(base) ? base.relativize(spec).toString() : spec.toString();
        return new ResultRecord(
                result.spec().task(),
                result.spec().split(),
                result.spec().model(),
                Budgets.name(result.spec()),
                result.parameters(),
                result.epochs().size(),
                result.finalTrain(),
                result.finalTest(),
                result.bestEpoch(),
                result.firstPerfectEpoch(),
                result.trainingSeconds(),
                result.totalSeconds(),
                specPath);
    }
}
