package io.github.coordconv.layer;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Shared part of the AddCoords layers: the coordinate options, the SameDiff graph that appends the
 * channels, and the input checks. It has no parameters.
 *
 * <p>Subclasses fix the number of spatial axes and the data format, and record the input size in
 * {@link #setNIn(InputType, boolean)}. The coordinate channels are constants built for that size,
 * so the size must be known before the network is initialised: from {@code setInputType(s)} on the
 * configuration builder, or set on the layer's builder.
 */
public abstract class BaseAddCoords extends SameDiffLayer {

    private CoordinateRange range = CoordinateRange.MINUS_ONE_TO_ONE;
    private boolean withRadius;
    private long channels;

    /** Constructor for JSON deserialisation. */
    protected BaseAddCoords() {}

    protected BaseAddCoords(Builder<?> builder) {
        super(builder);
        this.range = builder.range;
        this.withRadius = builder.withRadius;
        this.channels = builder.channels;
    }

    /** Value range of the coordinate channels; {@code [-1, 1]} by default. */
    public CoordinateRange getRange() {
        return range;
    }

    public void setRange(CoordinateRange range) {
        this.range =
                checkOption(
                        "range",
                        range,
                        "CoordinateRange.MINUS_ONE_TO_ONE or CoordinateRange.ZERO_TO_ONE");
    }

    /** Whether the radius channel is appended after the coordinate channels. */
    public boolean isWithRadius() {
        return withRadius;
    }

    public void setWithRadius(boolean withRadius) {
        this.withRadius = withRadius;
    }

    /** Number of input channels; 0 until set by the builder or inferred from the input type. */
    public long getChannels() {
        return channels;
    }

    public void setChannels(long channels) {
        this.channels = checkConfiguredSize("channels", channels);
    }

    /** Returns the number of channels this layer appends. */
    public int addedChannels() {
        return CoordinateChannels.count(spatialShape().length, withRadius);
    }

    /** Returns the number of output channels: the input channels plus the appended ones. */
    public long outputChannels() {
        return channels + addedChannels();
    }

    /** Returns the configured spatial sizes in array order; entries are 0 where unknown. */
    protected abstract long[] spatialShape();

    /** Returns whether the channels are on the last axis of the input. */
    protected abstract boolean channelsLast();

    /** Returns the data format name used in messages, for example {@code NCHW}. */
    protected abstract String formatName();

    /** Returns the input type that {@code setInputType(s)} should receive, for messages. */
    protected abstract String inputTypeHint();

    @Override
    public void defineParameters(SDLayerParams params) {
        // AddCoords has no parameters.
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        // AddCoords has no parameters.
    }

    @Override
    public SDVariable defineLayer(
            SameDiff sameDiff,
            SDVariable layerInput,
            Map<String, SDVariable> paramTable,
            SDVariable mask) {
        requireConfigured();
        int rank = spatialShape().length + 2;
        int channelAxis = channelsLast() ? rank - 1 : 1;

        INDArray coordinates =
                CoordinateChannels.create(spatialShape(), range, withRadius, channelsLast())
                        .castTo(layerInput.dataType());
        SDVariable constant = sameDiff.constant("coordinates", coordinates);

        // Repeat the [1, ...] constant along the batch axis: repeats = [batch, 1, 1, ...].
        long[] ones = new long[rank - 1];
        Arrays.fill(ones, 1L);
        SDVariable batch = sameDiff.reshape(sameDiff.sizeAt(layerInput, 0), 1L);
        SDVariable repeats =
                sameDiff.concat(
                        0,
                        batch.castTo(DataType.INT64),
                        sameDiff.constant(Nd4j.createFromArray(ones)));
        SDVariable tiled = sameDiff.tile(constant, repeats);

        return sameDiff.concat(channelAxis, layerInput, tiled);
    }

    @Override
    public Layer instantiate(
            NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners,
            int layerIndex,
            INDArray layerParamsView,
            boolean initializeParams,
            DataType networkDataType) {
        DirectComputation direct =
                DirectComputation.sameDiffRequested() ? null : new AddCoordsComputation(this);
        return CheckedSameDiffLayer.create(
                this,
                direct,
                conf,
                trainingListeners,
                layerIndex,
                layerParamsView,
                initializeParams,
                networkDataType);
    }

    /**
     * Estimates the layer's memory use: no parameters, and the appended channels as working memory,
     * once as the constant and once per example as its copy along the batch axis. In DL4J
     * 1.0.0-M2.1 a SameDiff layer reports nothing by default, and the network configuration's
     * {@code getMemoryReport} then throws a NullPointerException.
     */
    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long appended = outputType.arrayElementsPerExample() - inputType.arrayElementsPerExample();
        return new LayerMemoryReport.Builder(getLayerName(), getClass(), inputType, outputType)
                .standardMemory(0, 0)
                .workingMemory(appended, appended, appended, appended)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    @Override
    public void validateInput(INDArray input) {
        requireConfigured();
        long[] shape = input.shape();
        long[] spatial = spatialShape();
        long[] expected = expectedShape(-1);
        boolean rankMatches = shape.length == spatial.length + 2;
        boolean sizesMatch = rankMatches;
        for (int axis = 1; sizesMatch && axis < shape.length; axis++) {
            sizesMatch = expected[axis] == shape[axis];
        }
        if (!sizesMatch) {
            throw new IllegalArgumentException(
                    String.format(
                            "%s layer '%s' received input of shape %s but expected %s"
                                    + " (%s, batch size first). Check the data format and the"
                                    + " input type given to setInputType(s): %s",
                            getClass().getSimpleName(),
                            getLayerName(),
                            Arrays.toString(shape),
                            describe(expected),
                            formatName(),
                            inputTypeHint()));
        }
        if (shape[0] == 0) {
            throw new IllegalArgumentException(
                    String.format(
                            "%s layer '%s' received an empty batch (input shape %s). Pass at"
                                    + " least one example, or skip empty batches before calling"
                                    + " output or fit.",
                            getClass().getSimpleName(), getLayerName(), Arrays.toString(shape)));
        }
    }

    /** Returns the expected input shape with the given batch size ({@code -1} when free). */
    protected long[] expectedShape(long batch) {
        long[] spatial = spatialShape();
        long[] shape = new long[spatial.length + 2];
        shape[0] = batch;
        if (channelsLast()) {
            System.arraycopy(spatial, 0, shape, 1, spatial.length);
            shape[shape.length - 1] = channels;
        } else {
            shape[1] = channels;
            System.arraycopy(spatial, 0, shape, 2, spatial.length);
        }
        return shape;
    }

    /** Throws when the channel count or a spatial size has not been set. */
    protected void requireConfigured() {
        boolean known = channels > 0 && Arrays.stream(spatialShape()).allMatch(s -> s > 0);
        if (!known) {
            throw new IllegalStateException(
                    String.format(
                            "%s layer '%s' does not know its input size (channels %d, spatial"
                                    + " sizes %s). Call setInputType(s) on the configuration"
                                    + " builder with %s, or set the sizes on the layer's builder.",
                            getClass().getSimpleName(),
                            getLayerName(),
                            channels,
                            Arrays.toString(spatialShape()),
                            inputTypeHint()));
        }
    }

    private static String describe(long[] shape) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            text.append(i > 0 ? ", " : "").append(shape[i] < 0 ? "batch" : shape[i]);
        }
        return text.append(']').toString();
    }

    /** Returns {@code size} as text, or {@code name} when the size is still unknown (0). */
    protected static String sizeOrName(long size, String name) {
        return size > 0 ? Long.toString(size) : name;
    }

    /**
     * Checks a size given to a setter, as when reading a JSON or YAML configuration: 0 means not
     * yet set by {@code setInputType(s)}, and a negative size is rejected.
     */
    protected static long checkConfiguredSize(String name, long size) {
        if (size < 0) {
            throw new IllegalArgumentException(
                    name
                            + " must be at least 1, or 0 until setInputType(s) sets it, but was "
                            + size);
        }
        return size;
    }

    /**
     * Checks an option given to a setter. DL4J 1.0.0-M2.1 reads an unknown data format in a JSON or
     * YAML configuration as null, so the message points at the configuration.
     */
    protected static <T> T checkOption(String name, T value, String choices) {
        if (value == null) {
            throw new IllegalArgumentException(
                    name
                            + " must be "
                            + choices
                            + ", but was null. In a JSON or YAML configuration, check the"
                            + " spelling of its value.");
        }
        return value;
    }

    /**
     * Returns a builder's data format, or throws when it is null. Leaving the call out is how to
     * take the input type's format.
     */
    protected static <T> T requireFormat(T value, String choices) {
        if (value == null) {
            throw new IllegalArgumentException(
                    "Invalid dataFormat: null. Use "
                            + choices
                            + ", or leave dataFormat(...) out to take the input type's format.");
        }
        return value;
    }

    /**
     * Throws when the builder set a data format and the input type carries another one.
     *
     * @param formatSet whether the builder set {@code configured}
     */
    protected void checkFormatMatches(
            boolean formatSet, Object configured, Object received, InputType inputType) {
        if (formatSet && !configured.equals(received)) {
            throw new IllegalArgumentException(
                    String.format(
                            "%s layer '%s' was built for %s but its input type %s is %s. Remove"
                                    + " dataFormat(...) from the builder or make both the same.",
                            getClass().getSimpleName(),
                            getLayerName(),
                            configured,
                            inputType,
                            received));
        }
    }

    /** Rejects an input type of the wrong kind, naming what was received. */
    protected IllegalArgumentException wrongInputType(InputType received) {
        return new IllegalArgumentException(
                String.format(
                        "%s layer '%s' cannot take input type %s; expected %s",
                        getClass().getSimpleName(), getLayerName(), received, inputTypeHint()));
    }

    @Override
    public String toString() {
        return String.format(
                "%s(name=%s, range=%s, withRadius=%s, channels=%d, spatial=%s, format=%s)",
                getClass().getSimpleName(),
                getLayerName(),
                range,
                withRadius,
                channels,
                Arrays.toString(spatialShape()),
                formatName());
    }

    /** Builder options shared by the AddCoords layers. */
    @SuppressWarnings("unchecked")
    public abstract static class Builder<T extends Builder<T>> extends SameDiffLayer.Builder<T> {
        private CoordinateRange range = CoordinateRange.MINUS_ONE_TO_ONE;
        private boolean withRadius;
        private long channels;

        /** Sets the value range of the coordinate channels; default {@code [-1, 1]}. */
        public T range(CoordinateRange range) {
            if (range == null) {
                throw new IllegalArgumentException(
                        "range must not be null; use CoordinateRange.MINUS_ONE_TO_ONE or"
                                + " CoordinateRange.ZERO_TO_ONE");
            }
            this.range = range;
            return (T) this;
        }

        /** Sets whether to append the radius channel; default false. */
        public T withRadius(boolean withRadius) {
            this.withRadius = withRadius;
            return (T) this;
        }

        /** Sets the number of input channels. Optional: {@code setInputType(s)} infers it. */
        public T channels(long channels) {
            if (channels < 1) {
                throw new IllegalArgumentException(
                        "channels must be at least 1, but was " + channels);
            }
            this.channels = channels;
            return (T) this;
        }

        /** Checks a spatial size given to a builder. */
        protected static long checkSize(String name, long size) {
            if (size < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, but was " + size);
            }
            return size;
        }
    }
}
