package io.github.coordconv.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Environment variables that change the training speed of ND4J's CPU backend, and the hints that
 * the first layer of this module created in a JVM logs when they are missing.
 *
 * <p>Both must be set before the JVM starts: the OpenMP runtime and OpenBLAS read them when ND4J
 * loads its native libraries.
 */
final class CpuSettings {

    private static final Logger log = LoggerFactory.getLogger(CpuSettings.class);

    /** Environment variable of the OpenMP runtime that ND4J's CPU backend uses. */
    static final String WAIT_POLICY = "OMP_WAIT_POLICY";

    /** Environment variable that makes OpenBLAS use the kernels of the named processor. */
    static final String CORE_TYPE = "OPENBLAS_CORETYPE";

    /** AVX-512 subsets that OpenBLAS's SkylakeX kernels use. */
    static final Set<String> AVX512_FLAGS = Set.of("avx512f", "avx512bw", "avx512dq", "avx512vl");

    private static final Pattern FLAGS_LINE =
            Pattern.compile("^flags\\s*:(.*)$", Pattern.MULTILINE);

    private static final AtomicBoolean checked = new AtomicBoolean();

    private CpuSettings() {}

    /** Logs the hints once per JVM, and only on ND4J's CPU backend. */
    static void logHintsOnce() {
        if (!checked.compareAndSet(false, true) || !Nd4j.getEnvironment().isCPU()) {
            return;
        }
        for (String hint : hints(System.getenv(), readCpuInfo())) {
            log.info(hint);
        }
    }

    /**
     * Returns a hint for each missing setting.
     *
     * @param environment the environment variables of the JVM
     * @param cpuInfo the text of {@code /proc/cpuinfo}, empty where there is none
     */
    static List<String> hints(Map<String, String> environment, String cpuInfo) {
        List<String> hints = new ArrayList<>();
        if (isMissing(environment.get(WAIT_POLICY))) {
            hints.add(
                    WAIT_POLICY
                            + " is not set. Starting Java with "
                            + WAIT_POLICY
                            + "=PASSIVE lets idle OpenMP threads sleep instead of spinning; that"
                            + " made training of the CoordConv classifier 1.4 to 1.9 times faster"
                            + " on a 2-core machine.");
        }
        if (isMissing(environment.get(CORE_TYPE)) && hasAvx512(cpuInfo)) {
            hints.add(
                    CORE_TYPE
                            + " is not set and this processor has AVX-512. On an AMD EPYC with"
                            + " AVX-512, the OpenBLAS 0.3.19 of ND4J 1.0.0-M2.1 did not recognise"
                            + " the processor and chose its Barcelona kernels, without AVX."
                            + " Starting Java with "
                            + CORE_TYPE
                            + "=SkylakeX selects its AVX-512 kernels; that made training of the"
                            + " CoordConv classifier 1.4 to 1.8 times faster there. Java started"
                            + " with OPENBLAS_VERBOSE=2 prints the kernels OpenBLAS chose.");
        }
        return hints;
    }

    /** Returns whether a variable is unset, empty or blank. */
    private static boolean isMissing(String value) {
        return value == null || value.isBlank();
    }

    /** Returns whether the first processor listed in the cpuinfo text has every AVX-512 flag. */
    static boolean hasAvx512(String cpuInfo) {
        Matcher matcher = FLAGS_LINE.matcher(cpuInfo);
        if (!matcher.find()) {
            return false;
        }
        Set<String> flags = new HashSet<>(Arrays.asList(matcher.group(1).trim().split("\\s+")));
        return flags.containsAll(AVX512_FLAGS);
    }

    private static String readCpuInfo() {
        Path path = Path.of("/proc/cpuinfo");
        try {
            return Files.isReadable(path) ? Files.readString(path) : "";
        } catch (IOException e) {
            log.debug(
                    "Failed to read {}, so the {} hint is skipped: {}",
                    path,
                    CORE_TYPE,
                    e.toString());
            return "";
        }
    }
}
