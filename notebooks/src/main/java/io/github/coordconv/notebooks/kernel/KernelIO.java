package io.github.coordconv.notebooks.kernel;

import java.nio.charset.StandardCharsets;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.JupyterIO;

/**
 * The kernel's {@code stdout}, {@code stderr}, {@code stdin} and display streams. jjava-jupyter
 * 1.0-a6 lets only its own package attach them to a request, so this subclass lets {@link
 * CoordConvKernel} do it in its own execute handler.
 */
final class KernelIO extends JupyterIO {

    KernelIO() {
        super(StandardCharsets.UTF_8);
    }

    /** Sends what the streams receive to the front end of this request until {@link #detach}. */
    void attach(ShellReplyEnvironment env, boolean stdinEnabled) {
        setEnv(env);
        setJupyterInEnabled(stdinEnabled);
    }

    /** Stops sending to the front end of this request. */
    void detach(ShellReplyEnvironment env) {
        retractEnv(env);
    }
}
