package io.github.coordconv.layer;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs {@link PointwiseConvolutionLayer} as matrix products, or through its SameDiff graph when the
 * system property {@value DirectComputation#SAME_DIFF_PROPERTY} is {@code true}.
 *
 * <p>Every product writes into the transpose of a c-ordered array: a c-ordered {@code (rows, n)}
 * result is an f-ordered {@code (n, rows)} matrix, which ND4J's matrix product fills directly,
 * while a c-ordered output costs it an extra copy. So the output map, the input gradient and the
 * weight gradient all come out in the layout the next step reads, with no copies between layers.
 */
final class PointwiseConvolutionRuntime
        extends org.deeplearning4j.nn.layers.samediff.SameDiffLayer {

    private final boolean sameDiffGraph;

    /** Output of the last training forward pass, kept for the derivative of ReLU or identity. */
    private INDArray trainingOutput;

    /** A row of ones that sums the gradient over pixels in one product, built once per size. */
    private INDArray ones;

    private PointwiseConvolutionRuntime(
            NeuralNetConfiguration conf, DataType dataType, boolean sameDiffGraph) {
        super(conf, dataType);
        this.sameDiffGraph = sameDiffGraph;
    }

    /** Returns whether this layer runs its SameDiff graph rather than the matrix products. */
    boolean runsSameDiffGraph() {
        return sameDiffGraph;
    }

    private PointwiseConvolutionLayer configuration() {
        return (PointwiseConvolutionLayer) layerConf();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        configuration().validateInput(input);
        if (sameDiffGraph) {
            return super.activate(training, workspaceMgr);
        }

        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray x = contiguous(input, workspaceMgr, ArrayType.FF_WORKING_MEM);
        INDArray output = preActivation(x, workspaceMgr, ArrayType.ACTIVATIONS);
        activationFunction().getActivation(output, training);
        trainingOutput = training && configuration().derivativeFromOutput() ? output : null;
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(
            INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (sameDiffGraph) {
            // The wrapper doubles the input gradient (see CheckedSameDiffLayer) and, as the tests
            // of this layer show, the parameter gradients too.
            Pair<Gradient, INDArray> gradients = super.backpropGradient(epsilon, workspaceMgr);
            gradients.getFirst().gradientForVariable().values().forEach(g -> g.muli(0.5));
            gradients.getSecond().muli(0.5);
            return gradients;
        }

        INDArray x = contiguous(input, workspaceMgr, ArrayType.BP_WORKING_MEM);
        INDArray outputGradient = contiguous(epsilon, workspaceMgr, ArrayType.BP_WORKING_MEM);
        INDArray delta = preActivationGradient(x, outputGradient, workspaceMgr);
        trainingOutput = null;

        INDArray weights = paramTable.get(PointwiseConvolutionLayer.WEIGHT_KEY);
        INDArray weightGradient = gradTable.get(PointwiseConvolutionLayer.WEIGHT_KEY);
        INDArray biasGradient = gradTable.get(PointwiseConvolutionLayer.BIAS_KEY);
        INDArray inputGradient =
                workspaceMgr.createUninitialized(
                        ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape(), 'c');
        INDArray weightGradientT =
                Nd4j.createUninitialized(
                        x.dataType(), new long[] {weights.size(1), weights.size(0)}, 'f');

        if (channelsLast()) {
            INDArray rows = asRows(x);
            INDArray deltaRows = asRows(delta);
            // dW (nIn, nOut) is written as its f-ordered transpose: delta^T x.
            Nd4j.gemm(deltaRows.transpose(), rows.transpose(), weightGradientT, false, true, 1, 0);
            INDArray biasColumn =
                    Nd4j.createUninitialized(x.dataType(), new long[] {weights.size(1), 1}, 'f');
            Nd4j.gemm(
                    deltaRows.transpose(),
                    ones(rows.size(0), x.dataType()),
                    biasColumn,
                    false,
                    true,
                    1,
                    0);
            biasGradient.assign(biasColumn.reshape(biasGradient.shape()));
            Nd4j.gemm(
                    weights,
                    deltaRows.transpose(),
                    asRows(inputGradient).transpose(),
                    false,
                    false,
                    1,
                    0);
        } else {
            long batch = x.size(0);
            for (long example = 0; example < batch; example++) {
                INDArray features = asChannelMatrix(x, example);
                INDArray deltaMatrix = asChannelMatrix(delta, example);
                Nd4j.gemm(
                        deltaMatrix,
                        features,
                        weightGradientT,
                        false,
                        true,
                        1,
                        example == 0 ? 0 : 1);
                Nd4j.gemm(
                        deltaMatrix.transpose(),
                        weights,
                        asChannelMatrix(inputGradient, example).transpose(),
                        false,
                        true,
                        1,
                        0);
            }
            biasGradient.assign(delta.sum(0, 2, 3).reshape(biasGradient.shape()));
        }
        weightGradient.assign(weightGradientT.transpose());

        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(PointwiseConvolutionLayer.WEIGHT_KEY, weightGradient);
        gradient.gradientForVariable().put(PointwiseConvolutionLayer.BIAS_KEY, biasGradient);
        return new Pair<>(gradient, backpropDropOutIfPresent(inputGradient));
    }

    /** Returns dL/dz, from the kept output for ReLU and identity, else from z computed again. */
    private INDArray preActivationGradient(
            INDArray x, INDArray outputGradient, LayerWorkspaceMgr workspaceMgr) {
        Activation activation = configuration().getActivation();
        boolean kept =
                trainingOutput != null
                        && java.util.Arrays.equals(trainingOutput.shape(), outputGradient.shape());
        if (kept && activation == Activation.IDENTITY) {
            return outputGradient;
        }
        if (kept && activation == Activation.RELU) {
            INDArray delta =
                    workspaceMgr.createUninitialized(
                            ArrayType.BP_WORKING_MEM,
                            outputGradient.dataType(),
                            outputGradient.shape(),
                            'c');
            Nd4j.exec(new RectifiedLinearDerivative(trainingOutput, outputGradient, delta));
            return delta;
        }
        INDArray z = preActivation(x, workspaceMgr, ArrayType.BP_WORKING_MEM);
        INDArray delta = activationFunction().backprop(z, outputGradient).getFirst();
        return contiguous(delta, workspaceMgr, ArrayType.BP_WORKING_MEM);
    }

    /** Computes x W + b into a new c-ordered map of the given array type. */
    private INDArray preActivation(INDArray x, LayerWorkspaceMgr workspaceMgr, ArrayType type) {
        INDArray weights = paramTable.get(PointwiseConvolutionLayer.WEIGHT_KEY);
        INDArray bias = paramTable.get(PointwiseConvolutionLayer.BIAS_KEY);
        long outputChannels = weights.size(1);
        long[] shape = x.shape().clone();
        shape[channelsLast() ? 3 : 1] = outputChannels;
        INDArray z = workspaceMgr.createUninitialized(type, x.dataType(), shape, 'c');

        if (channelsLast()) {
            INDArray rows = asRows(z);
            Nd4j.gemm(weights, asRows(x).transpose(), rows.transpose(), true, false, 1, 0);
            rows.addiRowVector(bias);
            return z;
        }

        for (long example = 0; example < x.size(0); example++) {
            Nd4j.gemm(
                    asChannelMatrix(x, example).transpose(),
                    weights,
                    asChannelMatrix(z, example).transpose(),
                    false,
                    false,
                    1,
                    0);
        }
        Nd4j.exec(new BroadcastAddOp(z, bias.reshape(outputChannels), z, 1));
        return z;
    }

    private boolean channelsLast() {
        return configuration().getDataFormat() == CNN2DFormat.NHWC;
    }

    private IActivation activationFunction() {
        return configuration().getActivation().getActivationFunction();
    }

    /** Views an NHWC map as a c-ordered matrix with one row per pixel. */
    private static INDArray asRows(INDArray map) {
        return map.reshape('c', map.size(0) * map.size(1) * map.size(2), map.size(3));
    }

    /** Views one example of an NCHW map as a c-ordered {@code (channels, pixels)} matrix. */
    private static INDArray asChannelMatrix(INDArray map, long example) {
        return map.slice(example).reshape('c', map.size(1), map.size(2) * map.size(3));
    }

    /** Returns the array itself when it is c-ordered with default strides, else a c copy. */
    private INDArray contiguous(INDArray array, LayerWorkspaceMgr workspaceMgr, ArrayType type) {
        INDArray typed = array.dataType() == dataType ? array : array.castTo(dataType);
        if (typed.ordering() == 'c' && Shape.hasDefaultStridesForShape(typed)) {
            return typed;
        }
        return workspaceMgr.dup(type, typed, 'c');
    }

    /** Returns a {@code (1, length)} row of ones, kept outside the workspaces. */
    private INDArray ones(long length, DataType type) {
        if (ones == null || ones.length() != length || ones.dataType() != type) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                ones = Nd4j.ones(type, 1, length);
            }
        }
        return ones;
    }

    @Override
    public void clear() {
        super.clear();
        trainingOutput = null;
    }

    /** Creates the layer the same way DL4J's {@code SameDiffLayer.instantiate} does. */
    static Layer create(
            PointwiseConvolutionLayer layer,
            boolean sameDiffGraph,
            NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners,
            int layerIndex,
            INDArray layerParamsView,
            boolean initializeParams,
            DataType networkDataType) {
        return CheckedSameDiffLayer.wire(
                new PointwiseConvolutionRuntime(conf, networkDataType, sameDiffGraph),
                layer,
                conf,
                trainingListeners,
                layerIndex,
                layerParamsView,
                initializeParams);
    }
}
