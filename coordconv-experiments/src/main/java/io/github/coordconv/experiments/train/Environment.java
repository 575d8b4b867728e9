package io.github.coordconv.experiments.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Software and machine a run ran on, written into every {@code spec.json} so a reader can judge and
 * repeat the numbers. Reading ignores fields it does not know, so specs written by other versions
 * of the library load; training replaces the environment anyway.
 *
 * @param dl4jVersion version of {@code deeplearning4j-nn} on the class path, e.g. {@code
 *     1.0.0-M2.1}
 * @param nd4jBackend class name of the ND4J backend, e.g. {@code org.nd4j.linalg.cpu.nativecpu
 *     .CpuBackend}
 * @param javaVersion {@code java.version}
 * @param javaVendor {@code java.vendor}
 * @param os operating system name and version
 * @param arch processor architecture, {@code os.arch}
 * @param cores processors available to the JVM
 * @param maxHeapBytes maximum heap of the JVM in bytes
 * @param ompWaitPolicy the {@code OMP_WAIT_POLICY} environment variable that ND4J's OpenMP threads
 *     follow, null when unset; it changes training speed, not results
 * @param openblasCoreType the {@code OPENBLAS_CORETYPE} environment variable that picks OpenBLAS's
 *     kernels, null when unset; kernels may round matrix products differently
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Environment(
        String dl4jVersion,
        String nd4jBackend,
        String javaVersion,
        String javaVendor,
        String os,
        String arch,
        int cores,
        long maxHeapBytes,
        String ompWaitPolicy,
        String openblasCoreType) {

    private static final String DL4J_POM =
            "/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties";

    /** Returns the environment of this JVM; initialises ND4J if it has not started yet. */
    public static Environment current() {
        return new Environment(
                readDl4jVersion(),
                Nd4j.getBackend().getClass().getName(),
                System.getProperty("java.version"),
                System.getProperty("java.vendor"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory(),
                System.getenv("OMP_WAIT_POLICY"),
                System.getenv("OPENBLAS_CORETYPE"));
    }

    private static String readDl4jVersion() {
        try (InputStream in =
                org.deeplearning4j.nn.graph.ComputationGraph.class.getResourceAsStream(DL4J_POM)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Failed to read " + DL4J_POM + " from the class path", e);
        }
    }
}
