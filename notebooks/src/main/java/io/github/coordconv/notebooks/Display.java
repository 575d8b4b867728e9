package io.github.coordconv.notebooks;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Shows images, XChart charts, HTML and Markdown in the output of the running notebook cell. Each
 * call sends one Jupyter {@code display_data} message. Images go as {@code image/png}, so they stay
 * in the saved notebook.
 *
 * <p>Works in kernels built on jjava-jupyter 1.0-a6: this project's kernel ("Java (CoordConv)") and
 * JJava 1.0-a6, where this class and the project's jars must be added to the class path first (see
 * the notebooks README). The kernel drops calls made outside a cell, such as from a thread that
 * runs on after its cell finished.
 *
 * <p>NOTE: JJava has not been tried. It should work because JJava 1.0-a6 bundles the same
 * jjava-jupyter and sets {@code BaseKernel.notebookKernel()} on startup.
 *
 * <pre>{@code
 * Display.image(image);
 * Display.chart(QuickChart.getChart("Loss", "epoch", "loss", "train", epochs, losses));
 * }</pre>
 */
public final class Display {

    private Display() {}

    /**
     * Shows an image, such as a {@link java.awt.image.BufferedImage}, as PNG.
     *
     * @throws IllegalStateException if no Jupyter kernel runs in this JVM
     */
    public static void image(RenderedImage image) {
        Objects.requireNonNull(image, "image");
        DisplayData data = new DisplayData();
        data.putData(MIMEType.IMAGE_PNG, pngBase64(image));
        data.putText("image " + image.getWidth() + "x" + image.getHeight());
        publish(data);
    }

    /**
     * Shows an XChart chart as a PNG of the chart's width and height.
     *
     * @throws IllegalStateException if no Jupyter kernel runs in this JVM
     */
    public static void chart(Chart<?, ?> chart) {
        Objects.requireNonNull(chart, "chart");
        image(BitmapEncoder.getBufferedImage(chart));
    }

    /**
     * Shows HTML, such as a table of results.
     *
     * @throws IllegalStateException if no Jupyter kernel runs in this JVM
     */
    public static void html(String html) {
        Objects.requireNonNull(html, "html");
        DisplayData data = new DisplayData();
        data.putHTML(html);
        data.putText(html);
        publish(data);
    }

    /**
     * Shows Markdown text.
     *
     * @throws IllegalStateException if no Jupyter kernel runs in this JVM
     */
    public static void markdown(String markdown) {
        Objects.requireNonNull(markdown, "markdown");
        DisplayData data = new DisplayData();
        data.putMarkdown(markdown);
        data.putText(markdown);
        publish(data);
    }

    /** Encodes the image as PNG in base64, the form {@code image/png} takes in notebooks. */
    public static String pngBase64(RenderedImage image) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", png)) {
                throw new IllegalArgumentException(
                        "ImageIO has no PNG writer for an image of type " + image.getClass());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Encoding the image as PNG failed", e);
        }
        return Base64.getEncoder().encodeToString(png.toByteArray());
    }

    private static void publish(DisplayData data) {
        // Text that the cell printed before this call must reach the front end first.
        System.out.flush();
        System.err.flush();
        kernel().display(data);
    }

    private static BaseKernel kernel() {
        try {
            return BaseKernel.notebookKernel();
        } catch (NullPointerException e) {
            // jjava-jupyter 1.0-a6 reports "no kernel" with Objects.requireNonNull.
            throw new IllegalStateException(
                    "No Jupyter kernel runs in this JVM: Display works only in notebook cells"
                            + " run by the \"Java (CoordConv)\" kernel or by JJava",
                    e);
        } catch (LinkageError e) {
            throw new IllegalStateException(
                    "The kernel's jjava-jupyter library is missing or differs from 1.0-a6, which"
                            + " Display was built against. In JJava, call display(image) instead.",
                    e);
        }
    }
}
