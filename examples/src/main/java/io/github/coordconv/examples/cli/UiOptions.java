package io.github.coordconv.examples.cli;

import io.github.coordconv.examples.ui.PortInUseException;
import io.github.coordconv.examples.ui.UiServer;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code --ui} and {@code --port} options of the commands that train, and the start of the DL4J
 * UI server they request.
 */
final class UiOptions {

    @Option(
            names = "--ui",
            description =
                    "Show the training live in the DL4J UI, on 127.0.0.1 only (default port "
                            + UiServer.DEFAULT_PORT
                            + ").")
    boolean enabled;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            converter = Converters.PortConverter.class,
            description =
                    "With --ui: the port of the DL4J UI, from 1 to 65535 (default: "
                            + UiServer.DEFAULT_PORT
                            + ").")
    Integer port;

    /**
     * Checks that {@code --port} comes with {@code --ui} and is a valid port. Call it before the
     * command changes any file.
     */
    void check(CommandLine commandLine) {
        if (port != null && !enabled) {
            throw new ParameterException(
                    commandLine, "--port applies only with --ui. Add --ui to start the DL4J UI");
        }
        if (port != null) {
            checkPort(commandLine, port);
        }
    }

    /**
     * Starts the UI server if {@code --ui} is given and prints its address on {@code err}, or
     * returns {@code null} without it. Call it before the command deletes or writes results, so
     * that a busy port stops the command while everything is still as it was.
     */
    UiServer startIfRequested(CommandLine commandLine, PrintWriter err, String page) {
        if (!enabled) {
            return null;
        }
        UiServer server = start(port != null ? port : UiServer.DEFAULT_PORT);
        err.printf("DL4J UI: %s%n", server.url(page));
        err.flush();
        return server;
    }

    /** Throws a usage error naming {@code --port} unless {@code value} is in 1..65535. */
    static void checkPort(CommandLine commandLine, int value) {
        try {
            UiServer.checkPort(value);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    commandLine,
                    "Invalid value for option '--port': "
                            + value
                            + ". Expected a port from 1 to 65535");
        }
    }

    /**
     * Starts the UI server on {@code value}.
     *
     * @throws IllegalArgumentException if the port is in use; the message names the port and {@code
     *     --port}
     */
    static UiServer start(int value) {
        try {
            return UiServer.start(value);
        } catch (PortInUseException e) {
            throw new IllegalArgumentException(
                    e.getMessage()
                            + ". Choose a free port with --port, for example --port "
                            + (value < 65535 ? value + 1 : value - 1)
                            + ", or stop the program that listens on it.",
                    e);
        }
    }
}
