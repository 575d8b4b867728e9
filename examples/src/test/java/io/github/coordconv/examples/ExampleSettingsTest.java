package io.github.coordconv.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coordconv.experiments.data.Split;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExampleSettingsTest {

    @Test
    void defaultsAreTiny() {
        ExampleSettings settings = ExampleSettings.parse();

        assertThat(settings).isEqualTo(new ExampleSettings(Split.UNIFORM, 1, 10, 128, null));
    }

    @Test
    void argumentsOverrideDefaults() {
        ExampleSettings settings = ExampleSettings.parse("quadrant", "100", "0", "0", "out");

        assertThat(settings)
                .isEqualTo(new ExampleSettings(Split.QUADRANT, 100, 0, 0, Path.of("out")));
    }

    @Test
    void zeroEpochsRejected() {
        assertThatThrownBy(() -> ExampleSettings.parse("uniform", "0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EPOCHS '0'");
    }

    @Test
    void unknownSplitRejected() {
        assertThatThrownBy(() -> ExampleSettings.parse("corner"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'corner'");
    }
}
