package io.github.coordconv.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coordconv.experiments.data.Split;
import io.github.coordconv.experiments.models.ModelType;
import io.github.coordconv.experiments.models.Task;
import io.github.coordconv.experiments.train.Budget;
import io.github.coordconv.experiments.train.RunFiles;
import io.github.coordconv.experiments.train.RunListener;
import io.github.coordconv.experiments.train.RunResult;
import io.github.coordconv.experiments.train.RunSpec;
import io.github.coordconv.experiments.train.TrainingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicationTest {

    @TempDir Path directory;

    @Test
    void planHasTwelveRuns() {
        List<RunSpec> plan = Replication.plan(Budget.QUICK, RunSpec.DEFAULT_SEED);
        assertThat(plan).hasSize(12);
        assertThat(plan.stream().map(RunSpec::name).distinct()).hasSize(12);
    }

    @Test
    void planUsesReleasedBaselines() {
        List<String> names =
                Replication.plan(Budget.FULL, RunSpec.DEFAULT_SEED).stream()
                        .map(RunSpec::name)
                        .toList();
        assertThat(names).contains("regression-uniform-conv-dense");
        assertThat(names).contains("regression-quadrant-conv-gap");
        assertThat(names).contains("classification-quadrant-deconv");
        assertThat(names).contains("rendering-uniform-coordconv");
    }

    @Test
    void planAppliesSeedAndBudget() {
        for (RunSpec spec : Replication.plan(Budget.QUICK, 42)) {
            assertThat(spec.seed()).isEqualTo(42);
            assertThat(spec.training()).isEqualTo(Budget.QUICK.training(spec.task(), spec.model()));
        }
    }

    private static RunSpec tiny(ModelType model) {
        return RunSpec.defaults(Task.REGRESSION, Split.QUADRANT, model)
                .withTraining(new TrainingSpec(8, 1, 1, 8, 8, false));
    }

    @Test
    void runWritesRunsAndReport() {
        List<RunResult> results =
                Replication.run(
                        List.of(tiny(ModelType.COORDCONV), tiny(ModelType.CONV_GLOBAL_POOL)),
                        directory,
                        false,
                        RunListener.NONE);
        assertThat(results).hasSize(2);
        assertThat(directory.resolve("regression-quadrant-conv-gap").resolve(RunFiles.MODEL))
                .isNotEmptyFile();
        assertThat(directory.resolve(Report.REPORT_MD)).isNotEmptyFile();
    }

    @Test
    void runRejectsNonEmptyDirectory() throws IOException {
        Files.writeString(directory.resolve("notes.txt"), "x");
        assertThatThrownBy(
                        () ->
                                Replication.run(
                                        List.of(tiny(ModelType.COORDCONV)),
                                        directory,
                                        false,
                                        RunListener.NONE))
                .isInstanceOf(IllegalStateException.class);
        assertThat(directory.resolve("regression-quadrant-coordconv")).doesNotExist();
    }
}
