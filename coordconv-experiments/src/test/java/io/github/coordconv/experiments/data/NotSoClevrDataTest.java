package io.github.coordconv.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class NotSoClevrDataTest {

    private static final NotSoClevrData UNIFORM =
            NotSoClevrData.generate(Split.UNIFORM, NotSoClevrData.RELEASED_SEED, 1.0);

    private static final List<Centre> SAMPLE =
            List.of(new Centre(4, 4), new Centre(12, 40), new Centre(59, 30), new Centre(59, 59));

    @Test
    void allCentresCount() {
        assertThat(NotSoClevrData.allCentres()).hasSize(3136);
        assertThat(new HashSet<>(NotSoClevrData.allCentres())).hasSize(3136);
    }

    @Test
    void allCentresXMajorOrder() {
        List<Centre> centres = NotSoClevrData.allCentres();

        assertThat(centres.get(0)).isEqualTo(new Centre(4, 4));
        assertThat(centres.get(1)).isEqualTo(new Centre(4, 5));
        assertThat(centres.get(56)).isEqualTo(new Centre(5, 4));
        assertThat(centres.get(3135)).isEqualTo(new Centre(59, 59));
    }

    @Test
    void uniformSplitCounts() {
        assertThat(UNIFORM.train()).hasSize(2368);
        assertThat(UNIFORM.test()).hasSize(768);
    }

    @Test
    void uniformSplitKnownMemberships() {
        // numpy 2.4.6: draws of RandomState(20202).random_sample() in x-major order, test if < 0.25
        assertThat(UNIFORM.train()).contains(new Centre(4, 4), new Centre(4, 6));
        assertThat(UNIFORM.train()).contains(new Centre(59, 56), new Centre(59, 59));
        assertThat(UNIFORM.test()).startsWith(new Centre(4, 5), new Centre(4, 7));
        assertThat(UNIFORM.test()).contains(new Centre(4, 25), new Centre(5, 13));
        assertThat(UNIFORM.test()).endsWith(new Centre(59, 52), new Centre(59, 55));
    }

    @Test
    void uniformSplitMatchesPython() throws Exception {
        assumeTrue(NumpyReference.available(), "python3 with numpy is not installed");
        String expected =
                NumpyReference.run(
                        "import numpy as np\n"
                                + "r = np.random.RandomState(20202)\n"
                                + "print(''.join('1' if r.random_sample() < 0.25 else '0'"
                                + " for x in range(4, 60) for y in range(4, 60)))\n");

        assertThat(testMembership(UNIFORM)).isEqualTo(expected);
    }

    @Test
    void uniform8020SplitCounts() {
        NotSoClevrData data = NotSoClevrData.generate(Split.UNIFORM_80_20, 20202, 1.0);

        assertThat(data.train()).hasSize(2508);
        assertThat(data.test()).hasSize(628);
    }

    @Test
    void uniform8020KnownMemberships() {
        // numpy 2.4.6: RandomState(20202).permutation(3136); indices 0..627 go to test
        NotSoClevrData data = NotSoClevrData.generate(Split.UNIFORM_80_20, 20202, 1.0);

        assertThat(data.test()).contains(new Centre(58, 12), new Centre(36, 31));
        assertThat(data.test()).contains(new Centre(28, 46));
        assertThat(data.train()).contains(new Centre(24, 57));
    }

    @Test
    void uniform8020MatchesPython() throws Exception {
        assumeTrue(NumpyReference.available(), "python3 with numpy is not installed");
        for (long seed : new long[] {20202, 7}) {
            String expected =
                    NumpyReference.run(
                            "import numpy as np, math\n"
                                    + "p = np.random.RandomState("
                                    + seed
                                    + ").permutation(3136)\n"
                                    + "m = ['0'] * 3136\n"
                                    + "for i in p[:math.ceil(0.2 * 3136)]: m[i] = '1'\n"
                                    + "print(''.join(m))\n");
            NotSoClevrData data = NotSoClevrData.generate(Split.UNIFORM_80_20, seed, 1.0);

            assertThat(testMembership(data)).as("seed %d", seed).isEqualTo(expected);
        }
    }

    @Test
    void uniform8020DependsOnSeed() {
        NotSoClevrData first = NotSoClevrData.generate(Split.UNIFORM_80_20, 1, 1.0);
        NotSoClevrData second = NotSoClevrData.generate(Split.UNIFORM_80_20, 2, 1.0);

        assertThat(first.test()).isNotEqualTo(second.test());
    }

    @Test
    void quadrantSplitCounts() {
        NotSoClevrData data = NotSoClevrData.generate(Split.QUADRANT, 0, 1.0);

        assertThat(data.train()).hasSize(2407);
        assertThat(data.test()).hasSize(729);
    }

    @Test
    void quadrantTestsBottomRight() {
        NotSoClevrData data = NotSoClevrData.generate(Split.QUADRANT, 0, 1.0);

        assertThat(data.test()).allMatch(c -> c.x() > 32 && c.y() > 32);
        assertThat(data.train()).noneMatch(c -> c.x() > 32 && c.y() > 32);
        assertThat(data.test()).startsWith(new Centre(33, 33));
        assertThat(data.train()).contains(new Centre(32, 59), new Centre(59, 32));
    }

    @Test
    void quadrantIgnoresSeed() {
        NotSoClevrData first = NotSoClevrData.generate(Split.QUADRANT, 1, 1.0);
        NotSoClevrData second = NotSoClevrData.generate(Split.QUADRANT, -5, 1.0);

        assertThat(first.test()).isEqualTo(second.test());
    }

    @Test
    void everySplitPartitionsAllCentres() {
        for (Split split : Split.values()) {
            NotSoClevrData data = NotSoClevrData.generate(split, 3, 1.0);
            Set<Centre> union = new HashSet<>(data.train());
            union.addAll(data.test());

            assertThat(data.train().size() + data.test().size()).as("%s", split).isEqualTo(3136);
            assertThat(union).as("%s", split).hasSize(3136);
        }
    }

    @Test
    void sameSeedSameData() {
        NotSoClevrData again =
                NotSoClevrData.generate(Split.UNIFORM, NotSoClevrData.RELEASED_SEED, 1.0);

        assertThat(again.train()).isEqualTo(UNIFORM.train());
        assertThat(again.test()).isEqualTo(UNIFORM.test());
    }

    @Test
    void uniformSeedOutOfRangeRejected() {
        assertThatThrownBy(() -> NotSoClevrData.generate(Split.UNIFORM, -1, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seed -1");
    }

    @Test
    void invalidIntensityRejected() {
        for (double intensity : new double[] {0, -0.5, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> NotSoClevrData.generate(Split.QUADRANT, 0, intensity))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("intensity " + intensity);
        }
    }

    @Test
    void generatedAccessors() {
        NotSoClevrData data = NotSoClevrData.generate(Split.UNIFORM_80_20, 99, 0.5);

        assertThat(data.split()).isEqualTo(Split.UNIFORM_80_20);
        assertThat(data.seed()).isEqualTo(99);
        assertThat(data.intensity()).isEqualTo(0.5);
        assertThat(data.source()).isEqualTo("generated: split=uniform-80-20 seed=99");
    }

    @Test
    void quadrantSourceOmitsSeed() {
        NotSoClevrData data = NotSoClevrData.generate(Split.QUADRANT, 99, 1.0);

        assertThat(data.source()).isEqualTo("generated: split=quadrant");
    }

    @Test
    void centreListsUnmodifiable() {
        assertThatThrownBy(() -> UNIFORM.train().add(new Centre(4, 4)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void coordinatesAreRawPixels() {
        INDArray coordinates = UNIFORM.coordinates(SAMPLE);

        assertThat(coordinates.shape()).containsExactly(4, 2);
        assertThat(coordinates.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(coordinates.getFloat(1, 0)).isEqualTo(12f);
        assertThat(coordinates.getFloat(1, 1)).isEqualTo(40f);
        assertThat(coordinates.getFloat(3, 0)).isEqualTo(59f);
    }

    @Test
    void classificationLabelsOneHot() {
        INDArray labels = UNIFORM.classificationLabels(SAMPLE);

        assertThat(labels.shape()).containsExactly(4, 4096);
        assertThat(labels.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(labels.getFloat(1, 40 * 64 + 12)).isEqualTo(1f);
        assertThat(labels.sum(1).toFloatVector()).containsOnly(1f);
        assertThat(labels.argMax(1).toIntVector())
                .containsExactly(4 * 64 + 4, 40 * 64 + 12, 30 * 64 + 59, 59 * 64 + 59);
    }

    @Test
    void classificationLabelsForAllCentres() {
        List<Centre> all = NotSoClevrData.allCentres();
        INDArray labels = UNIFORM.classificationLabels(all);

        assertThat(labels.shape()).containsExactly(3136, 4096);
        assertThat(labels.sumNumber().doubleValue()).isEqualTo(3136.0);
        assertThat(labels.getFloat(3135, 59 * 64 + 59)).isEqualTo(1f);
    }

    @Test
    void oneHotImagesNchw() {
        INDArray images = UNIFORM.oneHotImages(SAMPLE);

        assertThat(images.shape()).containsExactly(4, 1, 64, 64);
        assertThat(images.getFloat(1, 0, 40, 12)).isEqualTo(1f);
        assertThat(images.getFloat(1, 0, 12, 40)).isEqualTo(0f);
        assertThat(images.sumNumber().doubleValue()).isEqualTo(4.0);
    }

    @Test
    void regressionTargetsDivideBy64() {
        INDArray targets = UNIFORM.regressionTargets(SAMPLE);

        assertThat(targets.shape()).containsExactly(4, 2);
        assertThat(targets.getFloat(1, 0)).isEqualTo(12f / 64f);
        assertThat(targets.getFloat(1, 1)).isEqualTo(40f / 64f);
    }

    @Test
    void squareImagesCoverNineByNine() {
        NotSoClevrData data =
                NotSoClevrData.generate(Split.QUADRANT, 0, NotSoClevrData.RELEASED_INTENSITY);
        float level = (float) NotSoClevrData.RELEASED_INTENSITY;
        INDArray images = data.squareImages(SAMPLE);

        assertThat(images.shape()).containsExactly(4, 1, 64, 64);
        assertThat(images.getFloat(1, 0, 36, 8)).isEqualTo(level);
        assertThat(images.getFloat(1, 0, 44, 16)).isEqualTo(level);
        assertThat(images.getFloat(1, 0, 35, 12)).isEqualTo(0f);
        assertThat(images.getFloat(1, 0, 40, 17)).isEqualTo(0f);
        assertThat(images.getFloat(0, 0, 0, 0)).isEqualTo(level);
        assertThat(images.getFloat(3, 0, 63, 63)).isEqualTo(level);
        assertThat(images.sum(1, 2, 3).toDoubleVector())
                .containsOnly(new double[] {81 * level}, within(1e-4));
    }

    @Test
    void squareImagesRowIsYColumnIsX() {
        INDArray image = UNIFORM.squareImages(List.of(new Centre(10, 50)));

        assertThat(image.getFloat(0, 0, 54, 6)).isEqualTo(1f);
        assertThat(image.getFloat(0, 0, 6, 54)).isEqualTo(0f);
    }

    @Test
    void emptyListGivesEmptyArray() {
        INDArray images = UNIFORM.squareImages(List.of());

        assertThat(images.shape()).containsExactly(0, 1, 64, 64);
    }

    private static String testMembership(NotSoClevrData data) {
        Set<Centre> test = new HashSet<>(data.test());
        List<String> bits = new ArrayList<>();
        for (Centre centre : NotSoClevrData.allCentres()) {
            bits.add(test.contains(centre) ? "1" : "0");
        }
        return String.join("", bits);
    }
}
