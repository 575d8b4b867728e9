package io.github.coordconv.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import javax.imageio.ImageIO;
import org.datavec.api.records.Record;
import org.datavec.api.split.CollectionInputSplit;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class GrayscaleImageRecordReaderTest {

    @TempDir Path dir;

    @Test
    void readsRawPixelsNchw() throws Exception {
        Path image = writeGray(dir.resolve("a.png"), 4, 3, 7);
        GrayscaleImageRecordReader reader = readerFor(4, 3, image);

        List<Writable> record = reader.next();
        INDArray pixels = ((NDArrayWritable) record.get(0)).get();

        assertThat(record).hasSize(1);
        assertThat(pixels.shape()).containsExactly(1, 1, 4, 3);
        assertThat(pixels.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(pixels.getFloat(0, 0, 0, 0)).isEqualTo(7f);
        assertThat(pixels.getFloat(0, 0, 2, 1)).isEqualTo(7f + 2 * 3 + 1);
        assertThat(pixels.getFloat(0, 0, 3, 2)).isEqualTo(7f + 3 * 3 + 2);
    }

    @Test
    void keepsSplitOrder() throws Exception {
        Path first = writeGray(dir.resolve("b.png"), 2, 2, 200);
        Path second = writeGray(dir.resolve("a.png"), 2, 2, 10);
        GrayscaleImageRecordReader reader = readerFor(2, 2, first, second);

        Record firstRecord = reader.nextRecord();
        Record secondRecord = reader.nextRecord();

        assertThat(firstRecord.getMetaData().getURI()).isEqualTo(first.toUri());
        assertThat(pixel(firstRecord.getRecord())).isEqualTo(200f);
        assertThat(secondRecord.getMetaData().getURI()).isEqualTo(second.toUri());
        assertThat(pixel(secondRecord.getRecord())).isEqualTo(10f);
        assertThat(reader.hasNext()).isFalse();
    }

    @Test
    void resetStartsAgain() throws Exception {
        GrayscaleImageRecordReader reader =
                readerFor(2, 2, writeGray(dir.resolve("a.png"), 2, 2, 50));
        reader.next();

        reader.reset();

        assertThat(reader.resetSupported()).isTrue();
        assertThat(reader.hasNext()).isTrue();
        assertThat(pixel(reader.next())).isEqualTo(50f);
    }

    @Test
    void loadFromMetaDataRereads() throws Exception {
        GrayscaleImageRecordReader reader =
                readerFor(2, 2, writeGray(dir.resolve("a.png"), 2, 2, 90));
        Record record = reader.nextRecord();

        Record loaded = reader.loadFromMetaData(record.getMetaData());

        assertThat(pixel(loaded.getRecord())).isEqualTo(90f);
    }

    @Test
    void nextAfterLastThrows() throws Exception {
        GrayscaleImageRecordReader reader =
                readerFor(2, 2, writeGray(dir.resolve("a.png"), 2, 2, 0));
        reader.next();

        assertThatThrownBy(reader::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void wrongSizeRejected() throws Exception {
        Path image = writeGray(dir.resolve("small.png"), 32, 32, 0);
        GrayscaleImageRecordReader reader = readerFor(64, 64, image);

        assertThatThrownBy(reader::next)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("small.png")
                .hasMessageContaining("expected 64x64")
                .hasMessageContaining("found 32x32");
    }

    @Test
    void colourImageRejected() throws Exception {
        Path image = dir.resolve("rgb.png");
        ImageIO.write(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), "png", image.toFile());
        GrayscaleImageRecordReader reader = readerFor(2, 2, image);

        assertThatThrownBy(reader::next)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rgb.png")
                .hasMessageContaining("expected 8-bit grayscale")
                .hasMessageContaining("found 3 band(s)");
    }

    @Test
    void sixteenBitImageRejected() throws Exception {
        Path image = dir.resolve("deep.png");
        ImageIO.write(
                new BufferedImage(2, 2, BufferedImage.TYPE_USHORT_GRAY), "png", image.toFile());
        GrayscaleImageRecordReader reader = readerFor(2, 2, image);

        assertThatThrownBy(reader::next)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 bit(s)");
    }

    @Test
    void nonImageRejected() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.png"), "not an image");
        GrayscaleImageRecordReader reader = readerFor(2, 2, text);

        assertThatThrownBy(reader::next)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("notes.png")
                .hasMessageContaining("no decoder");
    }

    @Test
    void labelsAbsent() {
        assertThat(new GrayscaleImageRecordReader(2, 2).getLabels()).isNull();
    }

    private static GrayscaleImageRecordReader readerFor(int height, int width, Path... images)
            throws Exception {
        GrayscaleImageRecordReader reader = new GrayscaleImageRecordReader(height, width);
        List<URI> locations = Arrays.stream(images).map(Path::toUri).toList();
        reader.initialize(new CollectionInputSplit(locations));
        return reader;
    }

    /** Writes an 8-bit grayscale PNG whose pixel (row, column) is first + row * width + column. */
    private static Path writeGray(Path file, int height, int width, int first) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int row = 0; row < height; row++) {
            for (int column = 0; column < width; column++) {
                image.getRaster().setSample(column, row, 0, first + row * width + column);
            }
        }
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    private static float pixel(List<Writable> record) {
        return ((NDArrayWritable) record.get(0)).get().getFloat(0, 0, 0, 0);
    }
}
