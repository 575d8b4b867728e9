package io.github.coordconv.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coordconv.experiments.ablation.TileAblation;
import io.github.coordconv.experiments.train.RunFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AblateCommandTest {

    @TempDir Path directory;

    @Test
    void tileAblationTrainsBothStyles() {
        Path out = directory.resolve("ablation");

        CliRun run =
                CliRun.of(
                        "ablate",
                        "tile",
                        "--out",
                        out.toString(),
                        "--split",
                        "quadrant",
                        "--epochs",
                        "1",
                        "--max-batches",
                        "2",
                        "--evaluation-examples",
                        "16");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("per-channel +\\d+\\.\\d\\d% +\\d+\\.\\d\\d% +1");
        assertThat(out.resolve(TileAblation.OUTPUT_MAPS)).isNotEmptyFile();
        assertThat(out.resolve("per-channel").resolve(RunFiles.STATS)).isNotEmptyFile();
        assertThat(out.resolve("interleaved").resolve(RunFiles.MODEL)).isNotEmptyFile();
    }

    @Test
    void existingAblationRejected() {
        Path out = directory.resolve("ablation");
        String[] args = {
            "ablate",
            "tile",
            "--out",
            out.toString(),
            "--epochs",
            "1",
            "--max-batches",
            "1",
            "--evaluation-examples",
            "8"
        };
        assertThat(CliRun.of(args).exitCode()).isZero();

        CliRun again = CliRun.of(args);

        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains(out.toString());
    }
}
