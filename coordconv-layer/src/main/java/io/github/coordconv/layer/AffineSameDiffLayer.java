package io.github.coordconv.layer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Shared configuration of the layers that compute {@code activation(x W + b)} per pixel of a 2-D
 * map: weights {@code W} of shape {@code (rows, nOut)} in a dense layer's layout, bias {@code b} of
 * shape {@code (1, nOut)}, the activation, the initialisation and the map's data format.
 *
 * <p>Weights are initialised with fan-in {@code rows} and fan-out {@code nOut}, as for a 1x1
 * convolution with {@code rows} input channels; biases start at {@code biasInit}.
 */
public abstract class AffineSameDiffLayer extends SameDiffLayer {

    static final String WEIGHT_KEY = "W";
    static final String BIAS_KEY = "b";

    private long nOut;
    private Activation activation = Activation.IDENTITY;
    private IWeightInit weightInitFn;
    private double biasInit;
    private CNN2DFormat dataFormat = CNN2DFormat.NCHW;

    /** Constructor for JSON deserialisation. */
    protected AffineSameDiffLayer() {}

    protected AffineSameDiffLayer(Builder<?> builder) {
        super(builder);
        this.nOut = builder.nOut;
        this.activation = builder.activation;
        this.weightInitFn = builder.weightInitFn;
        this.biasInit = builder.biasInit;
        this.dataFormat = builder.dataFormat;
        this.constraints = constraints(builder);
    }

    /**
     * Returns the builder's constraints bound to {@code W} and {@code b}. DL4J's SameDiff layer
     * configuration drops them. Its own binding requires the parameter shapes, which are unknown
     * until the input type is set.
     */
    private static List<LayerConstraint> constraints(Builder<?> builder) {
        List<LayerConstraint> bound = new ArrayList<>();
        bind(bound, builder.getAllParamConstraints(), WEIGHT_KEY, BIAS_KEY);
        bind(bound, builder.getWeightConstraints(), WEIGHT_KEY);
        bind(bound, builder.getBiasConstraints(), BIAS_KEY);
        return bound.isEmpty() ? null : bound;
    }

    private static void bind(
            List<LayerConstraint> bound, List<LayerConstraint> constraints, String... params) {
        if (constraints == null) {
            return;
        }
        for (LayerConstraint constraint : constraints) {
            LayerConstraint copy = constraint.clone();
            copy.setParams(new HashSet<>(Arrays.asList(params)));
            bound.add(copy);
        }
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

    /** Data format of the output map (and of the input map, where there is one). */
    public CNN2DFormat getDataFormat() {
        return dataFormat;
    }

    public void setDataFormat(CNN2DFormat dataFormat) {
        this.dataFormat = BaseAddCoords.checkOption("dataFormat", dataFormat, "NCHW or NHWC");
    }

    /** Returns the number of weight rows, the fan-in; throws when a size is still unknown. */
    protected abstract long weightRows();

    /**
     * Returns the parameter shapes worked out from the current options. DL4J keeps the shapes of
     * its first call and writes them into the JSON, so a configuration whose JSON was edited later
     * (nOut, nIn, withRadius) would run with the old shapes. Here, as in DL4J's own layers, the
     * options decide.
     */
    @Override
    public SDLayerParams getLayerParams() {
        SDLayerParams params = new SDLayerParams();
        defineParameters(params);
        setLayerParams(params);
        return params;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addWeightParam(WEIGHT_KEY, weightRows(), nOut);
        params.addBiasParam(BIAS_KEY, 1, nOut);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        IWeightInit init =
                weightInitFn == null ? WeightInit.XAVIER.getWeightInitFunction() : weightInitFn;
        INDArray weights = params.get(WEIGHT_KEY);
        init.init(weightRows(), nOut, weights.shape(), 'c', weights);
        params.get(BIAS_KEY).assign(biasInit);
    }

    /** Returns null: the layers of this kind take their input type without a preprocessor. */
    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public void applyGlobalConfigToLayer(NeuralNetConfiguration.Builder globalConfig) {
        super.applyGlobalConfigToLayer(globalConfig);
        if (weightInitFn == null) {
            weightInitFn = globalConfig.getWeightInitFn();
        }
    }

    /** Builder of the shared options; nOut is required. */
    public abstract static class Builder<T extends Builder<T>> extends SameDiffLayer.Builder<T> {
        private long nOut;
        private Activation activation = Activation.IDENTITY;
        private IWeightInit weightInitFn;
        private double biasInit;
        private CNN2DFormat dataFormat = CNN2DFormat.NCHW;

        /** Sets the output channels (number of filters). Required. */
        public T nOut(long nOut) {
            this.nOut = positive("nOut", nOut);
            return self();
        }

        /** Sets the activation; default identity. */
        public T activation(Activation activation) {
            if (activation == null) {
                throw new IllegalArgumentException(
                        "activation must not be null; use for example Activation.RELU");
            }
            this.activation = activation;
            return self();
        }

        /** Sets the weight initialisation; default: the network's, Xavier if it sets none. */
        @Override
        public T weightInit(WeightInit weightInit) {
            if (weightInit == null || weightInit == WeightInit.DISTRIBUTION) {
                throw new IllegalArgumentException(
                        "weightInit must be a WeightInit other than DISTRIBUTION, but was "
                                + weightInit
                                + "; pass a WeightInitDistribution to weightInit(IWeightInit)");
            }
            this.weightInitFn = weightInit.getWeightInitFunction();
            return self();
        }

        /**
         * Sets the initialisation of parameter {@code W}; the bias takes {@link #biasInit} instead.
         */
        @Override
        public T weightInit(String param, IWeightInit weightInit) {
            if (!WEIGHT_KEY.equals(param)) {
                throw new IllegalArgumentException(
                        "Only parameter \"W\" takes a weight initialisation, but got \""
                                + param
                                + "\"; set the bias with biasInit(value)");
            }
            return weightInit(weightInit);
        }

        /** Sets the weight initialisation function. */
        public T weightInit(IWeightInit weightInit) {
            if (weightInit == null) {
                throw new IllegalArgumentException(
                        "weightInit must not be null; use for example WeightInit.XAVIER");
            }
            this.weightInitFn = weightInit;
            return self();
        }

        /** Sets the initial bias value; default 0. */
        public T biasInit(double biasInit) {
            if (!Double.isFinite(biasInit)) {
                throw new IllegalArgumentException("biasInit must be finite, but was " + biasInit);
            }
            this.biasInit = biasInit;
            return self();
        }

        /** Sets the data format of the maps; default NCHW. */
        public T dataFormat(CNN2DFormat dataFormat) {
            if (dataFormat == null) {
                throw new IllegalArgumentException(
                        "dataFormat must not be null; use CNN2DFormat.NCHW or CNN2DFormat.NHWC");
            }
            this.dataFormat = dataFormat;
            return self();
        }

        /** Returns the number of filters set so far, 0 if none. */
        protected long nOut() {
            return nOut;
        }

        @SuppressWarnings("unchecked")
        private T self() {
            return (T) this;
        }

        static long positive(String name, long value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, but was " + value);
            }
            return value;
        }
    }
}
