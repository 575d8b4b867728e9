package io.github.coordconv.experiments.models;

import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Network-wide settings that a DL4J configuration carries besides the architecture: the seed of the
 * weight initialisation, the updater (with its learning-rate schedule), the L2 strength and the
 * data type of parameters and activations.
 *
 * @param seed seed of the weight initialisation
 * @param updater DL4J updater, e.g. {@code Adam} with a learning-rate schedule
 * @param l2 strength {@code lambda} of the penalty {@code lambda * sum(w^2)} over convolution and
 *     transposed-convolution kernels, as the released code defines it; biases, batch-norm
 *     parameters and dense layers carry none, as there. DL4J's {@code l2(c)} adds {@code c/2 *
 *     sum(w^2)}, so the layers get {@code c = 2 * lambda} ({@link #dl4jL2Coefficient()}).
 * @param dataType data type of parameters and activations, normally {@code FLOAT}
 */
public record GraphSettings(long seed, IUpdater updater, double l2, DataType dataType) {

    /** Checks every field. */
    public GraphSettings {
        Objects.requireNonNull(updater, "updater");
        Objects.requireNonNull(dataType, "dataType");
        if (!(l2 >= 0)) {
            throw new IllegalArgumentException("l2 must be at least 0, but was " + l2);
        }
        if (!dataType.isFPType()) {
            throw new IllegalArgumentException(
                    "dataType must be a floating-point type such as FLOAT, but was " + dataType);
        }
    }

    /** Returns settings for tests and examples: Adam with DL4J's defaults, no L2, FLOAT. */
    public static GraphSettings defaults(long seed) {
        return new GraphSettings(seed, new Adam(), 0.0, DataType.FLOAT);
    }

    /** Returns the coefficient for DL4J's {@code l2(...)} that gives {@code l2 * sum(w^2)}. */
    public double dl4jL2Coefficient() {
        return 2.0 * l2;
    }
}
