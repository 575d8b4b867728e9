package io.github.coordconv.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SplitTest {

    @Test
    void cliNames() {
        assertThat(Split.UNIFORM.cliName()).isEqualTo("uniform");
        assertThat(Split.UNIFORM_80_20.cliName()).isEqualTo("uniform-80-20");
        assertThat(Split.QUADRANT.cliName()).isEqualTo("quadrant");
    }

    @Test
    void fromNameRoundTrips() {
        for (Split split : Split.values()) {
            assertThat(Split.fromName(split.cliName())).isEqualTo(split);
        }
    }

    @Test
    void fromNameRejectsEnumConstantName() {
        assertThatThrownBy(() -> Split.fromName("UNIFORM_80_20"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownNameMessageListsValidNames() {
        assertThatThrownBy(() -> Split.fromName("diagonal"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'diagonal'")
                .hasMessageContaining("uniform, uniform-80-20, quadrant");
    }

    @Test
    void onlyQuadrantIgnoresSeed() {
        assertThat(Split.UNIFORM.usesSeed()).isTrue();
        assertThat(Split.UNIFORM_80_20.usesSeed()).isTrue();
        assertThat(Split.QUADRANT.usesSeed()).isFalse();
    }
}
