package io.github.coordconv.experiments.train;

import java.nio.file.Path;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.stats.api.StatsUpdateConfiguration;
import org.deeplearning4j.ui.model.stats.impl.DefaultStatsInitializationConfiguration;
import org.deeplearning4j.ui.model.stats.impl.DefaultStatsUpdateConfiguration;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DL4J stats file of one run ({@value RunFiles#STATS}): a {@link StatsListener} that records
 * into a {@link FileStatsStorage}, which the DL4J UI shows while the run trains or later.
 *
 * <p>A report computes, per parameter array, histograms, means, standard deviations and mean
 * magnitudes of parameters and updates, and standard deviations of gradients: what the UI's
 * overview and model pages plot. Gradient histograms, means and mean magnitudes, which the UI does
 * not show, are left out. A report costs about as much as a minibatch of the CoordConv classifier
 * (measured on 2 busy CPU cores), so the listener reports only about {@value #REPORTS_PER_EPOCH}
 * times per epoch, and every minibatch when an epoch has fewer.
 */
final class RunStats implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunStats.class);

    /** Reports of the stats listener per training epoch, at most. */
    static final int REPORTS_PER_EPOCH = 5;

    private final Path file;
    private final FileStatsStorage storage;
    private final StatsListener listener;
    private final RunListener runListener;

    private RunStats(
            Path file, FileStatsStorage storage, StatsListener listener, RunListener runListener) {
        this.file = file;
        this.storage = storage;
        this.listener = listener;
        this.runListener = runListener;
    }

    /**
     * Opens the stats file {@code file} for the run {@code sessionId} and passes its storage to
     * {@link RunListener#statsStorageOpened}.
     */
    static RunStats open(
            Path file, String sessionId, int batchesPerEpoch, RunListener runListener) {
        FileStatsStorage storage = new FileStatsStorage(file.toFile());
        StatsUpdateConfiguration updates =
                new DefaultStatsUpdateConfiguration.Builder()
                        .reportingFrequency(reportingFrequency(batchesPerEpoch))
                        .collectHistogramsGradients(false)
                        .collectMeanGradients(false)
                        .collectMeanMagnitudesGradients(false)
                        .build();
        StatsListener listener =
                new StatsListener(
                        storage,
                        new DefaultStatsInitializationConfiguration(true, true, true),
                        updates,
                        sessionId,
                        null);
        RunStats stats = new RunStats(file, storage, listener, runListener);
        runListener.statsStorageOpened(storage);
        return stats;
    }

    /** Returns the minibatches between two reports: about a fifth of an epoch, at least 1. */
    static int reportingFrequency(int batchesPerEpoch) {
        return Math.max(1, batchesPerEpoch / REPORTS_PER_EPOCH);
    }

    /** Returns the listener to add to the network. */
    TrainingListener listener() {
        return listener;
    }

    /** Returns the storage the listener writes to. */
    StatsStorage storage() {
        return storage;
    }

    /**
     * Passes the storage to {@link RunListener#statsStorageClosing}, then closes it. A failure to
     * close is logged and does not fail the run, whose other files are still written.
     */
    @Override
    public void close() {
        try {
            runListener.statsStorageClosing(storage);
        } finally {
            try {
                storage.close();
            } catch (RuntimeException e) {
                log.warn("Failed to close the DL4J stats file {}", file, e);
            }
        }
    }
}
