package io.github.coordconv.notebooks.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jshell.execution.DirectExecutionControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JShell execution engine that runs snippets in this JVM, each on a new thread, and keeps each
 * snippet's value as an object so that the kernel can render it. JShell itself passes on only the
 * value's string form.
 *
 * <p>JShell's own {@code LocalExecutionControl} waits for every thread that a snippet starts, and
 * ND4J starts worker threads that never end, so this class waits for the snippet's thread only.
 *
 * <p>{@link #invoke(Method)} and {@link #takeResult(String)} run on the thread that calls {@code
 * JShell.eval}; {@link #stop()} runs on another thread.
 */
final class CellExecutionControl extends DirectExecutionControl {

    private static final Logger LOG = LoggerFactory.getLogger(CellExecutionControl.class);

    /** Time a snippet gets to react to {@link Thread#interrupt()} before it is stopped. */
    private static final long INTERRUPT_GRACE_MILLIS = 2_000;

    private final AtomicLong invocationCount = new AtomicLong();
    private final Map<String, Object> results = new HashMap<>();

    /** Guards {@link #snippetThread} and {@link #stopRequested} between start and stop. */
    private final Object lock = new Object();

    private Thread snippetThread;
    private boolean stopRequested;

    /**
     * Runs the snippet on a new thread and waits for it. Returns a key for {@link
     * #takeResult(String)} in place of the value's string form; JShell reports the key as the
     * snippet's value.
     */
    @Override
    protected String invoke(Method doitMethod) throws Exception {
        long invocation = invocationCount.incrementAndGet();
        FutureTask<Object> task = new FutureTask<>(() -> doitMethod.invoke(null));
        Thread thread = new Thread(task, "notebook-snippet-" + invocation);
        thread.setDaemon(true);
        thread.setContextClassLoader(doitMethod.getDeclaringClass().getClassLoader());
        synchronized (lock) {
            if (stopRequested) {
                throw new StoppedException();
            }
            snippetThread = thread;
            thread.start();
        }
        Object value;
        try {
            value = task.get();
        } catch (ExecutionException e) {
            // Method.invoke wraps the snippet's exception in an InvocationTargetException, which
            // DirectExecutionControl turns into the exception that JShell reports.
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw new InvocationTargetException(cause);
        } finally {
            synchronized (lock) {
                snippetThread = null;
            }
        }
        String key = "snippet-value-" + invocation;
        results.put(key, value);
        return key;
    }

    /**
     * Removes and returns the value stored under {@code key}.
     *
     * @throws IllegalStateException if no value is stored under {@code key}
     */
    Object takeResult(String key) {
        if (!results.containsKey(key)) {
            throw new IllegalStateException("No snippet value is stored under key " + key);
        }
        return results.remove(key);
    }

    /** Removes the values not taken, so that they can be garbage-collected. */
    void clearResults() {
        results.clear();
    }

    /**
     * Returns whether {@link #stop()} was called since the last call, and resets it. While it is
     * set, no snippet starts.
     */
    boolean takeStopRequest() {
        synchronized (lock) {
            boolean requested = stopRequested;
            stopRequested = false;
            return requested;
        }
    }

    /**
     * Interrupts the running snippet, if any, and stops its thread with {@link Thread#stop()} if it
     * is still running after {@value #INTERRUPT_GRACE_MILLIS} ms. Snippets that would start later
     * do not start until {@link #takeStopRequest()} resets the request.
     */
    @Override
    public void stop() {
        Thread thread;
        synchronized (lock) {
            stopRequested = true;
            thread = snippetThread;
        }
        if (thread == null) {
            return;
        }
        LOG.debug("Interrupting {}", thread.getName());
        thread.interrupt();
        try {
            thread.join(INTERRUPT_GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (thread.isAlive()) {
            forceStop(thread);
        }
    }

    // Thread.stop() is what JShell's LocalExecutionControl uses too. It works on Java 17 to 19;
    // later versions throw UnsupportedOperationException, and then only a kernel restart helps.
    @SuppressWarnings({"deprecation", "removal"})
    private static void forceStop(Thread thread) {
        LOG.warn(
                "{} ignored the interrupt for {} ms, so it is stopped",
                thread.getName(),
                INTERRUPT_GRACE_MILLIS);
        try {
            thread.stop();
        } catch (UnsupportedOperationException e) {
            LOG.warn(
                    "Cannot stop {} on Java {}: restart the kernel to end it",
                    thread.getName(),
                    Runtime.version().feature());
        }
    }
}
