package io.github.coordconv.notebooks.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the "Java (CoordConv)" kernel. Jupyter runs it with the path of a connection file, as the
 * {@code argv} in the kernel.json that {@code notebooks/install-kernel} writes:
 *
 * <pre>
 * java -cp notebooks/target/classes:notebooks/target/lib/* \
 *     io.github.coordconv.notebooks.kernel.KernelMain CONNECTION_FILE
 * </pre>
 *
 * <p>Cells are compiled against this JVM's class path ({@code java.class.path}). The process exits
 * with status 0 after a shutdown request, 1 when JShell cannot start, and 2 when the connection
 * file is missing or invalid.
 */
public final class KernelMain {

    private static final Logger LOG = LoggerFactory.getLogger(KernelMain.class);

    private KernelMain() {}

    /** Runs the kernel until Jupyter shuts it down, then exits the JVM. */
    public static void main(String[] args) {
        int status = run(args);
        // ND4J starts non-daemon threads that would keep the JVM running after the shutdown.
        System.exit(status);
    }

    private static int run(String[] args) {
        if (args.length != 1) {
            LOG.error(
                    "Expected 1 argument, the connection file, but got {}. Start the kernel from"
                            + " Jupyter after notebooks/install-kernel; Jupyter passes the file.",
                    args.length);
            return 2;
        }
        Path connectionFile = Path.of(args[0]);
        if (!Files.isRegularFile(connectionFile)) {
            LOG.error(
                    "Connection file not found: {}. Jupyter writes this file before it starts the"
                            + " kernel, so start the kernel from Jupyter.",
                    connectionFile.toAbsolutePath());
            return 2;
        }
        KernelConnectionProperties properties;
        JupyterConnection connection;
        try {
            properties = KernelConnectionProperties.parse(Files.readString(connectionFile));
            connection = new JupyterConnection(properties);
        } catch (IOException e) {
            LOG.error("Reading the connection file {} failed", connectionFile, e);
            return 2;
        } catch (GeneralSecurityException e) {
            LOG.error(
                    "Invalid signature_scheme or key in the connection file {}", connectionFile, e);
            return 2;
        } catch (RuntimeException e) {
            LOG.error("Invalid connection file {}: {}", connectionFile, e.toString());
            return 2;
        }

        long start = System.nanoTime();
        CoordConvKernel kernel;
        try {
            kernel =
                    new CoordConvKernel(new JShellEvaluator(System.getProperty("java.class.path")));
        } catch (RuntimeException e) {
            LOG.error(
                    "Starting JShell failed. The kernel needs a JDK 17 or newer with the"
                            + " jdk.jshell module.",
                    e);
            return 1;
        }
        kernel.onStartup();
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        LOG.info(
                "Kernel {} started in {} ms on {} (transport {}, shell port {})",
                CoordConvKernel.NAME,
                (System.nanoTime() - start) / 1_000_000,
                properties.getIp(),
                properties.getTransport(),
                properties.getShellPort());
        connection.waitUntilClose();
        LOG.info("Kernel {} stopped", CoordConvKernel.NAME);
        return 0;
    }
}
