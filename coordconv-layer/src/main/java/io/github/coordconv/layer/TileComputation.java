package io.github.coordconv.layer;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The tile layer as direct ND4J operations.
 *
 * <p>One channel per element: forward repeats each {@code (batch, C)} row over the map with one
 * {@code tile} operation; backward sums the output gradient over the spatial axes. Interleaved:
 * forward multiplies by the 0/1 selection matrix of {@link TileLayer#interleavingMatrix}, backward
 * by its transpose.
 */
final class TileComputation implements DirectComputation {

    private final TileLayer layer;
    private final boolean channelsLast;
    private INDArray selection;

    TileComputation(TileLayer layer) {
        this.layer = layer;
        this.channelsLast = layer.getDataFormat() == CNN2DFormat.NHWC;
    }

    @Override
    public INDArray forward(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        long batch = input.size(0);
        long height = layer.getHeight();
        long width = layer.getWidth();
        long channels = layer.getStyle() == TileStyle.PER_CHANNEL ? input.size(1) : 1;
        long[] shape =
                channelsLast
                        ? new long[] {batch, height, width, channels}
                        : new long[] {batch, channels, height, width};
        INDArray output =
                workspaceMgr.createUninitialized(
                        ArrayType.ACTIVATIONS, input.dataType(), shape, 'c');

        if (layer.getStyle() == TileStyle.INTERLEAVED) {
            INDArray flat = output.reshape(batch, height * width);
            Nd4j.exec(new Mmul(input, selection(input), flat, null));
            return output;
        }

        INDArray column =
                channelsLast
                        ? input.reshape(batch, 1, 1, channels)
                        : input.reshape(batch, channels, 1, 1);
        int rows = Math.toIntExact(height);
        int columns = Math.toIntExact(width);
        int[] repeats =
                channelsLast ? new int[] {1, rows, columns, 1} : new int[] {1, 1, rows, columns};
        Nd4j.exec(
                DynamicCustomOp.builder("tile")
                        .addInputs(column)
                        .addOutputs(output)
                        .addIntegerArguments(repeats)
                        .build());
        return output;
    }

    @Override
    public INDArray inputGradient(
            INDArray input, INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray gradient =
                workspaceMgr.createUninitialized(
                        ArrayType.ACTIVATION_GRAD, epsilon.dataType(), input.shape(), 'c');

        if (layer.getStyle() == TileStyle.INTERLEAVED) {
            INDArray flat = epsilon.reshape(epsilon.size(0), -1);
            INDArray transposed = selection(input).transpose();
            Nd4j.exec(new Mmul(flat, transposed, gradient, null));
            return gradient;
        }

        int[] spatialAxes = channelsLast ? new int[] {1, 2} : new int[] {2, 3};
        return gradient.assign(epsilon.sum(spatialAxes));
    }

    /** Returns the interleaving matrix in the input's data type, built once per data type. */
    private INDArray selection(INDArray input) {
        if (selection == null || selection.dataType() != input.dataType()) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                selection =
                        TileLayer.interleavingMatrix(
                                        layer.getSize(), layer.getHeight() * layer.getWidth())
                                .castTo(input.dataType());
            }
        }
        return selection;
    }
}
