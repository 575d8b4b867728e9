package io.github.coordconv.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coordconv.experiments.train.RunFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegressionExampleTest {

    @TempDir Path directory;

    @Test
    void mainComparesBothModels() throws IOException {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            RegressionExample.main(new String[] {"quadrant", "1", "2", "8", directory.toString()});
        } finally {
            System.setOut(original);
        }

        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("coordconv       906 parameters");
        assertThat(output).contains("conv-gap     12,914 parameters");
        assertThat(directory.resolve("regression-quadrant-conv-gap").resolve(RunFiles.RESULT))
                .isNotEmptyFile();
    }
}
