package io.github.coordconv.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Exit code and captured output of one {@link CoordConvCli#execute} call. */
record CliRun(int exitCode, String out, String err) {

    /** Runs {@code args} through the command line and captures stdout and stderr text. */
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode =
                CoordConvCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }
}
