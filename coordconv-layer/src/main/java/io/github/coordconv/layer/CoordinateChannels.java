package io.github.coordconv.layer;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds the constant coordinate channels that the AddCoords layers append.
 *
 * <p>Channel order is x (varies along the last spatial axis, the width or sequence length), then y
 * (varies along the height), then z (varies along the depth), then the optional radius channel
 * {@code r}: the Euclidean distance of each position from the centre of the map, measured in the
 * units of the coordinate channels. With {@link CoordinateRange#MINUS_ONE_TO_ONE} that is {@code
 * sqrt(x^2 + y^2)}, in [0, sqrt 2] for a 2-D map.
 *
 * <p>Each axis is scaled by its own length, so non-square maps get coordinates that span the full
 * range along both axes. (The released TensorFlow code divides each axis by the length of the other
 * one, which is wrong when height and width differ.)
 */
public final class CoordinateChannels {

    private CoordinateChannels() {}

    /**
     * Builds the coordinate channels for a map with the given spatial shape.
     *
     * @param spatialShape spatial sizes in array order: {@code [length]} for 1-D, {@code [height,
     *     width]} for 2-D, {@code [depth, height, width]} for 3-D
     * @param range value range of the coordinate channels
     * @param withRadius whether to append the radius channel after the coordinate channels
     * @param channelsLast whether to return the channels on the last axis ({@code NWC}, {@code
     *     NHWC}, {@code NDHWC}) rather than after the batch axis
     * @return a double-precision array of shape {@code [1, channels, spatial...]} or {@code [1,
     *     spatial..., channels]}, with {@code channels = spatialShape.length} plus one for the
     *     radius
     */
    public static INDArray create(
            long[] spatialShape, CoordinateRange range, boolean withRadius, boolean channelsLast) {
        int rank = spatialShape.length;
        if (rank < 1 || rank > 3) {
            throw new IllegalArgumentException(
                    "Unsupported number of spatial axes: "
                            + rank
                            + " (shape "
                            + Arrays.toString(spatialShape)
                            + "); expected 1, 2 or 3");
        }
        for (long size : spatialShape) {
            if (size < 1) {
                throw new IllegalArgumentException(
                        "Invalid spatial shape "
                                + Arrays.toString(spatialShape)
                                + ": every size must be at least 1");
            }
        }

        int channels = count(rank, withRadius);
        long positions = Arrays.stream(spatialShape).reduce(1L, (a, b) -> a * b);
        double[] values = new double[Math.toIntExact(channels * positions)];

        // Position p in row-major order over spatialShape; axis a's index is unravelled from p.
        // Channel c (0 = x) follows spatial axis rank - 1 - c, so x tracks the last axis.
        for (long p = 0; p < positions; p++) {
            long rest = p;
            double squaredDistance = 0.0;
            for (int axis = rank - 1; axis >= 0; axis--) {
                long index = rest % spatialShape[axis];
                rest /= spatialShape[axis];
                double coordinate = range.coordinate(index, spatialShape[axis]);
                int channel = rank - 1 - axis;
                values[Math.toIntExact(channel * positions + p)] = coordinate;
                double offset = coordinate - range.centre();
                squaredDistance += offset * offset;
            }
            if (withRadius) {
                values[Math.toIntExact(rank * positions + p)] = Math.sqrt(squaredDistance);
            }
        }

        long[] channelsFirstShape = new long[rank + 2];
        channelsFirstShape[0] = 1;
        channelsFirstShape[1] = channels;
        System.arraycopy(spatialShape, 0, channelsFirstShape, 2, rank);
        INDArray channelsFirst = Nd4j.create(values, channelsFirstShape, DataType.DOUBLE);
        if (!channelsLast) {
            return channelsFirst;
        }

        int[] toChannelsLast = new int[rank + 2];
        toChannelsLast[0] = 0;
        for (int axis = 0; axis < rank; axis++) {
            toChannelsLast[axis + 1] = axis + 2;
        }
        toChannelsLast[rank + 1] = 1;
        return channelsFirst.permute(toChannelsLast).dup('c');
    }

    /**
     * Returns the number of channels that AddCoords appends to a map with the given number of
     * spatial axes: one per axis, plus one for the radius.
     */
    public static int count(int spatialAxes, boolean withRadius) {
        return spatialAxes + (withRadius ? 1 : 0);
    }
}
