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
 * A 1x1 convolution computed as matrix products, without im2col: the fast path for the CoordConv
 * paper's stacks of 1x1 layers.
 *
 * <p>Input and output are 2-D maps, NCHW or NHWC as given by the input type. The layer has the
 * parameters of a 1x1 {@code ConvolutionLayer} in a dense layer's layout: weights {@code W} of
 * shape {@code (nIn, nOut)} and bias {@code b} of shape {@code (1, nOut)}, with fan-in {@code nIn}
 * and fan-out {@code nOut} for weight initialisation. In NHWC the map is one matrix with a row per
 * pixel, so each pass is one matrix product; in NCHW it is one product per example.
 *
 * <p>DL4J 1.0.0-M2.1 runs {@code ConvolutionLayer} through im2col even for 1x1 kernels, and its
 * dense layers compute the forward product again in every backward pass. This layer computes each
 * product once, writes every result in the memory order the next product reads, and for ReLU and
 * identity takes the activation's derivative from the output it kept. Other activations compute the
 * pre-activation again in the backward pass. The SameDiff graph of {@link #defineLayer} is the
 * reference; the system property {@value DirectComputation#SAME_DIFF_PROPERTY} makes the layer run
 * it.
 */
public class PointwiseConvolutionLayer extends AffineSameDiffLayer {

    /**
     * System property that, set to {@code false}, makes NHWC layers on the CPU backend use ND4J's
     * matrix products instead of calling OpenBLAS directly; read at every pass.
     */
    public static final String DIRECT_BLAS_PROPERTY = "coordconv.directBlas";

    private long nIn;

    /** Constructor for JSON deserialisation. */
    private PointwiseConvolutionLayer() {}

    private PointwiseConvolutionLayer(Builder builder) {
        super(builder);
        this.nIn = builder.nIn;
    }

    /** Number of input channels; 0 until set or inferred from the input type. */
    public long getNIn() {
        return nIn;
    }

    public void setNIn(long nIn) {
        this.nIn = BaseAddCoords.checkConfiguredSize("nIn", nIn);
    }

    @Override
    protected long weightRows() {
        requireSizes();
        return nIn;
    }

    @Override
    public SDVariable defineLayer(
            SameDiff sameDiff,
            SDVariable layerInput,
            Map<String, SDVariable> paramTable,
            SDVariable mask) {
        boolean channelsLast = getDataFormat() == CNN2DFormat.NHWC;
        SDVariable nhwc = channelsLast ? layerInput : layerInput.permute(0, 2, 3, 1);
        SDVariable rows = sameDiff.reshape(nhwc, -1, nIn);
        SDVariable preActivation =
                rows.mmul(paramTable.get(WEIGHT_KEY)).add(paramTable.get(BIAS_KEY));
        SDVariable activated = getActivation().asSameDiff("activation", sameDiff, preActivation);

        // Back to the input's spatial shape, taken from the input at run time.
        SDVariable shape = sameDiff.shape(nhwc);
        SDVariable spatial = shape.get(org.nd4j.autodiff.samediff.SDIndex.interval(0, 3));
        SDVariable outputShape =
                sameDiff.concat(0, spatial, sameDiff.constant(getNOut()).castTo(shape.dataType()));
        SDVariable output = sameDiff.reshape(activated, outputShape);
        return channelsLast ? output : output.permute(0, 3, 1, 2);
    }

    private void requireSizes() {
        if (nIn < 1 || getNOut() < 1) {
            throw new IllegalStateException(
                    String.format(
                            "PointwiseConvolutionLayer '%s' needs nIn and nOut (nIn %d, nOut %d)."
                                    + " Set nOut(n) on the builder, and nIn(n) or the network's"
                                    + " input types with setInputType(s).",
                            getLayerName(), nIn, getNOut()));
        }
    }

    @Override
    public Layer instantiate(
            NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners,
            int layerIndex,
            INDArray layerParamsView,
            boolean initializeParams,
            DataType networkDataType) {
        return PointwiseConvolutionRuntime.create(
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
        requireSizes();
        int channelAxis = getDataFormat() == CNN2DFormat.NHWC ? 3 : 1;
        if (input.rank() != 4 || input.size(channelAxis) != nIn) {
            String expected =
                    getDataFormat() == CNN2DFormat.NHWC
                            ? "[batch, height, width, " + nIn + "] (NHWC)"
                            : "[batch, " + nIn + ", height, width] (NCHW)";
            throw new IllegalArgumentException(
                    String.format(
                            "PointwiseConvolutionLayer '%s' received input of shape %s but"
                                    + " expected %s. Check nIn and the data format of the input"
                                    + " type.",
                            getLayerName(), Arrays.toString(input.shape()), expected));
        }
        if (input.length() == 0) {
            throw new IllegalArgumentException(
                    String.format(
                            "PointwiseConvolutionLayer '%s' received an empty input of shape %s."
                                    + " Pass at least one example with a non-empty map.",
                            getLayerName(), Arrays.toString(input.shape())));
        }
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long parameters = nIn * getNOut() + getNOut();
        long outputs = outputType.arrayElementsPerExample();
        return new LayerMemoryReport.Builder(
                        getLayerName(), PointwiseConvolutionLayer.class, inputType, outputType)
                .standardMemory(parameters, parameters)
                .workingMemory(0, 0, outputs, outputs)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        InputType.InputTypeConvolutional convolutional = convolutional(inputType);
        if (override || nIn == 0) {
            nIn = convolutional.getChannels();
        }
        setDataFormat(convolutional.getFormat());
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeConvolutional convolutional = convolutional(inputType);
        return InputType.convolutional(
                convolutional.getHeight(),
                convolutional.getWidth(),
                getNOut(),
                convolutional.getFormat());
    }

    private InputType.InputTypeConvolutional convolutional(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional)) {
            throw new IllegalArgumentException(
                    String.format(
                            "PointwiseConvolutionLayer '%s' cannot take input type %s; expected a"
                                    + " 2-D map, InputType.convolutional(height, width, channels)."
                                    + " For flattened images, put a FeedForwardToCnnPreProcessor"
                                    + " before the layer.",
                            getLayerName(), inputType));
        }
        return (InputType.InputTypeConvolutional) inputType;
    }

    @Override
    public String toString() {
        return String.format(
                "PointwiseConvolutionLayer(name=%s, nIn=%d, nOut=%d, activation=%s, format=%s)",
                getLayerName(), nIn, getNOut(), getActivation(), getDataFormat());
    }

    /** Builder for {@link PointwiseConvolutionLayer}; nOut is required. */
    public static class Builder extends AffineSameDiffLayer.Builder<Builder> {
        private long nIn;

        /** Sets the input channels. Optional: {@code setInputType(s)} infers them. */
        public Builder nIn(long nIn) {
            this.nIn = positive("nIn", nIn);
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public PointwiseConvolutionLayer build() {
            if (nOut() < 1) {
                throw new IllegalStateException(
                        "PointwiseConvolutionLayer needs the number of filters: set nOut(n) on"
                                + " the builder");
            }
            return new PointwiseConvolutionLayer(this);
        }
    }
}
