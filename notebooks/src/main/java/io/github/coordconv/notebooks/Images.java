package io.github.coordconv.notebooks;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns 2-D maps (images, score maps, coordinate channels) into {@link BufferedImage}s for {@link
 * Display#image}, and lays several of them out in a row with captions.
 *
 * <pre>{@code
 * INDArray squares = data.squareImages(data.train().subList(0, 3));
 * Display.image(Images.row(
 *         List.of(Images.grayscale(squares.slice(0), 4), Images.grayscale(squares.slice(1), 4)),
 *         List.of("first", "second")));
 * }</pre>
 */
public final class Images {

    /** Pixels between panels and around the row. */
    static final int GAP = 8;

    private Images() {}

    /**
     * Renders a map in grayscale from its own minimum (black) to its own maximum (white). A
     * constant map is drawn black.
     *
     * @param map array of shape {@code (h, w)}, or with leading dimensions of size 1 such as {@code
     *     (1, 1, h, w)} for one NCHW image of one channel
     * @param scale side in pixels of the square that each value becomes, at least 1
     * @throws IllegalArgumentException if the map is not 2-D after dropping leading dimensions of
     *     size 1, or {@code scale} is below 1
     */
    public static BufferedImage grayscale(INDArray map, int scale) {
        Objects.requireNonNull(map, "map");
        return grayscale(map, map.minNumber().doubleValue(), map.maxNumber().doubleValue(), scale);
    }

    /**
     * Renders a map in grayscale: values at or below {@code min} black, at or above {@code max}
     * white, linear in between. With {@code max <= min} every value is drawn black.
     *
     * @param map array of shape {@code (h, w)}, or with leading dimensions of size 1 such as {@code
     *     (1, 1, h, w)} for one NCHW image of one channel
     * @param scale side in pixels of the square that each value becomes, at least 1
     * @throws IllegalArgumentException if the map is not 2-D after dropping leading dimensions of
     *     size 1, or {@code scale} is below 1
     */
    public static BufferedImage grayscale(INDArray map, double min, double max, int scale) {
        Objects.requireNonNull(map, "map");
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be at least 1, but was " + scale);
        }
        checkMapShape(map.shape());
        long[] shape = map.shape();
        int height = Math.toIntExact(shape[shape.length - 2]);
        int width = Math.toIntExact(shape[shape.length - 1]);
        double[] values = Nd4j.toFlattened('c', map).toDoubleVector();

        BufferedImage image =
                new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        for (int row = 0; row < height; row++) {
            for (int column = 0; column < width; column++) {
                int level = level(values[row * width + column], min, max);
                int rgb = new Color(level, level, level).getRGB();
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        image.setRGB(column * scale + dx, row * scale + dy, rgb);
                    }
                }
            }
        }
        return image;
    }

    /**
     * Lays out images left to right on a white background, each with its caption above it, and with
     * {@value #GAP} pixels between and around them.
     *
     * @param panels the images, at least one
     * @param captions one caption per image; an empty string leaves the space blank
     * @throws IllegalArgumentException if there are no panels, or the two lists differ in length
     */
    public static BufferedImage row(List<? extends BufferedImage> panels, List<String> captions) {
        Objects.requireNonNull(panels, "panels");
        Objects.requireNonNull(captions, "captions");
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("row needs at least one panel, but got none");
        }
        if (panels.size() != captions.size()) {
            throw new IllegalArgumentException(
                    "row needs one caption per panel, but got "
                            + panels.size()
                            + " panels and "
                            + captions.size()
                            + " captions");
        }

        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D probeGraphics = probe.createGraphics();
        FontMetrics metrics = probeGraphics.getFontMetrics();
        probeGraphics.dispose();
        int captionHeight = metrics.getHeight();

        int width = GAP;
        int panelHeight = 0;
        for (int i = 0; i < panels.size(); i++) {
            int captionWidth = metrics.stringWidth(captions.get(i));
            width += Math.max(panels.get(i).getWidth(), captionWidth) + GAP;
            panelHeight = Math.max(panelHeight, panels.get(i).getHeight());
        }
        int height = GAP + captionHeight + GAP / 2 + panelHeight + GAP;

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(Color.BLACK);
        int x = GAP;
        for (int i = 0; i < panels.size(); i++) {
            BufferedImage panel = panels.get(i);
            graphics.drawString(captions.get(i), x, GAP + metrics.getAscent());
            graphics.drawImage(panel, x, GAP + captionHeight + GAP / 2, null);
            x += Math.max(panel.getWidth(), metrics.stringWidth(captions.get(i))) + GAP;
        }
        graphics.dispose();
        return image;
    }

    /**
     * Throws unless the shape is {@code (h, w)} with any number of leading dimensions of size 1.
     */
    private static void checkMapShape(long[] shape) {
        boolean leadingOnes = shape.length >= 2;
        for (int d = 0; d < shape.length - 2 && leadingOnes; d++) {
            leadingOnes = shape[d] == 1;
        }
        if (!leadingOnes) {
            throw new IllegalArgumentException(
                    "Expected a 2-D map of shape (h, w) or (1, ..., 1, h, w), but the shape was "
                            + Arrays.toString(shape)
                            + ". Select one example and channel first, e.g. images.slice(0)");
        }
    }

    private static int level(double value, double min, double max) {
        if (!(max > min)) {
            return 0;
        }
        double fraction = (value - min) / (max - min);
        return (int) Math.round(255 * Math.min(1, Math.max(0, fraction)));
    }
}
