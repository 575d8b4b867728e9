package io.github.coordconv.experiments.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Runs short numpy scripts with {@code python3} to produce expected values for tests. */
final class NumpyReference {

    private static final long TIMEOUT_SECONDS = 60;
    private static Boolean available;

    private NumpyReference() {}

    /** Returns whether {@code python3} runs and imports numpy on this machine. */
    static synchronized boolean available() {
        if (available == null) {
            try {
                Process process =
                        new ProcessBuilder("python3", "-c", "import numpy")
                                .redirectErrorStream(true)
                                .start();
                process.getInputStream().transferTo(OutputStream.nullOutputStream());
                available =
                        process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                                && process.exitValue() == 0;
            } catch (IOException e) {
                available = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                available = false;
            }
        }
        return available;
    }

    /** Runs {@code script} with {@code python3 -c} and returns its standard output, trimmed. */
    static String run(String script) throws IOException, InterruptedException {
        Process process =
                new ProcessBuilder("python3", "-c", script)
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("python3 timed out after " + TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(
                    "python3 failed with exit code " + process.exitValue() + " on:\n" + script);
        }
        return output.trim();
    }
}
