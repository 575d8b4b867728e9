package io.github.coordconv.layer;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Coordinate channels of AddCoords on small non-square maps, against values written out by hand: x
 * along the width, y along the height, each scaled by its own axis length.
 */
class AddCoordsGoldenTest {

    private static final double TOLERANCE = 1e-12;
    private static final double S = Math.sqrt(0.5);

    // 3 rows x 5 columns, range [-1, 1].
    private static final double[][] X_3X5 = {
        {-1, -0.5, 0, 0.5, 1},
        {-1, -0.5, 0, 0.5, 1},
        {-1, -0.5, 0, 0.5, 1}
    };
    private static final double[][] Y_3X5 = {
        {-1, -1, -1, -1, -1},
        {0, 0, 0, 0, 0},
        {1, 1, 1, 1, 1}
    };
    private static final double[][] R_3X5 = {
        {Math.sqrt(2), Math.sqrt(1.25), 1, Math.sqrt(1.25), Math.sqrt(2)},
        {1, 0.5, 0, 0.5, 1},
        {Math.sqrt(2), Math.sqrt(1.25), 1, Math.sqrt(1.25), Math.sqrt(2)}
    };

    // 5 rows x 3 columns, range [0, 1]; the radius is measured from (0.5, 0.5).
    private static final double[][] X_5X3 = {
        {0, 0.5, 1}, {0, 0.5, 1}, {0, 0.5, 1}, {0, 0.5, 1}, {0, 0.5, 1}
    };
    private static final double[][] Y_5X3 = {
        {0, 0, 0}, {0.25, 0.25, 0.25}, {0.5, 0.5, 0.5}, {0.75, 0.75, 0.75}, {1, 1, 1}
    };
    private static final double[][] R_5X3 = {
        {S, 0.5, S},
        {Math.sqrt(0.3125), 0.25, Math.sqrt(0.3125)},
        {0.5, 0, 0.5},
        {Math.sqrt(0.3125), 0.25, Math.sqrt(0.3125)},
        {S, 0.5, S}
    };

    @Test
    void nchwMinusOneToOneWithoutRadius() {
        INDArray out = output(3, 5, CNN2DFormat.NCHW, CoordinateRange.MINUS_ONE_TO_ONE, false);

        assertThat(out.shape()).containsExactly(2, 3, 3, 5);
        assertChannel(out, CNN2DFormat.NCHW, 1, X_3X5);
        assertChannel(out, CNN2DFormat.NCHW, 2, Y_3X5);
    }

    @Test
    void nchwMinusOneToOneWithRadius() {
        INDArray out = output(3, 5, CNN2DFormat.NCHW, CoordinateRange.MINUS_ONE_TO_ONE, true);

        assertThat(out.shape()).containsExactly(2, 4, 3, 5);
        assertChannel(out, CNN2DFormat.NCHW, 1, X_3X5);
        assertChannel(out, CNN2DFormat.NCHW, 2, Y_3X5);
        assertChannel(out, CNN2DFormat.NCHW, 3, R_3X5);
    }

    @Test
    void nhwcMinusOneToOneWithRadius() {
        INDArray out = output(3, 5, CNN2DFormat.NHWC, CoordinateRange.MINUS_ONE_TO_ONE, true);

        assertThat(out.shape()).containsExactly(2, 3, 5, 4);
        assertChannel(out, CNN2DFormat.NHWC, 1, X_3X5);
        assertChannel(out, CNN2DFormat.NHWC, 2, Y_3X5);
        assertChannel(out, CNN2DFormat.NHWC, 3, R_3X5);
    }

    @Test
    void nchwZeroToOneWithRadius() {
        INDArray out = output(5, 3, CNN2DFormat.NCHW, CoordinateRange.ZERO_TO_ONE, true);

        assertThat(out.shape()).containsExactly(2, 4, 5, 3);
        assertChannel(out, CNN2DFormat.NCHW, 1, X_5X3);
        assertChannel(out, CNN2DFormat.NCHW, 2, Y_5X3);
        assertChannel(out, CNN2DFormat.NCHW, 3, R_5X3);
    }

    @Test
    void nhwcZeroToOneWithoutRadius() {
        INDArray out = output(5, 3, CNN2DFormat.NHWC, CoordinateRange.ZERO_TO_ONE, false);

        assertThat(out.shape()).containsExactly(2, 5, 3, 3);
        assertChannel(out, CNN2DFormat.NHWC, 1, X_5X3);
        assertChannel(out, CNN2DFormat.NHWC, 2, Y_5X3);
    }

    @Test
    void inputChannelPassesThrough() {
        INDArray input = input(3, 5, CNN2DFormat.NHWC);

        INDArray out =
                network(3, 5, CNN2DFormat.NHWC, CoordinateRange.ZERO_TO_ONE, true).output(input);

        INDArray passed =
                out.get(
                        NDArrayIndex.all(),
                        NDArrayIndex.all(),
                        NDArrayIndex.all(),
                        NDArrayIndex.interval(0, 1));
        assertThat(passed.equalsWithEps(input, TOLERANCE)).isTrue();
    }

    @Test
    void singlePositionAxisSitsAtCentre() {
        INDArray out = output(1, 3, CNN2DFormat.NCHW, CoordinateRange.MINUS_ONE_TO_ONE, false);

        assertChannel(out, CNN2DFormat.NCHW, 1, new double[][] {{-1, 0, 1}});
        assertChannel(out, CNN2DFormat.NCHW, 2, new double[][] {{0, 0, 0}});
    }

    private static INDArray output(
            int height, int width, CNN2DFormat format, CoordinateRange range, boolean radius) {
        return network(height, width, format, range, radius).output(input(height, width, format));
    }

    private static MultiLayerNetwork network(
            int height, int width, CNN2DFormat format, CoordinateRange range, boolean radius) {
        MultiLayerConfiguration conf =
                new NeuralNetConfiguration.Builder()
                        .dataType(DataType.DOUBLE)
                        .list()
                        .layer(new AddCoords.Builder().range(range).withRadius(radius).build())
                        .setInputType(InputType.convolutional(height, width, 1, format))
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static INDArray input(int height, int width, CNN2DFormat format) {
        long[] shape =
                format == CNN2DFormat.NCHW
                        ? new long[] {2, 1, height, width}
                        : new long[] {2, height, width, 1};
        Nd4j.getRandom().setSeed(7);
        return Nd4j.rand(DataType.DOUBLE, shape);
    }

    /** Checks channel {@code channel} of both examples against {@code expected[row][column]}. */
    private static void assertChannel(
            INDArray out, CNN2DFormat format, int channel, double[][] expected) {
        for (int example = 0; example < 2; example++) {
            for (int row = 0; row < expected.length; row++) {
                for (int column = 0; column < expected[row].length; column++) {
                    double actual =
                            format == CNN2DFormat.NCHW
                                    ? out.getDouble(example, channel, row, column)
                                    : out.getDouble(example, row, column, channel);
                    assertThat(actual)
                            .as(
                                    "example %d channel %d at row %d column %d",
                                    example, channel, row, column)
                            .isCloseTo(
                                    expected[row][column],
                                    org.assertj.core.data.Offset.offset(TOLERANCE));
                }
            }
        }
    }
}
