package io.github.coordconv.examples.cli;

import io.github.coordconv.examples.cli.Converters.BudgetConverter;
import io.github.coordconv.examples.cli.Converters.ModelConverter;
import io.github.coordconv.examples.cli.Converters.SplitConverter;
import io.github.coordconv.examples.cli.Converters.TaskConverter;
import io.github.coordconv.examples.ui.UiServer;
import io.github.coordconv.experiments.data.NotSoClevrData;
import io.github.coordconv.experiments.data.Split;
import io.github.coordconv.experiments.models.ModelType;
import io.github.coordconv.experiments.models.Task;
import io.github.coordconv.experiments.report.PaperResult;
import io.github.coordconv.experiments.train.Budget;
import io.github.coordconv.experiments.train.DataSpec;
import io.github.coordconv.experiments.train.RunFiles;
import io.github.coordconv.experiments.train.RunListener;
import io.github.coordconv.experiments.train.RunResult;
import io.github.coordconv.experiments.train.RunSpec;
import io.github.coordconv.experiments.train.Runner;
import io.github.coordconv.experiments.train.SplitMetrics;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code coordconv train}: trains the run that a spec file describes, or with {@code
 * --print-default} prints the default spec of a (task, split, model) triple to start one from.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Trains one run from a JSON spec file and prints its final metrics.",
            "",
            "The run directory gets the files of the run:",
            "  spec.json (the spec with library versions and machine), metrics.csv,",
            "  result.json, model.zip, training-curves.png, predictions.png and stats.dl4j",
            "  (DL4J UI stats, shown by './coordconv ui --stats DIR/stats.dl4j')",
            "",
            "To write a spec, start from the default one:",
            "  coordconv train --print-default --task regression --split quadrant > spec.json"
        })
final class TrainCommand implements Callable<Integer> {

    private static final String PRINT_DEFAULT = "--print-default";
    private static final List<String> DEFAULT_SPEC_OPTIONS =
            List.of("--task", "--split", "--model", "--budget");
    private static final List<String> RUN_OPTIONS =
            List.of("--out", "--force", "--verbose", "--ui", "--port");

    @Spec CommandSpec spec;

    @Option(names = "--spec", paramLabel = "FILE", description = "Spec of the run, as JSON.")
    Path specFile;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Run directory (default: results/<task>-<split>-<model>).")
    Path out;

    @Option(names = "--force", description = "Overwrite an earlier run in the run directory.")
    boolean force;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description =
                    "Train on the files of DIR (train.csv and test.csv, as written by 'coordconv"
                            + " dataset export') in place of the spec's data source. With "
                            + PRINT_DEFAULT
                            + ", put DIR into the printed spec.")
    Path data;

    @Option(
            names = PRINT_DEFAULT,
            description =
                    "Print the default spec of --task, --split and --model as JSON on stdout and"
                            + " exit, without training.")
    boolean printDefault;

    @Option(
            names = "--task",
            paramLabel = "TASK",
            converter = TaskConverter.class,
            description = "With " + PRINT_DEFAULT + ": classification, regression or rendering.")
    Task task;

    @Option(
            names = "--split",
            paramLabel = "SPLIT",
            converter = SplitConverter.class,
            description =
                    "With "
                            + PRINT_DEFAULT
                            + ": uniform, uniform-80-20 or quadrant (default: uniform).")
    Split split;

    @Option(
            names = "--model",
            paramLabel = "MODEL",
            converter = ModelConverter.class,
            description =
                    "With "
                            + PRINT_DEFAULT
                            + ": coordconv, deconv (classification, rendering), conv-dense or"
                            + " conv-gap (regression) (default: coordconv).")
    ModelType model;

    @Option(
            names = "--budget",
            paramLabel = "BUDGET",
            converter = BudgetConverter.class,
            description =
                    "With "
                            + PRINT_DEFAULT
                            + ": quick (a few capped epochs) or full (the released epochs)"
                            + " (default: quick).")
    Budget budget;

    @Option(
            names = {"-v", "--verbose"},
            description = "Show the library's INFO logs (one line per epoch) on stderr.")
    boolean verbose;

    @Mixin UiOptions ui;

    @Override
    public Integer call() {
        if (printDefault) {
            return printDefaultSpec();
        }
        List<String> misplaced = matched(DEFAULT_SPEC_OPTIONS);
        if (!misplaced.isEmpty()) {
            throw usageError(
                    String.join(", ", misplaced)
                            + (misplaced.size() == 1 ? " applies" : " apply")
                            + " only with "
                            + PRINT_DEFAULT
                            + "; a run takes its task, split, model and budget from --spec FILE");
        }
        ui.check(spec.commandLine());
        if (specFile == null) {
            throw usageError(
                    "Missing --spec FILE. To start one, print the default spec with "
                            + PRINT_DEFAULT
                            + " --task TASK --split SPLIT --model MODEL > FILE");
        }
        return train();
    }

    private int printDefaultSpec() {
        List<String> misplaced = matched(RUN_OPTIONS);
        if (specFile != null) {
            misplaced.add(0, "--spec");
        }
        if (!misplaced.isEmpty()) {
            throw usageError(
                    String.join(", ", misplaced)
                            + " cannot be combined with "
                            + PRINT_DEFAULT
                            + ", which only prints a spec");
        }
        if (task == null) {
            throw usageError(PRINT_DEFAULT + " needs --task: " + Task.names());
        }
        RunSpec defaults =
                RunSpec.defaults(
                        task,
                        split != null ? split : Split.UNIFORM,
                        model != null ? model : ModelType.COORDCONV,
                        budget != null ? budget : Budget.QUICK);
        if (data != null) {
            NotSoClevrData.read(data, defaults.data().intensity());
            defaults = defaults.withData(files(defaults.data()));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(defaults.toJson());
        out.flush();
        return 0;
    }

    private int train() {
        if (!Files.isRegularFile(specFile)) {
            throw new IllegalArgumentException(
                    (Files.isDirectory(specFile)
                                    ? "Spec file is a directory: "
                                    : "Spec file not found: ")
                            + specFile.toAbsolutePath().normalize()
                            + ". Write one with "
                            + PRINT_DEFAULT
                            + ".");
        }
        RunSpec run = RunSpec.fromJson(specFile);
        if (data != null) {
            run = run.withData(files(run.data()));
        }
        Path runDirectory = out != null ? out : Path.of("results", run.name());
        OutputDirectory.checkUsable(runDirectory, force);
        NotSoClevrData runData;
        try (LibraryOutput quiet = LibraryOutput.divert(verbose)) {
            runData = run.loadData();
        }

        // Fetched before training, which points System.out to System.err (see LibraryOutput).
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunResult result;
        try (UiServer server = ui.startIfRequested(spec.commandLine(), err, UiServer.TRAIN_PAGE)) {
            if (force) {
                RunFiles.prepare(runDirectory, true);
            }
            RunListener listener =
                    new StatsDisplay(
                            new ProgressListener(err, ProgressListener.terminalAttached(), 1),
                            server);
            try (LibraryOutput diverted = LibraryOutput.divert(verbose)) {
                result = Runner.run(run, runData, runDirectory, listener);
            }
        }
        printResult(result, runDirectory, out);
        return 0;
    }

    /** Prints the final metrics of both splits, the best test epoch and the reported numbers. */
    private static void printResult(RunResult result, Path runDirectory, PrintWriter out) {
        RunSpec run = result.spec();
        Task runTask = run.task();
        out.printf(
                Locale.ROOT,
                "%s: %,d parameters, %d %s in %.0f s%s%n",
                run.name(),
                result.parameters(),
                result.epochs().size(),
                result.epochs().size() == 1 ? "epoch" : "epochs",
                result.totalSeconds(),
                result.stoppedEarly() ? " (stopped early: both splits perfect)" : "");
        String metric = SplitMetrics.primaryName(runTask);
        out.printf(Locale.ROOT, "  train %s: %s%n", metric, describe(runTask, result.finalTrain()));
        out.printf(Locale.ROOT, "  test %s:  %s%n", metric, describe(runTask, result.finalTest()));
        out.printf(
                Locale.ROOT,
                "  best test %s: %s at epoch %d%n",
                metric,
                ResultsTable.metric(runTask, result.bestTest()),
                result.bestEpoch());
        PaperResult paper = PaperResult.of(runTask, run.split(), run.model());
        out.printf(
                Locale.ROOT,
                "  reported: train %s, test %s (%s)%n",
                paper.train(),
                paper.test(),
                paper.source());
        out.printf(
                Locale.ROOT,
                "Files in %s: %s%n",
                runDirectory.toAbsolutePath().normalize(),
                String.join(", ", RunFiles.ALL));
        out.printf(
                "Training stats for the DL4J UI: ./coordconv ui --stats %s%n",
                runDirectory.resolve(RunFiles.STATS).toAbsolutePath().normalize());
        out.flush();
    }

    private static String describe(Task runTask, SplitMetrics metrics) {
        return String.format(
                Locale.ROOT,
                "%s, loss %.4g (%d examples)",
                ResultsTable.metric(runTask, metrics),
                metrics.loss(),
                metrics.examples());
    }

    /** Returns {@code source} with the files of {@code --data} in place of its source. */
    private DataSpec files(DataSpec source) {
        return new DataSpec(
                data.toAbsolutePath().normalize().toString(), source.seed(), source.intensity());
    }

    private List<String> matched(List<String> options) {
        List<String> found = new ArrayList<>();
        for (String option : options) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                found.add(option);
            }
        }
        return found;
    }

    private ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
