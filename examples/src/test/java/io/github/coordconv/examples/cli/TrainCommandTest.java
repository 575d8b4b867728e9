package io.github.coordconv.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coordconv.experiments.data.Split;
import io.github.coordconv.experiments.models.ModelType;
import io.github.coordconv.experiments.models.Task;
import io.github.coordconv.experiments.train.Budget;
import io.github.coordconv.experiments.train.RunFiles;
import io.github.coordconv.experiments.train.RunSpec;
import io.github.coordconv.experiments.train.TrainingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @TempDir Path directory;

    /** Prints the default spec of the quadrant CoordConv regressor, capped to 2 minibatches. */
    private Path tinySpec() throws IOException {
        CliRun printed =
                CliRun.of(
                        "train",
                        "--print-default",
                        "--task",
                        "regression",
                        "--split",
                        "quadrant",
                        "--model",
                        "coordconv");
        assertThat(printed.exitCode()).as(printed.err()).isZero();
        RunSpec spec = RunSpec.fromJson(printed.out(), "print-default output");
        TrainingSpec tiny = spec.training().withMaxBatchesPerEpoch(2).withEvaluationExamples(8);
        Path file = directory.resolve("spec.json");
        spec.withTraining(tiny).writeJson(file);
        return file;
    }

    @Test
    void trainWritesRunFiles() throws IOException {
        Path spec = tinySpec();
        Path data = DataFiles.write(directory.resolve("data"), "10,10");
        Path out = Files.createDirectories(directory.resolve("run"));
        Files.writeString(out.resolve(RunFiles.METRICS), "stale");

        CliRun run =
                CliRun.of(
                        "train",
                        "--spec",
                        spec.toString(),
                        "--data",
                        data.toString(),
                        "--out",
                        out.toString(),
                        "--force");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(out.resolve(RunFiles.MODEL)).isNotEmptyFile();
        assertThat(out.resolve(RunFiles.METRICS)).content().startsWith("epoch");
        RunSpec written = RunSpec.fromJson(out.resolve(RunFiles.SPEC));
        assertThat(written.data().source()).isEqualTo(data.toAbsolutePath().toString());
        assertThat(written.environment()).isNotNull();
        assertThat(run.out()).contains("regression-quadrant-coordconv: 906 parameters");
        assertThat(run.out()).contains("test exact-match rate:");
        assertThat(run.out()).contains("(8 examples)");
        assertThat(run.out()).contains("reported: train near-perfect");
    }

    @Test
    void printDefaultRoundTrips() {
        CliRun run =
                CliRun.of(
                        "train",
                        "--print-default",
                        "--task",
                        "classification",
                        "--split",
                        "uniform-80-20",
                        "--model",
                        "deconv",
                        "--budget",
                        "full");

        assertThat(run.exitCode()).as(run.err()).isZero();
        RunSpec expected =
                RunSpec.defaults(
                        Task.CLASSIFICATION, Split.UNIFORM_80_20, ModelType.DECONV, Budget.FULL);
        assertThat(RunSpec.fromJson(run.out(), "stdout")).isEqualTo(expected);
    }

    @Test
    void printDefaultUsesQuickCoordConv() {
        CliRun run = CliRun.of("train", "--print-default", "--task", "rendering");

        RunSpec printed = RunSpec.fromJson(run.out(), "stdout");
        assertThat(printed.model()).isEqualTo(ModelType.COORDCONV);
        assertThat(printed.split()).isEqualTo(Split.UNIFORM);
        assertThat(printed.training())
                .isEqualTo(Budget.QUICK.training(Task.RENDERING, ModelType.COORDCONV));
    }

    @Test
    void printDefaultRejectsWrongModel() {
        CliRun run =
                CliRun.of("train", "--print-default", "--task", "rendering", "--model", "conv-gap");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'conv-gap'");
        assertThat(run.err()).contains("coordconv, deconv");
    }

    @Test
    void printDefaultNeedsTask() {
        CliRun run = CliRun.of("train", "--print-default");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--task");
    }

    @Test
    void unknownTaskRejected() {
        CliRun run = CliRun.of("train", "--print-default", "--task", "detection");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'detection'");
        assertThat(run.err()).contains("classification, regression, rendering");
    }

    @Test
    void malformedSpecRejected() throws IOException {
        Path spec = directory.resolve("broken.json");
        Files.writeString(spec, "{\"task\": \"regression\",");

        CliRun run = CliRun.of("train", "--spec", spec.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(spec.toString());
        assertThat(run.err()).contains("not valid JSON");
    }

    @Test
    void missingSpecRejected() {
        Path spec = directory.resolve("absent.json");

        CliRun run = CliRun.of("train", "--spec", spec.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Spec file not found: " + spec);
    }

    @Test
    void specOrPrintDefaultRequired() {
        CliRun run = CliRun.of("train");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing --spec FILE");
    }

    @Test
    void existingRunRejected() throws IOException {
        Path spec = tinySpec();
        Path out = Files.createDirectories(directory.resolve("run"));
        Files.writeString(out.resolve(RunFiles.SPEC), "earlier");

        CliRun run = CliRun.of("train", "--spec", spec.toString(), "--out", out.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(out.toAbsolutePath().toString());
        assertThat(run.err()).contains("--force");
        assertThat(out.resolve(RunFiles.SPEC)).hasContent("earlier");
    }

    @Test
    void dataOutsideCanvasRejected() throws IOException {
        Path spec = tinySpec();
        Path data = DataFiles.write(directory.resolve("data"), "12,64");
        Path out = directory.resolve("run");

        CliRun run =
                CliRun.of(
                        "train",
                        "--spec",
                        spec.toString(),
                        "--data",
                        data.toString(),
                        "--out",
                        out.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("64 is outside the 64x64 canvas");
        assertThat(out).doesNotExist();
    }
}
