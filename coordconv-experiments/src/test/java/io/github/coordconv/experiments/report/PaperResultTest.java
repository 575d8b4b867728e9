package io.github.coordconv.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coordconv.experiments.data.Split;
import io.github.coordconv.experiments.models.ModelType;
import io.github.coordconv.experiments.models.Task;
import org.junit.jupiter.api.Test;

class PaperResultTest {

    @Test
    void coordConvClassifierIsPerfect() {
        for (Split split : Split.values()) {
            PaperResult paper = PaperResult.of(Task.CLASSIFICATION, split, ModelType.COORDCONV);
            assertThat(paper.test()).as("%s", split).isEqualTo("100%");
        }
    }

    @Test
    void deconvFailsQuadrant() {
        PaperResult paper = PaperResult.of(Task.CLASSIFICATION, Split.QUADRANT, ModelType.DECONV);
        assertThat(paper.train()).isEqualTo("100%");
        assertThat(paper.test()).isEqualTo("0%");
    }

    @Test
    void uniform8020ComparesWithUniform() {
        assertThat(PaperResult.of(Task.CLASSIFICATION, Split.UNIFORM_80_20, ModelType.DECONV))
                .isEqualTo(PaperResult.of(Task.CLASSIFICATION, Split.UNIFORM, ModelType.DECONV));
    }

    @Test
    void regressionBaselinesFailOnOtherSplit() {
        assertThat(
                        PaperResult.of(Task.REGRESSION, Split.UNIFORM, ModelType.CONV_GLOBAL_POOL)
                                .test())
                .isEqualTo("fails");
        assertThat(PaperResult.of(Task.REGRESSION, Split.QUADRANT, ModelType.CONV_DENSE).test())
                .isEqualTo("fails");
    }

    @Test
    void renderingHasNoNumbers() {
        PaperResult paper = PaperResult.of(Task.RENDERING, Split.UNIFORM, ModelType.DECONV);
        assertThat(paper.source()).contains("no published numbers");
    }
}
