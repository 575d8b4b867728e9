package io.github.coordconv.layer;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The first CoordConv layer of the supervised painters of Liu et al. (NeurIPS 2018) in one layer: a
 * {@link TileLayer} (one channel per element), {@link AddCoords} and a 1x1 convolution, computed as
 * a broadcast sum without building the tiled map.
 *
 * <p>Input: {@code (batch, C)} feed-forward vectors. Output: a {@code height x width} map with
 * {@code nOut} channels, NCHW (default) or NHWC. Every pixel of the tiled map holds the same vector
 * {@code v}, and a 1x1 convolution is linear, so the pre-activation at pixel {@code p} is {@code v
 * W_v + c_p W_c + b}: a per-example term plus a per-pixel term, where {@code c_p} are the
 * coordinate channels of {@code AddCoords} at {@code p}. The weights {@code W} of shape {@code (C +
 * k, nOut)} stack {@code W_v} over {@code W_c} ({@code k} = 2, or 3 with the radius), in the
 * channel order of tile then AddCoords, so the parameters match the three separate layers with a
 * {@link PointwiseConvolutionLayer}. The backward pass sums the pre-activation gradient over the
 * pixels for {@code W_v} and over the batch for {@code W_c}.
 *
 * <p>For the interleaved tiling ({@link TileStyle#INTERLEAVED}) use the three layers.
 */
public class TiledCoordConvLayer extends AffineSameDiffLayer {

    private long nIn;
    private long height;
    private long width;
    private CoordinateRange range = CoordinateRange.MINUS_ONE_TO_ONE;
    private boolean withRadius;

    /** Constructor for JSON deserialisation. */
    private TiledCoordConvLayer() {}

    private TiledCoordConvLayer(Builder builder) {
        super(builder);
        this.nIn = builder.nIn;
        this.height = builder.height;
        this.width = builder.width;
        this.range = builder.range;
        this.withRadius = builder.withRadius;
    }

    /** Length {@code C} of the input vector; 0 until set or inferred from the input type. */
    public long getNIn() {
        return nIn;
    }

    public void setNIn(long nIn) {
        this.nIn = BaseAddCoords.checkConfiguredSize("nIn", nIn);
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

    /** Value range of the coordinate channels; {@code [-1, 1]} by default. */
    public CoordinateRange getRange() {
        return range;
    }

    public void setRange(CoordinateRange range) {
        this.range =
                BaseAddCoords.checkOption(
                        "range",
                        range,
                        "CoordinateRange.MINUS_ONE_TO_ONE or CoordinateRange.ZERO_TO_ONE");
    }

    /** Returns whether the radius channel follows the coordinate channels. */
    public boolean isWithRadius() {
        return withRadius;
    }

    public void setWithRadius(boolean withRadius) {
        this.withRadius = withRadius;
    }

    /** Returns the number of coordinate channels: 2, or 3 with the radius. */
    public int coordinateChannels() {
        return CoordinateChannels.count(2, withRadius);
    }

    @Override
    protected long weightRows() {
        if (nIn < 1 || getNOut() < 1) {
            throw new IllegalStateException(
                    String.format(
                            "TiledCoordConvLayer '%s' needs nIn and nOut (nIn %d, nOut %d). Set"
                                    + " nOut(n) on the builder, and nIn(n) or the network's input"
                                    + " types with setInputType(s).",
                            getLayerName(), nIn, getNOut()));
        }
        return nIn + coordinateChannels();
    }

    /**
     * Returns the coordinate channels as a double-precision matrix: {@code (height * width, k)} for
     * NHWC, {@code (k, height * width)} for NCHW.
     */
    INDArray coordinateMatrix() {
        boolean channelsLast = getDataFormat() == CNN2DFormat.NHWC;
        INDArray channels =
                CoordinateChannels.create(
                        new long[] {height, width}, range, withRadius, channelsLast);
        int k = coordinateChannels();
        return channelsLast
                ? channels.reshape(height * width, k)
                : channels.reshape(k, height * width);
    }

    @Override
    public SDVariable defineLayer(
            SameDiff sameDiff,
            SDVariable layerInput,
            Map<String, SDVariable> paramTable,
            SDVariable mask) {
        weightRows();
        SDVariable weights = paramTable.get(WEIGHT_KEY);
        SDVariable tiledWeights = weights.get(sdInterval(0, nIn));
        SDVariable coordinateWeights = weights.get(sdInterval(nIn, nIn + coordinateChannels()));
        INDArray coordinates = coordinateMatrix().castTo(layerInput.dataType());
        long nOut = getNOut();

        SDVariable perExample = layerInput.mmul(tiledWeights);
        SDVariable preActivation;
        if (getDataFormat() == CNN2DFormat.NHWC) {
            SDVariable perPixel =
                    sameDiff.constant("coordinates", coordinates)
                            .mmul(coordinateWeights)
                            .add(paramTable.get(BIAS_KEY));
            preActivation =
                    sameDiff.reshape(perExample, -1, 1, 1, nOut)
                            .add(sameDiff.reshape(perPixel, 1, height, width, nOut));
        } else {
            SDVariable perPixel =
                    coordinateWeights
                            .permute(1, 0)
                            .mmul(sameDiff.constant("coordinates", coordinates))
                            .add(sameDiff.reshape(paramTable.get(BIAS_KEY), nOut, 1));
            preActivation =
                    sameDiff.reshape(perExample, -1, nOut, 1, 1)
                            .add(sameDiff.reshape(perPixel, 1, nOut, height, width));
        }
        return getActivation().asSameDiff("activation", sameDiff, preActivation);
    }

    private static org.nd4j.autodiff.samediff.SDIndex sdInterval(long from, long to) {
        return org.nd4j.autodiff.samediff.SDIndex.interval(from, to);
    }

    /**
     * Returns a copy of the rows {@code from} (inclusive) to {@code to} of a weight matrix.
     *
     * <p>NOTE: in ND4J 1.0.0-M2.1, {@code get(interval(2, 4), all())} on a 4x4 view at a non-zero
     * offset (as DL4J's parameter views are) returned an empty array, so this copies the rows.
     */
    static INDArray rows(INDArray weights, long from, long to) {
        return weights.getRows(
                java.util.stream.IntStream.range(Math.toIntExact(from), Math.toIntExact(to))
                        .toArray());
    }

    @Override
    public Layer instantiate(
            NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners,
            int layerIndex,
            INDArray layerParamsView,
            boolean initializeParams,
            DataType networkDataType) {
        return TiledCoordConvRuntime.create(
                this,
                DirectComputation.sameDiffRequested(),
                conf,
                trainingListeners,
                layerIndex,
                layerParamsView,
                initializeParams,
                networkDataType);
    }

    @Override
    public void validateInput(INDArray input) {
        weightRows();
        if (input.rank() != 2 || input.size(1) != nIn) {
            throw new IllegalArgumentException(
                    String.format(
                            "TiledCoordConvLayer '%s' received input of shape %s but expected"
                                    + " [batch, %d] (a feed-forward vector of length %d). Check"
                                    + " nIn and the input type given to setInputType(s).",
                            getLayerName(), Arrays.toString(input.shape()), nIn, nIn));
        }
        if (input.size(0) == 0) {
            throw new IllegalArgumentException(
                    String.format(
                            "TiledCoordConvLayer '%s' received an empty batch (input shape %s)."
                                    + " Pass at least one example.",
                            getLayerName(), Arrays.toString(input.shape())));
        }
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long parameters = weightRows() * getNOut() + getNOut();
        long perPixel = height * width * (getNOut() + coordinateChannels());
        long outputs = outputType.arrayElementsPerExample();
        return new LayerMemoryReport.Builder(
                        getLayerName(), TiledCoordConvLayer.class, inputType, outputType)
                .standardMemory(parameters, parameters)
                .workingMemory(perPixel, 0, perPixel + outputs, outputs)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (override || nIn == 0) {
            nIn = feedForward(inputType).getSize();
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        feedForward(inputType);
        return InputType.convolutional(height, width, getNOut(), getDataFormat());
    }

    private InputType.InputTypeFeedForward feedForward(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeFeedForward)) {
            throw new IllegalArgumentException(
                    String.format(
                            "TiledCoordConvLayer '%s' cannot take input type %s; expected a"
                                    + " feed-forward vector, InputType.feedForward(C). After a"
                                    + " map, flatten it first, for example with a"
                                    + " GlobalPoolingLayer or a CnnToFeedForwardPreProcessor.",
                            getLayerName(), inputType));
        }
        return (InputType.InputTypeFeedForward) inputType;
    }

    @Override
    public String toString() {
        return String.format(
                "TiledCoordConvLayer(name=%s, nIn=%d, nOut=%d, height=%d, width=%d, range=%s,"
                        + " radius=%b, activation=%s, format=%s)",
                getLayerName(),
                nIn,
                getNOut(),
                height,
                width,
                range,
                withRadius,
                getActivation(),
                getDataFormat());
    }

    /** Builder for {@link TiledCoordConvLayer}; nOut, height and width are required. */
    public static class Builder extends AffineSameDiffLayer.Builder<Builder> {
        private long nIn;
        private long height;
        private long width;
        private CoordinateRange range = CoordinateRange.MINUS_ONE_TO_ONE;
        private boolean withRadius;

        /** Sets the input vector length C. Optional: {@code setInputType(s)} infers it. */
        public Builder nIn(long nIn) {
            this.nIn = positive("nIn", nIn);
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

        /** Sets the range of the coordinate channels; default [-1, 1]. */
        public Builder range(CoordinateRange range) {
            if (range == null) {
                throw new IllegalArgumentException(
                        "range must not be null; use CoordinateRange.MINUS_ONE_TO_ONE or"
                                + " CoordinateRange.ZERO_TO_ONE");
            }
            this.range = range;
            return this;
        }

        /** Appends the radius channel after the coordinate channels; default false. */
        public Builder withRadius(boolean withRadius) {
            this.withRadius = withRadius;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public TiledCoordConvLayer build() {
            if (nOut() < 1 || height < 1 || width < 1) {
                throw new IllegalStateException(
                        String.format(
                                "TiledCoordConvLayer needs nOut(n), height(h) and width(w) on the"
                                        + " builder (nOut %d, height %d, width %d)",
                                nOut(), height, width));
            }
            return new TiledCoordConvLayer(this);
        }
    }
}
