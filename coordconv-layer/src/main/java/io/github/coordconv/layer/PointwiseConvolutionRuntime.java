package io.github.coordconv.layer;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
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
final class PointwiseConvolutionRuntime extends DirectParameterLayer {

    /** A row of ones that sums the gradient over pixels in one product, built once per size. */
    private INDArray ones;

    private PointwiseConvolutionRuntime(
            NeuralNetConfiguration conf, DataType dataType, boolean sameDiffGraph) {
        super(conf, dataType, sameDiffGraph);
    }

    private PointwiseConvolutionLayer configuration() {
        return (PointwiseConvolutionLayer) layerConf();
    }

    @Override
    INDArray gradients(INDArray x, INDArray delta, LayerWorkspaceMgr workspaceMgr) {
        INDArray weights = paramTable.get(AffineSameDiffLayer.WEIGHT_KEY);
        INDArray weightGradient = gradTable.get(AffineSameDiffLayer.WEIGHT_KEY);
        INDArray biasGradient = gradTable.get(AffineSameDiffLayer.BIAS_KEY);
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
        return inputGradient;
    }

    /** Computes x W + b into a new c-ordered map of the given array type. */
    @Override
    INDArray preActivation(INDArray x, LayerWorkspaceMgr workspaceMgr, ArrayType type) {
        INDArray weights = paramTable.get(AffineSameDiffLayer.WEIGHT_KEY);
        INDArray bias = paramTable.get(AffineSameDiffLayer.BIAS_KEY);
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

    /** Views an NHWC map as a c-ordered matrix with one row per pixel. */
    private static INDArray asRows(INDArray map) {
        return map.reshape('c', map.size(0) * map.size(1) * map.size(2), map.size(3));
    }

    /** Views one example of an NCHW map as a c-ordered {@code (channels, pixels)} matrix. */
    private static INDArray asChannelMatrix(INDArray map, long example) {
        return map.slice(example).reshape('c', map.size(1), map.size(2) * map.size(3));
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
