package io.github.coordconv.experiments.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Optimiser of a run. Adam is the only type, because the released experiments of the CoordConv
 * paper all use Adam. The field keeps the choice explicit in every spec file.
 */
public enum UpdaterType {
    /** Adam (Kingma and Ba, 2015), DL4J's {@code org.nd4j.linalg.learning.config.Adam}. */
    ADAM("adam");

    private final String cliName;

    UpdaterType(String cliName) {
        this.cliName = cliName;
    }

    /** Returns the name of this updater on the command line and in JSON. */
    @JsonValue
    public String cliName() {
        return cliName;
    }

    /**
     * Returns the updater with the given command-line name.
     *
     * @throws IllegalArgumentException if no updater has that name; the message lists the valid
     *     names
     */
    @JsonCreator
    public static UpdaterType fromName(String name) {
        for (UpdaterType type : values()) {
            if (type.cliName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException(
                String.format(
                        Locale.ROOT,
                        "Unknown updater '%s': expected one of %s",
                        name,
                        Arrays.stream(values())
                                .map(UpdaterType::cliName)
                                .collect(Collectors.joining(", "))));
    }
}
