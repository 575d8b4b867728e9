package io.github.coordconv.experiments.report;

import io.github.coordconv.experiments.data.NotSoClevrData;
import io.github.coordconv.experiments.data.Split;
import io.github.coordconv.experiments.models.ModelType;
import io.github.coordconv.experiments.models.Task;
import io.github.coordconv.experiments.train.Budget;
import io.github.coordconv.experiments.train.DataSpec;
import io.github.coordconv.experiments.train.RunFiles;
import io.github.coordconv.experiments.train.RunListener;
import io.github.coordconv.experiments.train.RunResult;
import io.github.coordconv.experiments.train.RunSpec;
import io.github.coordconv.experiments.train.Runner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replication of the supervised experiments of the CoordConv paper (Liu et al., NeurIPS 2018):
 * every task on the uniform and quadrant splits with the CoordConv model and the baseline the
 * released code uses, each run in its own directory, then {@link Report}.
 */
public final class Replication {

    private static final Logger log = LoggerFactory.getLogger(Replication.class);

    private Replication() {}

    /**
     * Returns the 12 runs of the replication: for each task, the uniform and quadrant splits, each
     * with the CoordConv model and {@link ModelType#baseline}, at the released settings trained for
     * {@code budget}, with training seed {@code seed}.
     */
    public static List<RunSpec> plan(Budget budget, long seed) {
        return plan(budget, seed, List.of(Split.UNIFORM, Split.QUADRANT));
    }

    /** Returns the runs of {@link #plan(Budget, long)} for the given splits. */
    public static List<RunSpec> plan(Budget budget, long seed, List<Split> splits) {
        List<RunSpec> specs = new ArrayList<>();
        for (Task task : Task.values()) {
            for (Split split : splits) {
                for (ModelType model :
                        List.of(ModelType.COORDCONV, ModelType.baseline(task, split))) {
                    specs.add(RunSpec.defaults(task, split, model, budget).withSeed(seed));
                }
            }
        }
        return specs;
    }

    /**
     * Trains every spec, each in {@code resultsDirectory/<spec.name()>}, then writes the report
     * into {@code resultsDirectory}. Data sets are generated or read once per split and data
     * source.
     *
     * @throws IllegalStateException if {@code resultsDirectory} is not empty and {@code force} is
     *     false; nothing is trained then
     */
    public static List<RunResult> run(
            List<RunSpec> specs, Path resultsDirectory, boolean force, RunListener listener) {
        Report.checkWritable(resultsDirectory, force);
        long start = System.nanoTime();
        Map<String, NotSoClevrData> data = new HashMap<>();
        List<RunResult> results = new ArrayList<>();
        for (RunSpec spec : specs) {
            Path runDirectory = resultsDirectory.resolve(spec.name());
            RunFiles.prepare(runDirectory, force);
            DataSpec source = spec.data();
            String key = spec.split().cliName() + " " + source;
            NotSoClevrData runData = data.computeIfAbsent(key, k -> spec.loadData());
            results.add(Runner.run(spec, runData, runDirectory, listener));
        }
        Report.write(results, resultsDirectory, true);
        log.info(
                "Replication of {} runs finished in {} s; report in {}",
                results.size(),
                Math.round((System.nanoTime() - start) / 1e9),
                resultsDirectory.resolve(Report.REPORT_MD));
        return results;
    }
}
