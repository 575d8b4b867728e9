package io.github.coordconv.experiments.train;

import io.github.coordconv.experiments.data.Centre;
import io.github.coordconv.experiments.data.NotSoClevrData;
import io.github.coordconv.experiments.models.ModelFactory;
import io.github.coordconv.experiments.models.ParameterCounts;
import io.github.coordconv.experiments.models.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one model as a {@link RunSpec} describes and writes its files into a run directory:
 * {@value RunFiles#SPEC} (the spec with library versions and machine), {@value RunFiles#METRICS}
 * (one row per epoch), {@value RunFiles#RESULT}, {@value RunFiles#MODEL} (DL4J {@code
 * ModelSerializer}, updater included), {@value RunFiles#CURVES}, {@value RunFiles#PREDICTIONS} and
 * {@value RunFiles#STATS} (DL4J UI stats, see {@link RunStats}).
 *
 * <p>Each epoch shuffles the training set with a {@link Random} seeded from {@link RunSpec#seed()},
 * trains on minibatches of {@code training.batchSize} (at most {@code training.maxBatchesPerEpoch}
 * of them), then evaluates both splits in inference mode, in batches of {@code
 * training.evaluationBatchSize}, and logs the metrics at INFO. Weight initialisation, shuffling and
 * the evaluation subset all derive from the seed, so a spec repeats its numbers on the same data
 * and machine.
 *
 * <p>NOTE: repeatability is tested on the CPU backend only; multi-threaded GPU kernels may sum in a
 * different order from run to run.
 */
public final class Runner {

    private static final Logger log = LoggerFactory.getLogger(Runner.class);

    /** Test examples shown in the prediction plot of classification and rendering. */
    static final int PLOTTED_EXAMPLES = 4;

    /** Offset of the evaluation subset's seed from the run seed, so it differs from shuffling. */
    private static final long EVALUATION_SEED_OFFSET = 0x5EEDL;

    private Runner() {}

    /**
     * Trains {@code spec} on {@code data} and writes the run's files into {@code runDirectory}.
     *
     * @param spec what to train and how
     * @param data the data set; must match {@code spec.data()} and {@code spec.split()}
     * @param runDirectory directory for the run's files; created if needed, and must not contain an
     *     earlier run (see {@link RunFiles#prepare} to clear one)
     * @param listener progress callbacks, or {@link RunListener#NONE}
     * @return metrics of every epoch, parameter counts and timings
     * @throws IllegalArgumentException if the data does not match the spec
     * @throws IllegalStateException if {@code runDirectory} contains other files
     * @throws UncheckedIOException if a file cannot be written
     */
    public static RunResult run(
            RunSpec spec, NotSoClevrData data, Path runDirectory, RunListener listener) {
        long start = System.nanoTime();
        checkData(spec, data);
        RunFiles.prepare(runDirectory, false);
        RunSpec written = spec.withEnvironment(Environment.current());
        written.writeJson(runDirectory.resolve(RunFiles.SPEC));

        TaskArrays arrays = TaskArrays.of(spec.task(), data, spec.dataType());
        ComputationGraphConfiguration configuration =
                ModelFactory.configuration(
                        spec.task(), spec.model(), spec.network(), spec.graphSettings());
        ComputationGraph graph = new ComputationGraph(configuration);
        graph.init();
        Session session = new Session(spec, arrays, graph, listener);
        log.info(
                "Run {} started: {} trainable parameters, {} train / {} test examples ({}),"
                        + " epochs {}, minibatches per epoch {}, batch size {}, output in {}",
                spec.name(),
                ParameterCounts.trainable(configuration),
                arrays.trainCentres.size(),
                arrays.testCentres.size(),
                data.source(),
                spec.training().epochs(),
                session.batchesPerEpoch,
                spec.training().batchSize(),
                runDirectory);
        listener.runStarted(written, session.batchesPerEpoch);

        MetricsCsv csv = new MetricsCsv(runDirectory.resolve(RunFiles.METRICS));
        List<EpochMetrics> epochs = new ArrayList<>();
        boolean stoppedEarly = false;
        try (RunStats stats =
                RunStats.open(
                        runDirectory.resolve(RunFiles.STATS),
                        spec.name(),
                        session.batchesPerEpoch,
                        listener)) {
            graph.setListeners(stats.listener());
            for (int epoch = 1; epoch <= spec.training().epochs() && !stoppedEarly; epoch++) {
                EpochMetrics metrics = session.trainEpoch(epoch);
                epochs.add(metrics);
                csv.append(metrics);
                logEpoch(spec, metrics);
                listener.epochCompleted(metrics);
                stoppedEarly = session.shouldStop(metrics);
            }
        } finally {
            graph.setListeners();
        }

        saveModel(graph, runDirectory.resolve(RunFiles.MODEL));
        writePlots(session, epochs, runDirectory);
        RunResult result =
                result(written, runDirectory, configuration, epochs, seconds(start), stoppedEarly);
        Json.write(result, runDirectory.resolve(RunFiles.RESULT));
        log.info(
                "Run {} finished in {} s: test {} {} (best {} at epoch {}), files in {}",
                spec.name(),
                format(result.totalSeconds()),
                SplitMetrics.primaryName(spec.task()),
                format(result.finalTest().primary(spec.task())),
                format(result.bestTest().primary(spec.task())),
                result.bestEpoch(),
                runDirectory);
        listener.runFinished(result);
        return result;
    }

    /** The network, data and random sources of one run while it trains. */
    private static final class Session {
        final RunSpec spec;
        final TaskArrays arrays;
        final ComputationGraph graph;
        final RunListener listener;
        final int batchesPerEpoch;
        final int[] trainRows;
        final int[] testRows;
        final Random shuffle;

        Session(RunSpec spec, TaskArrays arrays, ComputationGraph graph, RunListener listener) {
            this.spec = spec;
            this.arrays = arrays;
            this.graph = graph;
            this.listener = listener;
            TrainingSpec training = spec.training();
            int trainSize = arrays.trainCentres.size();
            this.batchesPerEpoch = batchesPerEpoch(trainSize, training);
            Random evaluation = new Random(spec.seed() + EVALUATION_SEED_OFFSET);
            this.trainRows = evaluationRows(trainSize, training.evaluationExamples(), evaluation);
            this.testRows =
                    evaluationRows(
                            arrays.testCentres.size(), training.evaluationExamples(), evaluation);
            this.shuffle = new Random(spec.seed());
        }

        /** Trains epoch {@code epoch} (from 1), then evaluates both splits. */
        EpochMetrics trainEpoch(int epoch) {
            TrainingSpec training = spec.training();
            long trainingStart = System.nanoTime();
            int trainSize = arrays.trainCentres.size();
            int[] order = permutation(trainSize, shuffle);
            double scoreSum = 0;
            for (int batch = 0; batch < batchesPerEpoch; batch++) {
                int from = batch * training.batchSize();
                int to = Math.min(trainSize, from + training.batchSize());
                int[] rows = Arrays.copyOfRange(order, from, to);
                graph.fit(
                        new DataSet(
                                arrays.inputRows(arrays.trainInputs, rows),
                                TaskArrays.targetRows(arrays.trainTargets, rows)));
                double score = graph.score();
                scoreSum += score;
                listener.batchCompleted(epoch, batch + 1, score);
            }
            graph.incrementEpochCount();
            double trainingSeconds = seconds(trainingStart);

            long evaluationStart = System.nanoTime();
            SplitMetrics train = evaluate(arrays.trainInputs, arrays.trainTargets, trainRows);
            SplitMetrics test = evaluate(arrays.testInputs, arrays.testTargets, testRows);
            return new EpochMetrics(
                    epoch,
                    spec.optimizer().learningRateAt(epoch - 1),
                    batchesPerEpoch,
                    scoreSum / batchesPerEpoch,
                    train,
                    test,
                    trainingSeconds,
                    seconds(evaluationStart));
        }

        private SplitMetrics evaluate(INDArray inputs, INDArray targets, int[] rows) {
            return Metrics.evaluate(
                    graph,
                    spec.task(),
                    inputs,
                    targets,
                    rows,
                    spec.training().evaluationBatchSize());
        }

        /** Returns whether training stops early after {@code metrics}, and logs why. */
        boolean shouldStop(EpochMetrics metrics) {
            Task task = spec.task();
            boolean stop =
                    spec.training().stopWhenPerfect()
                            && metrics.train().perfect(task)
                            && metrics.test().perfect(task)
                            && metrics.epoch() < spec.training().epochs();
            if (stop) {
                log.info(
                        "Run {} stopped after epoch {}: both splits perfect",
                        spec.name(),
                        metrics.epoch());
            }
            return stop;
        }
    }

    /**
     * Throws unless {@code data} is the data {@code spec} describes: for generated data the same
     * split, intensity and (for seeded splits) seed.
     */
    static void checkData(RunSpec spec, NotSoClevrData data) {
        DataSpec expected = spec.data();
        boolean matches = Math.abs(data.intensity() - expected.intensity()) < 1e-9;
        if (expected.generated()) {
            matches &= data.split() == spec.split();
            matches &= !spec.split().usesSeed() || data.seed() == expected.seed();
        } else {
            matches &= data.split() == null || data.split() == spec.split();
        }
        if (!matches) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "Data %s does not match run %s, which expects split %s from %s"
                                    + " (seed %d, intensity %s). Load the data with"
                                    + " spec.loadData().",
                            data,
                            spec.name(),
                            spec.split().cliName(),
                            expected.source(),
                            expected.seed(),
                            expected.intensity()));
        }
    }

    static int batchesPerEpoch(int trainSize, TrainingSpec training) {
        int full = (trainSize + training.batchSize() - 1) / training.batchSize();
        int cap = training.maxBatchesPerEpoch();
        return cap > 0 ? Math.min(full, cap) : full;
    }

    /** Returns a random permutation of {@code 0..size-1} (Fisher-Yates). */
    static int[] permutation(int size, Random random) {
        int[] order = new int[size];
        Arrays.setAll(order, i -> i);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** Returns all rows, or {@code limit} of them drawn at random and sorted. */
    static int[] evaluationRows(int size, int limit, Random random) {
        if (limit <= 0 || limit >= size) {
            int[] all = new int[size];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] rows = Arrays.copyOf(permutation(size, random), limit);
        Arrays.sort(rows);
        return rows;
    }

    private static void logEpoch(RunSpec spec, EpochMetrics metrics) {
        Task task = spec.task();
        String name = SplitMetrics.primaryName(task);
        String error =
                metrics.test().meanErrorPixels() == null
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                ", mean error train %s px / test %s px",
                                format(metrics.train().meanErrorPixels()),
                                format(metrics.test().meanErrorPixels()));
        log.info(
                "Run {} epoch {}/{}: lr {}, training loss {}, {} train {} / test {}{}"
                        + " ({} s training, {} s evaluation)",
                spec.name(),
                metrics.epoch(),
                spec.training().epochs(),
                format(metrics.learningRate()),
                format(metrics.trainingLoss()),
                name,
                format(metrics.train().primary(task)),
                format(metrics.test().primary(task)),
                error,
                format(metrics.trainingSeconds()),
                format(metrics.evaluationSeconds()));
    }

    private static void saveModel(ComputationGraph graph, Path file) {
        try {
            ModelSerializer.writeModel(graph, file.toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write model " + file, e);
        }
    }

    /** Writes both plots; a failure is logged and does not fail the run. */
    private static void writePlots(Session session, List<EpochMetrics> epochs, Path runDirectory) {
        RunSpec spec = session.spec;
        TaskArrays arrays = session.arrays;
        try {
            RunPlots.trainingCurves(spec, epochs, runDirectory.resolve(RunFiles.CURVES));
            int[] rows =
                    spec.task() == Task.REGRESSION
                            ? session.testRows
                            : spread(arrays.testCentres.size(), PLOTTED_EXAMPLES);
            List<Centre> centres = new ArrayList<>();
            for (int row : rows) {
                centres.add(arrays.testCentres.get(row));
            }
            INDArray outputs =
                    predict(session.graph, arrays, rows, spec.training().evaluationBatchSize());
            INDArray targets = TaskArrays.targetRows(arrays.testTargets, rows);
            RunPlots.predictions(
                    spec.task(),
                    centres,
                    outputs,
                    targets,
                    runDirectory.resolve(RunFiles.PREDICTIONS));
        } catch (IOException | RuntimeException e) {
            log.warn("Run {}: failed to write plots to {}", spec.name(), runDirectory, e);
        }
    }

    /** Returns {@code count} rows spread evenly over {@code 0..size-1}. */
    static int[] spread(int size, int count) {
        int n = Math.min(size, count);
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = (int) ((long) i * size / n + size / (2L * n));
        }
        return rows;
    }

    private static INDArray predict(
            ComputationGraph graph, TaskArrays arrays, int[] rows, int batchSize) {
        List<INDArray> parts = new ArrayList<>();
        for (int start = 0; start < rows.length; start += batchSize) {
            int[] batch = Arrays.copyOfRange(rows, start, Math.min(rows.length, start + batchSize));
            parts.add(graph.outputSingle(false, arrays.inputRows(arrays.testInputs, batch)));
        }
        return Nd4j.concat(0, parts.toArray(new INDArray[0]));
    }

    private static RunResult result(
            RunSpec spec,
            Path runDirectory,
            ComputationGraphConfiguration configuration,
            List<EpochMetrics> epochs,
            double totalSeconds,
            boolean stoppedEarly) {
        Task task = spec.task();
        EpochMetrics last = epochs.get(epochs.size() - 1);
        EpochMetrics best = epochs.get(0);
        Integer firstPerfect = null;
        double trainingSeconds = 0;
        for (EpochMetrics metrics : epochs) {
            trainingSeconds += metrics.trainingSeconds();
            if (metrics.test().primary(task) > best.test().primary(task)) {
                best = metrics;
            }
            if (firstPerfect == null && metrics.test().perfect(task)) {
                firstPerfect = metrics.epoch();
            }
        }
        return new RunResult(
                spec,
                runDirectory.toString(),
                ParameterCounts.trainable(configuration),
                ParameterCounts.total(configuration),
                epochs,
                last.train(),
                last.test(),
                firstPerfect,
                best.epoch(),
                best.test(),
                trainingSeconds,
                totalSeconds,
                stoppedEarly);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String format(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.4g", value);
    }
}
