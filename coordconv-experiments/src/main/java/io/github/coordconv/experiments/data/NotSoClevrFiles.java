package io.github.coordconv.experiments.data;

import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaDataLine;
import org.datavec.api.records.reader.RecordReader;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.CollectionInputSplit;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and writes Not-so-Clevr data as CSV files and PNG images; see {@link NotSoClevrData}. */
final class NotSoClevrFiles {

    private static final Logger log = LoggerFactory.getLogger(NotSoClevrFiles.class);

    static final String TRAIN_FILE = "train.csv";
    static final String TEST_FILE = "test.csv";
    static final String IMAGE_DIR = "images";

    private static final List<String> HEADER_WITH_IMAGES = List.of("x", "y", "image");
    private static final List<String> HEADER_WITHOUT_IMAGES = List.of("x", "y");
    private static final String EXPECTED_HEADER = "x,y,image or x,y";
    private static final int CANVAS = NotSoClevrData.CANVAS;
    private static final String BYTE_ORDER_MARK = "\uFEFF";
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

    /** One example line of a CSV file; {@code imagePath} is null without an image column. */
    private record Row(Path file, int line, Centre centre, String imagePath) {
        String location() {
            return file + " line " + line;
        }
    }

    private NotSoClevrFiles() {}

    static NotSoClevrData read(Path dir, double intensity) {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(
                    "Data directory not found: "
                            + root
                            + ": expected a directory containing "
                            + TRAIN_FILE
                            + " and "
                            + TEST_FILE);
        }
        List<Row> trainRows = readRows(root.resolve(TRAIN_FILE));
        List<Row> testRows = readRows(root.resolve(TEST_FILE));

        Map<Centre, byte[]> images = new HashMap<>();
        Map<Centre, Row> imageRows = new HashMap<>();
        readImages(root, trainRows, images, imageRows);
        readImages(root, testRows, images, imageRows);
        warnAboutDuplicates(trainRows, testRows);

        List<Centre> train = trainRows.stream().map(Row::centre).toList();
        List<Centre> test = testRows.stream().map(Row::centre).toList();
        log.info(
                "Read Not-so-Clevr data from {}: {} train / {} test examples, {} images",
                root,
                train.size(),
                test.size(),
                images.size());
        return new NotSoClevrData(null, -1, intensity, "files: " + root, train, test, images);
    }

    static void export(NotSoClevrData data, Path dir, boolean force) {
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null) {
            throw new IllegalArgumentException(
                    "Cannot export to "
                            + target
                            + ": expected a directory below a file system root");
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new IllegalArgumentException(
                    "Cannot export to " + target + ": it is a file, expected a directory");
        }
        try {
            boolean exists = Files.isDirectory(target);
            if (exists && !force && !isEmptyDirectory(target)) {
                throw new IllegalArgumentException(
                        "Export directory "
                                + target
                                + " already exists and is not empty: pass --force to replace its "
                                + TRAIN_FILE
                                + ", "
                                + TEST_FILE
                                + " and images, or choose another directory");
            }
            Files.createDirectories(parent);
            Path staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
            try {
                int imageCount = writeFiles(data, staging);
                if (exists) {
                    moveFilesInto(staging, target);
                } else {
                    moveDirectory(staging, target);
                }
                log.info(
                        "Exported {} train / {} test examples and {} images to {}",
                        data.train().size(),
                        data.test().size(),
                        imageCount,
                        target);
            } finally {
                deleteStaging(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to export Not-so-Clevr data to " + target, e);
        }
    }

    private static List<Row> readRows(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    "File not found: "
                            + file
                            + ": expected a CSV file with the header "
                            + EXPECTED_HEADER
                            + " and one line per example");
        }
        try (RecordReader reader = new CSVRecordReader(0, ',')) {
            reader.initialize(new FileSplit(file.toFile()));
            List<String> header = null;
            List<Row> rows = new ArrayList<>();
            int line = 0;
            while (reader.hasNext()) {
                Record record = nextCsvRecord(reader, file, line + 1);
                line = ((RecordMetaDataLine) record.getMetaData()).getLineNumber() + 1;
                List<String> values = trimmedValues(record.getRecord());
                if (values.size() == 1 && values.get(0).isEmpty()) {
                    continue;
                }
                if (header == null) {
                    header = checkHeader(file, line, values);
                } else {
                    rows.add(parseRow(file, line, header, values));
                }
            }
            if (header == null) {
                throw new IllegalArgumentException(
                        "Invalid file "
                                + file
                                + ": the file is empty; expected the header "
                                + EXPECTED_HEADER
                                + " and one line per example");
            }
            if (rows.isEmpty()) {
                throw new IllegalArgumentException(
                        "Invalid file "
                                + file
                                + ": no examples after the header; expected one line "
                                + String.join(",", header)
                                + " per example");
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading " + file, e);
        }
    }

    /** Returns the next CSV record, turning a parse failure into a message with the line. */
    private static Record nextCsvRecord(RecordReader reader, Path file, int line) {
        try {
            return reader.nextRecord();
        } catch (RuntimeException e) {
            // CSVRecordReader wraps parse errors, such as an unterminated quote, without the line.
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "Invalid CSV in %s line %d: %s",
                            file,
                            line,
                            cause.getMessage()),
                    e);
        }
    }

    private static List<String> trimmedValues(List<Writable> record) {
        return record.stream().map(value -> value.toString().trim()).toList();
    }

    private static List<String> checkHeader(Path file, int line, List<String> values) {
        List<String> names = new ArrayList<>(values);
        if (names.get(0).startsWith(BYTE_ORDER_MARK)) {
            names.set(0, names.get(0).substring(1).trim());
        }
        if (names.equals(HEADER_WITH_IMAGES) || names.equals(HEADER_WITHOUT_IMAGES)) {
            return List.copyOf(names);
        }
        String found = String.join(",", values);
        if (isInteger(names.get(0))) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "Missing header in %s line %d: found the data '%s'; expected the"
                                    + " header %s as the first line",
                            file,
                            line,
                            found,
                            EXPECTED_HEADER));
        }
        throw new IllegalArgumentException(
                String.format(
                        Locale.ROOT,
                        "Invalid header in %s line %d: found '%s'; expected %s",
                        file,
                        line,
                        found,
                        EXPECTED_HEADER));
    }

    private static Row parseRow(Path file, int line, List<String> header, List<String> values) {
        if (values.size() != header.size()) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "Invalid row in %s line %d: expected %d values (%s), found %d: '%s'",
                            file,
                            line,
                            header.size(),
                            String.join(",", header),
                            values.size(),
                            String.join(",", values)));
        }
        int x = parseCoordinate(file, line, "x", "column", values.get(0));
        int y = parseCoordinate(file, line, "y", "row", values.get(1));
        String imagePath = null;
        if (header.size() == HEADER_WITH_IMAGES.size()) {
            imagePath = values.get(2);
            if (imagePath.isEmpty()) {
                throw new IllegalArgumentException(
                        String.format(
                                Locale.ROOT,
                                "Missing image path in %s line %d: expected a PNG path relative"
                                        + " to %s, e.g. images/x%d_y%d.png",
                                file,
                                line,
                                file.getParent(),
                                x,
                                y));
            }
        }
        return new Row(file, line, new Centre(x, y), imagePath);
    }

    private static int parseCoordinate(Path file, int line, String name, String axis, String text) {
        if (!isInteger(text)) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "Invalid %s in %s line %d: '%s' is not an integer; expected a pixel %s"
                                    + " in %d..%d",
                            name,
                            file,
                            line,
                            text,
                            axis,
                            NotSoClevrData.MIN_CENTRE,
                            NotSoClevrData.MAX_CENTRE));
        }
        BigInteger parsed = new BigInteger(text);
        if (parsed.signum() < 0 || parsed.compareTo(BigInteger.valueOf(CANVAS)) >= 0) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "Invalid %s in %s line %d: %s is outside the %dx%d canvas; expected a"
                                    + " pixel %s in %d..%d",
                            name,
                            file,
                            line,
                            text,
                            CANVAS,
                            CANVAS,
                            axis,
                            NotSoClevrData.MIN_CENTRE,
                            NotSoClevrData.MAX_CENTRE));
        }
        int value = parsed.intValue();
        if (value < NotSoClevrData.MIN_CENTRE || value > NotSoClevrData.MAX_CENTRE) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "Invalid %s in %s line %d: %d is too close to the edge for the %dx%d"
                                    + " square to fit on the canvas; expected a pixel %s in"
                                    + " %d..%d",
                            name,
                            file,
                            line,
                            value,
                            NotSoClevrData.SQUARE_SIZE,
                            NotSoClevrData.SQUARE_SIZE,
                            axis,
                            NotSoClevrData.MIN_CENTRE,
                            NotSoClevrData.MAX_CENTRE));
        }
        return value;
    }

    private static boolean isInteger(String text) {
        return INTEGER.matcher(text).matches();
    }

    /**
     * Reads the images of {@code rows} through a {@link GrayscaleImageRecordReader} into {@code
     * images}. Rejects a missing or invalid image, and a centre whose image differs from the one an
     * earlier row gave it.
     */
    private static void readImages(
            Path root, List<Row> rows, Map<Centre, byte[]> images, Map<Centre, Row> imageRows) {
        List<Row> withImages = rows.stream().filter(row -> row.imagePath() != null).toList();
        if (withImages.isEmpty()) {
            return;
        }
        List<URI> locations = new ArrayList<>(withImages.size());
        for (Row row : withImages) {
            locations.add(resolveImage(root, row).toUri());
        }
        try (GrayscaleImageRecordReader reader = new GrayscaleImageRecordReader(CANVAS, CANVAS)) {
            reader.initialize(new CollectionInputSplit(locations));
            for (Row row : withImages) {
                byte[] pixels = nextImage(reader, row);
                byte[] earlier = images.putIfAbsent(row.centre(), pixels);
                if (earlier != null && !Arrays.equals(earlier, pixels)) {
                    Row first = imageRows.get(row.centre());
                    throw new IllegalArgumentException(
                            String.format(
                                    Locale.ROOT,
                                    "Conflicting images for centre x=%d, y=%d: %s names '%s' and"
                                            + " %s names '%s', which differ; expected one image"
                                            + " per centre",
                                    row.centre().x(),
                                    row.centre().y(),
                                    first.location(),
                                    first.imagePath(),
                                    row.location(),
                                    row.imagePath()));
                }
                imageRows.putIfAbsent(row.centre(), row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Failed to read images listed in " + rows.get(0).file(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading images", e);
        }
    }

    private static Path resolveImage(Path root, Row row) {
        Path image;
        try {
            image = root.resolve(row.imagePath()).normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "Invalid image path in %s: '%s' is not a valid path: %s",
                            row.location(),
                            row.imagePath(),
                            e.getMessage()),
                    e);
        }
        if (!Files.isRegularFile(image)) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "Image not found: %s names '%s', but %s does not exist; expected a"
                                    + " %dx%d 8-bit grayscale PNG at that path relative to %s",
                            row.location(),
                            row.imagePath(),
                            image,
                            CANVAS,
                            CANVAS,
                            root));
        }
        return image;
    }

    private static byte[] nextImage(GrayscaleImageRecordReader reader, Row row) {
        List<Writable> record;
        try {
            record = reader.next();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new IllegalArgumentException(
                    "Invalid image in " + row.location() + ": " + e.getMessage(), e);
        }
        float[] values = ((NDArrayWritable) record.get(0)).get().data().asFloat();
        byte[] pixels = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            pixels[i] = (byte) (int) values[i];
        }
        return pixels;
    }

    private static void warnAboutDuplicates(List<Row> trainRows, List<Row> testRows) {
        warnAboutRepeats(trainRows);
        warnAboutRepeats(testRows);
        Map<Centre, Row> trainByCentre = new HashMap<>();
        for (Row row : trainRows) {
            trainByCentre.putIfAbsent(row.centre(), row);
        }
        Map<Centre, Row> shared = new LinkedHashMap<>();
        for (Row row : testRows) {
            if (trainByCentre.containsKey(row.centre())) {
                shared.putIfAbsent(row.centre(), row);
            }
        }
        if (!shared.isEmpty()) {
            Row example = shared.values().iterator().next();
            log.warn(
                    "{} centres are in both {} and {}, e.g. x={}, y={} at {} and {}: test results"
                            + " on them do not measure generalisation",
                    shared.size(),
                    trainRows.get(0).file(),
                    testRows.get(0).file(),
                    example.centre().x(),
                    example.centre().y(),
                    trainByCentre.get(example.centre()).location(),
                    example.location());
        }
    }

    private static void warnAboutRepeats(List<Row> rows) {
        Set<Centre> seen = new HashSet<>();
        List<Row> repeats = new ArrayList<>();
        for (Row row : rows) {
            if (!seen.add(row.centre())) {
                repeats.add(row);
            }
        }
        if (!repeats.isEmpty()) {
            log.warn(
                    "{} lines of {} repeat an earlier centre, first at line {} (x={}, y={})",
                    repeats.size(),
                    rows.get(0).file(),
                    repeats.get(0).line(),
                    repeats.get(0).centre().x(),
                    repeats.get(0).centre().y());
        }
    }

    private static void warnAboutRounding(double intensity) {
        double level = intensity * 255;
        if (Math.abs(level - Math.rint(level)) > 1e-9) {
            log.warn(
                    "Drawn squares of intensity {} are stored as the 8-bit value {} and read back"
                            + " as {}",
                    intensity,
                    Math.round(level),
                    Math.round(level) / 255.0);
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        }
    }

    /** Writes the CSV files and images into {@code dir}; returns the number of images. */
    private static int writeFiles(NotSoClevrData data, Path dir) throws IOException {
        Path imageDir = Files.createDirectory(dir.resolve(IMAGE_DIR));
        Set<Centre> centres = new LinkedHashSet<>(data.train());
        centres.addAll(data.test());
        boolean drawsSquares = false;
        for (Centre centre : centres) {
            drawsSquares |= !data.hasImage(centre);
            writePng(data.imagePixels(centre), imageDir.resolve(centre.imageFileName()));
        }
        if (drawsSquares) {
            warnAboutRounding(data.intensity());
        }
        writeCsv(dir.resolve(TRAIN_FILE), data.train());
        writeCsv(dir.resolve(TEST_FILE), data.test());
        return centres.size();
    }

    private static void writePng(byte[] pixels, Path file) throws IOException {
        BufferedImage image = new BufferedImage(CANVAS, CANVAS, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, CANVAS, CANVAS, pixels);
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("No PNG writer available in javax.imageio for " + file);
        }
    }

    private static void writeCsv(Path file, List<Centre> centres) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writer.write(String.join(",", HEADER_WITH_IMAGES));
            writer.write('\n');
            for (Centre centre : centres) {
                writer.write(
                        centre.x()
                                + ","
                                + centre.y()
                                + ","
                                + IMAGE_DIR
                                + "/"
                                + centre.imageFileName());
                writer.write('\n');
            }
        }
    }

    /** Renames {@code staging} to the absent {@code target}, atomically where supported. */
    private static void moveDirectory(Path staging, Path target) throws IOException {
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staging, target);
        }
    }

    /**
     * Moves the exported files into the existing directory {@code target}, replacing files of the
     * same name: the images first and the CSV files last, so that a CSV file never names an image
     * that is not there yet. Other files in {@code target} stay.
     */
    private static void moveFilesInto(Path staging, Path target) throws IOException {
        Path imageDir = Files.createDirectories(target.resolve(IMAGE_DIR));
        try (DirectoryStream<Path> images = Files.newDirectoryStream(staging.resolve(IMAGE_DIR))) {
            for (Path image : images) {
                Files.move(
                        image,
                        imageDir.resolve(image.getFileName().toString()),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        for (String name : List.of(TEST_FILE, TRAIN_FILE)) {
            Files.move(
                    staging.resolve(name),
                    target.resolve(name),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes what is left of the temporary directory; it holds only files this class wrote. */
    private static void deleteStaging(Path staging) {
        if (!Files.exists(staging)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(staging)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            log.warn("Failed to delete the temporary directory {}", staging, e);
        }
    }
}
