package io.github.coordconv.examples;

import io.github.coordconv.experiments.models.ModelType;
import io.github.coordconv.experiments.models.Task;
import io.github.coordconv.experiments.train.Budget;
import io.github.coordconv.experiments.train.RunListener;
import io.github.coordconv.experiments.train.RunResult;
import io.github.coordconv.experiments.train.RunSpec;
import io.github.coordconv.experiments.train.Runner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Trains the CoordConv coordinate regressor (a one-hot 64x64 image in, (x, y) / 64 out) and the
 * convolutional baseline that the released code uses on the chosen split, then prints both beside
 * the results reported for the CoordConv paper. That baseline is conv-dense on the uniform splits
 * and conv-gap on the quadrant split.
 *
 * <p>Usage: {@code RegressionExample [SPLIT [EPOCHS [BATCHES [EVALUATION [DIR]]]]]}, see {@link
 * ExampleSettings}. The defaults (uniform split, 1 epoch of at most 10 minibatches of 32, 128
 * evaluation examples per split) take seconds and only show the API. {@code RegressionExample
 * quadrant 100 0 0} trains 100 full epochs, as the released command does, though at batch 32
 * instead of its 256.
 */
public final class RegressionExample {

    private RegressionExample() {}

    public static void main(String[] args) throws IOException {
        ExampleSettings settings = ExampleSettings.parse(args);
        Path directory = settings.outputDirectory("regression");
        ModelType baseline = ModelType.baseline(Task.REGRESSION, settings.split());
        for (ModelType model : List.of(ModelType.COORDCONV, baseline)) {
            RunSpec spec =
                    settings.apply(
                            RunSpec.defaults(
                                    Task.REGRESSION, settings.split(), model, Budget.QUICK));
            RunResult result =
                    Runner.run(
                            spec,
                            spec.loadData(),
                            directory.resolve(spec.name()),
                            RunListener.NONE);
            ExampleSettings.print(result, System.out);
        }
        System.out.println("Specs, metrics, models and plots in " + directory);
    }
}
