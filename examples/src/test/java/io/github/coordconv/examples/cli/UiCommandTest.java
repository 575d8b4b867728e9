package io.github.coordconv.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiCommandTest {

    @TempDir Path directory;

    @Test
    void missingStatsFileRejected() {
        Path missing = directory.resolve("absent").resolve("stats.dl4j");

        CliRun run = CliRun.of("ui", "--stats", missing.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Stats file not found: " + missing);
        assertThat(run.err()).contains("stats.dl4j of a run directory");
    }

    @Test
    void directoryRejected() {
        CliRun run = CliRun.of("ui", "--stats", directory.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(directory + " is not a file");
    }

    @Test
    void corruptStatsFileRejectedUnchanged() throws IOException {
        Path file = directory.resolve("stats.dl4j");
        String text = "x,y\n10,10\n".repeat(100);
        Files.writeString(file, text);

        CliRun run = CliRun.of("ui", "--stats", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Failed to read stats file " + file);
        assertThat(run.err()).contains("not a DL4J stats file");
        assertThat(file).hasContent(text);
    }

    @Test
    void portOutOfRangeRejected() throws IOException {
        Path file = emptyStatsFile();

        for (String port : new String[] {"0", "65536"}) {
            CliRun run = CliRun.of("ui", "--stats", file.toString(), "--port", port);

            assertThat(run.exitCode()).as("port %s", port).isEqualTo(2);
            assertThat(run.err())
                    .contains("Invalid value for option '--port': " + port)
                    .contains("from 1 to 65535");
        }
    }

    @Test
    void nonNumericPortRejected() throws IOException {
        Path file = emptyStatsFile();

        for (String[] command :
                new String[][] {
                    {"ui", "--stats", file.toString(), "--port", "abc"},
                    {
                        "train",
                        "--print-default",
                        "--task",
                        "classification",
                        "--ui",
                        "--port",
                        "abc"
                    }
                }) {
            CliRun run = CliRun.of(command);

            assertThat(run.exitCode()).as(command[0]).isEqualTo(2);
            assertThat(run.err())
                    .as(command[0])
                    .contains("Invalid value for option '--port': 'abc' is not a port number")
                    .contains("from 1 to 65535");
        }
    }

    @Test
    void portInUseRejected() throws IOException {
        Path file = emptyStatsFile();
        long size = Files.size(file);

        try (ServerSocket holder = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = holder.getLocalPort();

            CliRun run = CliRun.of("ui", "--stats", file.toString(), "--port", "" + port);

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("Port " + port + " on 127.0.0.1 is already in use");
            assertThat(run.err()).contains("Choose a free port with --port");
            assertThat(holder.isClosed()).isFalse();
        }
        assertThat(file).hasSize(size);
    }

    private Path emptyStatsFile() throws IOException {
        Path file = directory.resolve("empty.dl4j");
        new FileStatsStorage(file.toFile()).close();
        return file;
    }
}
