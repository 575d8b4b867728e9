package io.github.coordconv.examples;

import io.github.coordconv.experiments.data.Centre;
import io.github.coordconv.experiments.data.NotSoClevrData;
import io.github.coordconv.experiments.handset.HandSetNetwork;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs the CoordConv paper's hand-set two-layer network (21 numbers, no training) on all 3,136
 * Not-so-Clevr centres, prints how many have their maximum on the target pixel, and writes the
 * score map for one centre as a grayscale PNG: a diamond of Manhattan distance, brightest at the
 * centre.
 *
 * <p>Usage: {@code HandSetExample [OUTPUT.png] [x] [y]}, defaults {@code handset-map.png}, 20 and
 * 45.
 */
public final class HandSetExample {

    private HandSetExample() {}

    public static void main(String[] args) throws IOException {
        Path output = Path.of(args.length > 0 ? args[0] : "handset-map.png");
        int x = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int y = args.length > 2 ? Integer.parseInt(args[2]) : 45;
        Centre centre = new Centre(x, y);

        ComputationGraph net = HandSetNetwork.build();
        List<Centre> centres = NotSoClevrData.allCentres();
        int correct = HandSetNetwork.countCorrect(net, centres, 256);
        System.out.printf(
                "Hand-set network (%d parameters): maximum on the target pixel for %d of %d"
                        + " centres%n",
                net.numParams(), correct, centres.size());

        INDArray score = net.outputSingle(HandSetNetwork.normalise(List.of(centre)));
        writeMap(score, output);
        System.out.printf("Score map for centre (%d, %d) written to %s%n", x, y, output);
    }

    /** Writes a (1, 1, H, W) map as an 8-bit PNG, scaled so its minimum is black. */
    private static void writeMap(INDArray map, Path output) throws IOException {
        int height = (int) map.size(2);
        int width = (int) map.size(3);
        double min = map.minNumber().doubleValue();
        double max = map.maxNumber().doubleValue();
        double range = max > min ? max - min : 1.0;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int row = 0; row < height; row++) {
            for (int column = 0; column < width; column++) {
                double value = (map.getDouble(0, 0, row, column) - min) / range;
                int level = (int) Math.round(255 * value);
                image.getRaster().setSample(column, row, 0, level);
            }
        }
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ImageIO.write(image, "png", output.toFile());
    }
}
