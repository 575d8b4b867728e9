package io.github.coordconv.experiments.ablation;

import io.github.coordconv.experiments.train.RunResult;
import io.github.coordconv.layer.TileStyle;

/**
 * Outcome of the CoordConv classifier trained with one tile style.
 *
 * @param tileStyle how the {@code (x, y)} input was spread over the 64x64 map
 * @param runDirectory directory of the run's files ({@code spec.json}, {@code model.zip}, ...)
 * @param epochs epochs trained
 * @param trainAccuracy train accuracy after the last epoch, in [0, 1]
 * @param testAccuracy test accuracy after the last epoch, in [0, 1]
 * @param bestTestAccuracy highest test accuracy of any epoch, in [0, 1]
 * @param trainingSeconds wall time of all training steps
 */
public record TileStyleResult(
        TileStyle tileStyle,
        String runDirectory,
        int epochs,
        double trainAccuracy,
        double testAccuracy,
        double bestTestAccuracy,
        double trainingSeconds) {

    /** Returns the summary of {@code result}, a run trained with {@code tileStyle}. */
    public static TileStyleResult of(TileStyle tileStyle, RunResult result) {
        return new TileStyleResult(
                tileStyle,
                result.runDirectory(),
                result.epochs().size(),
                result.finalTrain().accuracy(),
                result.finalTest().accuracy(),
                result.bestTest().accuracy(),
                result.trainingSeconds());
    }
}
