package io.github.coordconv.experiments.train;

import io.github.coordconv.experiments.data.NotSoClevrData;
import io.github.coordconv.experiments.data.Split;
import io.github.coordconv.experiments.models.Task;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Source of the Not-so-Clevr data of a run.
 *
 * @param source {@value #GENERATED} to generate the split in memory, or the path of a directory
 *     exported by {@code NotSoClevrData.export} (relative paths resolve against the working
 *     directory)
 * @param seed numpy seed of the uniform splits; {@link NotSoClevrData#RELEASED_SEED} (20202)
 *     reproduces the released split. The quadrant split and data read from files ignore it.
 * @param intensity pixel value inside the square, in (0, 1]; it matters only for rendering targets
 */
public record DataSpec(String source, long seed, double intensity) {

    /** {@link #source()} of data generated in memory. */
    public static final String GENERATED = "generated";

    /** Checks every field. */
    public DataSpec {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException(
                    "data.source is missing: expected \"generated\" or the path of an exported"
                            + " data directory");
        }
        if (!(intensity > 0 && intensity <= 1)) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "data.intensity must be in (0, 1], e.g. 1.0 or 128/255 = %.6f, but was"
                                    + " %s",
                            NotSoClevrData.RELEASED_INTENSITY,
                            intensity));
        }
    }

    /**
     * Returns the default data of {@code task}: generated, with the released seed and intensity
     * 128/255 as in the released data, except rendering, which gets intensity 1.0 (chosen here, as
     * in third-party copies of the data). The rendering loss is a sigmoid cross-entropy, and its
     * optimum for a target of 128/255 is a probability of 0.502. The IoU at threshold 0.5 would
     * then hinge on noise.
     */
    public static DataSpec defaults(Task task) {
        double intensity = task == Task.RENDERING ? 1.0 : NotSoClevrData.RELEASED_INTENSITY;
        return new DataSpec(GENERATED, NotSoClevrData.RELEASED_SEED, intensity);
    }

    /** Returns whether the data is generated in memory rather than read from files. */
    public boolean generated() {
        return GENERATED.equals(source);
    }

    /** Generates or reads the data: the {@code split} split, or the files at {@link #source()}. */
    public NotSoClevrData load(Split split) {
        if (generated()) {
            return NotSoClevrData.generate(split, seed, intensity);
        }
        return NotSoClevrData.read(Path.of(source), intensity);
    }

    /** Returns a copy with another split seed. */
    public DataSpec withSeed(long seed) {
        return new DataSpec(source, seed, intensity);
    }

    /** Returns a copy with another square intensity. */
    public DataSpec withIntensity(double intensity) {
        return new DataSpec(source, seed, intensity);
    }
}
