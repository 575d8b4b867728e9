package io.github.coordconv.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCommandTest {

    @TempDir Path directory;

    @Test
    void exportWritesQuadrantSplit() {
        Path out = directory.resolve("quadrant");

        CliRun run = CliRun.of("dataset", "export", "--split", "quadrant", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Wrote 2407 training and 729 test examples");
        assertThat(out.resolve("train.csv")).content().startsWith("x,y,image\n");
        assertThat(out.resolve("test.csv")).content().hasLineCount(730);
        assertThat(out.resolve("images").resolve("x59_y59.png")).isNotEmptyFile();
    }

    @Test
    void unknownSplitRejected() {
        CliRun run = CliRun.of("dataset", "export", "--split", "corner", directory.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'corner'");
        assertThat(run.err()).contains("uniform, uniform-80-20, quadrant");
    }
}
