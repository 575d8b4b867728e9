package io.github.coordconv.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The check that keeps a command from writing over earlier results. */
final class OutputDirectory {

    private OutputDirectory() {}

    /**
     * Checks that results can go into {@code directory}: it does not exist, is empty, or {@code
     * force} is set. Runs before any training, so a rejected command writes nothing.
     *
     * @throws IllegalArgumentException if {@code directory} is a file, or a non-empty directory and
     *     {@code force} is false; the message names the directory and the options that fix it
     * @throws UncheckedIOException if the directory cannot be read
     */
    static void checkUsable(Path directory, boolean force) {
        if (!Files.exists(directory)) {
            return;
        }
        Path absolute = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException(
                    "Output directory "
                            + absolute
                            + " is a file. Choose a directory path with --out.");
        }
        if (!force && !isEmpty(directory)) {
            throw new IllegalArgumentException(
                    "Output directory "
                            + absolute
                            + " already exists and is not empty. Pass --force to overwrite the"
                            + " results in it, or choose another directory with --out.");
        }
    }

    private static boolean isEmpty(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read output directory " + directory, e);
        }
    }
}
