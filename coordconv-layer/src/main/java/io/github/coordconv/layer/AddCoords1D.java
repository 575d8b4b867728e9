package io.github.coordconv.layer;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;

/**
 * AddCoords for sequences, the input of 1-D convolutions.
 *
 * <p>Appends one constant channel {@code x}, which varies along the sequence, to an input of shape
 * {@code (batch, channels, length)} (NCW, the default) or {@code (batch, length, channels)} (NWC);
 * with {@link Builder#withRadius(boolean)} a second channel contains {@code |x|} measured from the
 * centre of the sequence. Coordinates follow {@link CoordinateRange}. The length must be fixed: set
 * it with {@code InputType.recurrent(channels, length, format)} or on the builder.
 */
public class AddCoords1D extends BaseAddCoords {

    private long length;
    private RNNFormat dataFormat = RNNFormat.NCW;
    private boolean dataFormatSet;

    /** Constructor for JSON deserialisation. */
    private AddCoords1D() {}

    private AddCoords1D(Builder builder) {
        super(builder);
        this.length = builder.length;
        if (builder.dataFormat != null) {
            this.dataFormat = builder.dataFormat;
            this.dataFormatSet = true;
        }
    }

    /** Sequence length; 0 until set or inferred. */
    public long getLength() {
        return length;
    }

    public void setLength(long length) {
        this.length = checkConfiguredSize("length", length);
    }

    /** Data format of input and output: NCW (default) or NWC. */
    public RNNFormat getDataFormat() {
        return dataFormat;
    }

    public void setDataFormat(RNNFormat dataFormat) {
        this.dataFormat = checkOption("dataFormat", dataFormat, "NCW or NWC");
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
        return new long[] {length};
    }

    @Override
    protected boolean channelsLast() {
        return dataFormat == RNNFormat.NWC;
    }

    @Override
    protected String formatName() {
        return dataFormat.name();
    }

    @Override
    protected String inputTypeHint() {
        return String.format(
                "InputType.recurrent(%s, %s, RNNFormat.%s)",
                sizeOrName(getChannels(), "channels"), sizeOrName(length, "length"), dataFormat);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (!(inputType instanceof InputType.InputTypeRecurrent)) {
            throw wrongInputType(inputType);
        }
        InputType.InputTypeRecurrent recurrent = (InputType.InputTypeRecurrent) inputType;
        checkFormatMatches(dataFormatSet, dataFormat, recurrent.getFormat(), inputType);
        dataFormat = recurrent.getFormat();
        if (override || getChannels() == 0) {
            setChannels(recurrent.getSize());
        }
        if ((override || length == 0) && recurrent.getTimeSeriesLength() > 0) {
            length = recurrent.getTimeSeriesLength();
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent)) {
            throw wrongInputType(inputType);
        }
        InputType.InputTypeRecurrent recurrent = (InputType.InputTypeRecurrent) inputType;
        return InputType.recurrent(
                recurrent.getSize() + addedChannels(),
                recurrent.getTimeSeriesLength(),
                recurrent.getFormat());
    }

    /** Builder for {@link AddCoords1D}. */
    public static class Builder extends BaseAddCoords.Builder<Builder> {
        private long length;
        private RNNFormat dataFormat;

        /** Sets the sequence length. Optional: {@code setInputType(s)} infers it. */
        public Builder length(long length) {
            this.length = checkSize("length", length);
            return this;
        }

        /**
         * Sets the data format, NCW or NWC. Optional: by default the layer takes the format of its
         * input type, and NCW without one.
         */
        public Builder dataFormat(RNNFormat dataFormat) {
            this.dataFormat = requireFormat(dataFormat, "RNNFormat.NCW or RNNFormat.NWC");
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public AddCoords1D build() {
            return new AddCoords1D(this);
        }
    }
}
