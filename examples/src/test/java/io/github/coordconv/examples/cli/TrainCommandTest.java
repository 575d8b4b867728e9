package io.github.coordconv.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.coordconv.experiments.data.Split;
import io.github.coordconv.experiments.models.ModelType;
import io.github.coordconv.experiments.models.Task;
import io.github.coordconv.experiments.train.Budget;
import io.github.coordconv.experiments.train.RunFiles;
import io.github.coordconv.experiments.train.RunSpec;
import io.github.coordconv.experiments.train.TrainingSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class TrainCommandTest {

    /** Returns a port that no program listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @TempDir Path directory;

    /** Prints the default spec of the quadrant CoordConv regressor, capped to 2 minibatches. */
    private Path tinySpec() throws IOException {
        CliRun printed =
                CliRun.of(
                        "train",
                        "--print-default",
                        "--task",
                        "regression",
                        "--split",
                        "quadrant",
                        "--model",
                        "coordconv");
        assertThat(printed.exitCode()).as(printed.err()).isZero();
        RunSpec spec = RunSpec.fromJson(printed.out(), "print-default output");
        TrainingSpec tiny = spec.training().withMaxBatchesPerEpoch(2).withEvaluationExamples(8);
        Path file = directory.resolve("spec.json");
        spec.withTraining(tiny).writeJson(file);
        return file;
    }

    @Test
    void trainWritesRunFiles() throws IOException {
        Path spec = tinySpec();
        Path data = DataFiles.write(directory.resolve("data"), "10,10");
        Path out = Files.createDirectories(directory.resolve("run"));
        Files.writeString(out.resolve(RunFiles.METRICS), "stale");

        CliRun run =
                CliRun.of(
                        "train",
                        "--spec",
                        spec.toString(),
                        "--data",
                        data.toString(),
                        "--out",
                        out.toString(),
                        "--force");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(out.resolve(RunFiles.MODEL)).isNotEmptyFile();
        assertThat(out.resolve(RunFiles.METRICS)).content().startsWith("epoch");
        RunSpec written = RunSpec.fromJson(out.resolve(RunFiles.SPEC));
        assertThat(written.data().source()).isEqualTo(data.toAbsolutePath().toString());
        assertThat(written.environment()).isNotNull();
        assertThat(run.out()).contains("regression-quadrant-coordconv: 906 parameters");
        assertThat(run.out()).contains("test exact-match rate:");
        assertThat(run.out()).contains("(8 examples)");
        assertThat(run.out()).contains("reported: train near-perfect");
        assertThat(run.out()).contains("coordconv ui --stats " + out.resolve(RunFiles.STATS));
        assertThat(statsSessions(out.resolve(RunFiles.STATS)))
                .containsExactly("regression-quadrant-coordconv");
    }

    @Test
    void trainWithoutVerboseLogsNoInfo() throws IOException {
        Path spec = tinySpec();
        Logger library = (Logger) LoggerFactory.getLogger("io.github.coordconv.experiments");
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        library.addAppender(events);

        CliRun run;
        try {
            run =
                    CliRun.of(
                            "train",
                            "--spec",
                            spec.toString(),
                            "--out",
                            directory.resolve("run").toString());
        } finally {
            library.detachAppender(events);
        }

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(events.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(message -> message.startsWith("Not-so-Clevr"));
        assertThat(events.list).allMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN));
    }

    /** Returns the session ids of a DL4J stats file that contain training updates. */
    static List<String> statsSessions(Path file) throws IOException {
        FileStatsStorage storage = new FileStatsStorage(file.toFile());
        try {
            List<String> sessions = new ArrayList<>();
            for (String session : storage.listSessionIDs()) {
                if (storage.getNumUpdateRecordsFor(session) > 0) {
                    sessions.add(session);
                }
            }
            return sessions;
        } finally {
            storage.close();
        }
    }

    @Test
    void trainWithUiServesAndFreesPort() throws IOException {
        Path spec = tinySpec();
        Path data = DataFiles.write(directory.resolve("data"), "10,10");
        Path out = directory.resolve("run");
        int port = freePort();

        CliRun run =
                CliRun.of(
                        "train",
                        "--spec",
                        spec.toString(),
                        "--data",
                        data.toString(),
                        "--out",
                        out.toString(),
                        "--ui",
                        "--port",
                        String.valueOf(port));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("DL4J UI: http://127.0.0.1:" + port + "/train");
        assertThat(out.resolve(RunFiles.STATS)).isNotEmptyFile();
        try (ServerSocket socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void binarySpecRejected() throws IOException {
        Path spec = directory.resolve("spec.json");
        Files.write(spec, new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'});
        Path out = directory.resolve("run");

        CliRun run = CliRun.of("train", "--spec", spec.toString(), "--out", out.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("not UTF-8 text");
        assertThat(run.err()).doesNotContain("Exception");
        assertThat(out).doesNotExist();
    }

    @Test
    void directorySpecRejected() {
        CliRun run = CliRun.of("train", "--spec", directory.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Spec file is a directory");
    }

    @Test
    void portWithoutUiRejected() throws IOException {
        Path spec = tinySpec();
        Path out = directory.resolve("run");

        CliRun run =
                CliRun.of(
                        "train",
                        "--spec",
                        spec.toString(),
                        "--out",
                        out.toString(),
                        "--port",
                        "9001");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--port applies only with --ui");
        assertThat(out).doesNotExist();
    }

    @Test
    void busyPortKeepsEarlierRun() throws IOException {
        Path spec = tinySpec();
        Path out = Files.createDirectories(directory.resolve("run"));
        Files.writeString(out.resolve(RunFiles.METRICS), "earlier");

        try (ServerSocket holder = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = holder.getLocalPort();
            CliRun run =
                    CliRun.of(
                            "train",
                            "--spec",
                            spec.toString(),
                            "--out",
                            out.toString(),
                            "--force",
                            "--ui",
                            "--port",
                            String.valueOf(port));

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("Port " + port + " on 127.0.0.1 is already in use");
            assertThat(run.err()).contains("--port");
        }
        assertThat(out.resolve(RunFiles.METRICS)).hasContent("earlier");
    }

    @Test
    void printDefaultRoundTrips() {
        CliRun run =
                CliRun.of(
                        "train",
                        "--print-default",
                        "--task",
                        "classification",
                        "--split",
                        "uniform-80-20",
                        "--model",
                        "deconv",
                        "--budget",
                        "full");

        assertThat(run.exitCode()).as(run.err()).isZero();
        RunSpec expected =
                RunSpec.defaults(
                        Task.CLASSIFICATION, Split.UNIFORM_80_20, ModelType.DECONV, Budget.FULL);
        assertThat(RunSpec.fromJson(run.out(), "stdout")).isEqualTo(expected);
    }

    @Test
    void printDefaultUsesQuickCoordConv() {
        CliRun run = CliRun.of("train", "--print-default", "--task", "rendering");

        RunSpec printed = RunSpec.fromJson(run.out(), "stdout");
        assertThat(printed.model()).isEqualTo(ModelType.COORDCONV);
        assertThat(printed.split()).isEqualTo(Split.UNIFORM);
        assertThat(printed.training())
                .isEqualTo(Budget.QUICK.training(Task.RENDERING, ModelType.COORDCONV));
    }

    @Test
    void printDefaultRejectsWrongModel() {
        CliRun run =
                CliRun.of("train", "--print-default", "--task", "rendering", "--model", "conv-gap");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'conv-gap'");
        assertThat(run.err()).contains("coordconv, deconv");
    }

    @Test
    void printDefaultNeedsTask() {
        CliRun run = CliRun.of("train", "--print-default");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--task");
    }

    @Test
    void unknownTaskRejected() {
        CliRun run = CliRun.of("train", "--print-default", "--task", "detection");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'detection'");
        assertThat(run.err()).contains("classification, regression, rendering");
    }

    @Test
    void malformedSpecRejected() throws IOException {
        Path spec = directory.resolve("broken.json");
        Files.writeString(spec, "{\"task\": \"regression\",");

        CliRun run = CliRun.of("train", "--spec", spec.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(spec.toString());
        assertThat(run.err()).contains("not valid JSON");
    }

    @Test
    void missingSpecRejected() {
        Path spec = directory.resolve("absent.json");

        CliRun run = CliRun.of("train", "--spec", spec.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Spec file not found: " + spec);
    }

    @Test
    void specOrPrintDefaultRequired() {
        CliRun run = CliRun.of("train");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing --spec FILE");
    }

    @Test
    void existingRunRejected() throws IOException {
        Path spec = tinySpec();
        Path out = Files.createDirectories(directory.resolve("run"));
        Files.writeString(out.resolve(RunFiles.SPEC), "earlier");

        CliRun run = CliRun.of("train", "--spec", spec.toString(), "--out", out.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(out.toAbsolutePath().toString());
        assertThat(run.err()).contains("--force");
        assertThat(out.resolve(RunFiles.SPEC)).hasContent("earlier");
    }

    @Test
    void dataOutsideCanvasRejected() throws IOException {
        Path spec = tinySpec();
        Path data = DataFiles.write(directory.resolve("data"), "12,64");
        Path out = directory.resolve("run");

        CliRun run =
                CliRun.of(
                        "train",
                        "--spec",
                        spec.toString(),
                        "--data",
                        data.toString(),
                        "--out",
                        out.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("64 is outside the 64x64 canvas");
        assertThat(out).doesNotExist();
    }
}
