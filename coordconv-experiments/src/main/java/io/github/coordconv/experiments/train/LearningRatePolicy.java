package io.github.coordconv.experiments.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Learning-rate policy over epochs, named as the released code's {@code --lrpolicy} values. */
public enum LearningRatePolicy {
    /** The same learning rate in every epoch (the released default). */
    CONSTANT("constant"),

    /**
     * The learning rate times {@code stepRatio} every {@code stepEvery} epochs, at most {@code
     * maxSteps} times (the released {@code LRPolicyStep}).
     */
    STEP("step");

    private final String cliName;

    LearningRatePolicy(String cliName) {
        this.cliName = cliName;
    }

    /** Returns the name of this policy on the command line and in JSON. */
    @JsonValue
    public String cliName() {
        return cliName;
    }

    /**
     * Returns the policy with the given command-line name.
     *
     * @throws IllegalArgumentException if no policy has that name; the message lists the valid
     *     names
     */
    @JsonCreator
    public static LearningRatePolicy fromName(String name) {
        for (LearningRatePolicy policy : values()) {
            if (policy.cliName.equals(name)) {
                return policy;
            }
        }
        throw new IllegalArgumentException(
                String.format(
                        Locale.ROOT,
                        "Unknown learning-rate policy '%s': expected one of %s",
                        name,
                        Arrays.stream(values())
                                .map(LearningRatePolicy::cliName)
                                .collect(Collectors.joining(", "))));
    }
}
