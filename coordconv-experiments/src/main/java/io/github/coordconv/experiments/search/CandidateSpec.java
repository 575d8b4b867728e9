package io.github.coordconv.experiments.search;

import io.github.coordconv.experiments.train.RunSpec;
import java.io.Serializable;

/**
 * The value of an Arbiter candidate: a {@link RunSpec} as JSON. Arbiter serialises every candidate
 * value with Java serialisation, which {@link RunSpec} does not support, so the spec travels as its
 * JSON text.
 *
 * @param specJson the spec, written by {@link RunSpec#toJson()}
 */
public record CandidateSpec(String specJson) implements Serializable {

    /** Returns the candidate value of {@code spec}. */
    public static CandidateSpec of(RunSpec spec) {
        return new CandidateSpec(spec.toJson());
    }

    /** Returns the spec. */
    public RunSpec spec() {
        return RunSpec.fromJson(specJson, "search candidate");
    }
}
