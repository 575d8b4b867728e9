package io.github.coordconv.examples.cli;

import io.github.coordconv.examples.ui.UiServer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code coordconv ui}: shows a saved DL4J stats file in the DL4J UI until Ctrl+C. */
@Command(
        name = "ui",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Shows a saved DL4J stats file in the DL4J UI on 127.0.0.1 until Ctrl+C.",
            "",
            "Stats files: RUN_DIR/stats.dl4j of 'train' and 'replicate' runs (training page,"
                    + " /train) and DIR/search-stats.dl4j of 'search' (Arbiter page, /arbiter)."
        })
final class UiCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(UiCommand.class);

    @Spec CommandSpec spec;

    @Option(
            names = "--stats",
            required = true,
            paramLabel = "FILE",
            description = "The stats file to show.")
    Path stats;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            converter = Converters.PortConverter.class,
            defaultValue = "" + UiServer.DEFAULT_PORT,
            description = "Port of the DL4J UI, from 1 to 65535 (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws InterruptedException {
        UiOptions.checkPort(spec.commandLine(), port);
        Path file = stats.toAbsolutePath().normalize();
        StatsStorage storage = open(file);
        UiServer server;
        try {
            server = UiOptions.start(port);
        } catch (RuntimeException e) {
            closeQuietly(storage, file);
            throw e;
        }
        server.attach(storage);

        PrintWriter err = spec.commandLine().getErr();
        String page = isSearch(storage) ? UiServer.ARBITER_PAGE : UiServer.TRAIN_PAGE;
        err.printf("Showing %s at %s. Press Ctrl+C to stop.%n", file, server.url(page));
        err.flush();

        // FileStatsStorage closes its MapDB file in a shutdown hook of its own, so this hook
        // stops only the server.
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown =
                new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "coordconv-ui-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        stopped.await();
        return 0;
    }

    /**
     * Opens {@code file} as a DL4J stats file.
     *
     * @throws IllegalArgumentException if the file is missing, is a directory, or cannot be read as
     *     a stats file. The message names the path.
     */
    static StatsStorage open(Path file) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(
                    "Stats file not found: "
                            + file
                            + ". Pass the stats.dl4j of a run directory or the search-stats.dl4j"
                            + " of a search directory.");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    "Stats file " + file + " is not a file. Pass the path of a .dl4j stats file.");
        }
        StatsStorage storage;
        try {
            storage = new FileStatsStorage(file.toFile());
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (reason.contains("locked")) {
                throw new IllegalArgumentException(
                        "Stats file "
                                + file
                                + " is open in another process, such as a run with --ui or"
                                + " another 'coordconv ui'. Watch that run's UI, or try again"
                                + " when it has finished.",
                        e);
            }
            throw new IllegalArgumentException(
                    "Failed to read stats file "
                            + file
                            + ": it is damaged or not a DL4J stats file ("
                            + reason
                            + "). Pass a stats.dl4j written by coordconv.",
                    e);
        }
        List<String> sessions = storage.listSessionIDs();
        if (sessions.isEmpty()) {
            log.warn("Stats file {} contains no training or search sessions", file);
        }
        return storage;
    }

    /** Returns whether {@code storage} contains Arbiter search sessions. */
    private static boolean isSearch(StatsStorage storage) {
        return storage.listSessionIDs().stream()
                .anyMatch(
                        session ->
                                storage.listTypeIDsForSession(session).stream()
                                        .anyMatch(type -> type.startsWith("Arbiter")));
    }

    private static void closeQuietly(StatsStorage storage, Path file) {
        try {
            storage.close();
        } catch (Exception e) {
            log.warn("Failed to close stats file {}", file, e);
        }
    }
}
