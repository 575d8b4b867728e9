package io.github.coordconv.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coordconv.experiments.report.Report;
import io.github.coordconv.experiments.train.RunFiles;
import io.github.coordconv.experiments.train.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReplicateCommandTest {

    /** Caps every run at 2 minibatches and 16 evaluation examples per split. */
    private static final String[] SMOKE = {"--max-batches", "2", "--eval-examples", "16"};

    @TempDir Path directory;

    private static String[] args(String... first) {
        String[] all = new String[first.length + SMOKE.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(SMOKE, 0, all, first.length, SMOKE.length);
        return all;
    }

    @Test
    void replicateWritesReportAndTable() {
        Path out = directory.resolve("results");

        CliRun run =
                CliRun.of(
                        args(
                                "replicate",
                                "--tasks",
                                "regression",
                                "--splits",
                                "quadrant",
                                "--out",
                                out.toString()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(out.resolve(Report.RESULTS_JSON)).isNotEmptyFile();
        assertThat(out.resolve(Report.REPORT_MD)).isNotEmptyFile();
        Path coordConvRun = out.resolve("regression-quadrant-coordconv");
        assertThat(coordConvRun.resolve(RunFiles.SPEC)).isNotEmptyFile();
        assertThat(coordConvRun.resolve(RunFiles.CURVES)).isNotEmptyFile();
        assertThat(coordConvRun.resolve(RunFiles.STATS)).isNotEmptyFile();
        assertThat(out.resolve("regression-quadrant-conv-gap").resolve(RunFiles.PREDICTIONS))
                .isNotEmptyFile();
        assertThat(out.resolve("regression-uniform-coordconv")).doesNotExist();
        assertThat(run.out()).containsPattern("regression +quadrant +coordconv +906 ");
        assertThat(run.out()).containsPattern("regression +quadrant +conv-gap +12,914 ");
        assertThat(run.out()).contains("near-perfect");
        assertThat(run.out()).contains("Reported test");
        assertThat(run.err()).contains("[2/2] regression-quadrant-conv-gap finished");
    }

    @Test
    void replicateTrainsOnDataFiles() throws IOException {
        Path data = DataFiles.write(directory.resolve("data"), "10,10");
        Path out = directory.resolve("results");

        CliRun run =
                CliRun.of(
                        args(
                                "replicate",
                                "--tasks",
                                "regression",
                                "--splits",
                                "quadrant",
                                "--data",
                                data.toString(),
                                "--out",
                                out.toString()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        Path spec = out.resolve("regression-quadrant-conv-gap").resolve(RunFiles.SPEC);
        RunSpec written = RunSpec.fromJson(spec);
        assertThat(written.data().source()).isEqualTo(data.toAbsolutePath().toString());
        assertThat(run.out()).containsPattern("regression +quadrant +conv-gap ");
    }

    @Test
    void existingResultsRejected() throws IOException {
        Path out = Files.createDirectories(directory.resolve("results"));
        Files.writeString(out.resolve("notes.txt"), "keep");

        CliRun run = CliRun.of(args("replicate", "--tasks", "regression", "--out", out.toString()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(out.toAbsolutePath().toString());
        assertThat(run.err()).contains("--force");
        assertThat(run.err()).contains("--out");
        assertThat(out).isDirectoryNotContaining("glob:**/regression-*");
        assertThat(out.resolve("notes.txt")).hasContent("keep");
    }

    @Test
    void unknownTaskRejected() {
        CliRun run = CliRun.of(args("replicate", "--tasks", "regression,segmentation"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'segmentation'");
        assertThat(run.err()).contains("classification, regression, rendering");
    }

    @Test
    void unknownSplitRejected() {
        CliRun run = CliRun.of(args("replicate", "--splits", "diagonal"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'diagonal'");
        assertThat(run.err()).contains("uniform, uniform-80-20, quadrant");
    }

    @Test
    void zeroBatchCapRejected() {
        CliRun run = CliRun.of("replicate", "--max-batches", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--max-batches");
    }

    @Test
    void bothBudgetsRejected() {
        CliRun run = CliRun.of("replicate", "--quick", "--full");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("mutually exclusive");
    }

    @Test
    void dataOutsideCanvasRejected() throws IOException {
        Path data = DataFiles.write(directory.resolve("data"), "70,10");
        Path out = directory.resolve("results");

        CliRun run =
                CliRun.of(
                        args(
                                "replicate",
                                "--tasks",
                                "regression",
                                "--splits",
                                "quadrant",
                                "--data",
                                data.toString(),
                                "--out",
                                out.toString()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("70 is outside the 64x64 canvas");
        assertThat(out).doesNotExist();
    }

    @Test
    void dataNeedsOneSplit() throws IOException {
        Path data = DataFiles.write(directory.resolve("data"), "10,10");

        CliRun run = CliRun.of(args("replicate", "--data", data.toString()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--splits");
    }

    @Test
    void defaultOutNamesBudget() {
        ReplicateCommand quick = new ReplicateCommand();
        new CommandLine(quick).parseArgs();
        ReplicateCommand full = new ReplicateCommand();
        new CommandLine(full).parseArgs("--full");

        assertThat(quick.resultsDirectory()).isEqualTo(Path.of("results", "replicate-quick"));
        assertThat(full.resultsDirectory()).isEqualTo(Path.of("results", "replicate-full"));
    }
}
