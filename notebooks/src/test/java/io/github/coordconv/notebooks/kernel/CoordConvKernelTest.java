package io.github.coordconv.notebooks.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.coordconv.notebooks.Display;
import java.awt.image.BufferedImage;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

// One kernel for all tests, because starting JShell takes most of each test's time. No test
// depends on what another one evaluated.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoordConvKernelTest {

    private CoordConvKernel kernel;

    @BeforeAll
    void startKernel() {
        kernel = new CoordConvKernel(new JShellEvaluator(System.getProperty("java.class.path")));
    }

    @AfterAll
    void stopKernel() {
        kernel.onShutdown(false);
    }

    @Test
    void isCompleteIndentsOpenBlock() {
        assertThat(kernel.isComplete("int a = 1;")).isEqualTo(BaseKernel.IS_COMPLETE_YES);
        assertThat(kernel.isComplete("for (int i = 0; i < 2; i++) {")).isEqualTo("    ");
        assertThat(kernel.isComplete("if (true) {\n    int b = 2 +")).isEqualTo("    ");
        assertThat(kernel.isComplete(")")).isEqualTo(BaseKernel.IS_COMPLETE_BAD);
    }

    @Test
    void completeSuggestsMembers() {
        ReplacementOptions options = kernel.complete("Math.ab", 7);

        assertThat(options.getReplacements()).contains("abs(");
        assertThat(options.getSourceStart()).isEqualTo(5);
        assertThat(options.getSourceEnd()).isEqualTo(7);
    }

    @Test
    void inspectShowsSignature() {
        DisplayData documentation = kernel.inspect("Math.abs(", 9, false);

        assertThat((String) documentation.getData(MIMEType.TEXT_PLAIN))
                .contains("int Math.abs(int a)");
    }

    @Test
    void imageValueRendersAsPng() {
        DisplayData data = kernel.eval("new java.awt.image.BufferedImage(4, 3, 1)");

        assertThat(data.hasDataForType(MIMEType.IMAGE_PNG)).isTrue();
    }

    @Test
    void chartValueRendersAsPng() {
        DisplayData data =
                kernel.eval(
                        "org.knowm.xchart.QuickChart.getChart(\"t\", \"x\", \"y\", \"s\","
                                + " new double[] {1, 2}, new double[] {2, 1})");

        assertThat(data.hasDataForType(MIMEType.IMAGE_PNG)).isTrue();
    }

    @Test
    void formatErrorUsesCellTraceback() {
        CellEvaluationException error =
                catchThrowableOfType(
                        () -> kernel.eval("throw new IllegalArgumentException(\"bad size\");"),
                        CellEvaluationException.class);

        List<String> lines = kernel.formatError(error);

        assertThat(error.errorName()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(error.errorValue()).isEqualTo("bad size");
        assertThat(lines.get(0)).contains("java.lang.IllegalArgumentException: bad size");
        assertThat(lines).contains("    at <cell code> (this cell, line 1)");
    }

    @Test
    void displayFindsStartedKernel() {
        // stopKernel() shuts the kernel down, which makes it stop being the notebook kernel.
        kernel.onStartup();

        // Outside an execute request the kernel drops display data, so the call only has to find
        // the kernel.
        Display.image(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB));

        assertThat(BaseKernel.notebookKernel()).isSameAs(kernel);
    }
}
