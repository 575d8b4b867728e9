package io.github.coordconv.examples.ui;

/** Thrown when the DL4J UI server cannot listen because another program listens on its port. */
public final class PortInUseException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final int port;

    PortInUseException(int port, Throwable cause) {
        super(
                "Port "
                        + port
                        + " on "
                        + UiServer.HOST
                        + " is already in use, so the DL4J UI server cannot start",
                cause);
        this.port = port;
    }

    /** Returns the port that was in use. */
    public int port() {
        return port;
    }
}
