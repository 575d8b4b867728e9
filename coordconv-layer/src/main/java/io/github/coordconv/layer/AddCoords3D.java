package io.github.coordconv.layer;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution3D;

/**
 * AddCoords for volumes, the input of 3-D convolutions.
 *
 * <p>Appends three constant channels to an input of shape {@code (batch, channels, depth, height,
 * width)} (NCDHW, the default) or {@code (batch, depth, height, width, channels)} (NDHWC): {@code
 * x} varies along the width, {@code y} along the height and {@code z} along the depth, each scaled
 * by its own axis length. With {@link Builder#withRadius(boolean)} a fourth channel contains the
 * distance from the centre of the volume, {@code sqrt(x^2 + y^2 + z^2)} in the [-1, 1] range. Sizes
 * come from {@code InputType.convolutional3D(format, depth, height, width, channels)} or the
 * builder.
 */
public class AddCoords3D extends BaseAddCoords {

    private long depth;
    private long height;
    private long width;
    private Convolution3D.DataFormat dataFormat = Convolution3D.DataFormat.NCDHW;
    private boolean dataFormatSet;

    /** Constructor for JSON deserialisation. */
    private AddCoords3D() {}

    private AddCoords3D(Builder builder) {
        super(builder);
        this.depth = builder.depth;
        this.height = builder.height;
        this.width = builder.width;
        if (builder.dataFormat != null) {
            this.dataFormat = builder.dataFormat;
            this.dataFormatSet = true;
        }
    }

    /** Depth of the input volume; 0 until set or inferred. */
    public long getDepth() {
        return depth;
    }

    public void setDepth(long depth) {
        this.depth = checkConfiguredSize("depth", depth);
    }

    /** Height of the input volume; 0 until set or inferred. */
    public long getHeight() {
        return height;
    }

    public void setHeight(long height) {
        this.height = checkConfiguredSize("height", height);
    }

    /** Width of the input volume; 0 until set or inferred. */
    public long getWidth() {
        return width;
    }

    public void setWidth(long width) {
        this.width = checkConfiguredSize("width", width);
    }

    /** Data format of input and output: NCDHW (default) or NDHWC. */
    public Convolution3D.DataFormat getDataFormat() {
        return dataFormat;
    }

    public void setDataFormat(Convolution3D.DataFormat dataFormat) {
        this.dataFormat = checkOption("dataFormat", dataFormat, "NCDHW or NDHWC");
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
        return new long[] {depth, height, width};
    }

    @Override
    protected boolean channelsLast() {
        return dataFormat == Convolution3D.DataFormat.NDHWC;
    }

    @Override
    protected String formatName() {
        return dataFormat.name();
    }

    @Override
    protected String inputTypeHint() {
        return String.format(
                "InputType.convolutional3D(Convolution3D.DataFormat.%s, %s, %s, %s, %s)",
                dataFormat,
                sizeOrName(depth, "depth"),
                sizeOrName(height, "height"),
                sizeOrName(width, "width"),
                sizeOrName(getChannels(), "channels"));
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (!(inputType instanceof InputType.InputTypeConvolutional3D)) {
            throw wrongInputType(inputType);
        }
        InputType.InputTypeConvolutional3D conv = (InputType.InputTypeConvolutional3D) inputType;
        checkFormatMatches(dataFormatSet, dataFormat, conv.getDataFormat(), inputType);
        dataFormat = conv.getDataFormat();
        if (override || getChannels() == 0) {
            setChannels(conv.getChannels());
        }
        if (override || depth == 0) {
            depth = conv.getDepth();
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
        if (!(inputType instanceof InputType.InputTypeConvolutional3D)) {
            throw wrongInputType(inputType);
        }
        InputType.InputTypeConvolutional3D conv = (InputType.InputTypeConvolutional3D) inputType;
        return InputType.convolutional3D(
                conv.getDataFormat(),
                conv.getDepth(),
                conv.getHeight(),
                conv.getWidth(),
                conv.getChannels() + addedChannels());
    }

    /** Builder for {@link AddCoords3D}. */
    public static class Builder extends BaseAddCoords.Builder<Builder> {
        private long depth;
        private long height;
        private long width;
        private Convolution3D.DataFormat dataFormat;

        /** Sets the input depth. Optional: {@code setInputType(s)} infers it. */
        public Builder depth(long depth) {
            this.depth = checkSize("depth", depth);
            return this;
        }

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
         * Sets the data format, NCDHW or NDHWC. Optional: by default the layer takes the format of
         * its input type, and NCDHW without one.
         */
        public Builder dataFormat(Convolution3D.DataFormat dataFormat) {
            this.dataFormat =
                    requireFormat(
                            dataFormat,
                            "Convolution3D.DataFormat.NCDHW or Convolution3D.DataFormat.NDHWC");
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public AddCoords3D build() {
            return new AddCoords3D(this);
        }
    }
}
