package io.github.coordconv.experiments.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.github.coordconv.experiments.models.ModelType;
import io.github.coordconv.experiments.models.Task;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Training length of each (task, model) pair: {@link #FULL} for the epochs of the authors' released
 * commands, {@link #QUICK} for a short end-to-end check of the whole replication.
 */
public enum Budget {
    /**
     * The epochs and batch sizes of the released README commands, and 1,000 deconv epochs as in the
     * deconv sweeps of {@code experiment_logs.sh}: classification and rendering batch 16, CoordConv
     * 100 epochs, deconv 1,000 epochs, regression batch 256 and 100 epochs. Every epoch trains on
     * the whole training set and evaluates both splits in full.
     */
    FULL("full"),

    /**
     * A short run per pair (chosen here), sized so the 12 runs of a quick replication (3 tasks, 2
     * splits, CoordConv and baseline) stay under 20 minutes on 2 cores:
     *
     * <ul>
     *   <li>classification: CoordConv 2 epochs of at most 25 minibatches of 16, deconv 2 epochs of
     *       at most 60;
     *   <li>regression: 1 epoch at batch 32, which gives 74 updates where the released batch size
     *       256 gives 10 for the same compute;
     *   <li>rendering: CoordConv 1 epoch of at most 15 minibatches of 16, deconv 2 epochs of at
     *       most 20.
     * </ul>
     *
     * <p>Each epoch evaluates a fixed random subset of 128 examples per split, and training stops
     * once both splits are perfect. {@code Replication.run(Replication.plan(QUICK, 0), ...)} took
     * 788 s for all 12 runs on a shared 2-core x86-64 VM (Java 17, DL4J 1.0.0-M2.1 CPU backend).
     * The CoordConv classifier trained there at 1.1 to 2.1 s per minibatch of 16, slower than the
     * 0.75 s per minibatch of 32 measured on an unshared 2-core machine, so an unshared machine
     * should take less. At the released learning rates these runs are far too short to reach the
     * accuracies reported for the CoordConv paper: they check the pipeline end to end.
     */
    QUICK("quick");

    /** Examples of each split evaluated per epoch in the quick budget. */
    static final int QUICK_EVALUATION = 128;

    private final String cliName;

    Budget(String cliName) {
        this.cliName = cliName;
    }

    /** Returns the name of this budget on the command line and in JSON. */
    @JsonValue
    public String cliName() {
        return cliName;
    }

    /**
     * Returns the training settings of this budget for {@code model} on {@code task}.
     *
     * @throws IllegalArgumentException if {@code model} is not defined for {@code task}
     */
    public TrainingSpec training(Task task, ModelType model) {
        model.checkSupports(task);
        int batchSize = task == Task.REGRESSION ? 256 : 16;
        int evaluationBatch = TrainingSpec.DEFAULT_EVALUATION_BATCH_SIZE;
        if (this == FULL) {
            int epochs = model == ModelType.DECONV ? 1000 : 100;
            return new TrainingSpec(batchSize, epochs, 0, 0, evaluationBatch, false);
        }
        return switch (task) {
            case CLASSIFICATION ->
                    model == ModelType.COORDCONV
                            ? new TrainingSpec(16, 2, 25, QUICK_EVALUATION, evaluationBatch, true)
                            : new TrainingSpec(16, 2, 60, QUICK_EVALUATION, evaluationBatch, true);
            case REGRESSION -> new TrainingSpec(32, 1, 0, QUICK_EVALUATION, evaluationBatch, true);
            case RENDERING ->
                    model == ModelType.COORDCONV
                            ? new TrainingSpec(16, 1, 15, QUICK_EVALUATION, evaluationBatch, true)
                            : new TrainingSpec(16, 2, 20, QUICK_EVALUATION, evaluationBatch, true);
        };
    }

    /**
     * Returns the budget with the given command-line name.
     *
     * @throws IllegalArgumentException if no budget has that name; the message lists the valid
     *     names
     */
    @JsonCreator
    public static Budget fromName(String name) {
        for (Budget budget : values()) {
            if (budget.cliName.equals(name)) {
                return budget;
            }
        }
        throw new IllegalArgumentException(
                String.format(
                        Locale.ROOT,
                        "Unknown budget '%s': expected one of %s",
                        name,
                        Arrays.stream(values())
                                .map(Budget::cliName)
                                .collect(Collectors.joining(", "))));
    }
}
