package io.github.coordconv.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coordconv.experiments.data.Split;
import io.github.coordconv.experiments.models.ModelType;
import io.github.coordconv.experiments.models.Task;
import io.github.coordconv.experiments.train.Budget;
import io.github.coordconv.experiments.train.EpochMetrics;
import io.github.coordconv.experiments.train.Json;
import io.github.coordconv.experiments.train.RunResult;
import io.github.coordconv.experiments.train.RunSpec;
import io.github.coordconv.experiments.train.SplitMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @TempDir Path directory;

    /** Returns a result with the given accuracies, as if {@code spec} had run in its directory. */
    private RunResult result(RunSpec spec, double train, double test) {
        SplitMetrics trainMetrics = metrics(spec.task(), train);
        SplitMetrics testMetrics = metrics(spec.task(), test);
        EpochMetrics epoch = new EpochMetrics(1, 0.01, 10, 1.0, trainMetrics, testMetrics, 2, 1);
        return new RunResult(
                spec,
                directory.resolve(spec.name()).toString(),
                906,
                906,
                List.of(epoch),
                trainMetrics,
                testMetrics,
                test >= 1 ? 1 : null,
                1,
                testMetrics,
                2,
                3,
                false);
    }

    private static SplitMetrics metrics(Task task, double value) {
        return task == Task.RENDERING
                ? new SplitMetrics(10, 0.1, null, null, value)
                : new SplitMetrics(10, 0.1, value, 1.5, null);
    }

    private List<RunResult> results() {
        return List.of(
                result(
                        RunSpec.defaults(Task.CLASSIFICATION, Split.UNIFORM, ModelType.COORDCONV),
                        1.0,
                        1.0),
                result(
                        RunSpec.defaults(Task.CLASSIFICATION, Split.UNIFORM, ModelType.DECONV),
                        1.0,
                        0.8),
                result(
                        RunSpec.defaults(Task.RENDERING, Split.QUADRANT, ModelType.COORDCONV),
                        0.9,
                        0.7));
    }

    private String markdown() throws IOException {
        Report.write(results(), directory, false);
        return Files.readString(directory.resolve(Report.REPORT_MD));
    }

    @Test
    void resultsJsonHasRecordPerRun() throws IOException {
        Report.write(results(), directory, false);
        JsonNode records = Json.mapper().readTree(directory.resolve(Report.RESULTS_JSON).toFile());
        assertThat(records.size()).isEqualTo(3);
        assertThat(records.get(1).get("model").asText()).isEqualTo("deconv");
        assertThat(records.get(1).get("test").get("accuracy").asDouble()).isEqualTo(0.8);
    }

    @Test
    void recordsPointToSpecFiles() throws IOException {
        Report.write(results(), directory, false);
        JsonNode records = Json.mapper().readTree(directory.resolve(Report.RESULTS_JSON).toFile());
        assertThat(records.get(0).get("spec").asText())
                .isEqualTo(Path.of("classification-uniform-coordconv", "spec.json").toString());
    }

    @Test
    void tableListsEveryRun() throws IOException {
        String text = markdown();
        assertThat(text).contains("| classification | uniform | coordconv | full | 906 |");
        assertThat(text).contains("| rendering | quadrant | coordconv |");
    }

    @Test
    void tableShowsReportedNumbers() throws IOException {
        String text = markdown();
        assertThat(text)
                .contains("| 100.0%, 1.50 px | 80.0%, 1.50 px | 80.0% (1) | 100% | <= ~86% |");
        assertThat(text).contains("no published numbers");
    }

    @Test
    void rejectsOverwritingReport() {
        Report.write(results(), directory, false);
        assertThatThrownBy(() -> Report.write(results(), directory, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pass force");
    }

    @Test
    void forceOverwritesReport() throws IOException {
        Report.write(results(), directory, false);
        Report.write(results().subList(0, 1), directory, true);
        JsonNode records = Json.mapper().readTree(directory.resolve(Report.RESULTS_JSON).toFile());
        assertThat(records.size()).isEqualTo(1);
    }

    @Test
    void checkWritableRejectsNonEmptyDirectory() throws IOException {
        Files.writeString(directory.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> Report.checkWritable(directory, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not empty");
    }

    @Test
    void budgetNamesQuickAndCustom() {
        RunSpec quick =
                RunSpec.defaults(
                        Task.REGRESSION, Split.QUADRANT, ModelType.COORDCONV, Budget.QUICK);
        RunSpec custom = quick.withTraining(quick.training().withEpochs(7));
        assertThat(ResultRecord.of(result(quick, 1, 1), directory).budget()).isEqualTo("quick");
        assertThat(ResultRecord.of(result(custom, 1, 1), directory).budget()).isEqualTo("custom");
    }

    @Test
    void rejectsEmptyResults() {
        assertThatThrownBy(() -> Report.write(List.of(), directory, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
