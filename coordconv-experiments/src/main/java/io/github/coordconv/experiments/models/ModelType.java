package io.github.coordconv.experiments.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.github.coordconv.experiments.data.Split;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Network architecture of a run: the CoordConv model of a task or one of its baselines, as in the
 * CoordConv authors' released code ({@code model_builders.py}).
 *
 * <ul>
 *   <li>{@link #COORDCONV} ({@code coordconv}): the CoordConv model of each task.
 *   <li>{@link #DECONV} ({@code deconv}): six stride-2 transposed convolutions from a 1x1x2 map,
 *       the baseline of classification and rendering.
 *   <li>{@link #CONV_DENSE} ({@code conv-dense}): 3x3 convolutions with max pooling and two dense
 *       layers, the regression baseline the released code uses on the uniform split.
 *   <li>{@link #CONV_GLOBAL_POOL} ({@code conv-gap}): a fully convolutional stack with stride-2
 *       convolutions and global average pooling, the regression baseline the released code uses on
 *       the quadrant split.
 * </ul>
 */
public enum ModelType {
    COORDCONV("coordconv"),
    DECONV("deconv"),
    CONV_DENSE("conv-dense"),
    CONV_GLOBAL_POOL("conv-gap");

    private final String cliName;

    ModelType(String cliName) {
        this.cliName = cliName;
    }

    /** Returns the name of this model on the command line and in JSON, e.g. {@code conv-gap}. */
    @JsonValue
    public String cliName() {
        return cliName;
    }

    /** Returns whether this model is built for {@code task}. */
    public boolean supports(Task task) {
        return supported(task).contains(this);
    }

    /** Returns the models built for {@code task}, CoordConv first. */
    public static List<ModelType> supported(Task task) {
        return switch (task) {
            case CLASSIFICATION, RENDERING -> List.of(COORDCONV, DECONV);
            case REGRESSION -> List.of(COORDCONV, CONV_DENSE, CONV_GLOBAL_POOL);
        };
    }

    /**
     * Returns the baseline the released code trains for {@code task} on {@code split}: {@link
     * #DECONV} for classification and rendering; for regression {@link #CONV_GLOBAL_POOL} on the
     * quadrant split and {@link #CONV_DENSE} otherwise (the released {@code train.py} picks by
     * whether the data file name contains "uniform").
     */
    public static ModelType baseline(Task task, Split split) {
        if (task != Task.REGRESSION) {
            return DECONV;
        }
        return split == Split.QUADRANT ? CONV_GLOBAL_POOL : CONV_DENSE;
    }

    /**
     * Throws unless this model is built for {@code task}.
     *
     * @throws IllegalArgumentException naming the task and the models it supports
     */
    public void checkSupports(Task task) {
        if (!supports(task)) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "Model '%s' is not defined for task '%s': expected one of %s",
                            cliName,
                            task.cliName(),
                            supported(task).stream()
                                    .map(ModelType::cliName)
                                    .collect(Collectors.joining(", "))));
        }
    }

    /**
     * Returns the model with the given command-line name.
     *
     * @throws IllegalArgumentException if no model has that name; the message lists the valid names
     */
    @JsonCreator
    public static ModelType fromName(String name) {
        for (ModelType model : values()) {
            if (model.cliName.equals(name)) {
                return model;
            }
        }
        throw new IllegalArgumentException(
                String.format(
                        Locale.ROOT, "Unknown model '%s': expected one of %s", name, names()));
    }

    /** Returns the valid command-line names, comma-separated. */
    public static String names() {
        return Arrays.stream(values()).map(ModelType::cliName).collect(Collectors.joining(", "));
    }
}
