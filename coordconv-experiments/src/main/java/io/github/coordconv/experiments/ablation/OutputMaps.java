package io.github.coordconv.experiments.ablation;

import io.github.coordconv.experiments.data.Centre;
import io.github.coordconv.experiments.data.NotSoClevrData;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Grayscale PNG of a CoordConv classifier's logits map, one panel per centre: each map scaled from
 * its minimum (black) to its maximum (white), the target pixel marked by a red ring.
 */
public final class OutputMaps {

    /** Name of the CoordConv classifier's vertex whose output is the {@code (n, 1, 64, 64)} map. */
    public static final String LOGITS = "logits";

    /** Screen pixels per map pixel. */
    static final int SCALE = 4;

    private static final int TITLE_HEIGHT = 20;
    private static final int GAP = 8;

    private OutputMaps() {}

    /**
     * Writes the logits of {@code graph} for {@code centres} as a PNG with one panel per centre.
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(ComputationGraph graph, List<Centre> centres, Path file) {
        INDArray logits = TileAblation.logits(graph, centres).castTo(DataType.FLOAT);
        int canvas = NotSoClevrData.CANVAS;
        int panel = canvas * SCALE;
        int width = centres.size() * (panel + GAP) + GAP;
        int height = TITLE_HEIGHT + panel + GAP;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int i = 0; i < centres.size(); i++) {
                Centre centre = centres.get(i);
                float[] map =
                        logits.get(NDArrayIndex.point(i)).reshape(canvas * canvas).toFloatVector();
                int left = GAP + i * (panel + GAP);
                drawMap(image, map, left, TITLE_HEIGHT);
                g.setColor(Color.BLACK);
                g.drawString(
                        String.format(Locale.ROOT, "target (x=%d, y=%d)", centre.x(), centre.y()),
                        left,
                        TITLE_HEIGHT - 6);
                g.setColor(Color.RED);
                g.drawOval(
                        left + centre.x() * SCALE - 2 * SCALE,
                        TITLE_HEIGHT + centre.y() * SCALE - 2 * SCALE,
                        5 * SCALE,
                        5 * SCALE);
            }
        } finally {
            g.dispose();
        }
        try {
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write " + file, e);
        }
    }

    private static void drawMap(BufferedImage image, float[] map, int left, int top) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float value : map) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        float range = max > min ? max - min : 1;
        int canvas = NotSoClevrData.CANVAS;
        for (int row = 0; row < canvas; row++) {
            for (int column = 0; column < canvas; column++) {
                int level = Math.round(255 * (map[row * canvas + column] - min) / range);
                int rgb = (level << 16) | (level << 8) | level;
                for (int dy = 0; dy < SCALE; dy++) {
                    for (int dx = 0; dx < SCALE; dx++) {
                        image.setRGB(left + column * SCALE + dx, top + row * SCALE + dy, rgb);
                    }
                }
            }
        }
    }
}
