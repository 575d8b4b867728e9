package io.github.coordconv.notebooks.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShellException;

/** Builds the cell exceptions, with line numbers that count from the first line of the cell. */
final class CellErrors {

    private CellErrors() {}

    /** Builds the exception for the compilation errors of the snippet at {@code offset}. */
    static CellCompilationException compilation(List<Diag> diagnostics, String cell, int offset) {
        List<String> traceback = new ArrayList<>();
        String message = null;
        for (Diag diagnostic : diagnostics) {
            if (!diagnostic.isError()) {
                continue;
            }
            long position = diagnostic.getPosition();
            if (position == Diag.NOPOS) {
                position = Math.max(diagnostic.getStartPosition(), 0);
            }
            int cellOffset = Math.min(offset + (int) position, cell.length());
            String error = "line " + lineOf(cell, cellOffset) + ": " + text(diagnostic);
            if (message == null) {
                message = error;
            }
            traceback.addAll(error.lines().toList());
            traceback.addAll(sourceWithCaret(cell, cellOffset));
        }
        if (message == null) {
            message =
                    "line " + lineOf(cell, offset) + ": JShell rejected the code without a message";
            traceback.add(message);
        }
        return new CellCompilationException(message, traceback);
    }

    /** Builds the exception for incomplete code from {@code offset} to the end of the cell. */
    static CellCompilationException incomplete(String cell, int offset) {
        int start = offset;
        while (start < cell.length() && Character.isWhitespace(cell.charAt(start))) {
            start++;
        }
        String message =
                "line "
                        + lineOf(cell, start)
                        + ": incomplete code at the end of the cell (a statement, block or"
                        + " declaration is not closed)";
        List<String> traceback = new ArrayList<>();
        traceback.add(message);
        traceback.addAll(sourceWithCaret(cell, start));
        return new CellCompilationException(message, traceback);
    }

    /** Builds the exception for references to undeclared names, one problem per line. */
    static CellCompilationException unresolved(List<String> problems) {
        String message = String.join("\n", problems);
        return new CellCompilationException(message, problems);
    }

    /**
     * Builds the exception for what the cell's code threw, with its causes.
     *
     * @param frameLocation turns a stack frame of a snippet into the place it has in the notebook
     */
    static CellEvaluationException evaluation(
            EvalException exception, Function<StackTraceElement, String> frameLocation) {
        String title = title(exception.getExceptionClassName(), exception.getMessage());
        List<String> traceback = new ArrayList<>();
        traceback.add(title);
        addFrames(traceback, exception, frameLocation);
        JShellException cause = exception.getCause();
        while (cause != null) {
            String causeClass =
                    cause instanceof EvalException evalCause
                            ? evalCause.getExceptionClassName()
                            : cause.getClass().getName();
            traceback.add("Caused by: " + title(causeClass, cause.getMessage()));
            addFrames(traceback, cause, frameLocation);
            cause = cause.getCause() instanceof JShellException next ? next : null;
        }
        return new CellEvaluationException(
                exception.getExceptionClassName(), exception.getMessage(), traceback);
    }

    /** Returns whether the frame belongs to code that JShell compiled from a snippet. */
    static boolean isSnippetFrame(StackTraceElement frame) {
        String file = frame.getFileName();
        return file != null && file.startsWith("#");
    }

    /** Returns the 1-based line of {@code offset} in {@code text}. */
    static int lineOf(String text, int offset) {
        int line = 1;
        int end = Math.min(offset, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String title(String className, String message) {
        return message == null || message.isEmpty() ? className : className + ": " + message;
    }

    /**
     * Adds the frames down to the last snippet frame. The frames below it are this kernel's
     * reflection and threading code.
     */
    private static void addFrames(
            List<String> traceback,
            Throwable exception,
            Function<StackTraceElement, String> frameLocation) {
        StackTraceElement[] frames = exception.getStackTrace();
        int end = frames.length;
        for (int i = frames.length - 1; i >= 0; i--) {
            if (isSnippetFrame(frames[i])) {
                end = i + 1;
                break;
            }
        }
        for (int i = 0; i < end; i++) {
            StackTraceElement frame = frames[i];
            traceback.add(
                    "    at "
                            + (isSnippetFrame(frame)
                                    ? frameLocation.apply(frame)
                                    : frame.toString()));
        }
    }

    /**
     * Returns the diagnostic's message without JShell's {@code location: class} line, which names
     * JShell's generated wrapper class and is empty.
     */
    private static String text(Diag diagnostic) {
        String message = Objects.toString(diagnostic.getMessage(Locale.ROOT), "");
        List<String> lines = new ArrayList<>();
        for (String line : message.lines().toList()) {
            if (!line.strip().equals("location: class")) {
                lines.add(line);
            }
        }
        return String.join("\n", lines);
    }

    /** Returns the source line that contains {@code offset} and a line with a caret under it. */
    private static List<String> sourceWithCaret(String cell, int offset) {
        int lineStart = offset == 0 ? 0 : cell.lastIndexOf('\n', offset - 1) + 1;
        int lineEnd = cell.indexOf('\n', lineStart);
        if (lineEnd < 0) {
            lineEnd = cell.length();
        }
        String line = cell.substring(lineStart, lineEnd);
        StringBuilder caret = new StringBuilder("    ");
        for (int i = lineStart; i < Math.min(offset, lineEnd); i++) {
            caret.append(cell.charAt(i) == '\t' ? '\t' : ' ');
        }
        caret.append('^');
        return List.of("    " + line, caret.toString());
    }
}
