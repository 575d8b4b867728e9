package io.github.coordconv.examples.cli;

import io.github.coordconv.experiments.models.Task;
import io.github.coordconv.experiments.train.EpochMetrics;
import io.github.coordconv.experiments.train.RunListener;
import io.github.coordconv.experiments.train.RunResult;
import io.github.coordconv.experiments.train.RunSpec;
import io.github.coordconv.experiments.train.SplitMetrics;
import io.github.coordconv.experiments.train.TrainingSpec;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Progress of a series of training runs, written to stderr so that stdout keeps only results.
 *
 * <p>On a terminal, each run gets a start line and then one bar that is redrawn in place with
 * carriage returns at most every 100 ms. Otherwise (output redirected to a file, a pipe or a test)
 * it writes plain lines only: the start of each run, every epoch's metrics (at most one line per
 * {@value #LINE_INTERVAL_SECONDS} s, plus the first and last epoch), a minibatch line when an epoch
 * runs longer than that, and the end of each run.
 */
final class ProgressListener implements RunListener {

    /** Minimum time between two plain progress lines. */
    static final long LINE_INTERVAL_SECONDS = 30;

    private static final int BAR_WIDTH = 20;

    /** Bar lines are cut to this length, so that they do not wrap on an 80-column terminal. */
    private static final int MAX_BAR_LINE = 79;

    private static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long LINE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(LINE_INTERVAL_SECONDS);

    private final PrintWriter err;
    private final boolean interactive;
    private final int totalRuns;
    private final LongSupplier nanoClock;

    private int runNumber;
    private RunSpec spec;
    private int batchesPerEpoch;
    private long runStart;
    private long lastDraw;
    private long lastLine;
    private int drawnLength;
    private String lastTest = "";

    /**
     * Creates a listener for {@code totalRuns} runs.
     *
     * @param err where progress goes
     * @param interactive whether {@code err} is a terminal that can redraw a line in place
     * @param totalRuns number of runs, for the {@code [run/total]} prefix
     */
    ProgressListener(PrintWriter err, boolean interactive, int totalRuns) {
        this(err, interactive, totalRuns, System::nanoTime);
    }

    ProgressListener(PrintWriter err, boolean interactive, int totalRuns, LongSupplier nanoClock) {
        this.err = err;
        this.interactive = interactive;
        this.totalRuns = totalRuns;
        this.nanoClock = nanoClock;
    }

    /**
     * Returns whether this JVM has a console, which Java 17 grants when stdin and stdout are a
     * terminal.
     *
     * <p>NOTE: stderr, where the bar goes, is not checked. With {@code 2> file} alone the file gets
     * the carriage-return redraws of the bar.
     */
    static boolean terminalAttached() {
        return System.console() != null;
    }

    @Override
    public void runStarted(RunSpec spec, int batchesPerEpoch) {
        this.runNumber++;
        this.spec = spec;
        this.batchesPerEpoch = batchesPerEpoch;
        this.runStart = nanoClock.getAsLong();
        this.lastDraw = Long.MIN_VALUE;
        this.lastLine = runStart;
        this.drawnLength = 0;
        this.lastTest = "";
        TrainingSpec training = spec.training();
        println(
                String.format(
                        Locale.ROOT,
                        "%s %s: up to %d epoch%s of %d minibatch%s of %d",
                        prefix(),
                        spec.name(),
                        training.epochs(),
                        training.epochs() == 1 ? "" : "s",
                        batchesPerEpoch,
                        batchesPerEpoch == 1 ? "" : "es",
                        training.batchSize()));
    }

    @Override
    public void batchCompleted(int epoch, int batch, double score) {
        long now = nanoClock.getAsLong();
        if (interactive) {
            if (batch == batchesPerEpoch || now - lastDraw >= REDRAW_NANOS) {
                drawBar(epoch, batch, score, now);
                lastDraw = now;
            }
        } else if (now - lastLine >= LINE_INTERVAL_NANOS) {
            println(
                    String.format(
                            Locale.ROOT,
                            "%s epoch %d/%d, minibatch %d/%d, loss %.4g, %s elapsed",
                            prefix(),
                            epoch,
                            spec.training().epochs(),
                            batch,
                            batchesPerEpoch,
                            score,
                            duration(now - runStart)));
            lastLine = now;
        }
    }

    @Override
    public void epochCompleted(EpochMetrics metrics) {
        Task task = spec.task();
        String summary =
                String.format(
                        Locale.ROOT,
                        "train %s, test %s",
                        primary(task, metrics.train()),
                        primary(task, metrics.test()));
        long now = nanoClock.getAsLong();
        if (interactive) {
            lastTest = "test " + primary(task, metrics.test());
            drawBar(metrics.epoch(), batchesPerEpoch, metrics.trainingLoss(), now);
            return;
        }
        boolean firstOrLast = metrics.epoch() == 1 || metrics.epoch() == spec.training().epochs();
        if (firstOrLast || now - lastLine >= LINE_INTERVAL_NANOS) {
            println(
                    String.format(
                            Locale.ROOT,
                            "%s epoch %d/%d: loss %.4g, %s %s",
                            prefix(),
                            metrics.epoch(),
                            spec.training().epochs(),
                            metrics.trainingLoss(),
                            SplitMetrics.primaryName(task),
                            summary));
            lastLine = now;
        }
    }

    @Override
    public void runFinished(RunResult result) {
        if (interactive && drawnLength > 0) {
            err.print("\r" + " ".repeat(drawnLength) + "\r");
        }
        Task task = spec.task();
        println(
                String.format(
                        Locale.ROOT,
                        "%s %s finished in %s after %d epoch%s: %s train %s, test %s",
                        prefix(),
                        spec.name(),
                        duration(
                                TimeUnit.MILLISECONDS.toNanos(
                                        Math.round(1000 * result.totalSeconds()))),
                        result.epochs().size(),
                        result.epochs().size() == 1 ? "" : "s",
                        SplitMetrics.primaryName(task),
                        ResultsTable.metric(task, result.finalTrain()),
                        ResultsTable.metric(task, result.finalTest())));
    }

    /**
     * Redraws the bar of the current run: epoch, share of all minibatches, time as {@code
     * elapsed<remaining}, the minibatch loss and the test metric of the last epoch.
     */
    private void drawBar(int epoch, int batch, double score, long now) {
        int epochs = spec.training().epochs();
        long total = (long) epochs * batchesPerEpoch;
        long done = (long) (epoch - 1) * batchesPerEpoch + batch;
        double fraction = total == 0 ? 1 : Math.min(1.0, (double) done / total);

        int filled = (int) Math.round(fraction * BAR_WIDTH);
        String bar =
                "=".repeat(filled)
                        + (filled < BAR_WIDTH ? ">" + " ".repeat(BAR_WIDTH - filled - 1) : "");
        long elapsed = now - runStart;
        String remaining =
                fraction > 0 ? duration(Math.round(elapsed * (1 - fraction) / fraction)) : "?";
        String line =
                String.format(
                        Locale.ROOT,
                        "%s epoch %d/%d [%s] %3.0f%% %s<%s loss %.3g %s",
                        prefix(),
                        epoch,
                        epochs,
                        bar,
                        100 * fraction,
                        duration(elapsed),
                        remaining,
                        score,
                        lastTest);
        line = line.stripTrailing();
        if (line.length() > MAX_BAR_LINE) {
            line = line.substring(0, MAX_BAR_LINE);
        }

        // Spaces erase the end of a longer earlier line, because \r does not clear it.
        String padding = " ".repeat(Math.max(0, drawnLength - line.length()));
        err.print("\r" + line + padding);
        err.flush();
        drawnLength = line.length();
    }

    private void println(String line) {
        err.println(line);
        err.flush();
    }

    private String prefix() {
        return String.format(Locale.ROOT, "[%d/%d]", runNumber, totalRuns);
    }

    private static String primary(Task task, SplitMetrics metrics) {
        double value = metrics.primary(task);
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * value);
    }

    /** Formats a duration as {@code m:ss}, or {@code h:mm:ss} from one hour on. */
    static String duration(long nanos) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(Math.max(0, nanos));
        long hours = seconds / 3600;
        long minutes = seconds / 60 % 60;
        long rest = seconds % 60;
        return hours > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, rest)
                : String.format(Locale.ROOT, "%d:%02d", minutes, rest);
    }
}
