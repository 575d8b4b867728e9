package io.github.coordconv.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coordconv.experiments.data.Split;
import io.github.coordconv.experiments.models.ModelType;
import io.github.coordconv.experiments.models.Task;
import io.github.coordconv.experiments.train.Budget;
import io.github.coordconv.experiments.train.EpochMetrics;
import io.github.coordconv.experiments.train.RunResult;
import io.github.coordconv.experiments.train.RunSpec;
import io.github.coordconv.experiments.train.SplitMetrics;
import io.github.coordconv.experiments.train.TrainingSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProgressListenerTest {

    private final StringWriter text = new StringWriter();
    private long nanos;

    private static final RunSpec SPEC =
            RunSpec.defaults(Task.CLASSIFICATION, Split.QUADRANT, ModelType.COORDCONV, Budget.QUICK)
                    .withTraining(new TrainingSpec(16, 2, 4, 16, 16, false));

    private static final SplitMetrics TRAIN = new SplitMetrics(16, 1.5, 0.25, 3.0, null);
    private static final SplitMetrics TEST = new SplitMetrics(16, 2.5, 0.125, 6.0, null);

    private ProgressListener listener(boolean interactive) {
        return new ProgressListener(new PrintWriter(text, true), interactive, 3, () -> nanos);
    }

    private static EpochMetrics epoch(int number) {
        return new EpochMetrics(number, 0.005, 4, 2.0, TRAIN, TEST, 1.0, 0.5);
    }

    private static RunResult result(List<EpochMetrics> epochs) {
        return new RunResult(
                SPEC, "run", 7553, 7553, epochs, TRAIN, TEST, null, 1, TEST, 2.0, 65.0, false);
    }

    /** Reports two epochs of four minibatches to {@code progress}, one second per minibatch. */
    private void train(ProgressListener progress) {
        progress.runStarted(SPEC, 4);
        for (int epoch = 1; epoch <= 2; epoch++) {
            for (int batch = 1; batch <= 4; batch++) {
                nanos += TimeUnit.SECONDS.toNanos(1);
                progress.batchCompleted(epoch, batch, 3.0);
            }
            progress.epochCompleted(epoch(epoch));
        }
        progress.runFinished(result(List.of(epoch(1), epoch(2))));
    }

    @Test
    void plainModeWritesLines() {
        train(listener(false));

        String output = text.toString();
        assertThat(output).doesNotContain("\r");
        assertThat(output)
                .contains(
                        "[1/3] classification-quadrant-coordconv: up to 2 epochs of 4"
                                + " minibatches of 16");
        assertThat(output)
                .contains("[1/3] epoch 2/2: loss 2.000, accuracy train 25.0%, test 12.5%");
        assertThat(output).contains("finished in 1:05 after 2 epochs");
        assertThat(output).contains("test 12.5%, 6.00 px");
    }

    @Test
    void plainModeThrottlesBatchLines() {
        ProgressListener progress = listener(false);
        progress.runStarted(SPEC, 4);
        nanos += TimeUnit.SECONDS.toNanos(ProgressListener.LINE_INTERVAL_SECONDS - 1);
        progress.batchCompleted(1, 1, 3.0);
        nanos += TimeUnit.SECONDS.toNanos(1);
        progress.batchCompleted(1, 2, 3.0);
        progress.batchCompleted(1, 3, 3.0);

        assertThat(text.toString()).doesNotContain("minibatch 1/4");
        assertThat(text.toString()).contains("minibatch 2/4");
        assertThat(text.toString()).doesNotContain("minibatch 3/4");
    }

    @Test
    void terminalModeRedrawsBar() {
        train(listener(true));

        String output = text.toString();
        assertThat(output).contains("\r[1/3] epoch 1/2 [==========>         ]  50%");
        assertThat(output).contains("\r[1/3] epoch 2/2 [====================] 100%");
        assertThat(output).contains("test 12.5%");
        assertThat(output).contains("finished in 1:05");
    }

    @Test
    void barLinesFitEightyColumns() {
        train(listener(true));

        List<String> bars =
                Arrays.stream(text.toString().split("[\r\n]"))
                        .filter(line -> line.contains(" epoch ") && line.contains("%"))
                        .filter(line -> !line.contains("finished"))
                        .toList();
        assertThat(bars).isNotEmpty();
        for (String bar : bars) {
            assertThat(bar.length()).as(bar).isLessThan(80);
        }
    }

    @Test
    void durationFormats() {
        assertThat(ProgressListener.duration(TimeUnit.SECONDS.toNanos(65))).isEqualTo("1:05");
        assertThat(ProgressListener.duration(TimeUnit.SECONDS.toNanos(3725))).isEqualTo("1:02:05");
    }
}
