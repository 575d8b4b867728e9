package io.github.coordconv.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the Java program in README.md that follows the {@code <!-- snippet: QuickStart -->}
 * marker against this module's test class path, and runs it.
 */
class ReadmeSnippetTest {

    private static final Pattern SNIPPET =
            Pattern.compile("<!-- snippet: QuickStart -->\\s*```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void quickStartCompilesAndRuns(@TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        Matcher matcher = SNIPPET.matcher(readme);
        assertThat(matcher.find()).as("README.md contains the QuickStart snippet").isTrue();
        Path source = dir.resolve("QuickStart.java");
        Files.writeString(source, matcher.group(1), StandardCharsets.UTF_8);

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream compilerOutput = new ByteArrayOutputStream();
        int status =
                compiler.run(
                        null,
                        compilerOutput,
                        compilerOutput,
                        "-classpath",
                        testClassPath(),
                        "-d",
                        dir.toString(),
                        source.toString());
        assertThat(status)
                .as("javac status; output:%n%s", compilerOutput.toString(StandardCharsets.UTF_8))
                .isZero();

        String printed = runMain(dir);

        assertThat(printed).contains("coordconv-addcoords").contains("coordconv");
    }

    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank()
                ? surefire
                : System.getProperty("java.class.path");
    }

    private static String runMain(Path classes) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader =
                new URLClassLoader(
                        new URL[] {classes.toUri().toURL()},
                        ReadmeSnippetTest.class.getClassLoader())) {
            Method main = loader.loadClass("QuickStart").getMethod("main", String[].class);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }
}
