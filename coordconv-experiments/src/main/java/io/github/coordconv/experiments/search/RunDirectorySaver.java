package io.github.coordconv.experiments.search;

import io.github.coordconv.experiments.train.RunFiles;
import io.github.coordconv.experiments.train.RunResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.saving.ResultReference;
import org.deeplearning4j.arbiter.optimize.api.saving.ResultSaver;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Arbiter result saver for candidates trained by {@link
 * io.github.coordconv.experiments.train.Runner}, which has already written the model ({@value
 * RunFiles#MODEL}) and full spec ({@value RunFiles#SPEC}) into the run directory. It plays the part
 * of Arbiter's {@code FileModelSaver}: the reference it returns reads the model back from there.
 */
final class RunDirectorySaver implements ResultSaver {

    @Override
    public ResultReference saveModel(OptimizationResult result, Object model) {
        Path directory = Path.of(((RunResult) model).runDirectory());
        return new ResultReference() {
            @Override
            public OptimizationResult getResult() {
                return result;
            }

            @Override
            public Object getResultModel() throws IOException {
                return ModelSerializer.restoreComputationGraph(
                        directory.resolve(RunFiles.MODEL).toFile(), false);
            }
        };
    }

    @Override
    public List<Class<?>> getSupportedCandidateTypes() {
        return List.of(CandidateSpec.class);
    }

    @Override
    public List<Class<?>> getSupportedModelTypes() {
        return List.of(RunResult.class);
    }
}
