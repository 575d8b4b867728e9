package io.github.coordconv.examples.ui;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.BindException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.ui.VertxUIServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DL4J UI server (deeplearning4j-ui 1.0.0-M2.1) listening on the loopback address {@value
 * #HOST} only, so other machines cannot reach it. It serves the training page ({@code /train}) and
 * every UI module on the class path, such as Arbiter's search page ({@code /arbiter}).
 *
 * <p>DL4J keeps one UI server per JVM: {@link #start} fails while another one runs. {@link #close}
 * stops the server and frees the port.
 */
public final class UiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UiServer.class);

    /** The address the server listens on. */
    public static final String HOST = "127.0.0.1";

    /** The port of the DL4J UI unless one is chosen. */
    public static final int DEFAULT_PORT = VertxUIServer.DEFAULT_UI_PORT;

    /** The path of the training page. */
    public static final String TRAIN_PAGE = "/train";

    /** The path of Arbiter's search page. */
    public static final String ARBITER_PAGE = "/arbiter";

    private static final long START_TIMEOUT_SECONDS = 60;

    private final VertxUIServer server;
    private final int port;

    private UiServer(VertxUIServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts the UI server on {@value #HOST}:{@code port} and waits until it listens.
     *
     * @throws IllegalArgumentException if {@code port} is not in 1..65535
     * @throws PortInUseException if another program listens on the port
     * @throws IllegalStateException if a DL4J UI server already runs in this JVM, or the server
     *     fails to start for another reason
     */
    public static synchronized UiServer start(int port) {
        checkPort(port);
        VertxUIServer running = VertxUIServer.getInstance();
        if (running != null && !running.isStopped()) {
            throw new IllegalStateException(
                    "A DL4J UI server already runs in this JVM on port "
                            + running.getPort()
                            + "; stop it before starting another");
        }

        Vertx vertx = Vertx.vertx();
        LoopbackUiVerticle verticle = new LoopbackUiVerticle(port);
        CompletableFuture<String> deployment = new CompletableFuture<>();
        vertx.deployVerticle(
                verticle,
                result -> {
                    if (result.succeeded()) {
                        deployment.complete(result.result());
                    } else {
                        deployment.completeExceptionally(result.cause());
                    }
                });

        try {
            deployment.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            stopQuietly();
            if (hasCause(e, BindException.class)) {
                throw new PortInUseException(port, e.getCause());
            }
            throw new IllegalStateException(
                    "The DL4J UI server failed to start on " + HOST + ":" + port, e.getCause());
        } catch (TimeoutException e) {
            stopQuietly();
            throw new IllegalStateException(
                    "The DL4J UI server did not start within "
                            + START_TIMEOUT_SECONDS
                            + " s on "
                            + HOST
                            + ":"
                            + port,
                    e);
        } catch (InterruptedException e) {
            stopQuietly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the DL4J UI server started", e);
        }

        UiServer started = new UiServer(verticle, port);
        log.info("DL4J UI server listening on {}", started.url(""));
        return started;
    }

    /**
     * Checks that {@code port} is a TCP port the server can listen on.
     *
     * @throws IllegalArgumentException if it is not in 1..65535. The message names it.
     */
    public static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(
                    "Invalid port " + port + ": expected a port from 1 to 65535");
        }
    }

    /** Returns the port the server listens on. */
    public int port() {
        return port;
    }

    /** Returns the address of {@code path} on this server, such as {@code /train}. */
    public String url(String path) {
        return "http://" + HOST + ":" + port + path;
    }

    /** Shows the sessions of {@code storage} in the UI, including those recorded later. */
    public void attach(StatsStorage storage) {
        server.attach(storage);
    }

    /** Removes {@code storage} from the UI. Call it before the storage is closed. */
    public void detach(StatsStorage storage) {
        server.detach(storage);
    }

    /** Stops the server and waits until the port is free. */
    @Override
    public synchronized void close() {
        if (server.isStopped()) {
            return;
        }
        stopQuietly();
        log.info("DL4J UI server on port {} stopped", port);
    }

    /** Stops the JVM's DL4J UI server, if any. A failure is logged and not thrown. */
    private static void stopQuietly() {
        try {
            VertxUIServer.stopInstance();
        } catch (Exception e) {
            log.warn("Failed to stop the DL4J UI server", e);
        }
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /**
     * DL4J's UI server verticle with its HTTP server on {@value #HOST}:{@code port} (see {@link
     * LoopbackBinding}). Its constructor registers it as the JVM's UI server instance, which is
     * what the UI modules and {@code UIServer.getInstance()} return.
     */
    private static final class LoopbackUiVerticle extends VertxUIServer {

        private final int port;

        LoopbackUiVerticle(int port) {
            this.port = port;
        }

        @Override
        public void start(Promise<Void> startPromise) throws Exception {
            Vertx shared = vertx;
            vertx = LoopbackBinding.vertx(shared, HOST, port);
            try {
                super.start(startPromise);
            } finally {
                vertx = shared;
            }
        }
    }
}
