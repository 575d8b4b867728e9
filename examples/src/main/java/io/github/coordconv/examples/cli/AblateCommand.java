package io.github.coordconv.examples.cli;

import io.github.coordconv.experiments.ablation.TileAblation;
import io.github.coordconv.experiments.ablation.TileStyleResult;
import io.github.coordconv.experiments.data.Split;
import io.github.coordconv.experiments.train.TrainingSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code coordconv ablate}: ablations of the CoordConv classifier. */
@Command(
        name = "ablate",
        mixinStandardHelpOptions = true,
        description = "Ablations of the CoordConv classifier.",
        subcommands = {AblateCommand.Tile.class})
final class AblateCommand implements Runnable {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** {@code coordconv ablate tile}: trains the classifier with each tile style. */
    @Command(
            name = "tile",
            mixinStandardHelpOptions = true,
            description = {
                "Trains the CoordConv classifier (1x1 convolutions) once with per-channel tiling"
                        + " of (x, y) and once with both values interleaved in one channel, prints"
                        + " both accuracies and writes DIR/ablation.json, the two run directories"
                        + " and DIR/interleaved-output-maps.png (cross-shaped logits)."
            })
    static final class Tile implements Callable<Integer> {

        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--out", required = true, description = "Output directory.")
        Path out;

        @Option(
                names = "--split",
                defaultValue = "uniform",
                description = "uniform, uniform-80-20 or quadrant (default: ${DEFAULT-VALUE}).")
        String split;

        @Option(
                names = "--epochs",
                defaultValue = "3",
                description = "Training epochs per tile style (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(
                names = "--max-batches",
                defaultValue = "0",
                description =
                        "Maximum minibatches of 16 per epoch, 0 for a full pass (default:"
                                + " ${DEFAULT-VALUE}).")
        int maxBatches;

        @Option(
                names = "--evaluation-examples",
                defaultValue = "256",
                description =
                        "Examples of each split evaluated per epoch, 0 for all (default:"
                                + " ${DEFAULT-VALUE}).")
        int evaluationExamples;

        @Option(
                names = "--seed",
                defaultValue = "1",
                description = "Training seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--force", description = "Replace the files of an earlier ablation.")
        boolean force;

        @Override
        public Integer call() {
            TrainingSpec training =
                    new TrainingSpec(
                            16,
                            epochs,
                            maxBatches,
                            evaluationExamples,
                            TrainingSpec.DEFAULT_EVALUATION_BATCH_SIZE,
                            false);
            List<TileStyleResult> results =
                    TileAblation.run(Split.fromName(split), training, seed, out, force);
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.printf(
                    "%-12s %10s %10s %10s%n", "tile style", "train acc", "test acc", "epochs");
            for (TileStyleResult result : results) {
                // Percentages, as the other commands print accuracies.
                stdout.printf(
                        "%-12s %9.2f%% %9.2f%% %10d%n",
                        TileAblation.directoryName(result.tileStyle()),
                        100 * result.trainAccuracy(),
                        100 * result.testAccuracy(),
                        result.epochs());
            }
            stdout.printf(
                    "Output maps of the interleaved model: %s%n",
                    out.resolve(TileAblation.OUTPUT_MAPS).toAbsolutePath());
            stdout.flush();
            return 0;
        }
    }
}
