package io.github.coordconv.experiments.ablation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coordconv.experiments.data.Centre;
import io.github.coordconv.experiments.data.Split;
import io.github.coordconv.experiments.models.ModelFactory;
import io.github.coordconv.experiments.models.Task;
import io.github.coordconv.experiments.train.RunFiles;
import io.github.coordconv.experiments.train.RunSpec;
import io.github.coordconv.experiments.train.TrainingSpec;
import io.github.coordconv.layer.TileStyle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

class TileAblationTest {

    /** One epoch of 2 minibatches of 8, 16 examples evaluated per split. */
    private static final TrainingSpec TINY = new TrainingSpec(8, 1, 2, 16, 16, false);

    @TempDir Path directory;

    private static ComputationGraph untrained(TileStyle style) {
        RunSpec spec = TileAblation.spec(style, Split.UNIFORM, TINY, 1);
        return ModelFactory.create(
                Task.CLASSIFICATION, spec.model(), spec.network(), spec.graphSettings());
    }

    /** Returns the even columns of map {@code index} of {@code logits}. */
    private static INDArray evenColumns(INDArray logits, int index) {
        return logits.get(
                NDArrayIndex.point(index),
                NDArrayIndex.point(0),
                NDArrayIndex.all(),
                NDArrayIndex.interval(0, 2, 64));
    }

    @Test
    void specSetsTileStyle() {
        for (TileStyle style : TileStyle.values()) {
            RunSpec spec = TileAblation.spec(style, Split.QUADRANT, TINY, 7);
            assertThat(spec.network().tileStyle()).as(style.name()).isEqualTo(style);
            assertThat(spec.training()).isEqualTo(TINY);
            assertThat(spec.seed()).isEqualTo(7);
        }
    }

    @Test
    void interleavedEvenColumnsIgnoreY() {
        List<Centre> sameX = List.of(new Centre(20, 10), new Centre(20, 50));
        INDArray logits = TileAblation.logits(untrained(TileStyle.INTERLEAVED), sameX);
        assertThat(logits.shape()).containsExactly(2, 1, 64, 64);
        assertThat(evenColumns(logits, 0).equalsWithEps(evenColumns(logits, 1), 1e-6)).isTrue();
        assertThat(
                        logits.get(NDArrayIndex.point(0))
                                .equalsWithEps(logits.get(NDArrayIndex.point(1)), 1e-6))
                .as("odd columns see y")
                .isFalse();
    }

    @Test
    void perChannelEvenColumnsSeeY() {
        List<Centre> sameX = List.of(new Centre(20, 10), new Centre(20, 50));
        INDArray logits = TileAblation.logits(untrained(TileStyle.PER_CHANNEL), sameX);
        assertThat(evenColumns(logits, 0).equalsWithEps(evenColumns(logits, 1), 1e-6)).isFalse();
    }

    @Test
    void runWritesBothStyles() throws IOException {
        List<TileStyleResult> results = TileAblation.run(Split.QUADRANT, TINY, 1, directory, false);

        assertThat(results)
                .extracting(TileStyleResult::tileStyle)
                .containsExactly(TileStyle.PER_CHANNEL, TileStyle.INTERLEAVED);
        for (TileStyleResult result : results) {
            assertThat(result.testAccuracy()).isBetween(0.0, 1.0);
            assertThat(result.epochs()).isEqualTo(1);
            Path run = Path.of(result.runDirectory());
            assertThat(run.resolve(RunFiles.MODEL)).isNotEmptyFile();
        }
        assertThat(directory.resolve("per-channel").resolve(RunFiles.RESULT)).isNotEmptyFile();
        assertThat(directory.resolve(TileAblation.SUMMARY)).content().contains("INTERLEAVED");
        BufferedImage maps = ImageIO.read(directory.resolve(TileAblation.OUTPUT_MAPS).toFile());
        assertThat(maps.getWidth())
                .isGreaterThan(TileAblation.MAPPED_EXAMPLES * 64 * OutputMaps.SCALE);

        assertThatThrownBy(() -> TileAblation.run(Split.QUADRANT, TINY, 1, directory, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("--force");
        TileAblation.run(Split.QUADRANT, TINY, 1, directory, true);
        assertThat(directory.resolve(TileAblation.OUTPUT_MAPS)).isNotEmptyFile();
    }

    @Test
    void runRejectsForeignFiles() throws IOException {
        Files.writeString(directory.resolve("notes.txt"), "keep");
        assertThatThrownBy(() -> TileAblation.run(Split.QUADRANT, TINY, 1, directory, true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("notes.txt");
    }
}
