package io.github.coordconv.layer;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
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
 * Tiles a vector over a 2-D map, the first step of the CoordConv paper's supervised painters.
 *
 * <p>Input: {@code (batch, C)} feed-forward activations. Output: a map of {@code height x width} in
 * NCHW (default) or NHWC with {@code C} channels for {@link TileStyle#PER_CHANNEL} (the default, as
 * in the released code) or one channel for {@link TileStyle#INTERLEAVED}. The layer has no
 * parameters; gradients flow back to the vector (each element receives the sum over the pixels that
 * hold it).
 *
 * <p>{@code C} comes from {@code setInputType(s)} ({@code InputType.feedForward(C)}) or from {@link
 * Builder#size(long)}; height and width must be set on the builder.
 */
public class TileLayer extends SameDiffLayer {

    private long size;
    private long height;
    private long width;
    private TileStyle style = TileStyle.PER_CHANNEL;
    private CNN2DFormat dataFormat = CNN2DFormat.NCHW;

    /** Constructor for JSON deserialisation. */
    private TileLayer() {}

    private TileLayer(Builder builder) {
        super(builder);
        this.size = builder.size;
        this.height = builder.height;
        this.width = builder.width;
        this.style = builder.style;
        this.dataFormat = builder.dataFormat;
    }

    /** Length {@code C} of the input vector; 0 until set or inferred. */
    public long getSize() {
        return size;
    }

    public void setSize(long size) {
        this.size = BaseAddCoords.checkConfiguredSize("size", size);
    }

    /** Height of the output map. */
    public long getHeight() {
        return height;
    }

    public void setHeight(long height) {
        this.height = Builder.positive("height", height);
    }

    /** Width of the output map. */
    public long getWidth() {
        return width;
    }

    public void setWidth(long width) {
        this.width = Builder.positive("width", width);
    }

    /** How the vector is spread over the map; {@link TileStyle#PER_CHANNEL} by default. */
    public TileStyle getStyle() {
        return style;
    }

    public void setStyle(TileStyle style) {
        this.style =
                BaseAddCoords.checkOption(
                        "style", style, "TileStyle.PER_CHANNEL or TileStyle.INTERLEAVED");
    }

    /** Data format of the output map: NCHW (default) or NHWC. */
    public CNN2DFormat getDataFormat() {
        return dataFormat;
    }

    public void setDataFormat(CNN2DFormat dataFormat) {
        this.dataFormat = BaseAddCoords.checkOption("dataFormat", dataFormat, "NCHW or NHWC");
    }

    /** Returns the number of output channels: {@code C} per channel, 1 interleaved. */
    public long outputChannels() {
        return style == TileStyle.PER_CHANNEL ? size : 1;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        // The tile layer has no parameters.
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        // The tile layer has no parameters.
    }

    @Override
    public SDVariable defineLayer(
            SameDiff sameDiff,
            SDVariable layerInput,
            Map<String, SDVariable> paramTable,
            SDVariable mask) {
        requireSize();
        boolean channelsLast = dataFormat == CNN2DFormat.NHWC;

        if (style == TileStyle.PER_CHANNEL) {
            if (channelsLast) {
                SDVariable column = sameDiff.reshape(layerInput, -1, 1, 1, size);
                return sameDiff.tile(column, 1, (int) height, (int) width, 1);
            }
            SDVariable column = sameDiff.reshape(layerInput, -1, size, 1, 1);
            return sameDiff.tile(column, 1, 1, (int) height, (int) width);
        }

        // Interleaved: (batch, C) x selection (C, H*W) with a 1 where k mod C == c.
        INDArray selection = interleavingMatrix(size, height * width).castTo(layerInput.dataType());
        SDVariable flat = layerInput.mmul(sameDiff.constant("interleaving", selection));
        if (channelsLast) {
            return sameDiff.reshape(flat, -1, height, width, 1);
        }
        return sameDiff.reshape(flat, -1, 1, height, width);
    }

    private void requireSize() {
        if (size < 1) {
            throw new IllegalStateException(
                    String.format(
                            "TileLayer '%s' does not know its input size. Call setInputType(s)"
                                    + " with InputType.feedForward(C) or set size(C) on the"
                                    + " builder.",
                            getLayerName()));
        }
    }

    /** Builds the {@code (size, pixels)} 0/1 matrix that sends element {@code k mod size}. */
    static INDArray interleavingMatrix(long size, long pixels) {
        double[] values = new double[Math.toIntExact(size * pixels)];
        for (long k = 0; k < pixels; k++) {
            values[Math.toIntExact((k % size) * pixels + k)] = 1.0;
        }
        return Nd4j.create(values, new long[] {size, pixels}, DataType.DOUBLE);
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
                DirectComputation.sameDiffRequested() ? null : new TileComputation(this);
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

    @Override
    public void validateInput(INDArray input) {
        requireSize();
        requireRoomFor(size);
        boolean valid = input.rank() == 2 && input.size(1) == size;
        if (!valid) {
            throw new IllegalArgumentException(
                    String.format(
                            "TileLayer '%s' received input of shape %s but expected [batch, %d]"
                                    + " (a feed-forward vector of length %d). Check the input"
                                    + " type given to setInputType(s): InputType.feedForward(%d)",
                            getLayerName(), Arrays.toString(input.shape()), size, size, size));
        }
        if (input.size(0) == 0) {
            throw new IllegalArgumentException(
                    String.format(
                            "TileLayer '%s' received an empty batch (input shape %s). Pass at"
                                    + " least one example, or skip empty batches before calling"
                                    + " output or fit.",
                            getLayerName(), Arrays.toString(input.shape())));
        }
    }

    /**
     * Estimates the layer's memory use: no parameters, and the interleaving matrix as fixed working
     * memory. In DL4J 1.0.0-M2.1 a SameDiff layer reports nothing by default, and the network
     * configuration's {@code getMemoryReport} then throws a NullPointerException.
     */
    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long selection = style == TileStyle.INTERLEAVED ? size * height * width : 0;
        return new LayerMemoryReport.Builder(getLayerName(), TileLayer.class, inputType, outputType)
                .standardMemory(0, 0)
                .workingMemory(selection, 0, selection, 0)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (!(inputType instanceof InputType.InputTypeFeedForward)) {
            throw new IllegalArgumentException(
                    String.format(
                            "TileLayer '%s' cannot take input type %s; expected a feed-forward"
                                    + " vector, InputType.feedForward(C)",
                            getLayerName(), inputType));
        }
        if (override || size == 0) {
            size = ((InputType.InputTypeFeedForward) inputType).getSize();
        }
        requireRoomFor(size);
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeFeedForward)) {
            throw new IllegalArgumentException(
                    String.format(
                            "TileLayer '%s' cannot take input type %s; expected a feed-forward"
                                    + " vector, InputType.feedForward(C)",
                            getLayerName(), inputType));
        }
        long inputSize = ((InputType.InputTypeFeedForward) inputType).getSize();
        requireRoomFor(inputSize);
        long channels = style == TileStyle.PER_CHANNEL ? inputSize : 1;
        return InputType.convolutional(height, width, channels, dataFormat);
    }

    /**
     * Checks that interleaving leaves no element out. With fewer pixels than elements, the elements
     * past the last pixel would never reach the map nor get a gradient.
     */
    private void requireRoomFor(long elements) {
        long pixels = height * width;
        if (style == TileStyle.INTERLEAVED && elements > pixels) {
            throw new IllegalArgumentException(
                    String.format(
                            "TileLayer '%s' interleaves %d elements over a %dx%d map of only %d"
                                    + " pixels, so elements %d to %d would be dropped. Use a map"
                                    + " of at least %d pixels, or TileStyle.PER_CHANNEL",
                            getLayerName(),
                            elements,
                            height,
                            width,
                            pixels,
                            pixels,
                            elements - 1,
                            elements));
        }
    }

    @Override
    public String toString() {
        return String.format(
                "TileLayer(name=%s, size=%d, height=%d, width=%d, style=%s, format=%s)",
                getLayerName(), size, height, width, style, dataFormat);
    }

    /** Builder for {@link TileLayer}; height and width are required. */
    public static class Builder extends SameDiffLayer.Builder<Builder> {
        private long size;
        private long height;
        private long width;
        private TileStyle style = TileStyle.PER_CHANNEL;
        private CNN2DFormat dataFormat = CNN2DFormat.NCHW;

        /** Sets the input vector length C. Optional: {@code setInputType(s)} infers it. */
        public Builder size(long size) {
            this.size = positive("size", size);
            return this;
        }

        /** Sets the height of the output map. Required. */
        public Builder height(long height) {
            this.height = positive("height", height);
            return this;
        }

        /** Sets the width of the output map. Required. */
        public Builder width(long width) {
            this.width = positive("width", width);
            return this;
        }

        /** Sets how the vector is spread; default {@link TileStyle#PER_CHANNEL}. */
        public Builder style(TileStyle style) {
            if (style == null) {
                throw new IllegalArgumentException(
                        "style must not be null; use TileStyle.PER_CHANNEL or"
                                + " TileStyle.INTERLEAVED");
            }
            this.style = style;
            return this;
        }

        /** Sets the output data format; default NCHW. */
        public Builder dataFormat(CNN2DFormat dataFormat) {
            if (dataFormat == null) {
                throw new IllegalArgumentException(
                        "dataFormat must not be null; use CNN2DFormat.NCHW or CNN2DFormat.NHWC");
            }
            this.dataFormat = dataFormat;
            return this;
        }

        private static long positive(String name, long value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, but was " + value);
            }
            return value;
        }

        @Override
        @SuppressWarnings("unchecked")
        public TileLayer build() {
            if (height < 1 || width < 1) {
                throw new IllegalStateException(
                        "TileLayer needs the output size: set height(h) and width(w) on the"
                                + " builder (height "
                                + height
                                + ", width "
                                + width
                                + ")");
            }
            return new TileLayer(this);
        }
    }
}
