package io.github.coordconv.experiments.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Supervised coordinate task of the CoordConv paper (Liu et al., NeurIPS 2018) on Not-so-Clevr.
 *
 * <ul>
 *   <li>{@link #CLASSIFICATION}: pixel coordinates {@code (x, y)} in, a softmax over the 4,096
 *       pixels of the 64x64 canvas out; the target is the one-hot pixel at row y, column x.
 *   <li>{@link #REGRESSION}: the one-hot 64x64 image in, the coordinates {@code (x/64, y/64)} out,
 *       mean squared error.
 *   <li>{@link #RENDERING}: pixel coordinates in, the 64x64 image of the 9x9 square around them
 *       out, per-pixel sigmoid cross-entropy.
 * </ul>
 */
public enum Task {
    CLASSIFICATION("classification"),
    REGRESSION("regression"),
    RENDERING("rendering");

    private final String cliName;

    Task(String cliName) {
        this.cliName = cliName;
    }

    /** Returns the name of this task on the command line and in JSON, e.g. {@code regression}. */
    @JsonValue
    public String cliName() {
        return cliName;
    }

    /** Returns whether the network input is the coordinate pair {@code (batch, 2)}. */
    public boolean takesCoordinates() {
        return this != REGRESSION;
    }

    /**
     * Returns the task with the given command-line name.
     *
     * @throws IllegalArgumentException if no task has that name; the message lists the valid names
     */
    @JsonCreator
    public static Task fromName(String name) {
        for (Task task : values()) {
            if (task.cliName.equals(name)) {
                return task;
            }
        }
        throw new IllegalArgumentException(
                String.format(Locale.ROOT, "Unknown task '%s': expected one of %s", name, names()));
    }

    /** Returns the valid command-line names, comma-separated. */
    public static String names() {
        return Arrays.stream(values()).map(Task::cliName).collect(Collectors.joining(", "));
    }
}
