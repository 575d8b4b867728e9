package io.github.coordconv.layer;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * AddCoords as two ND4J operations: one concatenation forward, one strided copy backward.
 *
 * <p>The coordinate channels, repeated along the batch axis, are kept outside any workspace and
 * rebuilt only when the batch size or data type changes. The input gradient is the gradient of the
 * input channels of the output; the coordinate channels are constants and receive none.
 */
final class AddCoordsComputation implements DirectComputation {

    private final BaseAddCoords layer;
    private final int channelAxis;
    private INDArray repeated;

    AddCoordsComputation(BaseAddCoords layer) {
        this.layer = layer;
        this.channelAxis = layer.channelsLast() ? layer.spatialShape().length + 1 : 1;
    }

    @Override
    public INDArray forward(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        INDArray coordinates = coordinates(input);
        long[] shape = input.shape().clone();
        shape[channelAxis] += coordinates.size(channelAxis);

        INDArray output =
                workspaceMgr.createUninitialized(
                        ArrayType.ACTIVATIONS, input.dataType(), shape, 'c');

        // The concatenation runs on matrix views: one row per position before the channel axis.
        // It gives the same result, and ND4J runs it several times faster than in full rank.
        Nd4j.exec(
                DynamicCustomOp.builder("concat")
                        .addInputs(asRows(input), asRows(coordinates))
                        .addOutputs(asRows(output))
                        .addIntegerArguments(1)
                        .build());
        return output;
    }

    @Override
    public INDArray inputGradient(
            INDArray input, INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArrayIndex[] inputChannels = new INDArrayIndex[epsilon.rank()];
        for (int axis = 0; axis < inputChannels.length; axis++) {
            inputChannels[axis] = NDArrayIndex.all();
        }
        inputChannels[channelAxis] = NDArrayIndex.interval(0, input.size(channelAxis));

        INDArray gradient =
                workspaceMgr.createUninitialized(
                        ArrayType.ACTIVATION_GRAD, epsilon.dataType(), input.shape(), 'c');
        return gradient.assign(epsilon.get(inputChannels));
    }

    /** Returns a c-order matrix view with the axes before the channel axis as rows. */
    private INDArray asRows(INDArray array) {
        long rows = 1;
        for (int axis = 0; axis < channelAxis; axis++) {
            rows *= array.size(axis);
        }
        INDArray contiguous = array.ordering() == 'c' && !array.isView() ? array : array.dup('c');
        return contiguous.reshape('c', rows, array.length() / rows);
    }

    /** Returns the coordinate channels repeated to the input's batch size and data type. */
    private INDArray coordinates(INDArray input) {
        long batch = input.size(0);
        if (repeated == null
                || repeated.size(0) != batch
                || repeated.dataType() != input.dataType()) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                INDArray single =
                        CoordinateChannels.create(
                                        layer.spatialShape(),
                                        layer.getRange(),
                                        layer.isWithRadius(),
                                        layer.channelsLast())
                                .castTo(input.dataType());
                repeated = single.repeat(0, batch);
            }
        }
        return repeated;
    }
}
