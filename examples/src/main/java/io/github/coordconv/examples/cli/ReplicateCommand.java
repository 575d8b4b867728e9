package io.github.coordconv.examples.cli;

import io.github.coordconv.examples.cli.Converters.SplitConverter;
import io.github.coordconv.examples.cli.Converters.TaskConverter;
import io.github.coordconv.examples.ui.UiServer;
import io.github.coordconv.experiments.data.NotSoClevrData;
import io.github.coordconv.experiments.data.Split;
import io.github.coordconv.experiments.models.Task;
import io.github.coordconv.experiments.report.Replication;
import io.github.coordconv.experiments.report.Report;
import io.github.coordconv.experiments.train.Budget;
import io.github.coordconv.experiments.train.DataSpec;
import io.github.coordconv.experiments.train.RunListener;
import io.github.coordconv.experiments.train.RunResult;
import io.github.coordconv.experiments.train.RunSpec;
import io.github.coordconv.experiments.train.TrainingSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code coordconv replicate}: trains the CoordConv model and the released baseline on each task
 * and split through {@link Replication}, shows progress on stderr and prints our numbers beside the
 * reported ones on stdout.
 */
@Command(
        name = "replicate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Trains CoordConv and the released baselines and compares them with the paper.",
            "",
            "For each task and split, trains the CoordConv model and the baseline of the"
                    + " released code, then prints our numbers beside the reported ones. It"
                    + " writes into the results directory:",
            "  results.json and report.md: the table, as JSON and as Markdown",
            "  one directory per run: spec.json, metrics.csv, result.json, model.zip,",
            "    training-curves.png, predictions.png and stats.dl4j (DL4J UI stats)",
            "",
            "The quick budget checks the pipeline; at its budgets the models do not reach the"
                    + " paper's accuracies. The full budget trains the released epochs and"
                    + " takes hours on a CPU."
        })
final class ReplicateCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @ArgGroup(exclusive = true)
    BudgetChoice budgetChoice;

    /** The two budget flags, of which at most one may be given. */
    static final class BudgetChoice {
        @Option(
                names = "--quick",
                description = "A few capped epochs per run, to check the pipeline (default).")
        boolean quick;

        @Option(
                names = "--full",
                description =
                        "The epochs of the released code: 100 per CoordConv and regression run,"
                                + " 1,000 per deconv run.")
        boolean full;
    }

    @Option(
            names = "--tasks",
            split = ",",
            paramLabel = "TASK",
            converter = TaskConverter.class,
            defaultValue = "classification,regression,rendering",
            description =
                    "Comma-separated tasks: classification, regression, rendering (default: all).")
    List<Task> tasks;

    @Option(
            names = "--splits",
            split = ",",
            paramLabel = "SPLIT",
            converter = SplitConverter.class,
            defaultValue = "uniform,quadrant",
            description =
                    "Comma-separated splits: uniform, uniform-80-20, quadrant (default:"
                            + " ${DEFAULT-VALUE}).")
    List<Split> splits;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Results directory (default: results/replicate-<budget>).")
    Path out;

    @Option(
            names = "--force",
            description = "Overwrite the results in a non-empty results directory.")
    boolean force;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "" + RunSpec.DEFAULT_SEED,
            description =
                    "Training seed: weight initialisation, minibatch order and evaluation subset"
                            + " (default: ${DEFAULT-VALUE}). The uniform split keeps the released"
                            + " seed 20202.")
    long seed;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description =
                    "Train on the files of DIR (train.csv and test.csv, as written by 'coordconv"
                            + " dataset export') instead of generating the split. Needs --splits"
                            + " with the one split that names them in the report.")
    Path data;

    @Option(
            names = "--max-epochs",
            paramLabel = "N",
            description = "For smoke tests: train each run for at most N epochs.")
    Integer maxEpochs;

    @Option(
            names = "--max-batches",
            paramLabel = "N",
            description = "For smoke tests: train at most N minibatches per epoch.")
    Integer maxBatches;

    @Option(
            names = "--eval-examples",
            paramLabel = "N",
            description = "For smoke tests: evaluate at most N examples of each split per epoch.")
    Integer evaluationExamples;

    @Option(
            names = {"-v", "--verbose"},
            description = "Show the library's INFO logs (one line per epoch) on stderr.")
    boolean verbose;

    @Mixin UiOptions ui;

    @Override
    public Integer call() {
        Budget budget = budget();
        Path resultsDirectory = resultsDirectory();
        checkCaps();
        ui.check(spec.commandLine());
        List<Split> chosenSplits = distinct(splits);
        Set<Task> chosenTasks = new LinkedHashSet<>(tasks);
        if (data != null) {
            checkData(chosenSplits);
        }
        OutputDirectory.checkUsable(resultsDirectory, force);

        List<RunSpec> plan = plan(budget, chosenTasks, chosenSplits);
        // Both writers are fetched before training, because picocli creates its default writer
        // from System.out on first use, and training points System.out to System.err.
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        err.printf(
                Locale.ROOT,
                "Training %d runs (budget %s%s) into %s%n",
                plan.size(),
                budget.cliName(),
                capped() ? ", capped for a smoke test" : "",
                resultsDirectory.toAbsolutePath().normalize());
        err.flush();

        List<RunResult> results;
        try (UiServer server = ui.startIfRequested(spec.commandLine(), err, UiServer.TRAIN_PAGE)) {
            RunListener listener =
                    new StatsDisplay(
                            new ProgressListener(
                                    err, ProgressListener.terminalAttached(), plan.size()),
                            server);
            try (LibraryOutput diverted = LibraryOutput.divert(verbose)) {
                results = Replication.run(plan, resultsDirectory, force, listener);
            }
        }

        out.println();
        ResultsTable.print(results, out);
        out.printf(
                Locale.ROOT,
                "Report: %s and %s; one directory per run with its spec.json and plots.%n",
                resultsDirectory.resolve(Report.REPORT_MD),
                resultsDirectory.resolve(Report.RESULTS_JSON));
        if (budget == Budget.QUICK) {
            out.println(
                    "The quick budget checks the pipeline: at its few minibatches the models do"
                            + " not reach the paper's accuracies. Pass --full for the released"
                            + " epochs (hours on a CPU).");
        }
        out.flush();
        return 0;
    }

    Budget budget() {
        return budgetChoice != null && budgetChoice.full ? Budget.FULL : Budget.QUICK;
    }

    /** Returns {@code --out}, or {@code results/replicate-<budget>} in the working directory. */
    Path resultsDirectory() {
        return out != null ? out : Path.of("results", "replicate-" + budget().cliName());
    }

    private boolean capped() {
        return maxEpochs != null || maxBatches != null || evaluationExamples != null;
    }

    private void checkCaps() {
        checkPositive("--max-epochs", maxEpochs);
        checkPositive("--max-batches", maxBatches);
        checkPositive("--eval-examples", evaluationExamples);
    }

    private void checkPositive(String option, Integer value) {
        if (value != null && value < 1) {
            throw new ParameterException(
                    spec.commandLine(),
                    String.format(
                            Locale.ROOT,
                            "Invalid value for option '%s': %d; expected at least 1",
                            option,
                            value));
        }
    }

    /**
     * Checks that {@code --data} comes with exactly one split and that its files are valid, so that
     * a bad file fails before any directory is created.
     */
    private void checkData(List<Split> chosenSplits) {
        boolean splitGiven = spec.commandLine().getParseResult().hasMatchedOption("--splits");
        if (!splitGiven || chosenSplits.size() != 1) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--data "
                            + data
                            + " needs --splits with exactly one split, the one the files hold"
                            + " (e.g. --splits quadrant); it names the runs and picks the reported"
                            + " numbers to compare with.");
        }
        NotSoClevrData.read(data, NotSoClevrData.RELEASED_INTENSITY);
    }

    private List<RunSpec> plan(Budget budget, Set<Task> chosenTasks, List<Split> chosenSplits) {
        List<RunSpec> plan = new ArrayList<>();
        for (RunSpec run : Replication.plan(budget, seed, chosenSplits)) {
            if (!chosenTasks.contains(run.task())) {
                continue;
            }
            if (data != null) {
                DataSpec files =
                        new DataSpec(
                                data.toAbsolutePath().normalize().toString(),
                                run.data().seed(),
                                run.data().intensity());
                run = run.withData(files);
            }
            plan.add(run.withTraining(cap(run.training())));
        }
        return plan;
    }

    private TrainingSpec cap(TrainingSpec training) {
        TrainingSpec capped = training;
        if (maxEpochs != null) {
            capped = capped.withEpochs(Math.min(capped.epochs(), maxEpochs));
        }
        if (maxBatches != null) {
            capped =
                    capped.withMaxBatchesPerEpoch(
                            capAtMost(capped.maxBatchesPerEpoch(), maxBatches));
        }
        if (evaluationExamples != null) {
            capped =
                    capped.withEvaluationExamples(
                            capAtMost(capped.evaluationExamples(), evaluationExamples));
        }
        return capped;
    }

    /** Returns the smaller of {@code current} and {@code cap}, where a current 0 means no limit. */
    private static int capAtMost(int current, int cap) {
        return current == 0 ? cap : Math.min(current, cap);
    }

    private static <T> List<T> distinct(List<T> values) {
        return List.copyOf(new LinkedHashSet<>(values));
    }
}
