package io.github.coordconv.examples.cli;

import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code coordconv} command-line tool.
 *
 * <p>Errors caused by the user's input (unknown names, malformed files, an existing output
 * directory) end the program with exit code 2 and a one-line message; anything else is logged with
 * its stack trace and ends it with exit code 1.
 */
@Command(
        name = "coordconv",
        mixinStandardHelpOptions = true,
        version = "coordconv 0.1.0",
        description = "Replicates the supervised CoordConv experiments on Deeplearning4j.",
        subcommands = {DatasetCommand.class})
public final class CoordConvCli {

    private static final Logger log = LoggerFactory.getLogger(CoordConvCli.class);

    /** Exit code for invalid input: a bad option value, file or directory. */
    static final int INVALID_INPUT = 2;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs one command line and returns its exit code, without exiting the JVM. */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new CoordConvCli());
        commandLine.setExecutionExceptionHandler(CoordConvCli::handle);
        return commandLine.execute(args);
    }

    private static int handle(
            Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (exception instanceof IllegalArgumentException
                || exception instanceof IllegalStateException) {
            err.println("coordconv: " + exception.getMessage());
            err.flush();
            return INVALID_INPUT;
        }
        log.error("coordconv {} failed", commandLine.getCommandName(), exception);
        err.println("coordconv: " + exception);
        err.flush();
        return 1;
    }
}
