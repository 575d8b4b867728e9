package io.github.coordconv.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Coordinate channels for 1-D and 3-D maps, and the helpers' argument checks. */
class CoordinateChannelsTest {

    @Test
    void sequenceChannelsFirst() {
        INDArray channels =
                CoordinateChannels.create(
                        new long[] {5}, CoordinateRange.MINUS_ONE_TO_ONE, true, false);

        assertThat(channels.shape()).containsExactly(1, 2, 5);
        assertThat(channels.getDouble(0, 0, 1)).isCloseTo(-0.5, offset(1e-12));
        assertThat(channels.getDouble(0, 1, 1)).isCloseTo(0.5, offset(1e-12));
        assertThat(channels.getDouble(0, 1, 4)).isCloseTo(1.0, offset(1e-12));
    }

    @Test
    void volumeChannelsLast() {
        // depth 2, height 3, width 5: x along the width, y along the height, z along the depth.
        INDArray channels =
                CoordinateChannels.create(
                        new long[] {2, 3, 5}, CoordinateRange.ZERO_TO_ONE, true, true);

        assertThat(channels.shape()).containsExactly(1, 2, 3, 5, 4);
        assertThat(channels.getDouble(0, 1, 2, 3, 0)).isCloseTo(0.75, offset(1e-12));
        assertThat(channels.getDouble(0, 1, 2, 3, 1)).isCloseTo(1.0, offset(1e-12));
        assertThat(channels.getDouble(0, 1, 2, 3, 2)).isCloseTo(1.0, offset(1e-12));
        assertThat(channels.getDouble(0, 1, 2, 3, 3))
                .isCloseTo(Math.sqrt(0.0625 + 0.25 + 0.25), offset(1e-12));
    }

    @Test
    void volumeChannelsFirstOrder() {
        INDArray channels =
                CoordinateChannels.create(
                        new long[] {3, 2, 2}, CoordinateRange.MINUS_ONE_TO_ONE, false, false);

        assertThat(channels.shape()).containsExactly(1, 3, 3, 2, 2);
        assertThat(channels.getDouble(0, 0, 0, 0, 1)).isCloseTo(1.0, offset(1e-12));
        assertThat(channels.getDouble(0, 1, 0, 1, 0)).isCloseTo(1.0, offset(1e-12));
        assertThat(channels.getDouble(0, 2, 1, 0, 0)).isCloseTo(0.0, offset(1e-12));
        assertThat(channels.getDouble(0, 2, 2, 0, 0)).isCloseTo(1.0, offset(1e-12));
    }

    @Test
    void countIncludesRadius() {
        assertThat(CoordinateChannels.count(2, true)).isEqualTo(3);
        assertThat(CoordinateChannels.count(3, false)).isEqualTo(3);
    }

    @Test
    void zeroSizeRejected() {
        assertThatThrownBy(
                        () ->
                                CoordinateChannels.create(
                                        new long[] {3, 0},
                                        CoordinateRange.MINUS_ONE_TO_ONE,
                                        false,
                                        false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[3, 0]");
    }

    @Test
    void fourAxesRejected() {
        assertThatThrownBy(
                        () ->
                                CoordinateChannels.create(
                                        new long[] {2, 2, 2, 2},
                                        CoordinateRange.MINUS_ONE_TO_ONE,
                                        false,
                                        false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4");
    }
}
