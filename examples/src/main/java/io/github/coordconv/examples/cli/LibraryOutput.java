package io.github.coordconv.examples.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintStream;
import org.slf4j.LoggerFactory;

/**
 * Keeps library output away from the results while a command trains, and restores it on {@link
 * #close()}.
 *
 * <ul>
 *   <li>The experiments library logs one INFO line per epoch. Unless {@code verbose} is set, its
 *       level is raised to WARN, so that these lines do not tear the progress bar on stderr. The
 *       level stays as configured when slf4j is not bound to logback.
 *   <li>DL4J 1.0.0-M2.1 prints lines such as {@code Added differentiated op concat_1} to {@code
 *       System.out} when it builds the gradient of a SameDiff layer. {@code System.out} points to
 *       {@code System.err} meanwhile, so stdout keeps only the results.
 * </ul>
 */
final class LibraryOutput implements AutoCloseable {

    private static final String LIBRARY_LOGGER = "io.github.coordconv.experiments";

    private final Logger logger;
    private final Level previousLevel;
    private final PrintStream previousOut;

    private LibraryOutput(Logger logger, Level previousLevel, PrintStream previousOut) {
        this.logger = logger;
        this.previousLevel = previousLevel;
        this.previousOut = previousOut;
    }

    /** Quiets the library's INFO logs unless {@code verbose} is set, and sends stdout to stderr. */
    static LibraryOutput divert(boolean verbose) {
        PrintStream previousOut = System.out;
        System.setOut(System.err);
        if (verbose || !(LoggerFactory.getLogger(LIBRARY_LOGGER) instanceof Logger logbackLogger)) {
            return new LibraryOutput(null, null, previousOut);
        }
        Level previousLevel = logbackLogger.getLevel();
        logbackLogger.setLevel(Level.WARN);
        return new LibraryOutput(logbackLogger, previousLevel, previousOut);
    }

    /** Restores {@code System.out} and the log level; a {@code null} level inherits again. */
    @Override
    public void close() {
        System.setOut(previousOut);
        if (logger != null) {
            logger.setLevel(previousLevel);
        }
    }
}
