package io.github.coordconv.experiments.data;

/**
 * Centre of one Not-so-Clevr square: pixel column {@code x} and pixel row {@code y} on the 64x64
 * canvas, both in {@value NotSoClevrData#MIN_CENTRE}..{@value NotSoClevrData#MAX_CENTRE} so that
 * the 9x9 square around the centre fits on the canvas.
 *
 * @param x pixel column, counted from the left edge
 * @param y pixel row, counted from the top edge
 * @throws IllegalArgumentException if {@code x} or {@code y} is outside 4..59
 */
public record Centre(int x, int y) {

    public Centre {
        checkCoordinate("x", x);
        checkCoordinate("y", y);
    }

    /**
     * Returns the index of this pixel in a row-major flattened 64x64 canvas, {@code y * 64 + x}:
     * the class of this centre in the 4,096-way classification task.
     */
    public int pixelIndex() {
        return y * NotSoClevrData.CANVAS + x;
    }

    /** Returns the name of this centre's image file in exported data, e.g. {@code x12_y40.png}. */
    public String imageFileName() {
        return "x" + x + "_y" + y + ".png";
    }

    private static void checkCoordinate(String name, int value) {
        if (value < NotSoClevrData.MIN_CENTRE || value > NotSoClevrData.MAX_CENTRE) {
            throw new IllegalArgumentException(
                    "Invalid centre "
                            + name
                            + " = "
                            + value
                            + ": expected "
                            + NotSoClevrData.MIN_CENTRE
                            + ".."
                            + NotSoClevrData.MAX_CENTRE
                            + " so that the 9x9 square fits on the 64x64 canvas");
        }
    }
}
