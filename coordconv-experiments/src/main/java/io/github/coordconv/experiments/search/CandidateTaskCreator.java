package io.github.coordconv.experiments.search;

import io.github.coordconv.experiments.data.NotSoClevrData;
import io.github.coordconv.experiments.train.Json;
import io.github.coordconv.experiments.train.RunFiles;
import io.github.coordconv.experiments.train.RunListener;
import io.github.coordconv.experiments.train.RunResult;
import io.github.coordconv.experiments.train.RunSpec;
import io.github.coordconv.experiments.train.Runner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.TaskCreator;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.saving.ResultReference;
import org.deeplearning4j.arbiter.optimize.api.saving.ResultSaver;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains each Arbiter candidate (a {@link RunSpec}) with {@link Runner} in {@code candidates/NNNNN}
 * of the search directory and writes its {@link CandidateRecord}.
 *
 * <p>A candidate whose directory already holds a {@code result.json} of the same spec is not
 * trained again: its earlier result is returned, which is how an interrupted search resumes. A
 * directory left by a candidate interrupted mid-training is cleared and the candidate retrained.
 */
final class CandidateTaskCreator implements TaskCreator {

    private static final Logger log = LoggerFactory.getLogger(CandidateTaskCreator.class);

    /** Folder of the candidates' run directories inside the search directory. */
    static final String CANDIDATES = "candidates";

    private final Path searchDirectory;
    private final RunSpecSpace space;
    private final NotSoClevrData data;
    private final ArbiterParts.FinalTestScore score;

    CandidateTaskCreator(
            Path searchDirectory,
            RunSpecSpace space,
            NotSoClevrData data,
            ArbiterParts.FinalTestScore score) {
        this.searchDirectory = searchDirectory;
        this.space = space;
        this.data = data;
        this.score = score;
    }

    /** Returns the run directory of candidate {@code index}. */
    static Path candidateDirectory(Path searchDirectory, int index) {
        return searchDirectory
                .resolve(CANDIDATES)
                .resolve(String.format(Locale.ROOT, "%05d", index));
    }

    @Override
    public Callable<OptimizationResult> create(
            Candidate candidate,
            DataProvider dataProvider,
            ScoreFunction scoreFunction,
            List<StatusListener> statusListeners,
            IOptimizationRunner runner) {
        return () -> train(candidate, statusListeners, runner);
    }

    @Override
    public Callable<OptimizationResult> create(
            Candidate candidate,
            Class<? extends DataSource> dataSource,
            Properties dataSourceProperties,
            ScoreFunction scoreFunction,
            List<StatusListener> statusListeners,
            IOptimizationRunner runner) {
        return () -> train(candidate, statusListeners, runner);
    }

    private OptimizationResult train(
            Candidate candidate, List<StatusListener> statusListeners, IOptimizationRunner runner)
            throws IOException {
        int index = candidate.getIndex();
        Map<SearchAxis, Object> settings = space.settings(candidate.getFlatParameters());
        Path directory = candidateDirectory(searchDirectory, index);
        long start = System.currentTimeMillis();
        notify(
                statusListeners,
                runner,
                info(candidate, CandidateStatus.Running, null, start, null),
                null);
        RunResult result;
        try {
            RunSpec spec = ((CandidateSpec) candidate.getValue()).spec();
            result = finishedResult(spec, directory);
            if (result != null) {
                log.info(
                        "Candidate {} already finished in {}: not trained again", index, directory);
            } else {
                log.info("Candidate {} training: {}", index, settings);
                Files.deleteIfExists(directory.resolve(CandidateRecord.FILE));
                RunFiles.prepare(directory, true);
                result = Runner.run(spec, data, directory, RunListener.NONE);
            }
        } catch (RuntimeException e) {
            log.warn("Candidate {} failed: {}", index, e.toString());
            Files.createDirectories(directory);
            Json.write(
                    CandidateRecord.failed(index, settings, directory, e),
                    directory.resolve(CandidateRecord.FILE));
            notify(
                    statusListeners,
                    runner,
                    info(candidate, CandidateStatus.Failed, null, start, e),
                    null);
            throw e;
        }
        double value = score.score(result);
        CandidateRecord record = CandidateRecord.complete(index, settings, result, value);
        Json.write(record, directory.resolve(CandidateRecord.FILE));
        CandidateInfo info = info(candidate, CandidateStatus.Complete, value, start, null);
        OptimizationResult optimizationResult =
                new OptimizationResult(candidate, value, index, record, info, null);
        ResultSaver saver = runner.getConfiguration().getResultSaver();
        if (saver != null) {
            ResultReference reference = saver.saveModel(optimizationResult, result);
            optimizationResult.setResultReference(reference);
        }
        notify(statusListeners, runner, info, optimizationResult);
        return optimizationResult;
    }

    /** Returns the status of a candidate that started at {@code start}, as Arbiter records it. */
    private static CandidateInfo info(
            Candidate candidate,
            CandidateStatus status,
            Double score,
            long start,
            Exception failure) {
        boolean finished = status != CandidateStatus.Running;
        String stackTrace = null;
        if (failure != null) {
            StringWriter text = new StringWriter();
            failure.printStackTrace(new PrintWriter(text));
            stackTrace = text.toString();
        }
        return new CandidateInfo(
                candidate.getIndex(),
                status,
                score,
                start,
                start,
                finished ? System.currentTimeMillis() : null,
                candidate.getFlatParameters(),
                stackTrace);
    }

    /**
     * Passes a candidate's new status to Arbiter's status listeners, such as the UI's {@code
     * ArbiterStatusListener}, which otherwise never learn that a candidate runs or finished.
     */
    private static void notify(
            List<StatusListener> statusListeners,
            IOptimizationRunner runner,
            CandidateInfo info,
            OptimizationResult result) {
        if (statusListeners == null) {
            return;
        }
        for (StatusListener listener : statusListeners) {
            listener.onCandidateStatusChange(info, runner, result);
        }
    }

    /**
     * Returns the result of an earlier run of {@code spec} in {@code directory}, or {@code null} if
     * none finished there.
     *
     * @throws IllegalStateException if the directory holds a finished run of another spec
     */
    private static RunResult finishedResult(RunSpec spec, Path directory) {
        Path file = directory.resolve(RunFiles.RESULT);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        RunResult earlier;
        try {
            earlier = RunResult.read(file);
        } catch (UncheckedIOException e) {
            log.warn("Unreadable result {}: training the candidate again", file, e);
            return null;
        }
        if (!earlier.spec().withEnvironment(null).equals(spec.withEnvironment(null))) {
            throw new IllegalStateException(
                    "Candidate directory "
                            + directory
                            + " contains a run of another spec; the search directory belongs to"
                            + " a different search. Use another directory or --force.");
        }
        return earlier;
    }
}
