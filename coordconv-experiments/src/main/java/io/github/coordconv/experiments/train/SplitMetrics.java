package io.github.coordconv.experiments.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.coordconv.experiments.models.Task;

/**
 * Metrics of a model on one split (train or test), from a forward pass in inference mode.
 *
 * <ul>
 *   <li>Classification: {@code accuracy} is the fraction of examples whose most probable pixel is
 *       the target pixel; {@code meanErrorPixels} the mean Euclidean distance in pixels between the
 *       two (as the released {@code eucl_dist}); {@code loss} the mean cross-entropy.
 *   <li>Regression: {@code meanErrorPixels} is the mean Euclidean distance between {@code 64 *
 *       prediction} and {@code 64 * target} (the released {@code eucl_dist}); {@code accuracy} the
 *       fraction of examples whose prediction, times 64 and rounded, hits the target pixel exactly;
 *       {@code loss} the mean squared error on the {@code /64} scale.
 *   <li>Rendering: {@code iou} is the mean over examples of intersection over union between the
 *       pixels with predicted probability above 0.5 and the nonzero target pixels (as the released
 *       {@code iou}, which counts the intersection in pixels); {@code loss} the mean per-pixel
 *       sigmoid cross-entropy.
 * </ul>
 *
 * <p>Losses exclude the L2 term. Fields that do not apply to a task are {@code null} and left out
 * of the JSON.
 *
 * @param examples number of examples evaluated
 * @param loss mean data loss
 * @param accuracy classification accuracy or regression exact-match rate, in [0, 1]
 * @param meanErrorPixels mean Euclidean error in pixels
 * @param iou mean intersection over union, in [0, 1]
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SplitMetrics(
        int examples, double loss, Double accuracy, Double meanErrorPixels, Double iou) {

    /**
     * Returns the metric a run is judged by, higher is better: accuracy for classification,
     * exact-match rate for regression, IoU for rendering.
     */
    public double primary(Task task) {
        Double value = task == Task.RENDERING ? iou : accuracy;
        return value == null ? Double.NaN : value;
    }

    /** Returns whether the primary metric is 1: every example right. */
    public boolean perfect(Task task) {
        return primary(task) >= 1.0;
    }

    /** Returns the name of the primary metric of {@code task}, e.g. {@code accuracy}. */
    public static String primaryName(Task task) {
        return switch (task) {
            case CLASSIFICATION -> "accuracy";
            case REGRESSION -> "exact-match rate";
            case RENDERING -> "IoU";
        };
    }
}
