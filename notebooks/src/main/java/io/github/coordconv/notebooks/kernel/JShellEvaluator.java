package io.github.coordconv.notebooks.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Evaluates notebook cells with JShell, in this JVM. Imports, variables, methods and classes
 * persist from one cell to the next, and a cell may contain any number of snippets. Snippets see
 * the classes on the class path given to the constructor and share static state with the rest of
 * the JVM, so {@code System.out} is whatever stream this JVM has installed when the cell runs.
 *
 * <p>A cell fails with a {@link CellException} on the first snippet that does not compile or that
 * throws, and the snippets before it keep their effect. A declaration that refers to something not
 * declared by the end of the cell is a compilation error, so a typo cannot hide in a method that
 * the notebook never calls.
 *
 * <p>Not thread-safe, except {@link #interrupt()}, which another thread may call while {@link
 * #eval(String)} runs.
 */
public final class JShellEvaluator implements AutoCloseable {

    /**
     * The imports of the jshell tool's DEFAULT startup script, which every evaluator starts with.
     */
    public static final List<String> DEFAULT_IMPORTS =
            List.of(
                    "java.io.*",
                    "java.math.*",
                    "java.net.*",
                    "java.nio.file.*",
                    "java.util.*",
                    "java.util.concurrent.*",
                    "java.util.function.*",
                    "java.util.prefs.*",
                    "java.util.regex.*",
                    "java.util.stream.*");

    /** Cell and first line of a snippet, for stack frames of code declared in earlier cells. */
    private record SnippetOrigin(int cell, int line) {}

    private final CellExecutionControl control = new CellExecutionControl();
    private final JShell shell;
    private final Map<String, SnippetOrigin> origins = new HashMap<>();
    private int cellCount;
    private volatile boolean interruptRequested;

    /**
     * Starts JShell and evaluates {@link #DEFAULT_IMPORTS}.
     *
     * @param classPath class path to compile snippets against, in the {@code java.class.path}
     *     format. Classes are loaded from this JVM's class path first.
     * @throws IllegalStateException if JShell cannot start or a default import fails
     */
    public JShellEvaluator(String classPath) {
        shell =
                JShell.builder()
                        .executionEngine(new FixedControlProvider(control), Map.of())
                        .build();
        if (!classPath.isBlank()) {
            shell.addToClasspath(classPath);
        }
        for (String name : DEFAULT_IMPORTS) {
            String source = "import " + name + ";";
            for (SnippetEvent event : shell.eval(source)) {
                if (!event.status().isActive()) {
                    throw new IllegalStateException(
                            "JShell rejected the default import '" + source + "'");
                }
            }
        }
    }

    /**
     * Evaluates the snippets of a cell in order.
     *
     * @return the value of the last snippet if it is an expression (not an assignment), else null
     * @throws CellCompilationException if a snippet does not compile, the cell ends in incomplete
     *     code, or a declaration refers to something that is not declared
     * @throws CellEvaluationException if a snippet throws
     * @throws CellInterruptedException if {@link #interrupt()} was called while the cell ran
     */
    public Object eval(String cell) {
        int cellNumber = ++cellCount;
        interruptRequested = false;
        control.takeStopRequest();
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        List<DeclarationSnippet> declarations = new ArrayList<>();
        Object value = null;
        String remaining = cell;
        while (true) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == Completeness.EMPTY) {
                break;
            }
            // JShell returns the rest of the cell unchanged after a complete snippet, so the
            // length difference is where the snippet starts.
            int offset = Math.max(cell.length() - remaining.length(), 0);
            if (!info.completeness().isComplete()) {
                throw CellErrors.incomplete(cell, offset);
            }
            if (interruptRequested) {
                throw interrupted(cell, offset);
            }
            // JShell numbers the lines of a stack frame from the first line of code, not from
            // the blank lines and comments before it, so the snippet starts there.
            String source = info.source();
            int codeStart = codeStart(source);
            value =
                    evalSnippet(
                            source.substring(codeStart),
                            cell,
                            offset + codeStart,
                            cellNumber,
                            declarations);
            remaining = info.remaining();
        }
        checkResolved(declarations);
        return value;
    }

    /**
     * Stops the running cell: the running snippet is interrupted (and stopped if it ignores the
     * interrupt), and the snippets after it do not run.
     */
    public void interrupt() {
        interruptRequested = true;
        shell.stop();
    }

    /** Returns JShell's source analysis, for completion and documentation requests. */
    SourceCodeAnalysis sourceCodeAnalysis() {
        return shell.sourceCodeAnalysis();
    }

    /** Closes JShell. Threads that cells started keep running. */
    @Override
    public void close() {
        shell.close();
    }

    private Object evalSnippet(
            String source,
            String cell,
            int offset,
            int cellNumber,
            List<DeclarationSnippet> declarations) {
        List<SnippetEvent> events = shell.eval(source);
        try {
            Object value = null;
            for (SnippetEvent event : events) {
                // Events with a cause report updates of earlier snippets that depend on this one.
                if (event.causeSnippet() != null) {
                    continue;
                }
                Snippet snippet = event.snippet();
                origins.put(snippet.id(), new SnippetOrigin(cellNumber, lineOf(cell, offset)));
                if (control.takeStopRequest() || interruptRequested) {
                    throw interrupted(cell, offset);
                }
                if (event.status() == Snippet.Status.REJECTED) {
                    throw CellErrors.compilation(shell.diagnostics(snippet).toList(), cell, offset);
                }
                if (event.exception() != null) {
                    throw failure(event.exception(), cellNumber);
                }
                if (snippet instanceof DeclarationSnippet declaration) {
                    declarations.add(declaration);
                }
                value =
                        isValue(snippet.subKind()) && event.value() != null
                                ? control.takeResult(event.value())
                                : null;
            }
            return value;
        } finally {
            control.clearResults();
        }
    }

    private static boolean isValue(Snippet.SubKind subKind) {
        return subKind == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                || subKind == Snippet.SubKind.VAR_VALUE_SUBKIND
                || subKind == Snippet.SubKind.OTHER_EXPRESSION_SUBKIND;
    }

    private RuntimeException failure(JShellException exception, int cellNumber) {
        if (exception instanceof EvalException evalException) {
            return CellErrors.evaluation(evalException, frame -> location(frame, cellNumber));
        }
        if (exception instanceof UnresolvedReferenceException unresolved) {
            return CellErrors.unresolved(List.of(unresolvedMessage(unresolved.getSnippet())));
        }
        return new CellEvaluationException(
                exception.getClass().getName(),
                exception.getMessage(),
                List.of(exception.toString()));
    }

    private void checkResolved(List<DeclarationSnippet> declarations) {
        List<String> problems = new ArrayList<>();
        for (DeclarationSnippet declaration : declarations) {
            Snippet.Status status = shell.status(declaration);
            if (status == Snippet.Status.RECOVERABLE_DEFINED
                    || status == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                problems.add(unresolvedMessage(declaration));
            }
        }
        if (!problems.isEmpty()) {
            throw CellErrors.unresolved(problems);
        }
    }

    private String unresolvedMessage(DeclarationSnippet declaration) {
        List<String> missing = shell.unresolvedDependencies(declaration).toList();
        return describe(declaration)
                + " refers to "
                + String.join(", ", missing)
                + ", which is not declared. Declare it in this cell or an earlier one.";
    }

    private static String describe(DeclarationSnippet declaration) {
        return switch (declaration.kind()) {
            case METHOD ->
                    "method "
                            + declaration.name()
                            + "("
                            + ((MethodSnippet) declaration).parameterTypes()
                            + ")";
            case TYPE_DECL -> "type " + declaration.name();
            case VAR -> "variable " + declaration.name();
            default -> declaration.name();
        };
    }

    /** Turns a stack frame of snippet code into its method and place in the notebook. */
    private String location(StackTraceElement frame, int cellNumber) {
        String method = frame.getMethodName();
        String className = frame.getClassName();
        String name = className.isEmpty() ? method : className + "." + method;
        if (name.isEmpty()) {
            name = "<cell code>";
        }
        String snippetId = frame.getFileName().substring(1);
        SnippetOrigin origin = origins.get(snippetId);
        if (origin == null || frame.getLineNumber() < 1) {
            return name + " (snippet " + snippetId + ", line " + frame.getLineNumber() + ")";
        }
        int line = origin.line() + frame.getLineNumber() - 1;
        // The evaluator counts cells as the kernel counts execute requests, so "In [n]" matches
        // the execution count that Jupyter shows next to the cell.
        String cellName = origin.cell() == cellNumber ? "this cell" : "In [" + origin.cell() + "]";
        return name + " (" + cellName + ", line " + line + ")";
    }

    /** Returns the index of the first character after leading whitespace and comments. */
    static int codeStart(String source) {
        int i = 0;
        while (i < source.length()) {
            if (Character.isWhitespace(source.charAt(i))) {
                i++;
            } else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? source.length() : end + 1;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                if (end < 0) {
                    return i;
                }
                i = end + 2;
            } else {
                return i;
            }
        }
        return i;
    }

    private static CellInterruptedException interrupted(String cell, int offset) {
        return new CellInterruptedException(
                "Interrupted at line "
                        + lineOf(cell, offset)
                        + ", so the code after it did not run");
    }

    private static int lineOf(String cell, int offset) {
        return CellErrors.lineOf(cell, offset);
    }

    /** Hands JShell the one execution control of this evaluator. */
    private record FixedControlProvider(ExecutionControl control)
            implements ExecutionControlProvider {

        @Override
        public String name() {
            return "notebook";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return control;
        }
    }
}
