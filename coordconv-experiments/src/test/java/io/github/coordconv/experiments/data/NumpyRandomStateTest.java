package io.github.coordconv.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NumpyRandomStateTest {

    @Test
    void seed5489MatchesReferenceOutputs() {
        // Matsumoto and Nishimura's mt19937ar.c and numpy's RandomState(5489) both start so.
        NumpyRandomState random = new NumpyRandomState(5489);

        assertThat(random.nextUnsignedInt()).isEqualTo(3499211612L);
        assertThat(random.nextUnsignedInt()).isEqualTo(581869302L);
        assertThat(random.nextUnsignedInt()).isEqualTo(3890346734L);
    }

    @Test
    void randomSampleMatchesNumpy() {
        // numpy 2.4.6: np.random.RandomState(20202).random_sample(3)
        NumpyRandomState random = new NumpyRandomState(20202);

        assertThat(random.randomSample()).isEqualTo(0.4215541291710435);
        assertThat(random.randomSample()).isEqualTo(0.17532051770791035);
        assertThat(random.randomSample()).isEqualTo(0.796525946440844);
    }

    @Test
    void largestSeedMatchesNumpy() {
        // numpy 2.4.6: np.random.RandomState(2**32 - 1).random_sample(2)
        NumpyRandomState random = new NumpyRandomState(4294967295L);

        assertThat(random.randomSample()).isEqualTo(0.0976320289940138);
        assertThat(random.randomSample()).isEqualTo(0.9123828453026218);
    }

    @Test
    void permutationMatchesNumpy() {
        // numpy 2.4.6: np.random.RandomState(20202).permutation(10) and permutation(3136)[:3]
        int[] small = new NumpyRandomState(20202).permutation(10);
        int[] full = new NumpyRandomState(20202).permutation(3136);

        assertThat(small).containsExactly(2, 9, 1, 3, 0, 5, 4, 8, 6, 7);
        assertThat(Arrays.copyOf(full, 3)).containsExactly(3032, 1819, 3072);
    }

    @Test
    void permutationContainsEveryIndexOnce() {
        int[] order = new NumpyRandomState(7).permutation(3136);

        assertThat(Arrays.stream(order).sorted().toArray())
                .containsExactly(IntStream.range(0, 3136).toArray());
    }

    @Test
    void negativeSeedRejected() {
        assertThatThrownBy(() -> new NumpyRandomState(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1")
                .hasMessageContaining("0..4294967295");
    }

    @Test
    void seedAbove32BitsRejected() {
        assertThatThrownBy(() -> new NumpyRandomState(1L << 32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4294967296");
    }

    @Test
    void longSampleSequenceMatchesPython() throws Exception {
        assumeTrue(NumpyReference.available(), "python3 with numpy is not installed");
        String script =
                "import numpy as np\n"
                        + "for seed in (0, 20202, 2**31 + 5):\n"
                        + "    print(' '.join(repr(v) for v in"
                        + " np.random.RandomState(seed).random_sample(3000).tolist()))\n";
        String[] lines = NumpyReference.run(script).split("\n");
        long[] seeds = {0, 20202, (1L << 31) + 5};

        for (int s = 0; s < seeds.length; s++) {
            NumpyRandomState random = new NumpyRandomState(seeds[s]);
            double[] actual = new double[3000];
            for (int i = 0; i < actual.length; i++) {
                actual[i] = random.randomSample();
            }
            double[] expected =
                    Arrays.stream(lines[s].trim().split(" "))
                            .mapToDouble(Double::parseDouble)
                            .toArray();
            assertThat(actual).as("seed %d", seeds[s]).containsExactly(expected);
        }
    }

    @Test
    void permutationMatchesPython() throws Exception {
        assumeTrue(NumpyReference.available(), "python3 with numpy is not installed");
        String script =
                "import numpy as np\n"
                        + "for seed, n in ((20202, 3136), (7, 3136), (1, 70001)):\n"
                        + "    print(' '.join(map(str,"
                        + " np.random.RandomState(seed).permutation(n).tolist())))\n";
        String[] lines = NumpyReference.run(script).split("\n");
        long[] seeds = {20202, 7, 1};
        int[] sizes = {3136, 3136, 70001};

        for (int s = 0; s < seeds.length; s++) {
            int[] expected =
                    Arrays.stream(lines[s].trim().split(" ")).mapToInt(Integer::parseInt).toArray();
            assertThat(new NumpyRandomState(seeds[s]).permutation(sizes[s]))
                    .as("seed %d, n %d", seeds[s], sizes[s])
                    .containsExactly(expected);
        }
    }
}
