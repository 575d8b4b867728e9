package io.github.coordconv.notebooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ImagesTest {

    private static int gray(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xff;
    }

    @Test
    void grayscaleScalesToOwnRange() {
        INDArray map = Nd4j.create(new float[] {2, 4, 6, 3}, new long[] {2, 2}, 'c');

        BufferedImage image = Images.grayscale(map, 1);

        assertThat(image.getWidth()).isEqualTo(2);
        assertThat(image.getHeight()).isEqualTo(2);
        assertThat(gray(image, 0, 0)).isEqualTo(0);
        assertThat(gray(image, 1, 0)).isEqualTo(128);
        assertThat(gray(image, 0, 1)).isEqualTo(255);
        assertThat(gray(image, 1, 1)).isEqualTo(64);
    }

    @Test
    void grayscaleClipsToGivenRange() {
        INDArray map = Nd4j.create(new float[] {-1, 0.5f, 2}, new long[] {1, 3}, 'c');

        BufferedImage image = Images.grayscale(map, 0, 1, 1);

        assertThat(gray(image, 0, 0)).isEqualTo(0);
        assertThat(gray(image, 1, 0)).isEqualTo(128);
        assertThat(gray(image, 2, 0)).isEqualTo(255);
    }

    @Test
    void grayscaleTakesNchwImageAndScales() {
        INDArray image = Nd4j.zeros(DataType.FLOAT, 1, 1, 3, 5);
        image.putScalar(new long[] {0, 0, 2, 4}, 1f);

        BufferedImage rendered = Images.grayscale(image, 3);

        assertThat(rendered.getWidth()).isEqualTo(15);
        assertThat(rendered.getHeight()).isEqualTo(9);
        assertThat(gray(rendered, 12, 6)).isEqualTo(255);
        assertThat(gray(rendered, 14, 8)).isEqualTo(255);
        assertThat(gray(rendered, 11, 8)).isEqualTo(0);
    }

    @Test
    void grayscaleOfConstantMapIsBlack() {
        BufferedImage image = Images.grayscale(Nd4j.ones(DataType.FLOAT, 2, 2), 1);

        assertThat(gray(image, 1, 1)).isEqualTo(0);
    }

    @Test
    void grayscaleRejectsBatch() {
        INDArray batch = Nd4j.zeros(DataType.FLOAT, 2, 1, 4, 4);

        assertThatThrownBy(() -> Images.grayscale(batch, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 1, 4, 4]");
    }

    @Test
    void grayscaleRejectsZeroScale() {
        assertThatThrownBy(() -> Images.grayscale(Nd4j.zeros(DataType.FLOAT, 2, 2), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scale");
    }

    @Test
    void rowPlacesPanelsBelowCaptions() {
        BufferedImage green = new BufferedImage(10, 20, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 10; x++) {
                green.setRGB(x, y, 0x00ff00);
            }
        }
        BufferedImage black = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);

        BufferedImage row = Images.row(List.of(green, black), List.of("", ""));

        assertThat(row.getWidth()).isEqualTo(3 * Images.GAP + 20);
        int top = row.getHeight() - Images.GAP - 20;
        assertThat(row.getRGB(Images.GAP, top) & 0xffffff).isEqualTo(0x00ff00);
        assertThat(row.getRGB(2 * Images.GAP + 10, top) & 0xffffff).isEqualTo(0);
        assertThat(row.getRGB(0, 0) & 0xffffff).isEqualTo(0xffffff);
    }

    @Test
    void rowWidensForLongCaption() {
        BufferedImage panel = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);

        BufferedImage row = Images.row(List.of(panel), List.of("a caption longer than 2 pixels"));

        assertThat(row.getWidth()).isGreaterThan(2 * Images.GAP + 2);
    }

    @Test
    void rowRejectsMismatchedCaptions() {
        BufferedImage panel = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);

        assertThatThrownBy(() -> Images.row(List.of(panel), List.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 panels and 2 captions");
    }

    @Test
    void rowRejectsNoPanels() {
        assertThatThrownBy(() -> Images.row(List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
