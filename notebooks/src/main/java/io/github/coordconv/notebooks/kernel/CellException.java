package io.github.coordconv.notebooks.kernel;

import java.util.List;

/**
 * Failure of a notebook cell. Jupyter shows {@link #errorName()} and {@link #errorValue()} as the
 * error's {@code ename} and {@code evalue}, and {@link #traceback()} below them.
 */
public abstract sealed class CellException extends RuntimeException
        permits CellCompilationException, CellEvaluationException, CellInterruptedException {

    private final List<String> traceback;

    CellException(String message, List<String> traceback) {
        super(message);
        this.traceback = List.copyOf(traceback);
    }

    /** Returns the error's {@code ename}, by default the simple name of this class. */
    public String errorName() {
        return getClass().getSimpleName();
    }

    /** Returns the error's {@code evalue}, by default the message. */
    public String errorValue() {
        return getMessage();
    }

    /** Lines of the error report, without line terminators. */
    public List<String> traceback() {
        return traceback;
    }
}
