package io.github.coordconv.experiments.search;

import io.github.coordconv.experiments.data.Split;
import io.github.coordconv.experiments.models.Task;
import io.github.coordconv.experiments.train.TrainingSpec;
import java.util.Optional;

/**
 * What a search explores and for how long.
 *
 * @param space axes and values to search
 * @param task the supervised task of every candidate
 * @param split train/test split of every candidate
 * @param strategy how candidates are drawn from the space
 * @param candidates maximum candidates, counting those an earlier, interrupted search finished; at
 *     least 1
 * @param budgetMinutes wall-clock budget in minutes, or 0 for none. Arbiter checks it between
 *     candidates, so the candidate running when it expires still finishes.
 * @param seed seed of the random strategy and of every candidate's training
 * @param offset candidates of the generated sequence to skip before the first one trained, so that
 *     several machines can each take a slice of a grid; at least 0
 * @param training minibatches, epochs and evaluation of every candidate; a {@code batchSize} axis
 *     overrides its batch size
 */
public record SearchSettings(
        SearchSpace space,
        Task task,
        Split split,
        SearchStrategy strategy,
        int candidates,
        double budgetMinutes,
        long seed,
        int offset,
        TrainingSpec training) {

    /** Checks every field. */
    public SearchSettings {
        if (space == null
                || task == null
                || split == null
                || strategy == null
                || training == null) {
            throw new IllegalArgumentException(
                    "Search settings need a space, task, split, strategy and training spec");
        }
        space.model().checkSupports(task);
        if (candidates < 1) {
            throw new IllegalArgumentException(
                    "Number of candidates must be at least 1, but was " + candidates);
        }
        if (budgetMinutes < 0) {
            throw new IllegalArgumentException(
                    "Budget must be at least 0 minutes (0 for none), but was " + budgetMinutes);
        }
        if (offset < 0) {
            throw new IllegalArgumentException(
                    "Candidate offset must be at least 0, but was " + offset);
        }
    }

    /**
     * Returns a warning when random draws must repeat grid points. The random strategy draws each
     * axis value independently, so with fewer points than candidates some points run more than once
     * and others may never run.
     */
    public Optional<String> repeatWarning() {
        long points = space.gridSize();
        if (strategy != SearchStrategy.RANDOM || points >= candidates) {
            return Optional.empty();
        }
        return Optional.of(
                String.format(
                        "The space %s has %d grid points, fewer than the %d candidates, so the"
                                + " random strategy will train some points more than once and"
                                + " may miss others. The grid strategy (--strategy grid) trains"
                                + " each point once.",
                        space.name(), points, candidates));
    }
}
