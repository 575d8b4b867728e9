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
        subcommands = {
            DatasetCommand.class,
            ReplicateCommand.class,
            TrainCommand.class,
            AblateCommand.class,
            SearchCommand.class,
            UiCommand.class
        })
public final class CoordConvCli {

    private static final Logger log = LoggerFactory.getLogger(CoordConvCli.class);

    /** Exit code for invalid input: a bad option value, file or directory. */
    static final int INVALID_INPUT = 2;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs one command line and returns its exit code, without exiting the JVM. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /**
     * Runs one command line with its standard output and error text sent to {@code out} and {@code
     * err}, and returns its exit code. Library logs still go to {@code System.err}.
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine();
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    private static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new CoordConvCli());
        commandLine.setExecutionExceptionHandler(CoordConvCli::handle);
        commandLine.setParameterExceptionHandler(CoordConvCli::handleInvalidArguments);
        return commandLine;
    }

    /** Prints the error of an invalid command line with a pointer to the command's help. */
    private static int handleInvalidArguments(
            CommandLine.ParameterException exception, String[] args) {
        CommandLine commandLine = exception.getCommandLine();
        PrintWriter err = commandLine.getErr();
        String message = exception.getMessage();
        if (message.startsWith("Error: ")) {
            message = message.substring("Error: ".length());
        }
        err.println("coordconv: " + message);
        CommandLine.UnmatchedArgumentException.printSuggestions(exception, err);
        err.println(
                "Run '"
                        + commandLine.getCommandSpec().qualifiedName()
                        + " --help' for the options.");
        err.flush();
        return INVALID_INPUT;
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
