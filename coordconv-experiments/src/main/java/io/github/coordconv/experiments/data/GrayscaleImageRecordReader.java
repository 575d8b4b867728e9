package io.github.coordconv.experiments.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import javax.imageio.ImageIO;
import org.datavec.api.conf.Configuration;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataURI;
import org.datavec.api.records.reader.BaseRecordReader;
import org.datavec.api.split.InputSplit;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DataVec record reader for 8-bit grayscale images, decoded with {@code javax.imageio} instead of
 * DataVec's {@code ImageRecordReader}, which needs OpenCV natives. Java 17's {@code javax.imageio}
 * decodes PNG, JPEG, BMP, WBMP, GIF and TIFF.
 *
 * <p>Each location of the input split (for example a {@code CollectionInputSplit} of file URIs)
 * becomes one record with a single {@link NDArrayWritable}: a float32 array of shape {@code (1, 1,
 * height, width)} (NCHW with a batch of one) holding the raw pixel values 0..255, unscaled, as
 * DataVec's {@code ImageRecordReader} returns them. Records come in the order of the split's
 * locations and carry a {@link RecordMetaDataURI}. The reader has no labels.
 *
 * <p>{@link #next()} and {@link #nextRecord()} throw {@link IllegalArgumentException} for an image
 * that cannot be decoded, is not 8-bit grayscale (one band, no palette, no alpha) or is not {@code
 * height x width} pixels, and {@link UncheckedIOException} when the file cannot be read. Each
 * message names the image.
 */
public class GrayscaleImageRecordReader extends BaseRecordReader {

    private static final long serialVersionUID = 1L;

    private final int height;
    private final int width;
    private List<URI> locations = List.of();
    private int position;
    private Configuration conf;

    /**
     * Creates a reader that accepts only images of the given size.
     *
     * @param height expected image height in pixels (rows)
     * @param width expected image width in pixels (columns)
     */
    public GrayscaleImageRecordReader(int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "Invalid image size " + height + "x" + width + ": expected positive sizes");
        }
        this.height = height;
        this.width = width;
    }

    @Override
    public void initialize(InputSplit split) throws IOException, InterruptedException {
        super.initialize(split);
        this.locations = new ArrayList<>(Arrays.asList(split.locations()));
        this.position = 0;
    }

    @Override
    public void initialize(Configuration conf, InputSplit split)
            throws IOException, InterruptedException {
        setConf(conf);
        initialize(split);
    }

    @Override
    public boolean hasNext() {
        return position < locations.size();
    }

    @Override
    public List<Writable> next() {
        return nextRecord().getRecord();
    }

    @Override
    public Record nextRecord() {
        if (!hasNext()) {
            throw new NoSuchElementException("No more images: all " + locations.size() + " read");
        }
        URI location = locations.get(position++);
        List<Writable> record = readLocation(location);
        invokeListeners(record);
        return new org.datavec.api.records.impl.Record(
                record, new RecordMetaDataURI(location, GrayscaleImageRecordReader.class));
    }

    @Override
    public List<Writable> record(URI uri, DataInputStream dataInputStream) throws IOException {
        return List.of(new NDArrayWritable(decode(uri, dataInputStream)));
    }

    @Override
    public Record loadFromMetaData(RecordMetaData recordMetaData) throws IOException {
        URI location = recordMetaData.getURI();
        return new org.datavec.api.records.impl.Record(readLocation(location), recordMetaData);
    }

    @Override
    public List<Record> loadFromMetaData(List<RecordMetaData> recordMetaDatas) throws IOException {
        List<Record> records = new ArrayList<>(recordMetaDatas.size());
        for (RecordMetaData metaData : recordMetaDatas) {
            records.add(loadFromMetaData(metaData));
        }
        return records;
    }

    /** Returns {@code null}: images carry no labels. */
    @Override
    public List<String> getLabels() {
        return null;
    }

    @Override
    public void reset() {
        position = 0;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public void close() {
        // Each image stream is closed as soon as it has been decoded.
    }

    @Override
    public void setConf(Configuration conf) {
        this.conf = conf;
    }

    @Override
    public Configuration getConf() {
        return conf;
    }

    private List<Writable> readLocation(URI location) {
        try (InputStream in = openStream(location)) {
            return List.of(new NDArrayWritable(decode(location, in)));
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read image " + location, e);
        }
    }

    private InputStream openStream(URI location) throws IOException {
        if (streamCreatorFn != null) {
            return streamCreatorFn.apply(location);
        }
        return Files.newInputStream(Path.of(location));
    }

    private INDArray decode(URI location, InputStream in) throws IOException {
        BufferedImage image = ImageIO.read(in);
        if (image == null) {
            throw new IllegalArgumentException(
                    "Invalid image "
                            + location
                            + ": javax.imageio has no decoder for it; expected an 8-bit grayscale"
                            + " PNG");
        }
        checkGrayscale(location, image);
        if (image.getHeight() != height || image.getWidth() != width) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "Invalid image %s: expected %dx%d pixels (width x height), found %dx%d",
                            location,
                            width,
                            height,
                            image.getWidth(),
                            image.getHeight()));
        }
        Raster raster = image.getRaster();
        int[] samples = raster.getSamples(0, 0, width, height, 0, (int[]) null);
        float[] pixels = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            pixels[i] = samples[i];
        }
        return Nd4j.create(pixels, new long[] {1, 1, height, width}, 'c');
    }

    private static void checkGrayscale(URI location, BufferedImage image) {
        ColorModel colorModel = image.getColorModel();
        Raster raster = image.getRaster();
        boolean grayscale =
                raster.getNumBands() == 1
                        && raster.getSampleModel().getSampleSize(0) == 8
                        && !(colorModel instanceof IndexColorModel)
                        && colorModel.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        if (!grayscale) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "Invalid image %s: expected 8-bit grayscale without alpha or palette,"
                                    + " found %d band(s) of %d bit(s)%s",
                            location,
                            raster.getNumBands(),
                            raster.getSampleModel().getSampleSize(0),
                            colorModel instanceof IndexColorModel ? " with a palette" : ""));
        }
    }
}
