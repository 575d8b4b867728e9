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
 * Trains the CoordConv coordinate classifier ((x, y) in, a softmax over the 4,096 pixels of the
 * 64x64 canvas out) and the deconvolution baseline on one Not-so-Clevr split, then prints both
 * beside the results reported for the CoordConv paper.
 *
 * <p>Usage: {@code ClassificationExample [SPLIT [EPOCHS [BATCHES [EVALUATION [DIR]]]]]}, see {@link
 * ExampleSettings}. The defaults (uniform split, 1 epoch of at most 10 minibatches of 16, 128
 * evaluation examples per split) take seconds and only show the API: the models stay far from the
 * reported 100%. {@code ClassificationExample quadrant 100 0 0} trains the CoordConv model for the
 * 100 epochs of the released README command, and the baseline for as long.
 */
public final class ClassificationExample {

    private ClassificationExample() {}

    public static void main(String[] args) throws IOException {
        ExampleSettings settings = ExampleSettings.parse(args);
        Path directory = settings.outputDirectory("classification");
        for (ModelType model : List.of(ModelType.COORDCONV, ModelType.DECONV)) {
            RunSpec spec =
                    settings.apply(
                            RunSpec.defaults(
                                    Task.CLASSIFICATION, settings.split(), model, Budget.QUICK));
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
