package io.github.coordconv.examples.ui;

import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Views of a Vert.x instance whose HTTP servers listen on one host and port.
 *
 * <p>DL4J 1.0.0-M2.1's {@code VertxUIServer.start} calls {@code vertx.createHttpServer()} and then
 * {@code listen(port, handler)}, which Vert.x 3.9 binds to 0.0.0.0 (all interfaces). The UI has no
 * host setting and no system property for one. The view returned by {@link #vertx} passes every
 * call to the real instance, except that its HTTP servers turn {@code listen(int, Handler)} into
 * {@code listen(port, host, Handler)}.
 *
 * <p>NOTE: this depends on how {@code VertxUIServer.start} of DL4J 1.0.0-M2.1 creates its server. A
 * DL4J version that calls another {@code listen} method would bind all interfaces again, which
 * {@code UiServerTest.listensOnLoopbackOnly} detects.
 */
final class LoopbackBinding {

    private LoopbackBinding() {}

    /** Returns a view of {@code vertx} whose HTTP servers listen on {@code host:port}. */
    static Vertx vertx(Vertx vertx, String host, int port) {
        return proxy(
                vertx,
                (proxy, method, args) -> {
                    if (method.getName().equals("createHttpServer")
                            && method.getParameterCount() == 0) {
                        return httpServer(vertx.createHttpServer(), host, port);
                    }
                    return call(vertx, method, args);
                });
    }

    /**
     * Returns a view of {@code server} that listens on {@code host:port} when asked to listen on a
     * port alone. Fluent calls that return the server return the view, so that a chain such as
     * {@code requestHandler(router).listen(port, handler)} stays on it.
     */
    private static HttpServer httpServer(HttpServer server, String host, int port) {
        return proxy(
                server,
                (proxy, method, args) -> {
                    if (isListenOnPort(method)) {
                        @SuppressWarnings("unchecked")
                        Handler<AsyncResult<HttpServer>> handler =
                                (Handler<AsyncResult<HttpServer>>) args[1];
                        server.listen(port, host, handler);
                        return proxy;
                    }
                    Object result = call(server, method, args);
                    return result == server ? proxy : result;
                });
    }

    private static boolean isListenOnPort(Method method) {
        Class<?>[] types = method.getParameterTypes();
        return method.getName().equals("listen")
                && types.length == 2
                && types[0] == int.class
                && types[1] == Handler.class;
    }

    /** Creates a proxy of {@code target} with every interface its class implements. */
    @SuppressWarnings("unchecked")
    private static <T> T proxy(T target, java.lang.reflect.InvocationHandler handler) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            interfaces.addAll(Set.of(type.getInterfaces()));
        }
        return (T)
                Proxy.newProxyInstance(
                        target.getClass().getClassLoader(),
                        interfaces.toArray(new Class<?>[0]),
                        handler);
    }

    /** Invokes {@code method} on {@code target} and rethrows what the method itself threw. */
    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
