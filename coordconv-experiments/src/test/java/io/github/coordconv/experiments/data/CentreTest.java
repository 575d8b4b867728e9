package io.github.coordconv.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CentreTest {

    @Test
    void pixelIndexIsRowMajor() {
        assertThat(new Centre(12, 40).pixelIndex()).isEqualTo(40 * 64 + 12);
    }

    @Test
    void imageFileName() {
        assertThat(new Centre(4, 59).imageFileName()).isEqualTo("x4_y59.png");
    }

    @Test
    void extremeCentresAccepted() {
        assertThat(new Centre(4, 4).x()).isEqualTo(4);
        assertThat(new Centre(59, 59).y()).isEqualTo(59);
    }

    @Test
    void xBelowRangeRejected() {
        assertThatThrownBy(() -> new Centre(3, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x = 3")
                .hasMessageContaining("4..59");
    }

    @Test
    void yAboveRangeRejected() {
        assertThatThrownBy(() -> new Centre(10, 60))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("y = 60")
                .hasMessageContaining("4..59");
    }
}
