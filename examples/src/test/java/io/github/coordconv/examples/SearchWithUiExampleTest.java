package io.github.coordconv.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The port argument of SearchWithUiExample. */
class SearchWithUiExampleTest {

    @ParameterizedTest
    @ValueSource(strings = {"1", "9001", "65535"})
    void acceptsPorts(String text) {
        assertThat(SearchWithUiExample.port(text)).isEqualTo(Integer.parseInt(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"notaport", "0", "65536", "-1", "90.5", ""})
    void rejectsOthersWithRange(String text) {
        assertThatThrownBy(() -> SearchWithUiExample.port(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid PORT '" + text + "'")
                .hasMessageContaining("from 1 to 65535");
    }
}
