package io.github.coordconv.notebooks.kernel;

import java.util.List;

/** The code of a cell threw an exception. The message starts with that exception's class name. */
public final class CellEvaluationException extends CellException {

    private final String exceptionClassName;
    private final String exceptionMessage;

    CellEvaluationException(
            String exceptionClassName, String exceptionMessage, List<String> traceback) {
        super(
                exceptionMessage == null || exceptionMessage.isEmpty()
                        ? exceptionClassName
                        : exceptionClassName + ": " + exceptionMessage,
                traceback);
        this.exceptionClassName = exceptionClassName;
        this.exceptionMessage = exceptionMessage == null ? "" : exceptionMessage;
    }

    /** Returns the class name of the cell's exception, as a Java stack trace starts. */
    @Override
    public String errorName() {
        return exceptionClassName;
    }

    /** Returns the message of the cell's exception, or an empty string if it has none. */
    @Override
    public String errorValue() {
        return exceptionMessage;
    }

    /** Fully qualified class name of the exception that the cell's code threw. */
    public String exceptionClassName() {
        return exceptionClassName;
    }
}
