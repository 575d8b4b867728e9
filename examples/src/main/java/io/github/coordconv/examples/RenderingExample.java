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
 * Trains the CoordConv renderer ((x, y) in, the 64x64 image of the 9x9 square around it out) and
 * the deconvolution baseline on one Not-so-Clevr split, then prints the IoU of both. The CoordConv
 * paper publishes no rendering numbers, because the released rendering script does not run.
 *
 * <p>Usage: {@code RenderingExample [SPLIT [EPOCHS [BATCHES [EVALUATION [DIR]]]]]}, see {@link
 * ExampleSettings}. The defaults (uniform split, 1 epoch of at most 10 minibatches of 16, 128
 * evaluation examples per split) take seconds and only show the API. {@code RenderingExample
 * quadrant 100 0 0} trains 100 full epochs of each model.
 */
public final class RenderingExample {

    private RenderingExample() {}

    public static void main(String[] args) throws IOException {
        ExampleSettings settings = ExampleSettings.parse(args);
        Path directory = settings.outputDirectory("rendering");
        for (ModelType model : List.of(ModelType.COORDCONV, ModelType.DECONV)) {
            RunSpec spec =
                    settings.apply(
                            RunSpec.defaults(
                                    Task.RENDERING, settings.split(), model, Budget.QUICK));
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
