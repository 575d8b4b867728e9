package io.github.coordconv.notebooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.QuickChart;
import org.knowm.xchart.XYChart;

class DisplayTest {

    @Test
    void pngBase64RoundTrips() throws IOException {
        BufferedImage image = new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB);
        image.setRGB(4, 2, 0xff8000);

        byte[] png = Base64.getDecoder().decode(Display.pngBase64(image));
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));

        assertThat(decoded.getWidth()).isEqualTo(5);
        assertThat(decoded.getHeight()).isEqualTo(3);
        assertThat(decoded.getRGB(4, 2) & 0xffffff).isEqualTo(0xff8000);
    }

    @Test
    void imageWithoutKernelFails() {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);

        assertThatThrownBy(() -> Display.image(image))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No Jupyter kernel runs in this JVM");
    }

    @Test
    void chartWithoutKernelFails() {
        XYChart chart =
                QuickChart.getChart(
                        "Loss", "epoch", "loss", "train", new double[] {1, 2}, new double[] {3, 1});

        assertThatThrownBy(() -> Display.chart(chart)).isInstanceOf(IllegalStateException.class);
    }
}
