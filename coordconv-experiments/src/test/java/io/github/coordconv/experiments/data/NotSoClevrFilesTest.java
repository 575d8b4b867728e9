package io.github.coordconv.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Export to and read from CSV files and PNG images, through {@link NotSoClevrData}. */
class NotSoClevrFilesTest {

    @TempDir static Path sharedDir;
    @TempDir Path dir;

    private static NotSoClevrData released;
    private static Path releasedDir;
    private static NotSoClevrData readBack;

    @BeforeAll
    static void exportReleasedData() {
        released =
                NotSoClevrData.generate(
                        Split.UNIFORM,
                        NotSoClevrData.RELEASED_SEED,
                        NotSoClevrData.RELEASED_INTENSITY);
        releasedDir = sharedDir.resolve("released");
        released.export(releasedDir, false);
        readBack = NotSoClevrData.read(releasedDir, 1.0);
    }

    @Test
    void exportWritesCsvHeaderAndRows() throws IOException {
        List<String> train = Files.readAllLines(releasedDir.resolve("train.csv"));
        List<String> test = Files.readAllLines(releasedDir.resolve("test.csv"));

        assertThat(train).hasSize(2368 + 1);
        assertThat(test).hasSize(768 + 1);
        assertThat(train.get(0)).isEqualTo("x,y,image");
        assertThat(train.get(1)).isEqualTo("4,4,images/x4_y4.png");
        assertThat(test.get(1)).isEqualTo("4,5,images/x4_y5.png");
    }

    @Test
    void exportWritesOnePngPerCentre() throws IOException {
        try (Stream<Path> images = Files.list(releasedDir.resolve("images"))) {
            assertThat(images.count()).isEqualTo(3136);
        }
    }

    @Test
    void exportedPngHoldsSquareAt128() throws IOException {
        BufferedImage image = ImageIO.read(releasedDir.resolve("images/x12_y40.png").toFile());

        assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        assertThat(image.getWidth()).isEqualTo(64);
        assertThat(image.getRaster().getSample(8, 36, 0)).isEqualTo(128);
        assertThat(image.getRaster().getSample(16, 44, 0)).isEqualTo(128);
        assertThat(image.getRaster().getSample(7, 36, 0)).isEqualTo(0);
    }

    @Test
    void exportLeavesNoTemporaryDirectory() throws IOException {
        try (Stream<Path> entries = Files.list(sharedDir)) {
            assertThat(entries.map(path -> path.getFileName().toString()))
                    .containsExactly("released");
        }
    }

    @Test
    void roundTripKeepsSplit() {
        assertThat(readBack.train()).isEqualTo(released.train());
        assertThat(readBack.test()).isEqualTo(released.test());
    }

    @Test
    void roundTripKeepsSquareImages() {
        // Intensity 1.0 applies only to rows without an image, so equality shows the PNGs are used.
        assertThat(readBack.squareImages(readBack.test()))
                .isEqualTo(released.squareImages(released.test()));
    }

    @Test
    void readDescribesFileSource() {
        assertThat(readBack.source())
                .isEqualTo("files: " + releasedDir.toAbsolutePath().normalize());
        assertThat(readBack.split()).isNull();
        assertThat(readBack.seed()).isEqualTo(-1);
        assertThat(readBack.intensity()).isEqualTo(1.0);
    }

    @Test
    void exportRefusesNonEmptyDirectory() throws IOException {
        Path userFile = Files.writeString(dir.resolve("notes.txt"), "keep me");

        assertThatThrownBy(() -> released.export(dir, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("--force")
                .hasMessageContaining("choose another directory");
        assertThat(Files.readString(userFile)).isEqualTo("keep me");
        assertThat(dir.resolve("train.csv")).doesNotExist();
    }

    @Test
    void forcedExportKeepsOtherFiles() throws IOException {
        NotSoClevrData small = smallDataSet();
        Path target = Files.createDirectory(dir.resolve("target"));
        Path userFile = Files.writeString(target.resolve("notes.txt"), "keep me");
        Files.writeString(target.resolve("train.csv"), "old");

        small.export(target, true);

        assertThat(Files.readString(userFile)).isEqualTo("keep me");
        assertThat(NotSoClevrData.read(target, 1.0).train()).isEqualTo(small.train());
        try (Stream<Path> entries = Files.list(dir)) {
            assertThat(entries.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("source", "target");
        }
    }

    @Test
    void exportIntoEmptyDirectory() throws IOException {
        NotSoClevrData small = smallDataSet();
        Path target = Files.createDirectory(dir.resolve("target"));

        small.export(target, false);

        assertThat(NotSoClevrData.read(target, 1.0).test()).isEqualTo(small.test());
    }

    @Test
    void exportCreatesMissingParents() throws IOException {
        NotSoClevrData small = smallDataSet();
        Path target = dir.resolve("a/b/c");

        small.export(target, false);

        assertThat(target.resolve("images/x40_y50.png")).isRegularFile();
    }

    @Test
    void exportStoresRoundedIntensity() throws IOException {
        NotSoClevrData small = smallDataSet();
        Path target = dir.resolve("target");

        small.export(target, false);
        BufferedImage image = ImageIO.read(target.resolve("images/x10_y10.png").toFile());

        // smallDataSet draws its squares at 0.5, which 8 bits store as round(127.5) = 128.
        assertThat(image.getRaster().getSample(10, 10, 0)).isEqualTo(128);
    }

    @Test
    void exportOntoFileRejected() throws IOException {
        Path file = Files.writeString(dir.resolve("data"), "");

        assertThatThrownBy(() -> released.export(file, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("it is a file");
    }

    @Test
    void missingDirectoryRejected() {
        Path missing = dir.resolve("absent");

        assertThatThrownBy(() -> NotSoClevrData.read(missing, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Data directory not found")
                .hasMessageContaining(missing.toString());
    }

    @Test
    void missingTestFileRejected() throws IOException {
        write("train.csv", "x,y", "10,10");

        assertThatThrownBy(() -> NotSoClevrData.read(dir, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("File not found")
                .hasMessageContaining(dir.resolve("test.csv").toString());
    }

    @Test
    void emptyFileRejected() throws IOException {
        write("train.csv");
        write("test.csv", "x,y", "10,10");

        assertThatThrownBy(() -> NotSoClevrData.read(dir, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dir.resolve("train.csv").toString())
                .hasMessageContaining("the file is empty");
    }

    @Test
    void headerOnlyFileRejected() throws IOException {
        write("train.csv", "x,y", "10,10");
        write("test.csv", "x,y");

        assertThatThrownBy(() -> NotSoClevrData.read(dir, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dir.resolve("test.csv").toString())
                .hasMessageContaining("no examples");
    }

    @Test
    void missingHeaderRejected() throws IOException {
        write("train.csv", "12,40,images/x12_y40.png");
        write("test.csv", "x,y", "10,10");

        assertThatThrownBy(() -> NotSoClevrData.read(dir, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Missing header")
                .hasMessageContaining("train.csv line 1")
                .hasMessageContaining("'12,40,images/x12_y40.png'")
                .hasMessageContaining("x,y,image or x,y");
    }

    @Test
    void wrongHeaderRejected() throws IOException {
        write("train.csv", "row,column", "10,10");
        write("test.csv", "x,y", "10,10");

        assertThatThrownBy(() -> NotSoClevrData.read(dir, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid header")
                .hasMessageContaining("train.csv line 1")
                .hasMessageContaining("'row,column'");
    }

    @Test
    void nonIntegerCoordinateRejected() throws IOException {
        write("train.csv", "x,y", "10,10", "11,12.5");
        write("test.csv", "x,y", "10,11");

        assertThatThrownBy(() -> NotSoClevrData.read(dir, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid y")
                .hasMessageContaining("train.csv line 3")
                .hasMessageContaining("'12.5' is not an integer")
                .hasMessageContaining("pixel row in 4..59");
    }

    @Test
    void coordinateOutsideCanvasRejected() throws IOException {
        write("train.csv", "x,y", "10,10");
        write("test.csv", "x,y", "10,11", "64,20");

        assertThatThrownBy(() -> NotSoClevrData.read(dir, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid x")
                .hasMessageContaining("test.csv line 3")
                .hasMessageContaining("64 is outside the 64x64 canvas")
                .hasMessageContaining("pixel column in 4..59");
    }

    @Test
    void negativeCoordinateRejected() throws IOException {
        write("train.csv", "x,y", "10,-1");
        write("test.csv", "x,y", "10,11");

        assertThatThrownBy(() -> NotSoClevrData.read(dir, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1 is outside the 64x64 canvas");
    }

    @Test
    void centreTooCloseToEdgeRejected() throws IOException {
        write("train.csv", "x,y", "10,10", "3,20");
        write("test.csv", "x,y", "10,11");

        assertThatThrownBy(() -> NotSoClevrData.read(dir, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid x")
                .hasMessageContaining("train.csv line 3")
                .hasMessageContaining("3 is too close to the edge")
                .hasMessageContaining("4..59");
    }

    @Test
    void wrongValueCountRejected() throws IOException {
        write("train.csv", "x,y,image", "10,10");
        write("test.csv", "x,y", "10,11");

        assertThatThrownBy(() -> NotSoClevrData.read(dir, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("expected 3 values (x,y,image), found 2")
                .hasMessageContaining("'10,10'");
    }

    @Test
    void unterminatedQuoteRejected() throws IOException {
        write("train.csv", "x,y", "10,10", "11,\"12");
        write("test.csv", "x,y", "10,11");

        assertThatThrownBy(() -> NotSoClevrData.read(dir, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid CSV")
                .hasMessageContaining("train.csv line 3")
                .hasMessageContaining("Un-terminated quoted field");
    }

    @Test
    void missingImageFileRejected() throws IOException {
        write("train.csv", "x,y,image", "10,10,images/x10_y10.png");
        write("test.csv", "x,y", "10,11");

        assertThatThrownBy(() -> NotSoClevrData.read(dir, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Image not found")
                .hasMessageContaining("train.csv line 2")
                .hasMessageContaining(dir.resolve("images/x10_y10.png").toString());
    }

    @Test
    void emptyImagePathRejected() throws IOException {
        write("train.csv", "x,y,image", "10,10,");
        write("test.csv", "x,y", "10,11");

        assertThatThrownBy(() -> NotSoClevrData.read(dir, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Missing image path")
                .hasMessageContaining("train.csv line 2");
    }

    @Test
    void wrongImageSizeRejected() throws IOException {
        writeImage("small.png", 32, 0);
        write("train.csv", "x,y,image", "10,10,small.png");
        write("test.csv", "x,y", "10,11");

        assertThatThrownBy(() -> NotSoClevrData.read(dir, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid image in")
                .hasMessageContaining("train.csv line 2")
                .hasMessageContaining("found 32x32");
    }

    @Test
    void conflictingImagesRejected() throws IOException {
        writeImage("dark.png", 64, 0);
        writeImage("light.png", 64, 255);
        write("train.csv", "x,y,image", "10,10,dark.png");
        write("test.csv", "x,y,image", "10,10,light.png");

        assertThatThrownBy(() -> NotSoClevrData.read(dir, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Conflicting images for centre x=10, y=10")
                .hasMessageContaining("train.csv line 2")
                .hasMessageContaining("test.csv line 2");
    }

    @Test
    void filesWithoutImagesDrawSquares() throws IOException {
        write("train.csv", "x,y", "10,10", "20,30");
        write("test.csv", "x,y", "40,50");

        NotSoClevrData read = NotSoClevrData.read(dir, 0.5);
        INDArray images = read.squareImages(read.train());

        assertThat(read.train()).containsExactly(new Centre(10, 10), new Centre(20, 30));
        assertThat(images.getFloat(1, 0, 26, 16)).isEqualTo(0.5f);
        assertThat(images.sumNumber().doubleValue()).isEqualTo(2 * 81 * 0.5);
    }

    @Test
    void imagePixelsScaledBy255() throws IOException {
        writeImage("grey.png", 64, 51);
        write("train.csv", "x,y,image", "10,10,grey.png");
        write("test.csv", "x,y", "40,50");

        NotSoClevrData read = NotSoClevrData.read(dir, 1.0);
        INDArray image = read.squareImages(read.train());

        assertThat(image.getFloat(0, 0, 63, 0)).isEqualTo(51 / 255f);
    }

    @Test
    void blankLinesCrlfAndByteOrderMarkAccepted() throws IOException {
        Files.writeString(dir.resolve("train.csv"), "\uFEFFx,y\r\n10,10\r\n\r\n 20 , 30 \r\n");
        write("test.csv", "x,y", "40,50", "");

        NotSoClevrData read = NotSoClevrData.read(dir, 1.0);

        assertThat(read.train()).containsExactly(new Centre(10, 10), new Centre(20, 30));
        assertThat(read.test()).containsExactly(new Centre(40, 50));
    }

    @Test
    void duplicateRowsKept() throws IOException {
        write("train.csv", "x,y", "10,10", "10,10");
        write("test.csv", "x,y", "10,10");

        NotSoClevrData read = NotSoClevrData.read(dir, 1.0);

        assertThat(read.train()).hasSize(2);
        assertThat(read.test()).hasSize(1);
    }

    @Test
    void readRejectsInvalidIntensity() throws IOException {
        assertThatThrownBy(() -> NotSoClevrData.read(releasedDir, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("intensity 0.0");
    }

    /** Reads three examples without images from files in {@code dir/source}, intensity 0.5. */
    private NotSoClevrData smallDataSet() throws IOException {
        Path source = Files.createDirectory(dir.resolve("source"));
        Files.writeString(source.resolve("train.csv"), "x,y\n10,10\n20,30\n");
        Files.writeString(source.resolve("test.csv"), "x,y\n40,50\n");
        return NotSoClevrData.read(source, 0.5);
    }

    private void write(String name, String... lines) throws IOException {
        Files.writeString(dir.resolve(name), lines.length == 0 ? "" : String.join("\n", lines));
    }

    private void writeImage(String name, int size, int value) throws IOException {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        for (int row = 0; row < size; row++) {
            for (int column = 0; column < size; column++) {
                image.getRaster().setSample(column, row, 0, value);
            }
        }
        ImageIO.write(image, "png", dir.resolve(name).toFile());
    }
}
