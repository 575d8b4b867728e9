package io.github.coordconv.experiments.train;

import io.github.coordconv.experiments.data.Centre;
import io.github.coordconv.experiments.data.NotSoClevrData;
import io.github.coordconv.experiments.models.ModelFactory;
import io.github.coordconv.experiments.models.Task;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inputs and targets of one task for the train and test centres, stored as 2-D row-major arrays so
 * minibatches are row selections: inputs {@code (n, 2)} raw pixel coordinates or {@code (n, 4096)}
 * flattened one-hot images; targets {@code (n, 4096)} one-hot pixels or square images, or {@code
 * (n, 2)} coordinates over 64.
 */
final class TaskArrays {

    final Task task;
    final List<Centre> trainCentres;
    final List<Centre> testCentres;
    final INDArray trainInputs;
    final INDArray trainTargets;
    final INDArray testInputs;
    final INDArray testTargets;

    private TaskArrays(Task task, NotSoClevrData data, DataType dataType) {
        this.task = task;
        this.trainCentres = data.train();
        this.testCentres = data.test();
        this.trainInputs = inputs(task, data, trainCentres, dataType);
        this.trainTargets = targets(task, data, trainCentres, dataType);
        this.testInputs = inputs(task, data, testCentres, dataType);
        this.testTargets = targets(task, data, testCentres, dataType);
    }

    static TaskArrays of(Task task, NotSoClevrData data, DataType dataType) {
        return new TaskArrays(task, data, dataType);
    }

    private static INDArray inputs(
            Task task, NotSoClevrData data, List<Centre> centres, DataType dataType) {
        INDArray inputs =
                task.takesCoordinates()
                        ? data.coordinates(centres)
                        : flatten(data.oneHotImages(centres));
        return inputs.castTo(dataType);
    }

    private static INDArray targets(
            Task task, NotSoClevrData data, List<Centre> centres, DataType dataType) {
        INDArray targets =
                switch (task) {
                    case CLASSIFICATION -> data.classificationLabels(centres);
                    case REGRESSION -> data.regressionTargets(centres);
                    case RENDERING -> flatten(data.squareImages(centres));
                };
        return targets.castTo(dataType);
    }

    private static INDArray flatten(INDArray images) {
        long examples = images.size(0);
        return images.reshape('c', new long[] {examples, images.length() / examples});
    }

    /** Returns the rows {@code rows} of a 2-D array, reshaped to the network's input shape. */
    INDArray inputRows(INDArray inputs, int[] rows) {
        INDArray selected = Nd4j.pullRows(inputs, 1, rows);
        return selected.reshape('c', ModelFactory.inputShape(task, rows.length));
    }

    /** Returns the rows {@code rows} of a 2-D target array. */
    static INDArray targetRows(INDArray targets, int[] rows) {
        return Nd4j.pullRows(targets, 1, rows);
    }
}
