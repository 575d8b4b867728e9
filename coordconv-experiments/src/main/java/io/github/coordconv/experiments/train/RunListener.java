package io.github.coordconv.experiments.train;

import org.deeplearning4j.core.storage.StatsStorage;

/**
 * Callbacks from {@link Runner} while a run trains, for progress bars and live plots. All methods
 * are called on the training thread and default to doing nothing.
 */
public interface RunListener {

    /** A listener that ignores every event. */
    RunListener NONE = new RunListener() {};

    /**
     * Called once before the first epoch.
     *
     * @param spec the run's spec
     * @param batchesPerEpoch minibatches each epoch trains
     */
    default void runStarted(RunSpec spec, int batchesPerEpoch) {}

    /**
     * Called after each minibatch.
     *
     * @param epoch epoch number, counted from 1
     * @param batch minibatch number within the epoch, counted from 1
     * @param score DL4J score of the minibatch (data loss plus L2 term)
     */
    default void batchCompleted(int epoch, int batch, double score) {}

    /**
     * Called once before the first minibatch with the open storage of the run's DL4J stats file
     * ({@value RunFiles#STATS}), for example to attach it to a DL4J UI server.
     */
    default void statsStorageOpened(StatsStorage storage) {}

    /**
     * Called once after the last epoch, and also when training fails, just before the storage that
     * {@link #statsStorageOpened} passed is closed. A UI server must detach it here.
     */
    default void statsStorageClosing(StatsStorage storage) {}

    /** Called after each epoch's evaluation. */
    default void epochCompleted(EpochMetrics metrics) {}

    /** Called once the run's files are written. */
    default void runFinished(RunResult result) {}
}
