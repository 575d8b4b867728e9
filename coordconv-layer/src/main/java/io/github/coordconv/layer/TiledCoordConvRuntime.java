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
 * Runs {@link TiledCoordConvLayer} as a broadcast sum of a per-example and a per-pixel term, or
 * through its SameDiff graph when the system property {@value DirectComputation#SAME_DIFF_PROPERTY}
 * is {@code true}.
 *
 * <p>Forward: {@code v W_v} for the batch and {@code c W_c + b} for the pixels are small matrix
 * products; the map is their sum, written with one broadcast addition per example. Backward: the
 * gradient summed over the pixels gives the gradients of {@code W_v} and of the input, summed over
 * the batch it gives those of {@code W_c}, and summed over both those of {@code b}.
 */
final class TiledCoordConvRuntime extends DirectParameterLayer {

    /** The coordinate matrix in the network's data type, kept outside the workspaces. */
    private INDArray coordinates;

    private TiledCoordConvRuntime(
            NeuralNetConfiguration conf, DataType dataType, boolean sameDiffGraph) {
        super(conf, dataType, sameDiffGraph);
    }

    private TiledCoordConvLayer configuration() {
        return (TiledCoordConvLayer) layerConf();
    }

    @Override
    INDArray preActivation(INDArray x, LayerWorkspaceMgr workspaceMgr, ArrayType type) {
        TiledCoordConvLayer layer = configuration();
        long batch = x.size(0);
        long nOut = layer.getNOut();
        long pixels = layer.getHeight() * layer.getWidth();
        INDArray perExample = x.mmul(tiledWeights(paramTable.get(AffineSameDiffLayer.WEIGHT_KEY)));
        INDArray bias = paramTable.get(AffineSameDiffLayer.BIAS_KEY).reshape(nOut);

        if (channelsLast()) {
            INDArray perPixel =
                    coordinates(x.dataType()).mmul(coordinateWeights()).addiRowVector(bias);
            INDArray z =
                    workspaceMgr.createUninitialized(
                            type,
                            x.dataType(),
                            new long[] {batch, layer.getHeight(), layer.getWidth(), nOut},
                            'c');
            for (long example = 0; example < batch; example++) {
                INDArray target = z.slice(example).reshape('c', pixels, nOut);
                Nd4j.exec(
                        new BroadcastAddOp(
                                perPixel, perExample.getRow(example).reshape(nOut), target, 1));
            }
            return z;
        }

        INDArray perPixel =
                coordinateWeights()
                        .transpose()
                        .mmul(coordinates(x.dataType()))
                        .addiColumnVector(bias.reshape(nOut, 1));
        INDArray z =
                workspaceMgr.createUninitialized(
                        type,
                        x.dataType(),
                        new long[] {batch, nOut, layer.getHeight(), layer.getWidth()},
                        'c');
        for (long example = 0; example < batch; example++) {
            INDArray target = z.slice(example).reshape('c', nOut, pixels);
            Nd4j.exec(
                    new BroadcastAddOp(
                            perPixel, perExample.getRow(example).reshape(nOut), target, 0));
        }
        return z;
    }

    @Override
    INDArray gradients(INDArray x, INDArray delta, LayerWorkspaceMgr workspaceMgr) {
        TiledCoordConvLayer layer = configuration();
        long batch = x.size(0);
        long nOut = layer.getNOut();
        long pixels = layer.getHeight() * layer.getWidth();
        INDArray coordinates = coordinates(x.dataType());

        // The gradient summed over the pixels, (batch, nOut), gives those of W_v and the input;
        // summed over the batch, those of W_c.
        INDArray perExample;
        INDArray coordinateGradient;
        INDArray batchSum =
                columnSums(delta.reshape('c', batch, pixels * nOut), ones(batch, x.dataType()));
        if (channelsLast()) {
            perExample = delta.reshape('c', batch, pixels, nOut).sum(1);
            coordinateGradient = coordinates.transpose().mmul(batchSum.reshape(pixels, nOut));
        } else {
            perExample = delta.reshape('c', batch, nOut, pixels).sum(2);
            coordinateGradient = coordinates.mmul(batchSum.reshape(nOut, pixels).transpose());
        }

        INDArray weights = paramTable.get(AffineSameDiffLayer.WEIGHT_KEY);
        INDArray tiledGradient = x.transpose().mmul(perExample);
        gradTable
                .get(AffineSameDiffLayer.WEIGHT_KEY)
                .assign(Nd4j.concat(0, tiledGradient, coordinateGradient));
        INDArray biasGradient = gradTable.get(AffineSameDiffLayer.BIAS_KEY);
        biasGradient.assign(perExample.sum(0).reshape(biasGradient.shape()));

        INDArray inputGradient =
                workspaceMgr.createUninitialized(
                        ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape(), 'c');
        return inputGradient.assign(perExample.mmul(tiledWeights(weights).transpose()));
    }

    private INDArray tiledWeights(INDArray weights) {
        return TiledCoordConvLayer.rows(weights, 0, configuration().getNIn());
    }

    private INDArray coordinateWeights() {
        INDArray weights = paramTable.get(AffineSameDiffLayer.WEIGHT_KEY);
        return TiledCoordConvLayer.rows(weights, configuration().getNIn(), weights.size(0));
    }

    private boolean channelsLast() {
        return configuration().getDataFormat() == CNN2DFormat.NHWC;
    }

    /** Returns the coordinate matrix in the given data type, built once per type. */
    private INDArray coordinates(DataType type) {
        if (coordinates == null || coordinates.dataType() != type) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                coordinates = configuration().coordinateMatrix().castTo(type);
            }
        }
        return coordinates;
    }

    /** Creates the layer the same way DL4J's {@code SameDiffLayer.instantiate} does. */
    static Layer create(
            TiledCoordConvLayer layer,
            boolean sameDiffGraph,
            NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners,
            int layerIndex,
            INDArray layerParamsView,
            boolean initializeParams,
            DataType networkDataType) {
        return CheckedSameDiffLayer.wire(
                new TiledCoordConvRuntime(conf, networkDataType, sameDiffGraph),
                layer,
                conf,
                trainingListeners,
                layerIndex,
                layerParamsView,
                initializeParams);
    }
}
