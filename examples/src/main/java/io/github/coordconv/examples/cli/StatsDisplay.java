package io.github.coordconv.examples.cli;

import io.github.coordconv.examples.ui.UiServer;
import io.github.coordconv.experiments.train.EpochMetrics;
import io.github.coordconv.experiments.train.RunListener;
import io.github.coordconv.experiments.train.RunResult;
import io.github.coordconv.experiments.train.RunSpec;
import org.deeplearning4j.core.storage.StatsStorage;

/**
 * A run listener that shows each run's stats file in the DL4J UI while the run trains, and passes
 * every event on to another listener. Without a server it only passes events on.
 */
final class StatsDisplay implements RunListener {

    private final RunListener next;
    private final UiServer server;

    /**
     * @param next listener that receives every event, such as the progress bar
     * @param server the UI server, or {@code null} when the UI is off
     */
    StatsDisplay(RunListener next, UiServer server) {
        this.next = next;
        this.server = server;
    }

    @Override
    public void runStarted(RunSpec spec, int batchesPerEpoch) {
        next.runStarted(spec, batchesPerEpoch);
    }

    @Override
    public void statsStorageOpened(StatsStorage storage) {
        if (server != null) {
            server.attach(storage);
        }
        next.statsStorageOpened(storage);
    }

    @Override
    public void batchCompleted(int epoch, int batch, double score) {
        next.batchCompleted(epoch, batch, score);
    }

    @Override
    public void epochCompleted(EpochMetrics metrics) {
        next.epochCompleted(metrics);
    }

    /** Detaches the storage, because the UI cannot read it once it is closed. */
    @Override
    public void statsStorageClosing(StatsStorage storage) {
        try {
            next.statsStorageClosing(storage);
        } finally {
            if (server != null) {
                server.detach(storage);
            }
        }
    }

    @Override
    public void runFinished(RunResult result) {
        next.runFinished(result);
    }
}
