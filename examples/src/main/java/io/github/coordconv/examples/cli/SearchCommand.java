package io.github.coordconv.examples.cli;

import io.github.coordconv.examples.ui.UiServer;
import io.github.coordconv.experiments.data.Split;
import io.github.coordconv.experiments.models.Task;
import io.github.coordconv.experiments.search.CandidateRecord;
import io.github.coordconv.experiments.search.Search;
import io.github.coordconv.experiments.search.SearchSettings;
import io.github.coordconv.experiments.search.SearchSpace;
import io.github.coordconv.experiments.search.SearchStrategy;
import io.github.coordconv.experiments.train.Budget;
import io.github.coordconv.experiments.train.TrainingSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;
import org.deeplearning4j.arbiter.ui.listener.ArbiterStatusListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code coordconv search}: hyperparameter search with Arbiter. */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description = {
            "Searches hyperparameters with Arbiter, training each candidate like 'train'. Writes"
                    + " DIR/search-config.json, DIR/candidates/NNNNN/ (spec, model, metrics) and"
                    + " DIR/search.json (every candidate, best final test metric first) and"
                    + " DIR/search-stats.dl4j (Arbiter's stats for the DL4J UI), and prints the"
                    + " ranking. With --ui, the DL4J UI shows the search live at"
                    + " http://127.0.0.1:PORT/arbiter.",
            "An existing DIR is rejected unless --resume (continue it, skipping finished"
                    + " candidates; the settings must match) or --force (delete it and start"
                    + " over) is given."
        })
final class SearchCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(SearchCommand.class);

    @Spec CommandSpec spec;

    @Option(
            names = "--task",
            defaultValue = "classification",
            description = "classification, regression or rendering (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(
            names = "--split",
            defaultValue = "uniform",
            description = "uniform, uniform-80-20 or quadrant (default: ${DEFAULT-VALUE}).")
    String split;

    @ArgGroup(exclusive = true)
    SpaceChoice spaceChoice;

    static final class SpaceChoice {
        @Option(
                names = "--space",
                description =
                        "Built-in space: coordconv, coordconv-released or deconv-sweep (default:"
                                + " coordconv-released).")
        String name;

        @Option(
                names = "--space-file",
                description =
                        "JSON file of a space: {\"name\": ..., \"model\": ..., \"axes\": {axis:"
                                + " [values]}}.")
        Path file;
    }

    @Option(
            names = "--strategy",
            defaultValue = "random",
            description = "random or grid (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(
            names = "--candidates",
            defaultValue = "10",
            description =
                    "Maximum candidates, counting those finished before a resume (default:"
                            + " ${DEFAULT-VALUE}).")
    int candidates;

    @Option(
            names = "--offset",
            defaultValue = "0",
            description =
                    "Candidates of the sequence to skip first, to split a grid over machines"
                            + " (default: ${DEFAULT-VALUE}).")
    int offset;

    @Option(
            names = "--budget-minutes",
            defaultValue = "0",
            description =
                    "Wall-clock budget in minutes, checked between candidates; 0 for none"
                            + " (default: ${DEFAULT-VALUE}).")
    double budgetMinutes;

    @Option(
            names = "--epochs",
            description = "Epochs per candidate (default: the quick budget of the model).")
    Integer epochs;

    @Option(
            names = "--max-batches",
            description =
                    "Maximum minibatches per epoch, 0 for a full pass (default: the quick budget"
                            + " of the model).")
    Integer maxBatches;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description =
                    "Seed of the random strategy and of training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Search directory.")
    Path out;

    @Option(names = "--resume", description = "Continue the search in --out.")
    boolean resume;

    @Option(names = "--force", description = "Delete the search in --out and start over.")
    boolean force;

    @Mixin UiOptions ui;

    @Override
    public Integer call() {
        if (resume && force) {
            throw new IllegalArgumentException("Pass either --resume or --force, not both");
        }
        ui.check(spec.commandLine());
        Task parsedTask = Task.fromName(task);
        SearchSpace space;
        if (spaceChoice != null && spaceChoice.file != null) {
            space = SearchSpace.fromJson(spaceChoice.file);
        } else {
            String name = spaceChoice != null ? spaceChoice.name : SearchSpace.COORDCONV_RELEASED;
            space = SearchSpace.builtIn(name, parsedTask);
        }
        TrainingSpec training = Budget.QUICK.training(parsedTask, space.model());
        if (epochs != null) {
            training = training.withEpochs(epochs);
        }
        if (maxBatches != null) {
            training = training.withMaxBatchesPerEpoch(maxBatches);
        }
        SearchSettings settings =
                new SearchSettings(
                        space,
                        parsedTask,
                        Split.fromName(split),
                        SearchStrategy.fromName(strategy),
                        candidates,
                        budgetMinutes,
                        seed,
                        offset,
                        training);
        Search.ExistingDirectory existing =
                resume
                        ? Search.ExistingDirectory.RESUME
                        : force
                                ? Search.ExistingDirectory.REPLACE
                                : Search.ExistingDirectory.REJECT;
        List<CandidateRecord> ranking;
        PrintWriter err = spec.commandLine().getErr();
        try (UiServer server = ui.startIfRequested(spec.commandLine(), err, UiServer.ARBITER_PAGE);
                SearchStats stats = new SearchStats(server)) {
            ranking = Search.run(settings, out, existing, stats::open);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        printRanking(ranking, stdout);
        stdout.printf("Ranking written to %s%n", out.resolve(Search.SUMMARY).toAbsolutePath());
        stdout.printf(
                "Search stats for the DL4J UI: ./coordconv ui --stats %s%n",
                out.resolve(Search.STATS).toAbsolutePath());
        stdout.flush();
        return 0;
    }

    /**
     * The search's stats file, {@value Search#STATS}: Arbiter's status listener records into it,
     * and the UI server, if any, shows it while the search runs.
     *
     * <p>NOTE: the Arbiter page (arbiter-ui 1.0.0-beta7) shows the summary, score chart and
     * candidate table of these searches, but its configuration and candidate detail panels fail
     * with HTTP 500, because they cast the parameter space to a DL4J network space ({@code
     * BaseNetworkSpace}) and a search here varies a {@code RunSpec}.
     */
    private static final class SearchStats implements AutoCloseable {

        private final UiServer server;
        private Path file;
        private FileStatsStorage storage;

        SearchStats(UiServer server) {
            this.server = server;
        }

        /** Opens the stats file in the prepared search directory and returns its listener. */
        List<StatusListener> open(Path directory) {
            file = directory.resolve(Search.STATS);
            storage = new FileStatsStorage(file.toFile());
            if (server != null) {
                server.attach(storage);
            }
            return List.of(new ArbiterStatusListener(storage));
        }

        /** Detaches the storage from the UI and closes it. A failure to close is logged. */
        @Override
        public void close() {
            if (storage == null) {
                return;
            }
            if (server != null) {
                server.detach(storage);
            }
            try {
                storage.close();
            } catch (RuntimeException e) {
                log.warn("Failed to close the search stats file {}", file, e);
            }
        }
    }

    private static void printRanking(List<CandidateRecord> ranking, PrintWriter stdout) {
        stdout.printf("%-5s %-6s %-9s %s%n", "rank", "index", "score", "settings");
        int rank = 1;
        for (CandidateRecord record : ranking) {
            String score =
                    record.score() == null
                            ? record.status()
                            : String.format(Locale.ROOT, "%.4f", record.score());
            stdout.printf(
                    Locale.ROOT,
                    "%-5d %-6d %-9s %s%n",
                    rank++,
                    record.index(),
                    score,
                    record.settings());
        }
    }
}
