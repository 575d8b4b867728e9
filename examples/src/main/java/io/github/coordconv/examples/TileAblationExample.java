package io.github.coordconv.examples;

import io.github.coordconv.experiments.ablation.TileAblation;
import io.github.coordconv.experiments.ablation.TileStyleResult;
import io.github.coordconv.experiments.data.Split;
import io.github.coordconv.experiments.train.TrainingSpec;
import java.nio.file.Path;

/**
 * Trains the CoordConv classifier with per-channel and with interleaved tiling of its (x, y) input,
 * prints both test accuracies and writes the interleaved model's cross-shaped output maps.
 *
 * <p>Usage: {@code TileAblationExample [OUTPUT_DIR] [EPOCHS]}, defaults {@code tile-ablation} and
 * 1. Each epoch trains at most 50 minibatches of 16 and evaluates 256 examples per split, so the
 * example runs in a few minutes on a laptop; the per-channel model needs several full epochs to
 * reach 100%.
 */
public final class TileAblationExample {

    private TileAblationExample() {}

    public static void main(String[] args) {
        Path output = Path.of(args.length > 0 ? args[0] : "tile-ablation");
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        TrainingSpec training = new TrainingSpec(16, epochs, 50, 256, 128, false);
        for (TileStyleResult result : TileAblation.run(Split.UNIFORM, training, 0, output, true)) {
            System.out.printf(
                    "%s: train accuracy %.4f, test accuracy %.4f%n",
                    result.tileStyle(), result.trainAccuracy(), result.testAccuracy());
        }
        System.out.println("Output maps: " + output.resolve(TileAblation.OUTPUT_MAPS));
    }
}
