package io.github.coordconv.experiments.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coordconv.experiments.data.Split;
import io.github.coordconv.experiments.models.ModelType;
import io.github.coordconv.experiments.models.Task;
import io.github.coordconv.experiments.train.RunFiles;
import io.github.coordconv.experiments.train.RunSpec;
import io.github.coordconv.experiments.train.TrainingSpec;
import io.github.coordconv.layer.TileStyle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchTest {

    /** One epoch of 2 minibatches of 8, 16 examples evaluated per split. */
    private static final TrainingSpec TINY = new TrainingSpec(8, 1, 2, 16, 16, false);

    @TempDir Path directory;

    private static SearchSpace smallSpace() {
        Map<SearchAxis, List<Object>> axes = new LinkedHashMap<>();
        axes.put(SearchAxis.LEARNING_RATE, List.of(0.001, 0.01));
        axes.put(SearchAxis.TILE_STYLE, List.of(TileStyle.PER_CHANNEL, TileStyle.INTERLEAVED));
        return new SearchSpace("small", ModelType.COORDCONV, axes);
    }

    private static SearchSettings settings(SearchStrategy strategy, int candidates, long seed) {
        return new SearchSettings(
                smallSpace(),
                Task.CLASSIFICATION,
                Split.QUADRANT,
                strategy,
                candidates,
                0,
                seed,
                0,
                TINY);
    }

    @Test
    void randomSearchWarnsOfRepeats() {
        assertThat(settings(SearchStrategy.RANDOM, 5, 1).repeatWarning())
                .hasValueSatisfying(
                        warning ->
                                assertThat(warning)
                                        .contains("space small has 4 grid points")
                                        .contains("fewer than the 5 candidates")
                                        .contains("--strategy grid"));
    }

    @Test
    void enoughPointsGiveNoWarning() {
        assertThat(settings(SearchStrategy.RANDOM, 4, 1).repeatWarning()).isEmpty();
        assertThat(settings(SearchStrategy.GRID, 10, 1).repeatWarning()).isEmpty();
    }

    @Test
    void deconvSweepHas324Points() {
        SearchSpace sweep = SearchSpace.builtIn(SearchSpace.DECONV_SWEEP, Task.CLASSIFICATION);
        assertThat(sweep.gridSize()).isEqualTo(324);
        assertThat(sweep.model()).isEqualTo(ModelType.DECONV);
    }

    @Test
    void builtInRejectsUnknownName() {
        assertThatThrownBy(() -> SearchSpace.builtIn("nope", Task.CLASSIFICATION))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope")
                .hasMessageContaining(SearchSpace.DECONV_SWEEP);
    }

    @Test
    void spaceFileParsesAxes() throws Exception {
        Path file = directory.resolve("space.json");
        Files.writeString(
                file,
                "{\"name\": \"mine\", \"model\": \"coordconv\", \"axes\": {\"activation\":"
                        + " [\"relu\", \"leakyrelu\"], \"withRadius\": [true],"
                        + " \"channels\": [[8, 8, 8, 8]]}}");
        SearchSpace space = SearchSpace.fromJson(file);
        assertThat(space.name()).isEqualTo("mine");
        assertThat(space.gridSize()).isEqualTo(2);
        assertThat(space.axes().get(SearchAxis.CHANNELS)).containsExactly(List.of(8, 8, 8, 8));
    }

    @Test
    void spaceFileRejectsUnknownAxis() throws Exception {
        Path file = directory.resolve("space.json");
        Files.writeString(file, "{\"axes\": {\"momentum\": [0.9]}}");
        assertThatThrownBy(() -> SearchSpace.fromJson(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("momentum")
                .hasMessageContaining("learningRate");
    }

    @Test
    void runSpecSpaceAppliesAxes() {
        RunSpec base = RunSpec.defaults(Task.CLASSIFICATION, Split.QUADRANT, ModelType.COORDCONV);
        RunSpecSpace space = new RunSpecSpace(base, smallSpace());
        assertThat(space.collectLeaves()).hasSize(2);
        space.collectLeaves().get(0).setIndices(0);
        space.collectLeaves().get(1).setIndices(1);
        RunSpec spec = space.getValue(new double[] {0.99, 0.99}).spec();
        assertThat(spec.optimizer().learningRate()).isEqualTo(0.01);
        assertThat(spec.network().tileStyle()).isEqualTo(TileStyle.INTERLEAVED);
    }

    @Test
    void searchRanksAndResumes() throws Exception {
        List<CandidateRecord> first =
                Search.run(
                        settings(SearchStrategy.RANDOM, 2, 3),
                        directory,
                        Search.ExistingDirectory.REJECT,
                        List.of());
        assertThat(first).hasSize(2);
        assertThat(first).allMatch(r -> CandidateRecord.COMPLETE.equals(r.status()));
        assertThat(first.get(0).score()).isGreaterThanOrEqualTo(first.get(1).score());
        assertThat(first.get(0).settings()).containsKeys("learningRate", "tileStyle");
        Path firstResult =
                CandidateTaskCreator.candidateDirectory(directory, 0).resolve(RunFiles.RESULT);
        assertThat(CandidateTaskCreator.candidateDirectory(directory, 1).resolve(RunFiles.MODEL))
                .isNotEmptyFile();
        assertThat(directory.resolve(Search.SUMMARY)).isNotEmptyFile();
        FileTime finished = Files.getLastModifiedTime(firstResult);

        assertThatThrownBy(
                        () ->
                                Search.run(
                                        settings(SearchStrategy.RANDOM, 3, 3),
                                        directory,
                                        Search.ExistingDirectory.REJECT,
                                        List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("--resume");
        assertThatThrownBy(
                        () ->
                                Search.run(
                                        settings(SearchStrategy.RANDOM, 3, 4),
                                        directory,
                                        Search.ExistingDirectory.RESUME,
                                        List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("other settings");

        List<CandidateRecord> resumed =
                Search.run(
                        settings(SearchStrategy.RANDOM, 3, 3),
                        directory,
                        Search.ExistingDirectory.RESUME,
                        List.of());
        assertThat(resumed).hasSize(3);
        assertThat(Files.getLastModifiedTime(firstResult)).isEqualTo(finished);
        assertThat(resumed).extracting(CandidateRecord::index).containsExactlyInAnyOrder(0, 1, 2);
    }
}
