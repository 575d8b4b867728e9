package io.github.coordconv.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Output values of TileLayer for both styles and formats, against values written by hand. */
class TileLayerValuesTest {

    private static final INDArray VECTORS =
            Nd4j.createFromArray(new double[][] {{1, 2, 3}, {-4, -5, -6}});

    @Test
    void perChannelCopiesEachElement() {
        INDArray out = tile(TileStyle.PER_CHANNEL, CNN2DFormat.NCHW, 2, 3);

        assertThat(out.shape()).containsExactly(2, 3, 2, 3);
        assertThat(out.getDouble(0, 2, 1, 2)).isEqualTo(3.0);
        assertThat(out.getDouble(1, 0, 0, 1)).isEqualTo(-4.0);
        assertThat(out.getDouble(1, 1, 1, 0)).isEqualTo(-5.0);
    }

    @Test
    void perChannelChannelsLast() {
        INDArray out = tile(TileStyle.PER_CHANNEL, CNN2DFormat.NHWC, 2, 3);

        assertThat(out.shape()).containsExactly(2, 2, 3, 3);
        assertThat(out.getDouble(0, 1, 2, 1)).isEqualTo(2.0);
        assertThat(out.getDouble(1, 0, 1, 2)).isEqualTo(-6.0);
    }

    @Test
    void interleavedCyclesElementsRowMajor() {
        // 2 x 4 map, 3 elements: row-major positions 0..7 hold elements 0,1,2,0,1,2,0,1.
        double[][] expected = {{1, 2, 3, 1}, {2, 3, 1, 2}};

        INDArray out = tile(TileStyle.INTERLEAVED, CNN2DFormat.NCHW, 2, 4);

        assertThat(out.shape()).containsExactly(2, 1, 2, 4);
        for (int row = 0; row < 2; row++) {
            for (int column = 0; column < 4; column++) {
                assertThat(out.getDouble(0, 0, row, column))
                        .as("row %d column %d", row, column)
                        .isEqualTo(expected[row][column]);
                assertThat(out.getDouble(1, 0, row, column))
                        .as("second example, row %d column %d", row, column)
                        .isEqualTo(-3 - expected[row][column]);
            }
        }
    }

    @Test
    void interleavedChannelsLast() {
        INDArray out = tile(TileStyle.INTERLEAVED, CNN2DFormat.NHWC, 2, 4);

        assertThat(out.shape()).containsExactly(2, 2, 4, 1);
        assertThat(out.getDouble(0, 1, 1, 0)).isEqualTo(3.0);
        assertThat(out.getDouble(1, 0, 3, 0)).isEqualTo(-4.0);
    }

    @Test
    void interleavedRejectsSmallMap() {
        // A 1 x 2 map has room for two of the three elements.
        assertThatThrownBy(() -> tile(TileStyle.INTERLEAVED, CNN2DFormat.NCHW, 1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interleaves 3 elements over a 1x2 map of only 2 pixels")
                .hasMessageContaining("elements 2 to 2 would be dropped")
                .hasMessageContaining("at least 3 pixels, or TileStyle.PER_CHANNEL");
    }

    @Test
    void interleavedFillsExactlySizedMap() {
        INDArray out = tile(TileStyle.INTERLEAVED, CNN2DFormat.NCHW, 1, 3);

        assertThat(out.slice(0).dup().reshape(3).toDoubleVector()).containsExactly(1, 2, 3);
    }

    private static INDArray tile(TileStyle style, CNN2DFormat format, int height, int width) {
        MultiLayerConfiguration conf =
                new NeuralNetConfiguration.Builder()
                        .dataType(DataType.DOUBLE)
                        .list()
                        .layer(
                                new TileLayer.Builder()
                                        .height(height)
                                        .width(width)
                                        .style(style)
                                        .dataFormat(format)
                                        .build())
                        .setInputType(InputType.feedForward(3))
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net.output(VECTORS);
    }
}
