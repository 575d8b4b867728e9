package io.github.coordconv.experiments.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Train/test split of the 3,136 Not-so-Clevr centres.
 *
 * <ul>
 *   <li>{@link #UNIFORM} ({@code uniform}): the split of the CoordConv authors' released code. Each
 *       centre, in x-major order, goes to the test set when a draw of numpy's legacy {@code
 *       RandomState(seed).random_sample()} is below 0.25. With the released seed 20202 that gives
 *       2,368 train and 768 test examples.
 *   <li>{@link #UNIFORM_80_20} ({@code uniform-80-20}): a seeded 80/20 split, for comparison with
 *       implementations that split 80/20 instead of drawing 25% test as the released code does. The
 *       first 628 indices of numpy's {@code RandomState(seed).permutation(3136)} go to the test
 *       set, the other 2,508 to train. This is the membership that scikit-learn's {@code
 *       train_test_split(indices, test_size=0.2, random_state=seed)} returns.
 *   <li>{@link #QUADRANT} ({@code quadrant}): the test set is the bottom-right quadrant, x &gt; 32
 *       and y &gt; 32 (2,407 train, 729 test). It does not depend on the seed.
 * </ul>
 *
 * <p>Indices refer to {@link NotSoClevrData#allCentres()}, which lists centres in x-major order (x
 * in the outer loop, y in the inner loop).
 */
public enum Split {
    UNIFORM("uniform"),
    UNIFORM_80_20("uniform-80-20"),
    QUADRANT("quadrant");

    private final String cliName;

    Split(String cliName) {
        this.cliName = cliName;
    }

    /** Returns the name of this split on the command line, e.g. {@code uniform-80-20}. */
    public String cliName() {
        return cliName;
    }

    /** Returns whether the split depends on the seed passed to {@link NotSoClevrData#generate}. */
    public boolean usesSeed() {
        return this != QUADRANT;
    }

    /**
     * Returns the split with the given command-line name.
     *
     * @throws IllegalArgumentException if no split has that name; the message lists the valid names
     */
    public static Split fromName(String name) {
        for (Split split : values()) {
            if (split.cliName.equals(name)) {
                return split;
            }
        }
        throw new IllegalArgumentException(
                String.format(
                        Locale.ROOT,
                        "Unknown split '%s': expected one of %s",
                        name,
                        Arrays.stream(values())
                                .map(Split::cliName)
                                .collect(Collectors.joining(", "))));
    }
}
