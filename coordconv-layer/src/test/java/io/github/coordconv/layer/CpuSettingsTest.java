package io.github.coordconv.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuSettingsTest {

    private static final String AVX512_CPU =
            "processor\t: 0\nvendor_id\t: AuthenticAMD\n"
                    + "flags\t\t: fpu sse2 avx2 avx512f avx512dq avx512bw avx512vl avx512_bf16\n"
                    + "\nprocessor\t: 1\nflags\t\t: fpu sse2 avx2\n";

    private static final String AVX2_CPU =
            "processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: fpu sse2 avx avx2 fma\n";

    @Test
    void hintsBothSettingsWhenMissing() {
        List<String> hints = CpuSettings.hints(Map.of(), AVX512_CPU);

        assertThat(hints).hasSize(2);
        assertThat(hints.get(0)).startsWith("OMP_WAIT_POLICY is not set").contains("=PASSIVE");
        assertThat(hints.get(1)).startsWith("OPENBLAS_CORETYPE is not set").contains("=SkylakeX");
    }

    @Test
    void hintsNothingWhenBothAreSet() {
        Map<String, String> environment =
                Map.of("OMP_WAIT_POLICY", "ACTIVE", "OPENBLAS_CORETYPE", "Haswell");

        assertThat(CpuSettings.hints(environment, AVX512_CPU)).isEmpty();
    }

    @Test
    void treatsBlankValuesAsMissing() {
        Map<String, String> environment = Map.of("OMP_WAIT_POLICY", "", "OPENBLAS_CORETYPE", " ");

        assertThat(CpuSettings.hints(environment, AVX512_CPU)).hasSize(2);
    }

    @Test
    void skipsCoreTypeWithoutAvx512() {
        Map<String, String> environment = Map.of("OMP_WAIT_POLICY", "PASSIVE");

        assertThat(CpuSettings.hints(environment, AVX2_CPU)).isEmpty();
        assertThat(CpuSettings.hints(environment, "")).isEmpty();
    }

    @Test
    void requiresEveryAvx512Subset() {
        for (String missing : CpuSettings.AVX512_FLAGS) {
            String cpuInfo = AVX512_CPU.replace(" " + missing + " ", " ");

            assertThat(CpuSettings.hasAvx512(cpuInfo)).as("without " + missing).isFalse();
        }
        assertThat(CpuSettings.hasAvx512(AVX512_CPU)).isTrue();
    }

    @Test
    void readsOnlyTheFirstFlagsLine() {
        String cpuInfo = "processor\t: 0\nflags\t\t: fpu avx2\n\n" + AVX512_CPU;

        assertThat(CpuSettings.hasAvx512(cpuInfo)).isFalse();
    }
}
