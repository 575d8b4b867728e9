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
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A 1x1 convolution computed as matrix products, without im2col: the fast path for the CoordConv
 * paper's stacks of 1x1 layers.
 *
 * <p>Input and output are 2-D maps, NCHW or NHWC as the input type says. The layer has the
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
public class PointwiseConvolutionLayer extends SameDiffLayer {

    static final String WEIGHT_KEY = "W";
    static final String BIAS_KEY = "b";

    private long nIn;
    private long nOut;
    private Activation activation = Activation.IDENTITY;
    private IWeightInit weightInitFn;
    private double biasInit;
    private CNN2DFormat dataFormat = CNN2DFormat.NCHW;

    /** Constructor for JSON deserialisation. */
    private PointwiseConvolutionLayer() {}

    private PointwiseConvolutionLayer(Builder builder) {
        super(builder);
        this.nIn = builder.nIn;
        this.nOut = builder.nOut;
        this.activation = builder.activation;
        this.weightInitFn = builder.weightInitFn;
        this.biasInit = builder.biasInit;
        this.dataFormat = builder.dataFormat;
    }

    /** Number of input channels; 0 until set or inferred from the input type. */
    public long getNIn() {
        return nIn;
    }

    public void setNIn(long nIn) {
        this.nIn = BaseAddCoords.checkConfiguredSize("nIn", nIn);
    }

    /** Number of output channels (filters). */
    public long getNOut() {
        return nOut;
    }

    public void setNOut(long nOut) {
        this.nOut = Builder.positive("nOut", nOut);
    }

    /** Activation applied to every output value; identity by default. */
    public Activation getActivation() {
        return activation;
    }

    public void setActivation(Activation activation) {
        this.activation = BaseAddCoords.checkOption("activation", activation, "an Activation");
    }

    /** Weight initialisation; the network's default (Xavier unless set) when not given. */
    public IWeightInit getWeightInitFn() {
        return weightInitFn;
    }

    public void setWeightInitFn(IWeightInit weightInitFn) {
        this.weightInitFn = weightInitFn;
    }

    /** Initial value of every bias entry; 0 by default. */
    public double getBiasInit() {
        return biasInit;
    }

    public void setBiasInit(double biasInit) {
        this.biasInit = biasInit;
    }

    /** Data format of input and output maps; taken from the input type when it is set. */
    public CNN2DFormat getDataFormat() {
        return dataFormat;
    }

    public void setDataFormat(CNN2DFormat dataFormat) {
        this.dataFormat = BaseAddCoords.checkOption("dataFormat", dataFormat, "NCHW or NHWC");
    }

    /** Returns whether the direct computation can take the derivative from the output. */
    boolean derivativeFromOutput() {
        return activation == Activation.RELU || activation == Activation.IDENTITY;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        requireSizes();
        params.addWeightParam(WEIGHT_KEY, nIn, nOut);
        params.addBiasParam(BIAS_KEY, 1, nOut);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        IWeightInit init =
                weightInitFn == null ? WeightInit.XAVIER.getWeightInitFunction() : weightInitFn;
        INDArray weights = params.get(WEIGHT_KEY);
        init.init(nIn, nOut, weights.shape(), 'c', weights);
        params.get(BIAS_KEY).assign(biasInit);
    }

    @Override
    public SDVariable defineLayer(
            SameDiff sameDiff,
            SDVariable layerInput,
            Map<String, SDVariable> paramTable,
            SDVariable mask) {
        boolean channelsLast = dataFormat == CNN2DFormat.NHWC;
        SDVariable nhwc = channelsLast ? layerInput : layerInput.permute(0, 2, 3, 1);
        SDVariable rows = sameDiff.reshape(nhwc, -1, nIn);
        SDVariable preActivation =
                rows.mmul(paramTable.get(WEIGHT_KEY)).add(paramTable.get(BIAS_KEY));
        SDVariable activated = activation.asSameDiff("activation", sameDiff, preActivation);

        // Back to the input's spatial shape, taken from the input at run time.
        SDVariable shape = sameDiff.shape(nhwc);
        SDVariable spatial = shape.get(org.nd4j.autodiff.samediff.SDIndex.interval(0, 3));
        SDVariable outputShape =
                sameDiff.concat(0, spatial, sameDiff.constant(nOut).castTo(shape.dataType()));
        SDVariable output = sameDiff.reshape(activated, outputShape);
        return channelsLast ? output : output.permute(0, 3, 1, 2);
    }

    private void requireSizes() {
        if (nIn < 1 || nOut < 1) {
            throw new IllegalStateException(
                    String.format(
                            "PointwiseConvolutionLayer '%s' needs nIn and nOut (nIn %d, nOut %d)."
                                    + " Set nOut(n) on the builder, and nIn(n) or the network's"
                                    + " input types with setInputType(s).",
                            getLayerName(), nIn, nOut));
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
        int channelAxis = dataFormat == CNN2DFormat.NHWC ? 3 : 1;
        if (input.rank() != 4 || input.size(channelAxis) != nIn) {
            String expected =
                    dataFormat == CNN2DFormat.NHWC
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
    public void applyGlobalConfigToLayer(NeuralNetConfiguration.Builder globalConfig) {
        super.applyGlobalConfigToLayer(globalConfig);
        if (weightInitFn == null) {
            weightInitFn = globalConfig.getWeightInitFn();
        }
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long parameters = nIn * nOut + nOut;
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
        dataFormat = convolutional.getFormat();
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeConvolutional convolutional = convolutional(inputType);
        return InputType.convolutional(
                convolutional.getHeight(),
                convolutional.getWidth(),
                nOut,
                convolutional.getFormat());
    }

    private InputType.InputTypeConvolutional convolutional(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional)) {
            throw new IllegalArgumentException(
                    String.format(
                            "PointwiseConvolutionLayer '%s' cannot take input type %s; expected a"
                                    + " 2-D map, InputType.convolutional(height, width, channels)",
                            getLayerName(), inputType));
        }
        return (InputType.InputTypeConvolutional) inputType;
    }

    @Override
    public String toString() {
        return String.format(
                "PointwiseConvolutionLayer(name=%s, nIn=%d, nOut=%d, activation=%s, format=%s)",
                getLayerName(), nIn, nOut, activation, dataFormat);
    }

    /** Builder for {@link PointwiseConvolutionLayer}; nOut is required. */
    public static class Builder extends SameDiffLayer.Builder<Builder> {
        private long nIn;
        private long nOut;
        private Activation activation = Activation.IDENTITY;
        private IWeightInit weightInitFn;
        private double biasInit;
        private CNN2DFormat dataFormat = CNN2DFormat.NCHW;

        /** Sets the input channels. Optional: {@code setInputType(s)} infers them. */
        public Builder nIn(long nIn) {
            this.nIn = positive("nIn", nIn);
            return this;
        }

        /** Sets the output channels (number of filters). Required. */
        public Builder nOut(long nOut) {
            this.nOut = positive("nOut", nOut);
            return this;
        }

        /** Sets the activation; default identity. */
        public Builder activation(Activation activation) {
            if (activation == null) {
                throw new IllegalArgumentException(
                        "activation must not be null; use for example Activation.RELU");
            }
            this.activation = activation;
            return this;
        }

        /** Sets the weight initialisation; default: the network's, Xavier if it sets none. */
        @Override
        public Builder weightInit(WeightInit weightInit) {
            if (weightInit == null || weightInit == WeightInit.DISTRIBUTION) {
                throw new IllegalArgumentException(
                        "weightInit must be a WeightInit other than DISTRIBUTION, but was "
                                + weightInit
                                + "; pass a WeightInitDistribution to weightInit(IWeightInit)");
            }
            this.weightInitFn = weightInit.getWeightInitFunction();
            return this;
        }

        /** Sets the weight initialisation function. */
        public Builder weightInit(IWeightInit weightInit) {
            if (weightInit == null) {
                throw new IllegalArgumentException(
                        "weightInit must not be null; use for example WeightInit.XAVIER");
            }
            this.weightInitFn = weightInit;
            return this;
        }

        /** Sets the initial bias value; default 0. */
        public Builder biasInit(double biasInit) {
            if (!Double.isFinite(biasInit)) {
                throw new IllegalArgumentException("biasInit must be finite, but was " + biasInit);
            }
            this.biasInit = biasInit;
            return this;
        }

        /**
         * Sets the data format. Optional: {@code setInputType(s)} sets it from the input type,
         * which carries the format.
         */
        public Builder dataFormat(CNN2DFormat dataFormat) {
            if (dataFormat == null) {
                throw new IllegalArgumentException(
                        "dataFormat must not be null; use CNN2DFormat.NCHW or CNN2DFormat.NHWC");
            }
            this.dataFormat = dataFormat;
            return this;
        }

        static long positive(String name, long value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, but was " + value);
            }
            return value;
        }

        @Override
        @SuppressWarnings("unchecked")
        public PointwiseConvolutionLayer build() {
            if (nOut < 1) {
                throw new IllegalStateException(
                        "PointwiseConvolutionLayer needs the number of filters: set nOut(n) on"
                                + " the builder");
            }
            return new PointwiseConvolutionLayer(this);
        }
    }
}
