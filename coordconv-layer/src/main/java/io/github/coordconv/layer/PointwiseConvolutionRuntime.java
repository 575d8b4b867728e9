package io.github.coordconv.layer;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastCopyOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs {@link PointwiseConvolutionLayer} as matrix products, or through its SameDiff graph when the
 * system property {@value DirectComputation#SAME_DIFF_PROPERTY} is {@code true}.
 *
 * <p>Every product writes into the transpose of a c-ordered array: a c-ordered {@code (rows, n)}
 * result is an f-ordered {@code (n, rows)} matrix, which ND4J's matrix product fills directly,
 * while a c-ordered output costs it an extra copy. So the output map, the input gradient and the
 * weight gradient all come out in the layout the next step reads, with no copies between layers.
 *
 * <p>For NHWC maps on the CPU backend, in FLOAT or DOUBLE, {@link DirectBlas} computes the same
 * products by calling OpenBLAS directly on ranges of pixel rows, which is faster.
 */
final class PointwiseConvolutionRuntime extends DirectParameterLayer {

    private PointwiseConvolutionRuntime(
            NeuralNetConfiguration conf, DataType dataType, boolean sameDiffGraph) {
        super(conf, dataType, sameDiffGraph);
    }

    private PointwiseConvolutionLayer configuration() {
        return (PointwiseConvolutionLayer) layerConf();
    }

    @Override
    INDArray gradients(INDArray x, INDArray delta, LayerWorkspaceMgr workspaceMgr) {
        INDArray inputGradient =
                workspaceMgr.createUninitialized(
                        ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape(), 'c');
        if (channelsLast()) {
            channelsLastGradients(asRows(x), asRows(delta), asRows(inputGradient));
        } else {
            channelsFirstGradients(x, delta, inputGradient);
        }
        return inputGradient;
    }

    /** Writes the gradients for NHWC maps viewed as {@code (pixels, channels)} rows. */
    private void channelsLastGradients(INDArray rows, INDArray deltaRows, INDArray inputRows) {
        INDArray weights = paramTable.get(AffineSameDiffLayer.WEIGHT_KEY);
        INDArray weightGradient = gradTable.get(AffineSameDiffLayer.WEIGHT_KEY);
        INDArray biasGradient = gradTable.get(AffineSameDiffLayer.BIAS_KEY);
        INDArray ones = ones(rows.size(0), rows.dataType());
        if (DirectBlas.supports(
                rows, weights, deltaRows, ones, weightGradient, biasGradient, inputRows)) {
            DirectBlas.gradients(
                    rows, weights, deltaRows, ones, weightGradient, biasGradient, inputRows);
            return;
        }

        if (weights.size(1) == 1) {
            // With one output channel, dW is a matrix-vector product. ND4J hands it to BLAS gemv,
            // which took a quarter of the time of gemm here.
            INDArray sums = columnSums(rows, deltaRows.reshape(rows.size(0)));
            weightGradient.assign(sums.reshape(weightGradient.shape()));
        } else {
            // dW (nIn, nOut) is written as its f-ordered transpose: delta^T x.
            INDArray weightGradientT = transposedBuffer(weights);
            Nd4j.gemm(deltaRows.transpose(), rows.transpose(), weightGradientT, false, true, 1, 0);
            weightGradient.assign(weightGradientT.transpose());
        }

        INDArray biasSums = columnSums(deltaRows, ones);
        biasGradient.assign(biasSums.reshape(biasGradient.shape()));
        Nd4j.gemm(weights, deltaRows.transpose(), inputRows.transpose(), false, false, 1, 0);
    }

    /** Writes the gradients for NCHW maps, one pair of products per example. */
    private void channelsFirstGradients(INDArray x, INDArray delta, INDArray inputGradient) {
        INDArray weights = paramTable.get(AffineSameDiffLayer.WEIGHT_KEY);
        INDArray weightGradientT = transposedBuffer(weights);

        for (long example = 0; example < x.size(0); example++) {
            INDArray features = asChannelMatrix(x, example);
            INDArray deltaMatrix = asChannelMatrix(delta, example);
            Nd4j.gemm(deltaMatrix, features, weightGradientT, false, true, 1, example == 0 ? 0 : 1);
            Nd4j.gemm(
                    deltaMatrix.transpose(),
                    weights,
                    asChannelMatrix(inputGradient, example).transpose(),
                    false,
                    true,
                    1,
                    0);
        }

        gradTable.get(AffineSameDiffLayer.WEIGHT_KEY).assign(weightGradientT.transpose());
        INDArray biasGradient = gradTable.get(AffineSameDiffLayer.BIAS_KEY);
        biasGradient.assign(delta.sum(0, 2, 3).reshape(biasGradient.shape()));
    }

    /** Returns a new f-ordered {@code (nOut, nIn)} array for the transpose of dW. */
    private static INDArray transposedBuffer(INDArray weights) {
        return Nd4j.createUninitialized(
                weights.dataType(), new long[] {weights.size(1), weights.size(0)}, 'f');
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
            INDArray ones = ones(asRows(x).size(0), x.dataType());
            if (DirectBlas.supports(x, weights, bias, ones, z)) {
                DirectBlas.affine(asRows(x), weights, bias, ones, asRows(z));
                return z;
            }
        }

        // Copying the bias into z and adding the products to it (beta = 1) took 15% to 40% less
        // time than a product followed by a separate bias addition.
        Nd4j.exec(new BroadcastCopyOp(z, bias.reshape(outputChannels), z, channelsLast() ? 3 : 1));
        if (channelsLast()) {
            Nd4j.gemm(weights, asRows(x).transpose(), asRows(z).transpose(), true, false, 1, 1);
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
                    1);
        }
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
