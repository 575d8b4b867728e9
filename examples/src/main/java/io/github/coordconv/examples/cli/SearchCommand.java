package io.github.coordconv.examples.cli;

import io.github.coordconv.experiments.data.Split;
import io.github.coordconv.experiments.models.Task;
import io.github.coordconv.experiments.search.CandidateRecord;
import io.github.coordconv.experiments.search.Search;
import io.github.coordconv.experiments.search.SearchSettings;
import io.github.coordconv.experiments.search.SearchSpace;
import io.github.coordconv.experiments.search.SearchStrategy;
import io.github.coordconv.experiments.train.Budget;
import io.github.coordconv.experiments.train.TrainingSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coordconv search}: hyperparameter search with Arbiter. */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description = {
            "Searches hyperparameters with Arbiter, training each candidate like 'train'. Writes"
                    + " DIR/search-config.json, DIR/candidates/NNNNN/ (spec, model, metrics) and"
                    + " DIR/search.json (every candidate, best final test metric first), and"
                    + " prints the ranking.",
            "An existing DIR is rejected unless --resume (continue it, skipping finished"
                    + " candidates; the settings must match) or --force (delete it and start"
                    + " over) is given."
        })
final class SearchCommand implements Callable<Integer> {

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

    @Override
    public Integer call() {
        if (resume && force) {
            throw new IllegalArgumentException("Pass either --resume or --force, not both");
        }
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
        List<CandidateRecord> ranking = Search.run(settings, out, existing, List.of());
        printRanking(ranking);
        System.out.printf("Ranking written to %s%n", out.resolve(Search.SUMMARY).toAbsolutePath());
        return 0;
    }

    private static void printRanking(List<CandidateRecord> ranking) {
        System.out.printf("%-5s %-6s %-9s %s%n", "rank", "index", "score", "settings");
        int rank = 1;
        for (CandidateRecord record : ranking) {
            String score =
                    record.score() == null
                            ? record.status()
                            : String.format(Locale.ROOT, "%.4f", record.score());
            System.out.printf(
                    Locale.ROOT,
                    "%-5d %-6d %-9s %s%n",
                    rank++,
                    record.index(),
                    score,
                    record.settings());
        }
    }
}
