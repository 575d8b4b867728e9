package io.github.coordconv.experiments.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Not-so-Clevr data set of the CoordConv paper (Liu et al., "An intriguing failing of
 * convolutional neural networks and the CoordConv solution", NeurIPS 2018): one 9x9 square on a
 * 64x64 single-channel canvas, centred on every pixel (x, y) with x and y in 4..59, so 56 x 56 =
 * 3,136 examples, split into train and test sets by a {@link Split}.
 *
 * <p>Instances are immutable. They come from {@link #generate} (the same split and seed always give
 * the same data) or from files written by {@link #export} and read back by {@link #read}; see
 * {@link #export} for the file format.
 *
 * <p>The tensor methods return float32 arrays whose row {@code i} is the example {@code
 * centres.get(i)}. Coordinates are pixel indices: {@code x} is the column, counted from the left,
 * and {@code y} the row, counted from the top. Image arrays are NCHW, {@code (n, 1, 64, 64)}.
 */
public final class NotSoClevrData {

    private static final Logger log = LoggerFactory.getLogger(NotSoClevrData.class);

    /** Width and height of the canvas in pixels. */
    public static final int CANVAS = 64;

    /** Side of the square in pixels. */
    public static final int SQUARE_SIZE = 9;

    /** Smallest centre coordinate whose 9x9 square fits on the canvas. */
    public static final int MIN_CENTRE = 4;

    /** Largest centre coordinate whose 9x9 square fits on the canvas. */
    public static final int MAX_CENTRE = 59;

    /** Number of examples: one per centre, 56 x 56. */
    public static final int SIZE = 3136;

    /** Seed of the uniform split in the released code, numpy's {@code RandomState(20202)}. */
    public static final long RELEASED_SEED = 20202;

    /** Square intensity in the released data, 128/255. Most ports draw the square at 1.0. */
    public static final double RELEASED_INTENSITY = 128.0 / 255.0;

    /** Probability that the {@code uniform} split sends an example to the test set. */
    static final double UNIFORM_TEST_PROBABILITY = 0.25;

    /** Test fraction of the {@code uniform-80-20} split. */
    static final double UNIFORM_80_20_TEST_FRACTION = 0.2;

    /** The {@code quadrant} split tests the centres with x &gt; 32 and y &gt; 32. */
    static final int QUADRANT_BOUNDARY = 32;

    private static final int HALF_SQUARE = SQUARE_SIZE / 2;
    private static final int PIXELS = CANVAS * CANVAS;
    private static final List<Centre> ALL_CENTRES = listAllCentres();

    private final Split split;
    private final long seed;
    private final double intensity;
    private final String source;
    private final List<Centre> train;
    private final List<Centre> test;
    private final Map<Centre, byte[]> images;

    NotSoClevrData(
            Split split,
            long seed,
            double intensity,
            String source,
            List<Centre> train,
            List<Centre> test,
            Map<Centre, byte[]> images) {
        this.split = split;
        this.seed = seed;
        this.intensity = intensity;
        this.source = source;
        this.train = List.copyOf(train);
        this.test = List.copyOf(test);
        this.images = Map.copyOf(images);
    }

    /**
     * Returns the 3,136 centres in x-major order: x in the outer loop, y in the inner loop, both
     * from 4 to 59. The released code assigns its random split draws in this order.
     */
    public static List<Centre> allCentres() {
        return ALL_CENTRES;
    }

    /**
     * Generates the data set with the given split.
     *
     * @param split how to divide the centres into train and test sets
     * @param seed numpy seed of the {@code uniform} and {@code uniform-80-20} splits, in 0..2^32-1;
     *     {@link #RELEASED_SEED} (20202) reproduces the released split. The {@code quadrant} split
     *     ignores it.
     * @param intensity pixel value inside the square, in (0, 1]: {@link #RELEASED_INTENSITY} as in
     *     the released data, or 1.0 as in most ports
     * @return train and test centres, each in x-major order
     * @throws IllegalArgumentException if the seed or intensity is out of range
     */
    public static NotSoClevrData generate(Split split, long seed, double intensity) {
        Objects.requireNonNull(split, "split");
        checkIntensity(intensity);
        boolean[] isTest =
                switch (split) {
                    case UNIFORM -> uniformTestMask(seed);
                    case UNIFORM_80_20 -> uniform8020TestMask(seed);
                    case QUADRANT -> quadrantTestMask();
                };
        List<Centre> train = new ArrayList<>();
        List<Centre> test = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            (isTest[i] ? test : train).add(ALL_CENTRES.get(i));
        }
        String source =
                split.usesSeed()
                        ? "generated: split=" + split.cliName() + " seed=" + seed
                        : "generated: split=" + split.cliName();
        log.info(
                "Not-so-Clevr {}: {} train / {} test examples, square intensity {}",
                source,
                train.size(),
                test.size(),
                intensity);
        return new NotSoClevrData(split, seed, intensity, source, train, test, Map.of());
    }

    /**
     * Reads a data set from {@code dir/train.csv} and {@code dir/test.csv} in the format that
     * {@link #export} writes, through DataVec record readers: {@code CSVRecordReader} for the CSV
     * files and {@link GrayscaleImageRecordReader} for the images.
     *
     * <p>The header is {@code x,y,image} or {@code x,y}. Without the image column, or for any
     * centre passed to {@link #squareImages} that has no image, the square is drawn at {@code
     * intensity}. An image contributes its 8-bit pixel values divided by 255. Blank lines are
     * skipped. Centres listed twice, in one file or across both, are logged as a warning.
     *
     * @param dir directory that contains {@code train.csv} and {@code test.csv}
     * @param intensity pixel value of squares drawn for rows without an image, in (0, 1]
     * @throws IllegalArgumentException if a file or image is missing or invalid. Invalid means an
     *     empty file, a malformed CSV line, a missing or wrong header, a row with the wrong number
     *     of values, a non-integer coordinate or one outside 4..59, an image that is not 64x64
     *     8-bit grayscale, or two different images for one centre. The message names the file, the
     *     line number, the value and what is expected.
     * @throws java.io.UncheckedIOException if a file cannot be read
     */
    public static NotSoClevrData read(Path dir, double intensity) {
        checkIntensity(intensity);
        return NotSoClevrFiles.read(dir, intensity);
    }

    /**
     * Writes this data set to {@code dir}: {@code train.csv}, {@code test.csv} and one 64x64 8-bit
     * grayscale PNG per distinct centre in {@code images/}, named {@code x<x>_y<y>.png}.
     *
     * <p>Each CSV file has the header {@code x,y,image}, then one line per example with the pixel
     * column, the pixel row and the image path relative to {@code dir}, e.g. {@code
     * 12,40,images/x12_y40.png}, in the order of {@link #train()} and {@link #test()}. A drawn
     * square is stored as {@code round(intensity * 255)}, so 1.0 and 128/255 read back exactly.
     *
     * <p>The files are written to a temporary directory next to {@code dir} and then moved into
     * place: renamed as a whole when {@code dir} does not exist, otherwise file by file with the
     * CSV files last. With {@code force}, a non-empty {@code dir} keeps its other files, and only
     * files with the names above are replaced.
     *
     * @param dir directory to create or fill
     * @param force whether to replace {@code train.csv}, {@code test.csv} and images in a non-empty
     *     {@code dir}
     * @throws IllegalArgumentException if {@code dir} is a file, or a non-empty directory and
     *     {@code force} is false
     * @throws java.io.UncheckedIOException if writing fails
     */
    public void export(Path dir, boolean force) {
        NotSoClevrFiles.export(this, dir, force);
    }

    /**
     * Returns where the data came from, e.g. {@code generated: split=uniform seed=20202}, {@code
     * generated: split=quadrant} or {@code files: /abs/dir}.
     */
    public String source() {
        return source;
    }

    /** Returns the split that generated the data, or {@code null} when it was read from files. */
    public Split split() {
        return split;
    }

    /**
     * Returns the seed passed to {@link #generate} (also for the {@code quadrant} split, which
     * ignores it), or -1 when the data was read from files.
     */
    public long seed() {
        return seed;
    }

    /**
     * Returns the pixel value inside drawn squares: for generated data every square, for data read
     * from files only the squares of rows without an image.
     */
    public double intensity() {
        return intensity;
    }

    /** Returns the training centres; for generated data in x-major order. Unmodifiable. */
    public List<Centre> train() {
        return train;
    }

    /** Returns the test centres; for generated data in x-major order. Unmodifiable. */
    public List<Centre> test() {
        return test;
    }

    /**
     * Returns the input of the coordinate classifier, shape {@code (n, 2)}: columns x and y as raw
     * pixel indices 4..59, as the released code feeds them.
     */
    public INDArray coordinates(List<Centre> centres) {
        float[] values = new float[centres.size() * 2];
        for (int i = 0; i < centres.size(); i++) {
            Centre centre = centres.get(i);
            values[2 * i] = centre.x();
            values[2 * i + 1] = centre.y();
        }
        return Nd4j.create(values, new long[] {centres.size(), 2}, 'c');
    }

    /**
     * Returns one-hot classification labels, shape {@code (n, 4096)}: 1 at index {@code y * 64 +
     * x}, the row-major flattened position of pixel (row y, column x), 0 elsewhere.
     */
    public INDArray classificationLabels(List<Centre> centres) {
        return Nd4j.create(oneHotPixels(centres), new long[] {centres.size(), PIXELS}, 'c');
    }

    /**
     * Returns one-hot images, shape {@code (n, 1, 64, 64)} NCHW: 1 at {@code [i, 0, y, x]}, 0
     * elsewhere. The input of the coordinate regressor.
     */
    public INDArray oneHotImages(List<Centre> centres) {
        return Nd4j.create(
                oneHotPixels(centres), new long[] {centres.size(), 1, CANVAS, CANVAS}, 'c');
    }

    /** Returns regression targets, shape {@code (n, 2)}: columns x / 64 and y / 64. */
    public INDArray regressionTargets(List<Centre> centres) {
        float[] values = new float[centres.size() * 2];
        for (int i = 0; i < centres.size(); i++) {
            Centre centre = centres.get(i);
            values[2 * i] = centre.x() / (float) CANVAS;
            values[2 * i + 1] = centre.y() / (float) CANVAS;
        }
        return Nd4j.create(values, new long[] {centres.size(), 2}, 'c');
    }

    /**
     * Returns the square images, shape {@code (n, 1, 64, 64)} NCHW. A drawn square covers rows y-4
     * to y+4 and columns x-4 to x+4 at {@link #intensity()}, with 0 elsewhere. A centre with an
     * image read from files gets that image's pixel values divided by 255.
     */
    public INDArray squareImages(List<Centre> centres) {
        float[] values = new float[centres.size() * PIXELS];
        for (int i = 0; i < centres.size(); i++) {
            Centre centre = centres.get(i);
            byte[] image = images.get(centre);
            int offset = i * PIXELS;
            if (image == null) {
                fillSquare(values, offset, centre, (float) intensity);
            } else {
                for (int p = 0; p < PIXELS; p++) {
                    values[offset + p] = Byte.toUnsignedInt(image[p]) / 255f;
                }
            }
        }
        return Nd4j.create(values, new long[] {centres.size(), 1, CANVAS, CANVAS}, 'c');
    }

    /**
     * Returns the 8-bit pixels of one centre's square image in row-major order: the image read from
     * files, or a square drawn at {@code round(intensity * 255)}.
     */
    byte[] imagePixels(Centre centre) {
        byte[] image = images.get(centre);
        if (image != null) {
            return image.clone();
        }
        byte[] pixels = new byte[PIXELS];
        byte level = (byte) Math.round(intensity * 255);
        for (int row = centre.y() - HALF_SQUARE; row <= centre.y() + HALF_SQUARE; row++) {
            int start = row * CANVAS + centre.x() - HALF_SQUARE;
            Arrays.fill(pixels, start, start + SQUARE_SIZE, level);
        }
        return pixels;
    }

    /** Returns whether {@code centre} has an image read from files. */
    boolean hasImage(Centre centre) {
        return images.containsKey(centre);
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "NotSoClevrData[%s, intensity=%s, train=%d, test=%d]",
                source,
                intensity,
                train.size(),
                test.size());
    }

    static void checkIntensity(double intensity) {
        if (!(intensity > 0 && intensity <= 1)) {
            throw new IllegalArgumentException(
                    "Invalid square intensity "
                            + intensity
                            + ": expected a value in (0, 1], e.g. 1.0 or 128/255 = "
                            + RELEASED_INTENSITY);
        }
    }

    private static List<Centre> listAllCentres() {
        List<Centre> centres = new ArrayList<>(SIZE);
        for (int x = MIN_CENTRE; x <= MAX_CENTRE; x++) {
            for (int y = MIN_CENTRE; y <= MAX_CENTRE; y++) {
                centres.add(new Centre(x, y));
            }
        }
        return List.copyOf(centres);
    }

    /** Marks a centre as test when its {@code RandomState(seed).random_sample()} is below 0.25. */
    private static boolean[] uniformTestMask(long seed) {
        NumpyRandomState random = new NumpyRandomState(seed);
        boolean[] isTest = new boolean[SIZE];
        for (int i = 0; i < SIZE; i++) {
            isTest[i] = random.randomSample() < UNIFORM_TEST_PROBABILITY;
        }
        return isTest;
    }

    /**
     * Marks the first ceil(0.2 * 3136) = 628 indices of {@code RandomState(seed).permutation(3136)}
     * as test, which is how scikit-learn's {@code train_test_split} sizes and draws a test set.
     */
    private static boolean[] uniform8020TestMask(long seed) {
        int[] order = new NumpyRandomState(seed).permutation(SIZE);
        int testCount = (int) Math.ceil(UNIFORM_80_20_TEST_FRACTION * SIZE);
        boolean[] isTest = new boolean[SIZE];
        for (int i = 0; i < testCount; i++) {
            isTest[order[i]] = true;
        }
        return isTest;
    }

    private static boolean[] quadrantTestMask() {
        boolean[] isTest = new boolean[SIZE];
        for (int i = 0; i < SIZE; i++) {
            Centre centre = ALL_CENTRES.get(i);
            isTest[i] = centre.x() > QUADRANT_BOUNDARY && centre.y() > QUADRANT_BOUNDARY;
        }
        return isTest;
    }

    private static float[] oneHotPixels(List<Centre> centres) {
        float[] values = new float[centres.size() * PIXELS];
        for (int i = 0; i < centres.size(); i++) {
            values[i * PIXELS + centres.get(i).pixelIndex()] = 1f;
        }
        return values;
    }

    private static void fillSquare(float[] values, int offset, Centre centre, float level) {
        for (int row = centre.y() - HALF_SQUARE; row <= centre.y() + HALF_SQUARE; row++) {
            int start = offset + row * CANVAS + centre.x() - HALF_SQUARE;
            Arrays.fill(values, start, start + SQUARE_SIZE, level);
        }
    }
}
