package io.github.coordconv.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coordconv.examples.ui.UiServer;
import io.github.coordconv.experiments.search.Search;
import io.github.coordconv.experiments.train.RunFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchCommandTest {

    @TempDir Path directory;

    /** Search options for a tiny search: a 3-point grid, 1 epoch of 2 minibatches each. */
    private String[] search(Path out, int candidates, String... more) throws IOException {
        Path space = directory.resolve("space.json");
        Files.writeString(
                space,
                "{\"name\": \"tiny\", \"model\": \"coordconv\", \"axes\": {\"learningRate\":"
                        + " [0.001, 0.003, 0.01]}}");
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "search",
                                "--task",
                                "classification",
                                "--split",
                                "quadrant",
                                "--space-file",
                                space.toString(),
                                "--strategy",
                                "grid",
                                "--candidates",
                                String.valueOf(candidates),
                                "--epochs",
                                "1",
                                "--max-batches",
                                "2",
                                "--out",
                                out.toString()));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    private static Path result(Path out, int index) {
        return out.resolve("candidates")
                .resolve(String.format("%05d", index))
                .resolve("result.json");
    }

    @Test
    void searchRanksThenResumes() throws Exception {
        Path out = directory.resolve("search");
        int port = freePort();

        CliRun first = CliRun.of(search(out, 2, "--ui", "--port", String.valueOf(port)));

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).contains("DL4J UI: http://127.0.0.1:" + port + "/arbiter");
        assertThat(first.out()).containsPattern("(?m)^1 +[01] ");
        assertThat(first.out()).containsPattern("(?m)^2 +[01] ");
        assertThat(out.resolve(Search.SUMMARY)).isNotEmptyFile();
        assertThat(result(out, 0)).isNotEmptyFile();
        assertThat(result(out, 1)).isNotEmptyFile();
        assertThat(result(out, 2)).doesNotExist();
        assertThat(result(out, 0).resolveSibling(RunFiles.STATS)).isNotEmptyFile();
        assertThat(arbiterSessions(out.resolve(Search.STATS))).isEqualTo(1);
        assertArbiterPagesServe(out.resolve(Search.STATS));
        FileTime firstFinished = Files.getLastModifiedTime(result(out, 0));
        FileTime secondFinished = Files.getLastModifiedTime(result(out, 1));

        CliRun resumed = CliRun.of(search(out, 3, "--resume"));

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(result(out, 2)).isNotEmptyFile();
        assertThat(Files.getLastModifiedTime(result(out, 0))).isEqualTo(firstFinished);
        assertThat(Files.getLastModifiedTime(result(out, 1))).isEqualTo(secondFinished);
        assertThat(arbiterSessions(out.resolve(Search.STATS))).isEqualTo(2);
        assertThat(resumed.out()).contains("coordconv ui --stats");
    }

    @Test
    void existingSearchRejectedWithoutResume() throws IOException {
        Path out = Files.createDirectories(directory.resolve("search"));
        Files.writeString(out.resolve(Search.SUMMARY), "[]");

        CliRun run = CliRun.of(search(out, 2));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("already contains a search");
        assertThat(out.resolve(Search.SUMMARY)).hasContent("[]");
    }

    @Test
    void missingSpaceFileRejected() {
        Path out = directory.resolve("search");
        Path missing = directory.resolve("missing.json");

        CliRun run =
                CliRun.of(
                        "search",
                        "--out",
                        out.toString(),
                        "--space-file",
                        missing.toString(),
                        "--candidates",
                        "1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Search space file").contains("not found");
        assertThat(run.err()).doesNotContain("Exception");
        assertThat(out).doesNotExist();
    }

    /**
     * Shows a search stats file in the UI and checks that the Arbiter summary and results read it.
     * The configuration and candidate details need a DL4J network space (see SearchCommand).
     */
    private static void assertArbiterPagesServe(Path file) throws Exception {
        StatsStorage storage = UiCommand.open(file);
        try (UiServer server = UiServer.start(freePort())) {
            server.attach(storage);

            HttpResponse<String> summary = get(server.url("/arbiter/summary"));
            assertThat(summary.statusCode()).isEqualTo(200);
            assertThat(summary.body()).isNotBlank();
            HttpResponse<String> results = get(server.url("/arbiter/results"));
            assertThat(results.statusCode()).isEqualTo(200);
            assertThat(results.body()).contains("\"0\"").contains("\"1\"");
            assertThat(results.body()).contains("Complete");
            assertThat(results.body()).doesNotContain("Created");

            server.detach(storage);
        } finally {
            storage.close();
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Returns the number of sessions in a search stats file. */
    private static int arbiterSessions(Path file) throws IOException {
        FileStatsStorage storage = new FileStatsStorage(file.toFile());
        try {
            return storage.listSessionIDs().size();
        } finally {
            storage.close();
        }
    }
}
