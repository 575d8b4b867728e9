package io.github.coordconv.experiments.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Scaling of the {@code (x, y)} pixel coordinates fed to the classification and rendering models.
 */
public enum CoordinateScaling {
    /** Raw pixel indices 4..59, as the released code feeds them. */
    RAW_PIXELS("raw", 1.0),

    /**
     * Pixel index divided by 63, so the input lies in [0, 1] like {@code
     * CoordinateRange.ZERO_TO_ONE} coordinate channels over 64 pixels (as in several ports).
     */
    UNIT_INTERVAL("unit", 1.0 / 63.0);

    private final String cliName;
    private final double factor;

    CoordinateScaling(String cliName, double factor) {
        this.cliName = cliName;
        this.factor = factor;
    }

    /** Returns the name of this scaling on the command line and in JSON. */
    @JsonValue
    public String cliName() {
        return cliName;
    }

    /** Returns the factor that multiplies a raw pixel index. */
    public double factor() {
        return factor;
    }

    /**
     * Returns the scaling with the given command-line name.
     *
     * @throws IllegalArgumentException if no scaling has that name; the message lists the valid
     *     names
     */
    @JsonCreator
    public static CoordinateScaling fromName(String name) {
        for (CoordinateScaling scaling : values()) {
            if (scaling.cliName.equals(name)) {
                return scaling;
            }
        }
        throw new IllegalArgumentException(
                String.format(
                        Locale.ROOT,
                        "Unknown coordinate scaling '%s': expected one of %s",
                        name,
                        Arrays.stream(values())
                                .map(CoordinateScaling::cliName)
                                .collect(Collectors.joining(", "))));
    }
}
