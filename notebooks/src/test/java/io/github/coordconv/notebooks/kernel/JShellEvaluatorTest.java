package io.github.coordconv.notebooks.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JShellEvaluatorTest {

    private JShellEvaluator evaluator;

    @BeforeEach
    void startEvaluator() {
        evaluator = new JShellEvaluator(System.getProperty("java.class.path"));
    }

    @AfterEach
    void closeEvaluator() {
        evaluator.close();
    }

    @Test
    void declarationsPersistAcrossCells() {
        evaluator.eval("int x = 41;");
        evaluator.eval("int next(int v) { return v + 1; }\nclass Box { int value = next(x); }");

        assertThat(evaluator.eval("new Box().value")).isEqualTo(42);
    }

    @Test
    void importsPersistAcrossCells() {
        evaluator.eval("import java.awt.image.BufferedImage;");

        Object image = evaluator.eval("new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB)");

        assertThat(image).isInstanceOf(java.awt.image.BufferedImage.class);
    }

    @Test
    void defaultImportsAreAvailable() {
        assertThat(evaluator.eval("new ArrayList<>(List.of(1, 2)).size()")).isEqualTo(2);
    }

    @Test
    void lastExpressionValueIsReturned() {
        Object value = evaluator.eval("int a = 6;\nint b = 7;\n// the product\na * b\n");

        assertThat(value).isEqualTo(42);
    }

    @Test
    void valueIsTheObjectItself() {
        evaluator.eval("StringBuilder text = new StringBuilder(\"ab\");");

        Object value = evaluator.eval("text");

        assertThat(value).isInstanceOf(StringBuilder.class);
        assertThat(value.toString()).isEqualTo("ab");
    }

    @Test
    void statementsAndDeclarationsHaveNoValue() {
        assertThat(evaluator.eval("int c = 1;")).isNull();
        assertThat(evaluator.eval("c = 2")).isNull();
        assertThat(evaluator.eval("if (c > 0) { c++; }")).isNull();
        assertThat(evaluator.eval("void m() {}")).isNull();
        assertThat(evaluator.eval("")).isNull();
    }

    @Test
    void outputGoesToSystemStreams() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            evaluator.eval("System.out.println(\"hello\");\nSystem.err.print(\"warning\");");
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("hello" + System.lineSeparator());
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("warning");
    }

    @Test
    void compileErrorNamesLine() {
        CellCompilationException error =
                catchThrowableOfType(
                        () -> evaluator.eval("int a = 1;\nString s = a;"),
                        CellCompilationException.class);

        assertThat(error).hasMessageStartingWith("line 2: incompatible types");
        assertThat(error.traceback()).contains("    String s = a;", "               ^");
    }

    @Test
    void undefinedSymbolIsCompileError() {
        assertThatThrownBy(() -> evaluator.eval("int y = q;"))
                .isInstanceOf(CellCompilationException.class)
                .hasMessageContaining("line 1: cannot find symbol")
                .hasMessageContaining("variable q")
                .hasMessageNotContaining("location: class");
    }

    @Test
    void incompleteCodeIsCompileError() {
        assertThatThrownBy(() -> evaluator.eval("int n = 0;\nfor (int i = 0; i < 3; i++) {"))
                .isInstanceOf(CellCompilationException.class)
                .hasMessageStartingWith("line 2: incomplete code");
    }

    @Test
    void unresolvedReferenceIsCompileError() {
        assertThatThrownBy(() -> evaluator.eval("void f() { g(); }"))
                .isInstanceOf(CellCompilationException.class)
                .hasMessageContaining("method f() refers to method g()");
    }

    @Test
    void forwardReferenceInOneCellResolves() {
        evaluator.eval("int f() { return g(); }\nint g() { return 5; }");

        assertThat(evaluator.eval("f()")).isEqualTo(5);
    }

    @Test
    void runtimeExceptionIsReported() {
        evaluator.eval("void fail() {\n    throw new IllegalStateException(\"boom\");\n}");

        CellEvaluationException error =
                catchThrowableOfType(
                        () -> evaluator.eval("int before = 1;\nfail();"),
                        CellEvaluationException.class);

        assertThat(error).hasMessage("java.lang.IllegalStateException: boom");
        assertThat(error.exceptionClassName()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.traceback().get(0)).isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(error.traceback()).contains("    at fail (In [1], line 2)");
        assertThat(error.traceback()).contains("    at <cell code> (this cell, line 2)");
        assertThat(error.traceback()).noneMatch(line -> line.contains("CellExecutionControl"));
    }

    @Test
    void causeIsReported() {
        CellEvaluationException error =
                catchThrowableOfType(
                        () ->
                                evaluator.eval(
                                        "throw new RuntimeException(\"outer\","
                                                + " new java.io.IOException(\"inner\"));"),
                        CellEvaluationException.class);

        assertThat(error.traceback()).contains("Caused by: java.io.IOException: inner");
    }

    @Test
    void snippetsBeforeFailureKeepEffect() {
        assertThatThrownBy(() -> evaluator.eval("int kept = 5;\nint zero = 1 / 0;\nint lost = 6;"))
                .isInstanceOf(CellEvaluationException.class)
                .hasMessage("java.lang.ArithmeticException: / by zero");

        assertThat(evaluator.eval("kept")).isEqualTo(5);
        assertThatThrownBy(() -> evaluator.eval("lost"))
                .isInstanceOf(CellCompilationException.class);
    }

    @Test
    void interruptStopsSleepingCell() throws Exception {
        CompletableFuture<Object> cell =
                CompletableFuture.supplyAsync(
                        () -> evaluator.eval("while (true) { Thread.sleep(10); }"));
        Thread.sleep(500);

        evaluator.interrupt();

        ExecutionException failure =
                catchThrowableOfType(
                        () -> cell.get(10, TimeUnit.SECONDS), ExecutionException.class);
        assertThat(failure).hasCauseInstanceOf(CellInterruptedException.class);
        assertThat(evaluator.eval("1 + 1")).isEqualTo(2);
    }

    @Test
    void interruptStopsBusyCell() throws Exception {
        CompletableFuture<Object> cell =
                CompletableFuture.supplyAsync(
                        () -> evaluator.eval("long n = 0;\nwhile (true) { n++; }"));
        Thread.sleep(500);

        evaluator.interrupt();

        ExecutionException failure =
                catchThrowableOfType(
                        () -> cell.get(10, TimeUnit.SECONDS), ExecutionException.class);
        assertThat(failure).hasCauseInstanceOf(CellInterruptedException.class);
        assertThat(failure.getCause()).hasMessageStartingWith("Interrupted at line 2");
    }
}
