package io.github.coordconv.experiments.report;

import io.github.coordconv.experiments.data.Split;
import io.github.coordconv.experiments.models.ModelType;
import io.github.coordconv.experiments.models.Task;

/**
 * Results reported for one (task, split, model) triple by the CoordConv paper (Liu et al., NeurIPS
 * 2018) and a third-party TensorFlow replication, as text for the report table.
 *
 * @param train reported train result, e.g. {@code 100%}, or a dash when none is given
 * @param test reported test result
 * @param source where the numbers come from
 */
public record PaperResult(String train, String test, String source) {

    private static final String NONE = "-";

    /**
     * Returns the reported result of {@code model} on {@code task} and {@code split}. The {@code
     * uniform-80-20} split is compared with the paper's uniform split, because both are random.
     */
    public static PaperResult of(Task task, Split split, ModelType model) {
        boolean quadrant = split == Split.QUADRANT;
        return switch (task) {
            case CLASSIFICATION -> classification(quadrant, model);
            case REGRESSION -> regression(quadrant, model);
            case RENDERING ->
                    new PaperResult(
                            NONE,
                            NONE,
                            "no published numbers: the released rendering script does not run");
        };
    }

    private static PaperResult classification(boolean quadrant, ModelType model) {
        if (model == ModelType.COORDCONV) {
            return new PaperResult(
                    "100%", "100%", "paper; a third-party replication also gets 100 / 100");
        }
        if (quadrant) {
            return new PaperResult(
                    "100%", "0%", "paper (0% test); third-party replication 100 / 0");
        }
        return new PaperResult(
                "100%",
                "<= ~86%",
                "paper (never above about 86% test); third-party replication 100 / 85.8");
    }

    private static PaperResult regression(boolean quadrant, ModelType model) {
        if (model == ModelType.COORDCONV) {
            return new PaperResult("near-perfect", "near-perfect", "paper, no numbers published");
        }
        boolean fails =
                (model == ModelType.CONV_GLOBAL_POOL && !quadrant)
                        || (model == ModelType.CONV_DENSE && quadrant);
        return new PaperResult(
                NONE,
                fails ? "fails" : "poor",
                "paper, no numbers published: the fully convolutional model fails on uniform,"
                        + " the pooled/dense one on quadrant");
    }
}
