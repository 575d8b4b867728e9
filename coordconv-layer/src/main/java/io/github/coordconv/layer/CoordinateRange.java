package io.github.coordconv.layer;

/**
 * Value range of the coordinate channels that {@link AddCoords} and its 1-D and 3-D variants
 * append.
 *
 * <p>Position {@code i} of an axis with {@code n > 1} positions maps to {@code 2 i / (n - 1) - 1}
 * in {@link #MINUS_ONE_TO_ONE} and to {@code i / (n - 1)} in {@link #ZERO_TO_ONE}, so the first and
 * last positions sit exactly on the ends of the range. An axis with a single position maps to the
 * centre of the range (0 or 0.5).
 */
public enum CoordinateRange {
    /** Coordinates in [-1, 1], as in the released CoordConv code. The default. */
    MINUS_ONE_TO_ONE(-1.0, 1.0),

    /**
     * Coordinates in [0, 1], as used by the hand-set two-layer solution of Liu et al. (NeurIPS
     * 2018).
     */
    ZERO_TO_ONE(0.0, 1.0);

    private final double min;
    private final double max;

    CoordinateRange(double min, double max) {
        this.min = min;
        this.max = max;
    }

    /** Lower end of the range. */
    public double min() {
        return min;
    }

    /** Upper end of the range. */
    public double max() {
        return max;
    }

    /** Centre of the range, from which the radius channel measures its distance. */
    public double centre() {
        return (min + max) / 2.0;
    }

    /**
     * Computes the coordinate of one position along an axis.
     *
     * @param index position along the axis, from 0 to {@code size - 1}
     * @param size number of positions along the axis, at least 1
     * @return the coordinate of {@code index} in this range
     */
    public double coordinate(long index, long size) {
        if (size < 1 || index < 0 || index >= size) {
            throw new IllegalArgumentException(
                    "Invalid axis position: index "
                            + index
                            + " on an axis of size "
                            + size
                            + "; expected 0 <= index < size and size >= 1");
        }
        if (size == 1) {
            return centre();
        }
        return min + (max - min) * index / (double) (size - 1);
    }
}
