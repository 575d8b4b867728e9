package io.github.coordconv.layer;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;

/**
 * AddCoords for 2-D feature maps (Liu et al., "An intriguing failing of convolutional neural
 * networks and the CoordConv solution", NeurIPS 2018).
 *
 * <p>Appends two constant channels to a map of shape {@code (batch, channels, height, width)}
 * (NCHW, the default) or {@code (batch, height, width, channels)} (NHWC): first {@code x}, which
 * varies along the width (the column index), then {@code y}, which varies along the height (the row
 * index). Each is scaled by its own axis length to [-1, 1] (default) or [0, 1]; see {@link
 * CoordinateRange}. With {@link Builder#withRadius(boolean)} a third channel contains the distance
 * from the map centre, {@code r = sqrt(x^2 + y^2)} in the [-1, 1] range. The output has {@code
 * channels + 2} (or {@code + 3}) channels in the input's format.
 *
 * <p>The layer has no parameters and passes the gradient of the input channels through. Its height,
 * width and channel count come from {@code setInputType(s)} on the configuration builder ({@code
 * InputType.convolutional(height, width, channels, format)}), which also sets the data format, or
 * from this builder. {@code InputType.convolutionalFlat} input is reshaped to NCHW first, as for
 * DL4J's convolution layers. An input of another size is rejected with a message that names both
 * shapes.
 *
 * <pre>{@code
 * .layer(new AddCoords.Builder().withRadius(true).build())
 * }</pre>
 */
public class AddCoords extends BaseAddCoords {

    private long height;
    private long width;
    private CNN2DFormat dataFormat = CNN2DFormat.NCHW;
    private boolean dataFormatSet;

    /** Constructor for JSON deserialisation. */
    private AddCoords() {}

    private AddCoords(Builder builder) {
        super(builder);
        this.height = builder.height;
        this.width = builder.width;
        if (builder.dataFormat != null) {
            this.dataFormat = builder.dataFormat;
            this.dataFormatSet = true;
        }
    }

    /** Height of the input map; 0 until set or inferred. */
    public long getHeight() {
        return height;
    }

    public void setHeight(long height) {
        this.height = checkConfiguredSize("height", height);
    }

    /** Width of the input map; 0 until set or inferred. */
    public long getWidth() {
        return width;
    }

    public void setWidth(long width) {
        this.width = checkConfiguredSize("width", width);
    }

    /** Data format of input and output: NCHW (default) or NHWC. */
    public CNN2DFormat getDataFormat() {
        return dataFormat;
    }

    public void setDataFormat(CNN2DFormat dataFormat) {
        this.dataFormat = checkOption("dataFormat", dataFormat, "NCHW or NHWC");
    }

    /** Whether the data format was set on the builder rather than taken from the input type. */
    public boolean isDataFormatSet() {
        return dataFormatSet;
    }

    public void setDataFormatSet(boolean dataFormatSet) {
        this.dataFormatSet = dataFormatSet;
    }

    @Override
    protected long[] spatialShape() {
        return new long[] {height, width};
    }

    @Override
    protected boolean channelsLast() {
        return dataFormat == CNN2DFormat.NHWC;
    }

    @Override
    protected String formatName() {
        return dataFormat.name();
    }

    @Override
    protected String inputTypeHint() {
        return String.format(
                "InputType.convolutional(%s, %s, %s, CNN2DFormat.%s)",
                sizeOrName(height, "height"),
                sizeOrName(width, "width"),
                sizeOrName(getChannels(), "channels"),
                dataFormat);
    }

    /**
     * Adds the reshaping preprocessor for {@code InputType.convolutionalFlat}, as DL4J's
     * convolution layers do, so that AddCoords can replace a first convolution layer.
     */
    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        if (inputType instanceof InputType.InputTypeConvolutionalFlat) {
            InputType.InputTypeConvolutionalFlat flat =
                    (InputType.InputTypeConvolutionalFlat) inputType;
            return new FeedForwardToCnnPreProcessor(
                    flat.getHeight(), flat.getWidth(), flat.getDepth());
        }
        return null;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (!(inputType instanceof InputType.InputTypeConvolutional)) {
            throw wrongInputType(inputType);
        }
        InputType.InputTypeConvolutional conv = (InputType.InputTypeConvolutional) inputType;
        checkFormatMatches(dataFormatSet, dataFormat, conv.getFormat(), inputType);
        dataFormat = conv.getFormat();
        if (override || getChannels() == 0) {
            setChannels(conv.getChannels());
        }
        if (override || height == 0) {
            height = conv.getHeight();
        }
        if (override || width == 0) {
            width = conv.getWidth();
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional)) {
            throw wrongInputType(inputType);
        }
        InputType.InputTypeConvolutional conv = (InputType.InputTypeConvolutional) inputType;
        int added = addedChannels();
        return InputType.convolutional(
                conv.getHeight(), conv.getWidth(), conv.getChannels() + added, conv.getFormat());
    }

    /** Builder for {@link AddCoords}. */
    public static class Builder extends BaseAddCoords.Builder<Builder> {
        private long height;
        private long width;
        private CNN2DFormat dataFormat;

        /** Sets the input height. Optional: {@code setInputType(s)} infers it. */
        public Builder height(long height) {
            this.height = checkSize("height", height);
            return this;
        }

        /** Sets the input width. Optional: {@code setInputType(s)} infers it. */
        public Builder width(long width) {
            this.width = checkSize("width", width);
            return this;
        }

        /**
         * Sets the data format, NCHW or NHWC. Optional: by default the layer takes the format of
         * its input type, and NCHW without one.
         */
        public Builder dataFormat(CNN2DFormat dataFormat) {
            this.dataFormat = requireFormat(dataFormat, "CNN2DFormat.NCHW or CNN2DFormat.NHWC");
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public AddCoords build() {
            return new AddCoords(this);
        }
    }
}
