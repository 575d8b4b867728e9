package io.github.coordconv.experiments.search;

import io.github.coordconv.experiments.data.NotSoClevrData;
import io.github.coordconv.experiments.train.Json;
import io.github.coordconv.experiments.train.RunSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxTimeCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.TerminationCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a hyperparameter search with Arbiter's {@link LocalOptimizationRunner}, one candidate at a
 * time, and writes into the search directory:
 *
 * <ul>
 *   <li>{@value #CONFIG}: the settings that define the candidate sequence (space, task, split,
 *       strategy, seed, offset, training);
 *   <li>{@code candidates/NNNNN/}: each candidate's run files (spec, model, metrics, plots) and its
 *       {@code candidate.json};
 *   <li>{@value #SUMMARY}: every candidate of the directory with its settings, score and metrics,
 *       best first.
 * </ul>
 *
 * <p>Candidate generation is deterministic: the random strategy is seeded and the grid runs in
 * sequential order. A search started again on the same directory with {@link
 * ExistingDirectory#RESUME} therefore regenerates the same candidates and skips those whose result
 * is on disk; the candidate limit counts them.
 */
public final class Search {

    private static final Logger log = LoggerFactory.getLogger(Search.class);

    /** File name of the search's defining settings. */
    public static final String CONFIG = "search-config.json";

    /** File name of the ranked candidate list. */
    public static final String SUMMARY = "search.json";

    /**
     * File name of the search's DL4J UI stats, which a caller may record through {@link
     * #run(SearchSettings, Path, ExistingDirectory, Function)} (for example Arbiter's {@code
     * ArbiterStatusListener} into a {@code FileStatsStorage}). The search directory may contain it,
     * and {@link ExistingDirectory#REPLACE} deletes it.
     */
    public static final String STATS = "search-stats.dl4j";

    /** What to do when the search directory already contains a search. */
    public enum ExistingDirectory {
        /** Reject it with an error. */
        REJECT,
        /** Continue it; its settings must match. */
        RESUME,
        /** Delete its files and start over. */
        REPLACE
    }

    private Search() {}

    /**
     * Runs {@code settings} in {@code directory}.
     *
     * @param listeners Arbiter status listeners (for example the UI's), may be empty
     * @return every candidate recorded in the directory, best first
     * @throws IllegalStateException if the directory contains a search and {@code existing} is
     *     {@link ExistingDirectory#REJECT}, or a different search and it is {@link
     *     ExistingDirectory#RESUME}, or files a search does not write
     */
    public static List<CandidateRecord> run(
            SearchSettings settings,
            Path directory,
            ExistingDirectory existing,
            List<StatusListener> listeners) {
        return run(settings, directory, existing, prepared -> listeners);
    }

    /**
     * Runs {@code settings} in {@code directory}, with status listeners created once the directory
     * is prepared, so that they may keep files in it (such as {@value #STATS}).
     *
     * @param listeners returns the Arbiter status listeners for the prepared search directory. It
     *     is called once, before the first candidate.
     * @return every candidate recorded in the directory, best first
     * @throws IllegalStateException as {@link #run(SearchSettings, Path, ExistingDirectory, List)}
     */
    public static List<CandidateRecord> run(
            SearchSettings settings,
            Path directory,
            ExistingDirectory existing,
            Function<Path, List<StatusListener>> listeners) {
        prepare(settings, directory, existing);
        RunSpec base =
                RunSpec.defaults(settings.task(), settings.split(), settings.space().model())
                        .withTraining(settings.training())
                        .withSeed(settings.seed());
        RunSpecSpace space = new RunSpecSpace(base, settings.space());
        NotSoClevrData data = base.loadData();
        ArbiterParts.FinalTestScore score = new ArbiterParts.FinalTestScore(settings.task());

        List<TerminationCondition> conditions = new ArrayList<>();
        conditions.add(new MaxCandidatesCondition(settings.candidates()));
        if (settings.budgetMinutes() > 0) {
            long seconds = (long) Math.ceil(settings.budgetMinutes() * 60);
            conditions.add(new MaxTimeCondition(seconds, TimeUnit.SECONDS));
        }
        CandidateGenerator generator = generator(settings, space);
        OptimizationConfiguration configuration =
                new OptimizationConfiguration.Builder()
                        .candidateGenerator(generator)
                        .dataProvider(new ArbiterParts.DataSetProvider(data))
                        .modelSaver(new RunDirectorySaver())
                        .scoreFunction(score)
                        .terminationConditions(conditions)
                        .rngSeed(settings.seed())
                        .build();
        IOptimizationRunner runner =
                new LocalOptimizationRunner(
                        1, configuration, new CandidateTaskCreator(directory, space, data, score));
        listeners.apply(directory).forEach(runner::addListeners);
        log.info(
                "Search {} started: space {} ({} grid points), strategy {}, at most {} candidates"
                        + " from offset {}, budget {} min, output in {}",
                base.name(),
                settings.space().name(),
                settings.space().gridSize(),
                settings.strategy(),
                settings.candidates(),
                settings.offset(),
                settings.budgetMinutes(),
                directory);
        settings.repeatWarning().ifPresent(log::warn);
        runner.execute();
        log.info(
                "Search finished: {} candidates completed, {} failed",
                runner.numCandidatesCompleted(),
                runner.numCandidatesFailed());
        return writeSummary(directory);
    }

    /**
     * Reads every {@code candidate.json} under {@code directory}, writes them best first to {@value
     * #SUMMARY} and returns them in that order.
     */
    public static List<CandidateRecord> writeSummary(Path directory) {
        Path candidates = directory.resolve(CandidateTaskCreator.CANDIDATES);
        List<CandidateRecord> records = new ArrayList<>();
        if (Files.isDirectory(candidates)) {
            try (Stream<Path> entries = Files.list(candidates)) {
                entries.map(entry -> entry.resolve(CandidateRecord.FILE))
                        .filter(Files::isRegularFile)
                        .forEach(file -> records.add(CandidateRecord.read(file)));
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to list " + candidates, e);
            }
        }
        records.sort(CandidateRecord.RANKING);
        Json.write(records, directory.resolve(SUMMARY));
        return records;
    }

    private static CandidateGenerator generator(SearchSettings settings, RunSpecSpace space) {
        Map<String, Object> dataParameters = new HashMap<>();
        CandidateGenerator generator =
                switch (settings.strategy()) {
                    case RANDOM -> new RandomSearchGenerator(space, dataParameters);
                    case GRID ->
                            new GridSearchCandidateGenerator(
                                    space,
                                    1,
                                    GridSearchCandidateGenerator.Mode.Sequential,
                                    dataParameters);
                };
        generator.setRngSeed(settings.seed());
        return settings.offset() > 0
                ? new ArbiterParts.SlicedGenerator(generator, settings.offset())
                : generator;
    }

    /** Returns the settings that fix the candidate sequence, as written to {@value #CONFIG}. */
    static Map<String, Object> definingSettings(SearchSettings settings) {
        Map<String, Object> axes = new LinkedHashMap<>();
        settings.space().axes().forEach((axis, values) -> axes.put(axis.key(), values));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("space", settings.space().name());
        config.put("model", settings.space().model().cliName());
        config.put("axes", axes);
        config.put("task", settings.task().cliName());
        config.put("split", settings.split().cliName());
        config.put("strategy", settings.strategy().name().toLowerCase(java.util.Locale.ROOT));
        config.put("seed", settings.seed());
        config.put("offset", settings.offset());
        config.put("training", settings.training());
        return config;
    }

    private static void prepare(SearchSettings settings, Path directory, ExistingDirectory mode) {
        String config = Json.toJson(definingSettings(settings));
        Path configFile = directory.resolve(CONFIG);
        try {
            Files.createDirectories(directory);
            List<String> existing;
            try (Stream<Path> entries = Files.list(directory)) {
                existing = entries.map(p -> p.getFileName().toString()).sorted().toList();
            }
            List<String> known = List.of(CONFIG, SUMMARY, STATS, CandidateTaskCreator.CANDIDATES);
            List<String> unknown = existing.stream().filter(n -> !known.contains(n)).toList();
            if (!unknown.isEmpty()) {
                throw new IllegalStateException(
                        "Search directory "
                                + directory
                                + " contains other files ("
                                + String.join(", ", unknown)
                                + "). Choose an empty or new directory.");
            }
            if (!existing.isEmpty()) {
                switch (mode) {
                    case REJECT ->
                            throw new IllegalStateException(
                                    "Search directory "
                                            + directory
                                            + " already contains a search. Pass --resume to"
                                            + " continue it or --force to replace it.");
                    case RESUME -> {
                        String earlier =
                                Files.isRegularFile(configFile) ? Files.readString(configFile) : "";
                        if (!earlier.strip().equals(config.strip())) {
                            throw new IllegalStateException(
                                    "Search directory "
                                            + directory
                                            + " contains a search with other settings ("
                                            + configFile
                                            + "); --resume needs the same space, task, split,"
                                            + " strategy, seed, offset and training options."
                                            + " Use another directory or --force.");
                        }
                        log.info("Resuming the search in {}", directory);
                    }
                    case REPLACE -> {
                        log.info("Replacing the search in {}", directory);
                        deleteRecursively(directory.resolve(CandidateTaskCreator.CANDIDATES));
                        Files.deleteIfExists(directory.resolve(SUMMARY));
                        Files.deleteIfExists(directory.resolve(STATS));
                        Files.deleteIfExists(configFile);
                    }
                }
            }
            Files.writeString(configFile, config);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to prepare search directory " + directory, e);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            Files.delete(path);
        }
    }
}
