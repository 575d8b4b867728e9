package io.github.coordconv.experiments.search;

import io.github.coordconv.experiments.train.RunSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.arbiter.optimize.api.AbstractParameterSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;

/**
 * Arbiter parameter space of {@link RunSpec}s (as {@link CandidateSpec}s): one {@link
 * DiscreteParameterSpace} leaf per axis of a {@link SearchSpace}, applied in order to a base spec.
 * Arbiter's random and grid generators assign each leaf its index into the flat parameter vector,
 * as for its own network spaces.
 */
public final class RunSpecSpace extends AbstractParameterSpace<CandidateSpec> {

    private final RunSpec base;
    private final Map<SearchAxis, DiscreteParameterSpace<Object>> leaves = new LinkedHashMap<>();

    /**
     * For Arbiter's JSON reader, which sets {@code base} and {@code leaves} from their values. The
     * DL4J UI reads the search configuration back this way to show it.
     */
    private RunSpecSpace() {
        this.base = null;
    }

    /**
     * Creates the space of {@code space}'s axes over {@code base}.
     *
     * @throws IllegalArgumentException if {@code base} trains another model than {@code space}, or
     *     a value of an axis is invalid for it
     */
    public RunSpecSpace(RunSpec base, SearchSpace space) {
        if (base.model() != space.model()) {
            throw new IllegalArgumentException(
                    "Search space "
                            + space.name()
                            + " is for model "
                            + space.model().cliName()
                            + ", but the base spec trains "
                            + base.model().cliName());
        }
        this.base = base;
        for (Map.Entry<SearchAxis, List<Object>> axis : space.axes().entrySet()) {
            // Applies every value once, so that a value the model rejects fails here with a
            // clear message rather than inside Arbiter's candidate generator.
            for (Object value : axis.getValue()) {
                try {
                    axis.getKey().apply(base, value);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "Search space "
                                    + space.name()
                                    + ": value "
                                    + value
                                    + " of axis "
                                    + axis.getKey().key()
                                    + " is invalid for "
                                    + base.name()
                                    + ": "
                                    + e.getMessage(),
                            e);
                }
            }
            leaves.put(axis.getKey(), new DiscreteParameterSpace<>(axis.getValue()));
        }
    }

    /** Returns the values of every axis of the candidate at {@code parameters}, in axis order. */
    public Map<SearchAxis, Object> settings(double[] parameters) {
        Map<SearchAxis, Object> settings = new LinkedHashMap<>();
        for (Map.Entry<SearchAxis, DiscreteParameterSpace<Object>> leaf : leaves.entrySet()) {
            settings.put(leaf.getKey(), leaf.getValue().getValue(parameters));
        }
        return settings;
    }

    /** Returns the base spec with every axis set to its value at {@code parameters}. */
    public RunSpec spec(double[] parameters) {
        RunSpec spec = base;
        for (Map.Entry<SearchAxis, Object> setting : settings(parameters).entrySet()) {
            spec = setting.getKey().apply(spec, setting.getValue());
        }
        return spec;
    }

    /** Returns {@link #spec(double[])} as an Arbiter candidate value. */
    @Override
    public CandidateSpec getValue(double[] parameters) {
        return CandidateSpec.of(spec(parameters));
    }

    /** Returns the length of the flat parameter vector: one entry per axis. */
    @Override
    public int numParameters() {
        return leaves.size();
    }

    @Override
    public List<ParameterSpace> collectLeaves() {
        return new ArrayList<>(leaves.values());
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException(
                "RunSpecSpace is not a leaf: Arbiter sets the indices of its leaves");
    }
}
