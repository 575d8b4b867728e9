package io.github.coordconv.examples.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UiServerTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** Returns a port that no program listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, LOOPBACK)) {
            return socket.getLocalPort();
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        HttpClient client =
                HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build();
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(LOOPBACK, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void servesTrainAndArbiterPages() throws Exception {
        int port = freePort();

        try (UiServer server = UiServer.start(port)) {
            assertThat(server.url(UiServer.TRAIN_PAGE))
                    .isEqualTo("http://127.0.0.1:" + port + "/train");

            HttpResponse<String> train = get(server.url(UiServer.TRAIN_PAGE));
            assertThat(train.statusCode()).isEqualTo(200);
            assertThat(train.body()).containsIgnoringCase("<html");

            HttpResponse<String> arbiter = get(server.url(UiServer.ARBITER_PAGE));
            assertThat(arbiter.statusCode()).isEqualTo(200);
            assertThat(arbiter.body()).containsIgnoringCase("<html");
            assertThat(canBind(port)).as("port %d held while the server runs", port).isFalse();
        }

        assertThat(canBind(port)).as("port %d freed after close", port).isTrue();
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        Optional<InetAddress> external = externalAddress();
        assumeTrue(external.isPresent(), "no non-loopback IPv4 address on this machine");
        int port = freePort();

        try (UiServer server = UiServer.start(port)) {
            try (Socket loopback = new Socket()) {
                loopback.connect(new InetSocketAddress(LOOPBACK, port), 5000);
                assertThat(loopback.isConnected()).isTrue();
            }
            assertThatThrownBy(
                            () -> {
                                try (Socket other = new Socket()) {
                                    other.connect(
                                            new InetSocketAddress(external.get(), port), 5000);
                                }
                            })
                    .as("connection to %s:%d", external.get().getHostAddress(), port)
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void portInUseRejectedAndPortKept() throws Exception {
        try (ServerSocket holder = new ServerSocket()) {
            holder.bind(new InetSocketAddress(LOOPBACK, 0));
            int port = holder.getLocalPort();

            assertThatThrownBy(() -> UiServer.start(port))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("Port " + port)
                    .hasMessageContaining("already in use");

            assertThat(holder.isBound()).isTrue();
            assertThat(holder.isClosed()).isFalse();
        }

        int next = freePort();
        try (UiServer server = UiServer.start(next)) {
            assertThat(get(server.url(UiServer.TRAIN_PAGE)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void secondServerRejected() throws Exception {
        try (UiServer server = UiServer.start(freePort())) {
            int other = freePort();
            assertThatThrownBy(() -> UiServer.start(other))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already runs")
                    .hasMessageContaining(String.valueOf(server.port()));
        }
    }

    @Test
    void invalidPortsRejected() {
        for (int port : new int[] {0, -1, 65536}) {
            assertThatThrownBy(() -> UiServer.start(port))
                    .as("port %d", port)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(String.valueOf(port))
                    .hasMessageContaining("1 to 65535");
        }
    }

    /** Returns an IPv4 address of an interface that is up and not the loopback interface. */
    private static Optional<InetAddress> externalAddress() throws IOException {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!network.isUp() || network.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(network.getInetAddresses())) {
                if (address instanceof Inet4Address) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }
}
