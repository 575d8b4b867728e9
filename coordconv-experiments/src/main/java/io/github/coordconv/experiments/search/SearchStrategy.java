package io.github.coordconv.experiments.search;

import java.util.Locale;

/** How a search draws candidates from its space. */
public enum SearchStrategy {
    /** Arbiter's {@code RandomSearchGenerator}: each axis value drawn uniformly, seeded. */
    RANDOM,
    /** Arbiter's {@code GridSearchCandidateGenerator} in sequential order: every grid point. */
    GRID;

    /**
     * Returns the strategy named {@code name} ({@code random} or {@code grid}).
     *
     * @throws IllegalArgumentException if the name is neither
     */
    public static SearchStrategy fromName(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Unknown search strategy '" + name + "': expected random or grid", e);
        }
    }
}
